import { describe, expect, it } from "vitest";
import { analyzeQuery, analyzeText } from "./analyze-text.ts";
import { exactFormMarker } from "./create-text-analyzer.ts";
import { detectLanguage } from "./detect-language.ts";
import { tokenizeFolded } from "./tokenize-folded.ts";

/** The stems of a text (its exact-form terms left out). */
function stems(text: string, language?: "es" | "en"): string[] {
  return analyzeText(text, language).filter((term) => !term.startsWith(exactFormMarker));
}

describe("tokenizeFolded", () => {
  it("lowercases and removes accents and other diacritics", () => {
    expect(tokenizeFolded("Canción ÁRBOL Ñandú über")).toEqual(["cancion", "arbol", "nandu", "uber"]);
  });

  it("splits on anything but letters and digits, and unfolds compatibility forms", () => {
    expect(tokenizeFolded("¿résumé-2024? «ﬁn» Ｆｕｌｌ")).toEqual(["resume", "2024", "fin", "full"]);
  });

  it("keeps letters of other scripts", () => {
    expect(tokenizeFolded("Привет, мир! 東京")).toEqual(["привет", "мир", "東京"]);
  });

  it("drops words over 40 characters", () => {
    expect(tokenizeFolded(`hash ${"a1".repeat(30)} end`)).toEqual(["hash", "end"]);
  });
});

describe("analyzeText", () => {
  it("folds case and accents, so words typed without them match", () => {
    expect(analyzeText("Canción")).toEqual(analyzeText("cancion"));
    expect(analyzeText("ÁRBOL")).toEqual(analyzeText("arbol"));
    expect(analyzeText("Organización")).toEqual(analyzeText("organizacion"));
  });

  it("drops Spanish and English stop words", () => {
    expect(stems("El perro de la casa y los gatos que hay en el jardín")).toEqual(
      stems("perro casa gatos jardín", "es"),
    );
    expect(stems("The dog of the house is in the garden")).toEqual(stems("dog house garden", "en"));
  });

  it("keeps words that are stop words only in the other language", () => {
    expect(stems("My son is at the sea")).toEqual(stems("son sea", "en"));
    expect(stems("Ellos son los mejores del mar")).toEqual(stems("mejores mar", "es"));
  });

  it("conflates Spanish singular and plural, with or without accents", () => {
    expect(stems("políticas", "es")).toEqual(stems("política", "es"));
    expect(stems("vacaciones", "es")).toEqual(stems("vacación", "es"));
    expect(stems("organizaciones", "es")).toEqual(stems("organizacion", "es"));
    expect(stems("empleados", "es")).toEqual(stems("empleado", "es"));
  });

  it("conflates English singular and plural", () => {
    expect(stems("policies", "en")).toEqual(stems("policy", "en"));
    expect(stems("employees", "en")).toEqual(stems("employee", "en"));
  });

  it("tells the language by its function words", () => {
    expect(detectLanguage(tokenizeFolded("Las políticas de la empresa para las vacaciones"))).toBe("es");
    expect(detectLanguage(tokenizeFolded("The policies of the company for the holidays"))).toBe("en");
    expect(detectLanguage(tokenizeFolded("vacaciones 2024"))).toBeUndefined();
    // English text, English stemmer: "policies" → "polici" as "policy" does.
    expect(stems("These are the policies we have")).toEqual(stems("policy", "en"));
  });

  it("gives each word as its stem and its exact form", () => {
    expect(analyzeText("Políticas de viaje")).toEqual(["polit", "=politicas", "viaj", "=viaje"]);
  });

  it("keeps words with digits as written", () => {
    expect(stems("versiones v2 y 2024")).toEqual(["version", "v2", "2024"]);
  });

  it("gives nothing for empty text, punctuation or emoji", () => {
    expect(analyzeText("")).toEqual([]);
    expect(analyzeText("  ¿¡...!? — «» ")).toEqual([]);
    expect(analyzeText("😀🎉👍🏽")).toEqual([]);
    expect(analyzeQuery("?")).toEqual([]);
  });

  it("handles a 5 MB single line quickly", () => {
    const started = performance.now();
    expect(analyzeText("x".repeat(5_000_000))).toEqual([]);
    const words = analyzeText("política ".repeat(600_000));
    expect(words).toHaveLength(1_200_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("analyzeQuery", () => {
  it("analyzes a query of known language as a document", () => {
    expect(analyzeQuery("¿Cuál es la política de vacaciones?")).toEqual(
      analyzeText("¿Cuál es la política de vacaciones?"),
    );
  });

  it("gives both languages' stems when the language can't be told", () => {
    const terms = analyzeQuery("Policies");
    expect(terms).toContain(stems("policies", "es")[0]);
    expect(terms).toContain(stems("policies", "en")[0]);
    expect(terms).toContain("=policies");
  });
});
