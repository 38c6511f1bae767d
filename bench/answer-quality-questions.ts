/**
 * The handbook part of the answer-quality set (bench/answer-quality.ts): questions written for this
 * project, in our own words, each with the facts an answer must hold (case-insensitive patterns) and
 * the page that holds them. No handbook text is copied here; the bench reads the handbooks from
 * ../shared/datasets at run time.
 *
 * `specific`: the other handbook cannot answer it either, so it is also asked there as a question
 * the documents do not cover. A topic both handbooks treat (parental leave, time off, Slack
 * retention…) is `specific: false` and only asked where it was written for.
 */
export type Handbook = "18f" | "sourcegraph";

export interface HandbookQuestion {
  handbook: Handbook;
  question: string;
  /** Page path inside the handbook's folder (18f: pages/, sourcegraph: content/). */
  page: string;
  /** Each must match the answer (regular expressions, case-insensitive). */
  facts: string[];
  specific: boolean;
}

const sourcegraph = (question: string, page: string, facts: string[], specific = true): HandbookQuestion => ({
  handbook: "sourcegraph",
  question,
  page,
  facts,
  specific,
});
const tts = (question: string, page: string, facts: string[], specific = true): HandbookQuestion => ({
  handbook: "18f",
  question,
  page,
  facts,
  specific,
});

const perks = "benefits-pay-perks/benefits-perks";
const pay = "benefits-pay-perks/pay-expenses";

