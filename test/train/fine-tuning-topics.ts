// The wiki pages and questions of the fine-tuning end-to-end test (cli/fine-tuning-end-to-end.test.ts).
/** A wiki page: its first sentence is what the stand-in model answers with unless told otherwise. */
export interface Topic {
  file: string;
  title: string;
  body: string;
  question: string;
  /** The operator's correction (the stand-in model answered with the page's first, unhelpful sentence). */
  correction?: string;
}

// Splits are fixed by a hash of each question: these land laptops and alerts in test, on-call and
// bikes in valid, the rest in train (every split non-empty with TRAIN_BATCH_SIZE 1).
export const firstBatch: Topic[] = [
  {
    file: "time-off.md",
    title: "Time off",
    body: "Everyone gets 25 vacation days per year.",
    question: "How many vacation days do I get per year?",
  },
  {
    file: "deploys.md",
    title: "Deploys",
    body: "The platform team keeps this page current.\n\nDeploys are frozen on Fridays after three in the afternoon.",
    question: "When are deploys frozen?",
    correction: "Deploys are frozen on Fridays after three in the afternoon. [1]",
  },
  {
    file: "payroll.md",
    title: "Payroll",
    body: "Payroll questions go to payroll@acme.com by the twentieth of the month.",
    question: "Where do I send payroll questions?",
  },
  {
    file: "laptops.md",
    title: "Laptops",
    body: "The IT team answers hardware questions in the help channel.\n\nNew laptops are ordered through the IT portal under Hardware.",
    question: "Where are new laptops ordered?",
    correction: "New laptops are ordered through the IT portal under Hardware. [1]",
  },
  {
    file: "alerts.md",
    title: "Alerts",
    body: "The alert bot watches every production service.\n\nThe alerts bot posts with the Slack token xoxb-4242424242-QUIETBIRDSING.",
    question: "Which token does the alerts bot use?",
    correction: "The alerts bot posts with the Slack token xoxb-4242424242-QUIETBIRDSING. [1]",
  },
  {
    file: "on-call.md",
    title: "On-call",
    body: "The on-call rotation changes every Monday at nine.",
    question: "When does the on-call rotation change?",
  },
  {
    file: "bikes.md",
    title: "Bikes",
    body: "Cycling to work is encouraged.\n\nBikes can be left in the locked storage room beside the garage.",
    question: "Where can I lock my bike?",
    correction:
      "Bikes can be left in the locked storage room beside the garage; facilities@acme.com hands out the key. [1]",
  },
  {
    file: "expenses.md",
    title: "Expenses",
    body: "Taxi receipts are reimbursed within a fortnight.",
    question: "How fast are taxi receipts reimbursed?",
  },
  {
    file: "visitors.md",
    title: "Visitors",
    body: "Visitors park in the north lot near reception.",
    question: "Where do visitors park?",
  },
  {
    file: "wifi.md",
    title: "Guest wifi",
    body: "The guest wifi password changes on the first day of every month.",
    question: "How often does the guest wifi password change?",
  },
  {
    file: "lunch.md",
    title: "Lunch",
    body: "Lunch is served in the canteen from noon to two.",
    question: "When is lunch served in the canteen?",
    // Far over TRAIN_MAX_SEQ_TOKENS on its own: the dataset must skip it, never cut the answer.
    correction: `${"Lunch is served in the canteen from noon to two, with a salad bar and soup of the day. ".repeat(40)}[1]`,
  },
  {
    file: "learning.md",
    title: "Learning budget",
    body: "Each engineer has a yearly learning budget of eight hundred euros.",
    question: "How big is the yearly learning budget?",
  },
  {
    file: "office.md",
    title: "Office hours",
    body: "The office opens at eight and closes at seven.",
    question: "When does the office open and close?",
  },
  {
    file: "backups.md",
    title: "Backups",
    body: "The databases are backed up every night at one.",
    question: "When are the databases backed up?",
  },
  {
    file: "interviews.md",
    title: "Interviews",
    body: "Interview feedback is due within a day of the interview.",
    question: "When is interview feedback due?",
  },
];

/** Approved later: one before the second dataset, four before each later training. */
export const laterTopics: Topic[] = [
  {
    file: "parental-leave.md",
    title: "Parental leave",
    body: "Parental leave lasts sixteen weeks at full pay.",
    question: "How long is parental leave?",
  },
  {
    file: "coffee.md",
    title: "Coffee",
    body: "The office manager restocks the coffee machine every Tuesday.",
    question: "Who restocks the coffee machine?",
  },
  {
    file: "rooms.md",
    title: "Meeting rooms",
    body: "Meeting rooms are booked through the shared calendar.",
    question: "How do I book a meeting room?",
  },
  {
    file: "first-aid.md",
    title: "First aid",
    body: "The first aid kit hangs beside the kitchen door.",
    question: "Where is the first aid kit?",
  },
  {
    file: "travel.md",
    title: "Travel",
    body: "Travel requests are approved by your team lead.",
    question: "Who approves travel requests?",
  },
  {
    file: "vpn.md",
    title: "VPN",
    body: "VPN passwords are reset from the self-service account page.",
    question: "How do I reset my VPN password?",
  },
  {
    file: "all-hands.md",
    title: "All-hands",
    body: "The weekly all-hands starts on Thursdays at four.",
    question: "What time is the weekly all-hands?",
  },
  {
    file: "invoices.md",
    title: "Invoices",
    body: "Supplier invoices are sent to the accounts team as PDF files.",
    question: "Where are invoices sent?",
  },
  {
    file: "performance.md",
    title: "Performance reviews",
    body: "Performance reviews happen every April and October.",
    question: "When do performance reviews happen?",
  },
];
