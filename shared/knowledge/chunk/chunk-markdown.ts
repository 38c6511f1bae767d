import { blockPieces } from "./block-pieces.ts";
import type { Chunk } from "./chunk.ts";
import { estimateTokens } from "./estimate-tokens.ts";
import { markdownSections, type SectionHeading } from "./markdown-sections.ts";
import { packPieces } from "./pack-pieces.ts";

export interface ChunkMarkdownOptions {
  /** Document title, prefixed to every chunk with the heading path ("Travel handbook › Per diem"). */
  title: string;
  /** Upper bound on a chunk's estimated tokens, prefix included. Default 450 (at least 64). */
  maxTokens?: number;
  /** Sections with fewer estimated tokens are merged with their neighbours. Default maxTokens / 4. */
  minTokens?: number;
}

interface SectionBody {
  headings: SectionHeading[];
  body: string;
  tokens: number;
}

/**
 * Splits a Markdown document into retrievable chunks: one per section (split at headings), small
 * adjacent sections merged, long ones split where their structure allows (see blockPieces), each
 * chunk's text prefixed with the title and heading path so it stands on its own in a prompt and in
 * an embedding. Every chunk's estimated tokens are within maxTokens. Whitespace-only input gives no
 * chunks. Front matter must be removed before (marked would read it as a setext heading).
 */
export function chunkMarkdown(markdown: string, options: ChunkMarkdownOptions): Chunk[] {
  const maxTokens = Math.max(options.maxTokens ?? 450, 64);
  const minTokens = options.minTokens ?? Math.floor(maxTokens / 4);
  const title = options.title.replace(/\s+/g, " ").trim();
  const chunks: Chunk[] = [];
  const emit = (headings: SectionHeading[], body: string) => {
    const prefix = chunkPrefix(title, headings, maxTokens);
    const text = prefix === "" ? body : `${prefix}\n\n${body}`;
    chunks.push({
      index: chunks.length,
      text,
      headings: headings.map((heading) => heading.text),
      tokens: estimateTokens(text),
    });
  };

  // Consecutive small sections waiting to be emitted as one chunk.
  let group: SectionBody[] = [];
  let groupTokens = 0;
  const flush = () => {
    if (group.length === 0) return;
    const merged = mergeSections(group);
    emit(merged.headings, merged.body);
    group = [];
    groupTokens = 0;
  };

  for (const section of markdownSections(markdown)) {
    const budget = maxTokens - estimateTokens(chunkPrefix(title, section.headings, maxTokens)) - 1;
    const pieces = section.blocks.flatMap((block) => blockPieces(block, budget));
    const bodies = packPieces(pieces, budget, "\n\n");
    const body = bodies[0];
    if (body === undefined) continue;
    if (bodies.length > 1) {
      flush();
      for (const part of bodies) emit(section.headings, part);
      continue;
    }
    const unit = { headings: section.headings, body, tokens: estimateTokens(body) };
    if (group.length > 0) {
      const small = groupTokens < minTokens || unit.tokens < minTokens;
      if (small && mergedTokens([...group, unit], title, maxTokens) <= maxTokens) {
        group.push(unit);
        groupTokens += unit.tokens;
        continue;
      }
      flush();
    }
    group.push(unit);
    groupTokens = unit.tokens;
  }
  flush();
  return chunks;
}

/**
 * Sections merged into one body under their common heading path; the headings below it are kept in
 * the body as Markdown headings, each written once.
 */
function mergeSections(group: SectionBody[]): { headings: SectionHeading[]; body: string } {
  const first = group[0]?.headings ?? [];
  let common = first.length;
  for (const member of group) {
    let same = 0;
    while (same < common && sameHeading(member.headings[same], first[same])) same++;
    common = same;
  }
  const parts: string[] = [];
  let previous: SectionHeading[] = first.slice(0, common);
  for (const member of group) {
    let level = common;
    while (level < member.headings.length && sameHeading(member.headings[level], previous[level])) level++;
    for (const heading of member.headings.slice(level))
      parts.push(`${"#".repeat(heading.depth)} ${heading.text}`);
    parts.push(member.body);
    previous = member.headings;
  }
  return { headings: first.slice(0, common), body: parts.join("\n\n") };
}

function mergedTokens(group: SectionBody[], title: string, maxTokens: number): number {
  const merged = mergeSections(group);
  return estimateTokens(chunkPrefix(title, merged.headings, maxTokens)) + 1 + estimateTokens(merged.body);
}

function sameHeading(left: SectionHeading | undefined, right: SectionHeading | undefined): boolean {
  return left !== undefined && right !== undefined && left.depth === right.depth && left.text === right.text;
}

/** "Title › Heading › Subheading", without a first heading that repeats the title; at most maxTokens / 4. */
function chunkPrefix(title: string, headings: SectionHeading[], maxTokens: number): string {
  const path = headings.map((heading) => heading.text);
  if (path[0]?.toLowerCase() === title.toLowerCase()) path.shift();
  let prefix = [title, ...path].filter((part) => part !== "").join(" › ");
  while (estimateTokens(prefix) > maxTokens / 4)
    prefix = `${prefix.slice(0, Math.floor(prefix.length * 0.75))}…`;
  return prefix;
}
