const fence = "```";
const tableRow = /^\s*\|.*\|\s*$/;
const tableDelimiter = /^\s*\|(?:\s*:?-+:?\s*\|)+\s*$/;
const zeroWidthSpace = "\u200B";

/** A table row as a plain line: Slack has no tables, and plain lines keep links and citations working. */
function plainRow(line: string): string {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  // Collapse the column padding, but leave pipes inside <url|label> links and `code` alone.
  return inner
    .replace(/<[^<>\n]*>|`[^`\n]*`|\s*\|\s*/g, (match) =>
      match.startsWith("<") || match.startsWith("`") ? match : " | ",
    )
    .trim();
}

function headerRow(line: string): string {
  const plain = plainRow(line);
  if (plain.replace(/\|/g, "").trim() === "" || plain.includes("*")) return plain;
  // Zero-width spaces let Slack see the bold markers even next to punctuation.
  return `${zeroWidthSpace}*${plain}*${zeroWidthSpace}`;
}

/** slackify-markdown pads bullets and numbers for Markdown alignment; Slack shows every space. */
function tidyLine(line: string): string {
  if (/^\s*\*\*\*\s*$/.test(line)) return "───";
  return line
    .replace(/^([ \t]*(?:>[ \t]?)*)•[ \t]+/, "$1• ")
    .replace(/^([ \t]*(?:>[ \t]?)*)• \[ \] /, "$1• ☐ ")
    .replace(/^([ \t]*(?:>[ \t]?)*)• \[[xX]\] /, "$1• ☑ ")
    .replace(/^([ \t]*(?:>[ \t]?)*)(\d+[.)])[ \t]{2,}/, "$1$2 ");
}

/**
 * Fixes what slackify-markdown leaves Markdown-shaped: tables, rules, padded list markers.
 * Lines inside ``` blocks are left exactly as they are.
 */
export function tidyMrkdwnLines(mrkdwn: string): string {
  const lines = mrkdwn.split("\n");
  const output: string[] = [];
  let inFence = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const fences = line.split(fence).length - 1;
    if (inFence || fences > 0) {
      output.push(line);
      if (fences % 2 === 1) inFence = !inFence;
      continue;
    }
    if (tableRow.test(line) && tableDelimiter.test(lines[index + 1] ?? "")) {
      output.push(headerRow(line));
      index += 1; // the |---|---| row only means something in Markdown
      while (tableRow.test(lines[index + 1] ?? "") && !(lines[index + 1] ?? "").includes(fence)) {
        index += 1;
        output.push(plainRow(lines[index] ?? ""));
      }
      continue;
    }
    output.push(tidyLine(line));
  }
  return output.join("\n");
}
