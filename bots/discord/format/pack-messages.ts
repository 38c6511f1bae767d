import { closingFence, type MessageUnit } from "./message-unit.ts";

// A line that titles what follows: better at the top of the next message than alone at the end.
const heading = /^(?:#{1,3}[ \t]+\S.*|\*\*[^\n]+\*\*:?)$/;

/**
 * Fills messages of at most `maxChars` with units in order. Lines of a long ``` block are
 * wrapped in the block's opening and closing in each message they land in; a heading that would
 * end a message opens the next one instead.
 */
export function packMessages(units: readonly MessageUnit[], maxChars: number): string[] {
  const messages: string[] = [];
  let current = "";
  let open: MessageUnit["fence"];
  let lastStart = 0;
  let lastIsHeading = false;
  let unitsInMessage = 0;

  const addition = (unit: MessageUnit): string => {
    if (unit.fence && unit.fence === open) return `\n${unit.text}`;
    const separator = current === "" ? "" : unit.separator;
    return `${open ? closingFence : ""}${separator}${unit.fence?.opening ?? ""}${unit.text}`;
  };
  const fits = (unit: MessageUnit) => {
    // A long block starts in a message only with a fair share of it: not one line at the bottom.
    const opens = unit.fence !== undefined && unit.fence !== open;
    if (opens && current !== "" && maxChars - current.length < maxChars / 4) return false;
    return current.length + addition(unit).length + (unit.fence ? closingFence.length : 0) <= maxChars;
  };
  const append = (unit: MessageUnit) => {
    lastStart = current.length;
    lastIsHeading = !unit.fence && heading.test(unit.text.trim());
    current += addition(unit);
    open = unit.fence;
    unitsInMessage += 1;
  };
  const flush = () => {
    const message = (open ? current + closingFence : current).trim();
    if (message !== "") messages.push(message);
    current = "";
    open = undefined;
    unitsInMessage = 0;
  };

  for (const unit of units) {
    if (current !== "" && !fits(unit)) {
      const carried = lastIsHeading && unitsInMessage > 1 ? current.slice(lastStart) : "";
      current = current.slice(0, current.length - carried.length);
      flush();
      if (carried !== "") {
        append({ text: carried.trim(), separator: "" });
        if (!fits(unit)) flush();
      }
    }
    append(unit);
  }
  flush();
  return messages;
}
