/** Inline images (`![alt](url)`, `![alt][ref]`) and reference definitions of data-URI images. */
const inlineImage = /!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])/g;
const imageDefinition = /^\s*\[[^\]]+\]:\s*<?data:image\/[^\s>]*>?.*$/gm;

/**
 * A Docs or Slides export as indexable text: the BOM Google puts before plain-text exports dropped,
 * line ends made "\n", images (Docs' Markdown export inlines them as base64 data URIs) removed.
 */
export function cleanExportedText(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(imageDefinition, "")
    .replace(inlineImage, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Whether there is anything to search: a letter or a digit. */
export function hasText(markdown: string): boolean {
  return /[\p{L}\p{N}]/u.test(markdown);
}
