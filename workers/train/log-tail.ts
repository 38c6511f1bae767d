/** The last lines a command printed: what a failed run shows of its log, without keeping it all. */
export interface LogTail {
  push(line: string): void;
  text(): string;
}

export function logTail(maxLines = 60, maxLineCharacters = 500): LogTail {
  const lines: string[] = [];
  return {
    push(line) {
      lines.push(line.length > maxLineCharacters ? `${line.slice(0, maxLineCharacters)}…` : line);
      if (lines.length > maxLines) lines.shift();
    },
    text: () => lines.join("\n"),
  };
}
