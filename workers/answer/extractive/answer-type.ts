import { tokenizeFolded } from "#shared/knowledge/lexical/tokenize-folded.ts";

/**
 * What kind of fact the question asks for, from its wh-word (English and Spanish): a sentence that
 * holds that kind of fact is more likely the answer than one that only repeats the question's words
 * ("How many weeks…?" wants "12 weeks", not "12 months"; "When…?" a day or a date).
 */
export type AnswerKind = "quantity" | "duration" | "time" | "person" | "link" | "none";

export interface AnswerType {
  kind: AnswerKind;
  /** "How many *credit hours*", "cuántos *días*": words one of which a number in the answer should carry (folded). */
  units?: string[];
  /**
   * Words that name the kind of fact rather than its topic ("which *website*", "qué *año*"), folded:
   * a sentence holding a link or a year rarely says "website" or "año", so they are not matched.
   */
  kindWords?: string[];
}

const DURATION_QUESTION =
  /\b(?:how\s+(?:long|soon|quickly|fast|far\s+ahead|far\s+in\s+advance)|cu[aá]nto\s+tiempo|(?:con\s+)?cu[aá]nta\s+antelaci[oó]n|(?:durante|en)\s+cu[aá]nto)\b/i;
/** Plural counts name their unit next: "how many weeks", "cuántos días". */
const COUNT_QUESTION = /\b(?:how\s+many|cu[aá]nt[oa]s)\b/i;
const QUANTITY_QUESTION =
  /\b(?:how\s+(?:many|much|often)|what\s+(?:percentage|amount|number|share)|cu[aá]nt[oa]s?|qu[eé]\s+(?:cantidad|porcentaje|n[uú]mero))\b/i;
/** "Above what salary…", "what is the budget…": an amount asked for by its name. */
const AMOUNT_QUESTION =
  /\b(?:what|which|qu[eé]|cu[aá]l)\b.{0,30}\b(?:salary|price|cost|budget|amount|limit|maximum|minimum|rate|fee|stipend|balance|salario|sueldo|precio|coste|costo|presupuesto|importe|l[ií]mite|m[aá]ximo|m[ií]nimo|tarifa|poblaci[oó]n|population)\b/i;
/** "What year", "what was the first year", "¿en qué año", "¿cuál fue el primer año". */
const TIME_QUESTION =
  /\b(?:when|cu[aá]ndo|(?:what|which|qu[eé]|cu[aá]l)(?:\s+(?:is|was|were|are|the|first|last|es|fue|era|el|la|primer|primera|[uú]ltim[oa]))*\s+(day|date|time|year|month|century|decade|d[ií]a|fecha|hora|a[nñ]o|mes|siglo|d[eé]cada))\b/i;
const PERSON_QUESTION = /\b(?:who|whom|whose|qui[eé]n(?:es)?)\b/i;
const LINK_QUESTION =
  /\b(?:which|what|qu[eé]|cu[aá]l)\s+(website|web\s*site|site|link|url|web\s*page|page|portal|web|sitio(?:\s+web)?|p[aá]gina(?:\s+web)?|enlace)\b/i;

/** Words after "how many" that are not its unit ("how many *are* there"). */
const FUNCTION_WORDS = new Set(
  "are were was did does have has can could should will would the hay habia han son eran fueron tiene tienen del los las una uno".split(
    " ",
  ),
);

/** Number words the answer may spell out ("twelve weeks", "doce semanas"). */
const NUMBER_WORDS = new Set(
  (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
    "eighteen twenty thirty forty fifty sixty hundred thousand million billion " +
    "uno una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciseis " +
    "veinte treinta cuarenta cincuenta sesenta cien ciento mil millon millones"
  ).split(" "),
);
const TIME_UNITS =
  /^(?:second|minute|hour|day|week|month|year|quarter|decade|century|segundo|minuto|hora|dia|semana|mes|ano|trimestre|decada|siglo)/;
const OPEN_ENDED_DURATION =
  /\b(?:forever|indefinitely|permanently|immediately|para\s+siempre|indefinidamente|inmediatamente)\b/i;
const WEEKDAY_OR_MONTH =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b/i;
const YEAR_OR_CLOCK =
  /\b(?:1[0-9]{3}|20[0-9]{2})\b|\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.\s?m\.|p\.\s?m\.)|\b\d{1,2}:\d{2}\b|\bsiglo\s+[xvi]+\b|\b(?:[xvi]+|\d+)(?:st|nd|rd|th)?\s+century\b/i;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
/** A web address (an internal page link is not a website). */
const LINK = /https?:\/\/|\bwww\./i;
/** Two capitalised words in a row not at the start: a name ("Kathryn Connolly", "Juan Carlos"). */
const NAME = /(?<=\S\s+)\p{Lu}\p{Ll}+(?:\s+(?:de\s+|del\s+|la\s+|van\s+|von\s+)?\p{Lu}\p{Ll}+)+/u;
const ROLE =
  /\b(?:manager|supervisor|team|specialist|office|officer|department|coordinator|admin(?:istrator)?|director|lead|responsable|equipo|jefe|jefa|oficina|departamento|director[a]?|coordinador[a]?)\b/i;
