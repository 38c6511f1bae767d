import type { PageObjectResponse } from "@notionhq/client";
import { plainTextTitle } from "#shared/knowledge/plain-text-title.ts";
import { propertyValueToText } from "./property-value-to-text.ts";
import { richTextToPlainText } from "./rich-text-to-markdown.ts";

/**
 * A page's properties as `Name: value` lines, title first, empty values left out. Prepended to a
 * database row's content so its fields are searchable.
 */
export function pagePropertiesToText(properties: PageObjectResponse["properties"]): string {
  const entries = Object.entries(properties);
  const ordered = [
    ...entries.filter(([, value]) => value.type === "title"),
    ...entries.filter(([, value]) => value.type !== "title"),
  ];
  const lines: string[] = [];
  for (const [name, value] of ordered) {
    const text = propertyValueToText(value).replace(/\s*\n\s*/g, " ");
    if (text !== "") lines.push(`${name}: ${text}`);
  }
  return lines.join("\n");
}

/** The page's title property as plain text; "Untitled" like Notion shows when it is empty. */
export function pageTitle(page: Pick<PageObjectResponse, "properties">): string {
  for (const value of Object.values(page.properties)) {
    if (value.type === "title") {
      // Pasted from a web page, a title can carry entities or tags: citations show plain text.
      const title = plainTextTitle(richTextToPlainText(value.title));
      return title === "" ? "Untitled" : title;
    }
  }
  return "Untitled";
}
