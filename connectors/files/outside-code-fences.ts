const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Rewrites the Markdown outside fenced code blocks with `outside`, and the fenced blocks (fence
 * lines included) with `inside` (unchanged by default). Code samples must survive clean-ups meant
 * for prose: a Helm `{{ .Values.image }}` or a shell `# comment` is not a template tag or a title.
 */
export function transformOutsideCodeFences(
  markdown: string,
  outside: (text: string) => string,
  inside: (text: string) => string = (text) => text,
): string {
  const output: string[] = [];
  let segment: string[] = [];
  let fence: string | undefined;
  const flush = (inCode: boolean) => {
    if (segment.length === 0) return;
    const text = segment.join("\n");
    output.push(inCode ? inside(text) : outside(text));
    segment = [];
  };
  for (const line of markdown.split("\n")) {
    const marker = FENCE.exec(line)?.[1];
    if (fence === undefined) {
      if (marker !== undefined) {
        flush(false);
        fence = marker;
      }
      segment.push(line);
      continue;
    }
    segment.push(line);
    // A closing fence uses the same character, is at least as long, and has no info string.
    if (
      marker !== undefined &&
      marker[0] === fence[0] &&
      marker.length >= fence.length &&
      line.trim() === marker
    ) {
      flush(true);
      fence = undefined;
    }
  }
  flush(fence !== undefined); // an unclosed fence runs to the end of the document, as in CommonMark
  return output.join("\n");
}
