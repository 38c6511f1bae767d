/** Named entities seen in titles; anything else is left as written rather than guessed at. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  middot: "·",
  bull: "•",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  iexcl: "¡",
  iquest: "¿",
  ordf: "ª",
  ordm: "º",
  deg: "°",
};
for (const [letter, base] of Object.entries({ a: "a", e: "e", i: "i", o: "o", u: "u" })) {
  for (const [accent, mark] of Object.entries({
    acute: "\u0301",
    grave: "\u0300",
    uml: "\u0308",
    circ: "\u0302",
  })) {
    NAMED_ENTITIES[`${letter}${accent}`] = `${base}${mark}`.normalize("NFC");
    NAMED_ENTITIES[`${letter.toUpperCase()}${accent}`] = `${base.toUpperCase()}${mark}`.normalize("NFC");
  }
}
NAMED_ENTITIES.ntilde = "ñ";
NAMED_ENTITIES.Ntilde = "Ñ";
NAMED_ENTITIES.ccedil = "ç";
NAMED_ENTITIES.Ccedil = "Ç";

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi;
const TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;

/** Decodes HTML character references (`&amp;`, `&#39;`, `&eacute;`); unknown names stay as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY, (match, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? match;
    const codePoint = Number.parseInt(decimal ?? hex ?? "", decimal !== undefined ? 10 : 16);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match;
  });
}

/**
 * A title as plain text for citations: HTML tags dropped (`<em>before</em>` → `before`), entities
 * decoded (`Logging in &amp; Networks` → `Logging in & Networks`), whitespace collapsed. Applied at
 * ingest and again where a title is shown, for documents indexed before titles were cleaned.
 */
export function plainTextTitle(title: string): string {
  // Tags first, then entities: an encoded "&lt;b&gt;" is text the author meant to show.
  return decodeHtmlEntities(title.replace(TAG, "")).replace(/\s+/g, " ").trim();
}
