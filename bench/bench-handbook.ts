import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** A small handbook written by the bench: every question below is answered by one page. */
const pages: Record<string, string> = {
  "parking.md":
    "# Parking\n\nVisitors park on level minus two of the garage. Staff badges open the north gate; " +
    "the south gate is for deliveries only.\n\n## Bikes\n\nBike racks are next to the main entrance.\n",
  "vacation.md":
    "# Vacation\n\nEvery employee gets twenty-five vacation days a year. Request time off in the HR " +
    "portal at least two weeks ahead, and tell your team in the planning channel.\n",
  "expenses.md":
    "# Expenses\n\nTravel expenses are reimbursed within ten working days of approval. Attach every " +
    "receipt to the expense report; your manager approves reports under five hundred euros.\n",
  "deploys.md":
    "# Deploying the billing service\n\nThe billing service is deployed from the main branch by the " +
    "release pipeline every weekday at noon. Roll back with the previous release tag in the pipeline.\n",
  "wifi.md":
    "# Office wifi\n\nGuests connect to the network called Visitors with the code printed at the " +
    "reception desk. Staff laptops join the Corp network automatically.\n",
  "onboarding.md":
    "# Onboarding\n\nNew hires receive their laptop on the first morning from the IT desk on floor " +
    "three. Their buddy walks them through the handbook during the first week.\n",
};

const questions = [
  "Where do visitors park?",
  "How many vacation days do we get?",
  "How fast are travel expenses reimbursed?",
  "How is the billing service deployed?",
  "How do guests get on the office wifi?",
  "When do new hires get their laptop?",
];

/** Writes the handbook into `folder` (created). */
export async function writeHandbook(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [name, text] of Object.entries(pages)) await writeFile(join(folder, name), text);
}

export function questionText(index: number): string {
  return questions[index % questions.length] ?? "Where do visitors park?";
}
