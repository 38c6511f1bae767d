/**
 * FNV-1a (32-bit) of the term's UTF-8 bytes: a stable unsigned id for a term in sparse vectors, the
 * same in every process and version (never change it without re-indexing). With ~10^5 distinct terms
 * in a workspace, collisions are rare, and merely merge two terms.
 */
export function hashTerm(term: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < term.length; index++) {
    let code = term.charCodeAt(index);
    if (code < 0x80) {
      hash = Math.imul(hash ^ code, 0x01000193);
      continue;
    }
    // Encode the code point as UTF-8 on the fly (folded terms are nearly always ASCII).
    if (code >= 0xd800 && code < 0xe000) {
      const low = term.charCodeAt(index + 1);
      if (code < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        index++;
      } else code = 0xfffd; // A lone surrogate encodes as U+FFFD, as TextEncoder and Buffer do.
    }
    const bytes =
      code < 0x800
        ? [0xc0 | (code >> 6), 0x80 | (code & 0x3f)]
        : code < 0x10000
          ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          : [
              0xf0 | (code >> 18),
              0x80 | ((code >> 12) & 0x3f),
              0x80 | ((code >> 6) & 0x3f),
              0x80 | (code & 0x3f),
            ];
    for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return hash >>> 0;
}
