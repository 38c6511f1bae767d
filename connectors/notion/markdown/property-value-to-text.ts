import type { PageObjectResponse } from "@notionhq/client";
import { richTextToPlainText } from "./rich-text-to-markdown.ts";

type PageProperty = PageObjectResponse["properties"][string];
type RollupProperty = Extract<PageProperty, { type: "rollup" }>;
type RollupArrayItem = Extract<RollupProperty["rollup"], { type: "array" }>["array"][number];
type DateValue = Extract<PageProperty, { type: "date" }>["date"];
type Person = Extract<PageProperty, { type: "people" }>["people"][number];

/** A property value or one element of a rollup array. */
export type PropertyValue = PageProperty | RollupArrayItem;

/** One property value as plain text, or "" when it is empty. */
export function propertyValueToText(value: PropertyValue): string {
  switch (value.type) {
    case "title":
      return richTextToPlainText(value.title).trim();
    case "rich_text":
      return richTextToPlainText(value.rich_text).trim();
    case "number":
      return value.number === null ? "" : String(value.number);
    case "select":
      return value.select?.name ?? "";
    case "status":
      return value.status?.name ?? "";
    case "multi_select":
      return value.multi_select.map((option) => option.name).join(", ");
    case "date":
      return dateText(value.date);
    case "people":
      return namesText(value.people);
    case "checkbox":
      return value.checkbox ? "Yes" : "No";
    case "url":
      return value.url ?? "";
    case "email":
      return value.email ?? "";
    case "phone_number":
      return value.phone_number ?? "";
    case "relation":
      return relationText(value.relation.length);
    case "files":
      return value.files.map((file) => file.name).join(", ");
    case "formula":
      return formulaText(value.formula);
    case "rollup":
      return rollupText(value.rollup);
    case "created_time":
      return value.created_time;
    case "last_edited_time":
      return value.last_edited_time;
    case "created_by":
      return namesText([value.created_by]);
    case "last_edited_by":
      return namesText([value.last_edited_by]);
    case "unique_id":
      return uniqueIdText(value.unique_id);
    case "verification":
      return value.verification?.state ?? "";
    case "place":
      return value.place?.name ?? value.place?.address ?? "";
    default:
      // button, and property types newer than this code.
      return "";
  }
}

function dateText(date: DateValue): string {
  if (date === null) return "";
  return date.end === null ? date.start : `${date.start} to ${date.end}`;
}

/** Names of people and groups; partial users (no name without the user capability) are left out. */
function namesText(people: readonly Person[]): string {
  return people
    .map((person) => ("name" in person ? person.name : null))
    .filter((name): name is string => typeof name === "string" && name !== "")
    .join(", ");
}

function relationText(count: number): string {
  if (count === 0) return "";
  return count === 1 ? "1 linked page" : `${count} linked pages`;
}

function formulaText(formula: Extract<PageProperty, { type: "formula" }>["formula"]): string {
  switch (formula.type) {
    case "string":
      return formula.string ?? "";
    case "number":
      return formula.number === null ? "" : String(formula.number);
    case "boolean":
      return formula.boolean === null ? "" : formula.boolean ? "Yes" : "No";
    case "date":
      return dateText(formula.date);
    default:
      return "";
  }
}

function rollupText(rollup: RollupProperty["rollup"]): string {
  switch (rollup.type) {
    case "number":
      return rollup.number === null ? "" : String(rollup.number);
    case "date":
      return dateText(rollup.date);
    case "array":
      return rollup.array
        .map(propertyValueToText)
        .filter((text) => text !== "")
        .join(", ");
    default:
      return "";
  }
}

function uniqueIdText(uniqueId: Extract<PageProperty, { type: "unique_id" }>["unique_id"]): string {
  if (uniqueId.number === null) return "";
  return uniqueId.prefix === null ? String(uniqueId.number) : `${uniqueId.prefix}-${uniqueId.number}`;
}
