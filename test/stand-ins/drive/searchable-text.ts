import type { StoredFile } from "./drive-file.ts";

/** What `fullText contains` looks through: the name and the words a file holds. */
export function searchableText(file: StoredFile): string {
  const { content } = file;
  const body =
    content.kind === "doc"
      ? content.markdown
      : content.kind === "sheet"
        ? content.sheets.flatMap((sheet) => sheet.rows.flat()).join(" ")
        : content.kind === "slides"
          ? content.slides.join(" ")
          : content.kind === "binary"
            ? new TextDecoder().decode(content.bytes)
            : "";
  return `${file.name} ${body}`;
}
