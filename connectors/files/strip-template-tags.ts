import { transformOutsideCodeFences } from "./outside-code-fences.ts";

/*
 * One pass, alternatives tried left to right at each position:
 *   1 {% raw %}…{% endraw %}          → the inner text, verbatim (how wikis show tags literally)
 *   - {% comment %}…{% endcomment %}  → nothing
 *   2 `inline code`                   → unchanged
 *   3,4 {% name args %}               → see `replaceTag`
 *   - {{ expression }}                → nothing; `${{ … }}` (GitHub Actions) is left alone
 * Bodies are length-bounded so an unclosed `{%` cannot make the scan quadratic on big files.
 */
const TEMPLATE =
  /\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}|\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}|(`[^`\n]+`)|\{%-?\s*([\w-]+)([\s\S]{0,2000}?)-?%\}|(?<!\$)\{\{[^{}]{0,500}\}\}/g;
const RAW_MARKER = /\{%-?\s*(?:end)?raw\s*-?%\}/g;
const QUOTED = /"([^"]*)"|'([^']*)'/g;

/** Shortcodes whose argument is the useful text; every other tag (include, if, alert end…) is dropped. */
const LINK_TAGS = new Set(["page", "link", "download"]);
const IMAGE_TAGS = new Set(["image", "image_with_class"]);

/**
 * Removes Jekyll/Liquid/Eleventy template syntax from Markdown or HTML so it does not pollute the
 * index, keeping the text a reader would have seen: `[travel]({% page "/travel/" %})` becomes
 * `[travel](/travel/)`, `{% slack_channel "#help" %}` becomes `#help`, an image shortcode becomes
 * its alt text. Fenced code blocks are left as written, minus `{% raw %}` markers.
 */
export function stripTemplateTags(text: string): string {
  if (!text.includes("{%") && !text.includes("{{")) return text; // most files: no work at all
  return transformOutsideCodeFences(
    text,
    (prose) => prose.replace(TEMPLATE, replaceMatch),
    (code) => code.replace(RAW_MARKER, ""),
  );
}

function replaceMatch(
  match: string,
  raw: string | undefined,
  inlineCode: string | undefined,
  tag: string | undefined,
  tagArguments: string | undefined,
): string {
  if (raw !== undefined) return raw;
  if (inlineCode !== undefined) return match;
  if (tag !== undefined) return replaceTag(tag, tagArguments ?? "");
  return "";
}

function replaceTag(tag: string, tagArguments: string): string {
  const values = [...tagArguments.matchAll(QUOTED)].map((quoted) => quoted[1] ?? quoted[2] ?? "");
  if (LINK_TAGS.has(tag)) return values[0] ?? "";
  if (IMAGE_TAGS.has(tag)) return values.at(-1) ?? "";
  if (tag === "slack_channel") {
    const channel = values[0] ?? "";
    return channel === "" || channel.startsWith("#") ? channel : `#${channel}`;
  }
  if (tag === "alert") return values[0] ?? ""; // an alert's heading is prose; its body is ordinary text
  return "";
}