const CURRENCY = /[$€£¥]\s?\d|\d\s?(?:%|€|\$|£|usd|eur|dollars?|euros?|d[oó]lares)\b/i;

/** The question word that opens the question ("…use *when* I'm out" is not a "when" question). */
const QUESTION_WORD =
  /(?<![\p{L}\p{N}])(?:how|what|which|when|who|whom|whose|where|c[oó]mo|qu[eé]|cu[aá]l(?:es)?|cu[aá]ndo|qui[eé]n(?:es)?|cu[aá]nt[oa]s?|d[oó]nde)(?![\p{L}\p{N}])/iu;

/** The answer type the question's wording asks for, read from its first question word on. */
export function answerTypeOf(question: string): AnswerType {
  const opening = QUESTION_WORD.exec(question);
  if (!opening) return { kind: "none" };
  const asked = question.slice(opening.index);
  // Each cue must start at that word: "…do I use when I'm out…" asks "which code", not "when".
  const at = (pattern: RegExp) => {
    const match = pattern.exec(asked);
    return match?.index === 0 ? match : null;
  };
  if (at(DURATION_QUESTION)) return { kind: "duration" };
  const count = at(COUNT_QUESTION);
  if (count) {
    const units = tokenizeFolded(asked.slice(count[0].length))
      .slice(0, 2)
      .filter((word) => word.length > 2 && !FUNCTION_WORDS.has(word));
    return units.length > 0 ? { kind: "quantity", units } : { kind: "quantity" };
  }
  if (at(QUANTITY_QUESTION)) return { kind: "quantity" };
  const time = at(TIME_QUESTION);
  if (time) return time[1] ? { kind: "time", kindWords: tokenizeFolded(time[1]) } : { kind: "time" };
  const link = at(LINK_QUESTION);
  if (link?.[1]) return { kind: "link", kindWords: tokenizeFolded(link[1]) };
  if (at(PERSON_QUESTION)) return { kind: "person" };
  if (at(AMOUNT_QUESTION)) return { kind: "quantity" };
  return { kind: "none" };
}

/**
 * How well a sentence holds the kind of fact asked for: 1 it does (a number with the asked unit, a
 * duration, a day or a date, a name or an address, a link), 0.5 partly (a number, but of another unit),
 * 0 not at all. `text` is analysed without its URLs; `quoted` is as shown, links and all.
 */
export function answerTypeMatch(type: AnswerType, text: string, quoted = text): number {
  switch (type.kind) {
    case "none":
      return 0;
    case "quantity": {
      const numbers = numberPositions(text);
      if (numbers.at.length === 0) return CURRENCY.test(text) ? 1 : 0;
      const { units } = type;
      if (!units) return 1;
      return followedBy(numbers, (word) => units.some((unit) => sameUnit(word, unit))) ? 1 : 0.5;
    }
    case "duration": {
      if (OPEN_ENDED_DURATION.test(text)) return 1;
      const numbers = numberPositions(text);
      if (numbers.at.length === 0) return 0;
      return followedBy(numbers, (word) => TIME_UNITS.test(word)) ? 1 : 0.5;
    }
    case "time":
      return WEEKDAY_OR_MONTH.test(text) || YEAR_OR_CLOCK.test(text) ? 1 : 0;
    case "person":
      return EMAIL.test(text) || NAME.test(text) ? 1 : ROLE.test(text) ? 0.5 : 0;
    case "link":
      return LINK.test(quoted) ? 1 : 0;
  }
}

interface NumberPositions {
  words: string[];
  /** Indexes in `words` of numbers (digits or number words). */
  at: number[];
}

function numberPositions(text: string): NumberPositions {
  const words = tokenizeFolded(text);
  const at: number[] = [];
  words.forEach((word, index) => {
    if (/^\d/.test(word) || NUMBER_WORDS.has(word)) at.push(index);
  });
  return { words, at };
}

/** A number followed, within three words, by a word passing the test ("12 business days", "3 millones de habitantes"). */
function followedBy(numbers: NumberPositions, test: (word: string) => boolean): boolean {
  return numbers.at.some((index) =>
    numbers.words.slice(index + 1, index + 4).some((word) => !/^\d/.test(word) && test(word)),
  );
}

/** "weeks"/"week", "días"/"dia": the same unit, by its first letters (plural forms differ at the end). */
function sameUnit(word: string, unit: string): boolean {
  const length = Math.max(3, Math.min(unit.length, word.length) - 1);
  return word.slice(0, length) === unit.slice(0, length);
}