export const handbookQuestions: HandbookQuestion[] = [
  sourcegraph(
    "How many weeks of paid parental leave can I take?",
    `${perks}/parental-leave.md`,
    ["16 weeks|sixteen weeks"],
    false,
  ),
  sourcegraph(
    "How long do I need to have worked here before I can take parental leave?",
    `${perks}/parental-leave.md`,
    ["day 1|day one|no minimum tenure"],
    false,
  ),
  sourcegraph("How do my stock options vest?", `${pay}/compensation/equity-faq.md`, [
    "four years|4 years",
    "cliff",
  ]),
  sourcegraph("Where can I see my option grants and equity plan?", `${pay}/compensation/equity-faq.md`, [
    "Carta",
  ]),
  sourcegraph(
    "I joined after May 2021: how long do I have to exercise my vested options?",
    `${pay}/compensation/equity-faq.md`,
    // The page writes "ten (10) years".
    ["10 years|ten (?:\\(10\\) )?years"],
  ),
  sourcegraph(
    "How soon after an early exercise must I file the 83(b) election?",
    `${pay}/compensation/equity-faq.md`,
    ["thirty|30 days"],
  ),
  sourcegraph(
    "How many days of paid time off are we encouraged to take each year?",
    `${perks}/time-off/index.md`,
    ["30 days|thirty days"],
    false,
  ),
  sourcegraph(
    "How far ahead should I tell my manager about upcoming time off?",
    `${perks}/time-off/index.md`,
    ["5 business days|five business days"],
    false,
  ),
  sourcegraph(
    "Past how many business days in a 30-day period does PTO need extra approval?",
    `${perks}/time-off/index.md`,
    ["10 business days|ten business days"],
  ),
  sourcegraph("Which tool do I record my PTO in?", `${perks}/time-off/index.md`, ["Deel"], false),
  sourcegraph("What is the desk setup budget for a new teammate?", `${perks}/spending-company-money.md`, [
    "2,000|2000",
  ]),
  sourcegraph(
    "How much can a new Design team member spend on their desk setup?",
    `${perks}/spending-company-money.md`,
    ["2,650|2650"],
  ),
  sourcegraph(
    "Above what price does a physical item I buy become company property?",
    `${perks}/spending-company-money.md`,
    ["1,000|1000"],
  ),
  sourcegraph(
    "Within how many days of a purchase should I file the expense report?",
    `${perks}/spending-company-money.md`,
    ["60 days|sixty days"],
    false,
  ),
  // The 18F handbook covers travel reimbursements (Concur) and their receipts: not specific.
  sourcegraph(
    "Where are expense reimbursement requests processed?",
    `${pay}/expenses/index.md`,
    ["Airbase"],
    false,
  ),
  sourcegraph(
    "Above what amount do reimbursement requests need itemized receipts?",
    `${pay}/expenses/index.md`,
    ["\\$ ?25\\b"],
    false,
  ),
  sourcegraph("How much is the monthly internet stipend?", `${pay}/expenses/index.md`, ["\\$ ?50\\b"]),
  sourcegraph("What is the yearly team travel budget per teammate?", `${perks}/travel/index.md`, [
    "1,850|1850",
  ]),
  sourcegraph("When do the travel budgets renew each year?", `${perks}/travel/index.md`, [
    "February 1|1st of February|Feb(ruary)? 1st",
  ]),
  sourcegraph(
    "How many weeks of paid medical leave of absence are there?",
    `${perks}/leave-of-absence.md`,
    ["4 weeks|four weeks"],
    false,
  ),
  sourcegraph(
    "How long are Slack direct messages kept?",
    "company-info-and-process/communication/team_chat.md",
    ["18 months|eighteen months"],
    false,
  ),
  sourcegraph(
    "How long are messages in the support and trial channels retained?",
    "company-info-and-process/communication/team_chat.md",
    ["5 years|five years"],
  ),
  sourcegraph("What birthday gift does the People team send?", `${perks}/celebrate.md`, [
    "\\$ ?50|Loop ?& ?Tie|Loop and Tie",
  ]),
  sourcegraph(
    "How long do US new hires have to enroll in health insurance, and where?",
    `${perks}/benefits.md`,
    ["30 days|thirty days", "Rippling"],
  ),
  sourcegraph(
    "Is International Workers' Day a company holiday, and when is it observed?",
    "company-info-and-process/working-at-sourcegraph/holidays.md",
    ["May 1"],
  ),
  sourcegraph(
    "Which mental health apps can I get reimbursed for?",
    `${perks}/mental-health/modern-health.md`,
    ["Calm|Headspace|Sanvello|Happify"],
  ),

  tts(
    "How many weeks of paid parental leave do I get?",
    "travel-and-leave/paid-parental-leave.md",
    ["12 weeks|twelve weeks"],
    false,
  ),
  tts(
    "After paid parental leave, how long do I agree to keep working?",
    "travel-and-leave/paid-parental-leave.md",
    ["12 weeks|twelve weeks"],
  ),
  tts(
    "How many weeks of unpaid FMLA leave can I take to care for an ill servicemember?",
    "travel-and-leave/fmla.md",
    ["26 weeks|twenty-six weeks"],
  ),
  tts("How much federal service do I need before I can use FMLA?", "travel-and-leave/fmla.md", [
    "one year|1 year|12 months",
  ]),
  tts(
    "How many hours of annual leave can I carry over into the next leave year?",
    "travel-and-leave/leave.md",
    ["240"],
  ),
  tts(
    "How much annual leave do I earn per pay period with under three years of service?",
    "travel-and-leave/leave.md",
    ["4 hours|four hours"],
  ),
  tts("What is the most award leave I can receive in one fiscal year?", "travel-and-leave/leave.md", [
    "80 hours|eighty hours",
  ]),
  tts(
    "How many hours of work time can I spend on the Employee Assistance Program?",
    "travel-and-leave/leave.md",
    ["4 hours|four hours"],
  ),
  tts("How much advanced sick leave can I ask for?", "travel-and-leave/advanced-sick-leave.md", [
    "240 hours",
  ]),
  tts("How many credit hours can I have accrued at once?", "travel-and-leave/overtime.md", ["\\b24\\b"]),
  tts("Above what salary can I no longer get overtime or comp time?", "travel-and-leave/overtime.md", [
    "191,900|191900",
  ]),
  tts("When does comp time expire?", "travel-and-leave/overtime.md", ["one year|1 year|26 pay periods"]),
  tts("When is my weekly Tock timecard due?", "tools/tock.md", ["Friday"]),
  tts("Which Tock code do I use when I'm out of office for less than three weeks?", "tools/tock.md", ["670"]),
  tts("What do I Tock to when I'm out for three weeks or longer?", "tools/tock.md", ["1810"]),
  tts("On which day of the week are new GSA badges processed?", "getting-started/piv.md", ["Wednesday"]),
  tts("Who do I email to have my PIV badge work in more GSA buildings?", "getting-started/piv.md", [
    "hspd12\\.security@gsa\\.gov",
  ]),
  tts(
    "How quickly must I notify GSA IT of a suspected security incident?",
    "general-information-and-resources/tech-policies/security-incidents.md",
    ["1 hour|one hour"],
    false,
  ),
  tts(
    "Which password manager do we recommend?",
    "general-information-and-resources/tech-policies/password-requirements.md",
    ["KeePassXC"],
    false,
  ),
  tts(
    "Which website do I use to enroll in the transit benefit?",
    "general-information-and-resources/employee-resources-policies/transit-benefit.md",
    ["transitapp\\.ost\\.dot\\.gov"],
  ),
  tts(
    "How long does it take for a travel voucher to be reviewed?",
    "travel-and-leave/travel-and-leave-policies/travel-guide-4-reimbursement.md",
    ["3-5 business days|3 to 5 business days|three to five business days"],
    false,
  ),
  tts(
    "How long do ordered GSA business cards take to arrive?",
    "general-information-and-resources/purchase-requests.md",
    ["7-10 business days|7 to 10 business days"],
  ),
  tts(
    "What negative leave balance do I need to be eligible for the Voluntary Leave Transfer Program?",
    "travel-and-leave/voluntary-leave-transfer-program.md",
    ["24 hours"],
  ),
  tts(
    "How is an 8-year term appointment usually broken into renewals?",
    "hiring-staying-or-changing-jobs/term-extensions.md",
    ["3 ?\\+ ?3 ?\\+ ?2"],
  ),
  tts(
    "How many hours does a full-time employee work in a pay period?",
    "general-information-and-resources/employee-resources-policies/work-schedules.md",
    ["80 hours|eighty hours"],
    // Sourcegraph's pages speak of 40-hour weeks.
    false,
  ),
  tts("How long are Slack messages kept?", "tools/slack/records.md", ["forever"], false),
];

/** Questions neither handbook covers, asked of both. */
export const uncoveredQuestions: string[] = [
  "How do I book the company ski chalet for a weekend?",
  "What is the dress code for the annual winter gala?",
  "What is on the free lunch menu on Tuesdays?",
  "Can I bring my dog to the Lisbon office?",
  "Who looks after the office aquarium?",
  "When is the annual chili cook-off?",
];
