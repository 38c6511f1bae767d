import { describe, expect, it } from "vitest";
import { makeDocx, makePdf } from "#test/fixtures/make-fixture-files.ts";
import { parseDocx } from "./parse-docx.ts";
import { parsePdf } from "./parse-pdf.ts";

const context = { relativePath: "docs/file" };

async function failure(parse: Promise<unknown>) {
  const error = await parse.then(
    () => undefined,
    (thrown: unknown) => thrown as { code: string; message: string; hint?: string; cause?: unknown },
  );
  if (!error) throw new Error("expected the parser to fail");
  return error;
}

/** What the libraries say (jszip via mammoth, pdf.js via unpdf): never shown to the person. */
const libraryWords = /zip file \?|stuk\.github|Invalid PDF structure|central directory|main document part/i;

describe("corrupt files are reported in our words, not the parser library's", () => {
  it("a .docx that is not a ZIP at all", async () => {
    const error = await failure(parseDocx(Buffer.from("plain text saved as .docx"), context));
    expect(error.code).toBe("corrupt_file");
    expect(error.message).toBe("not a valid DOCX file (it may be corrupt or still being written)");
    expect(error.message).not.toMatch(libraryWords);
    expect(error.hint).toContain("save it again");
    // The library's own words stay available to debug logs.
    expect(String((error.cause as Error).message)).toContain("zip");
  });

  it("a .docx cut short (a copy still being written)", async () => {
    const whole = await makeDocx({ heading: "Leave", paragraph: "Ask first.", table: [["a", "b"]] });
    const error = await failure(parseDocx(whole.slice(0, whole.length - 40), context));
    expect(error.message).toBe("not a valid DOCX file (it may be corrupt or still being written)");
  });

  it("a ZIP renamed to .docx (no Word document inside)", async () => {
    const whole = Buffer.from(
      await makeDocx({ heading: "Leave", paragraph: "Ask first.", table: [["a", "b"]] }),
    );
    // Same length, so the archive stays valid; only the document part's name changes.
    const renamed = Buffer.from(
      whole.toString("latin1").replaceAll("word/document.xml", "word/documenX.xml"),
      "latin1",
    );
    const error = await failure(parseDocx(renamed, context));
    expect(error.message).toMatch(/^not a Word document/);
    expect(error.message).not.toMatch(libraryWords);
  });

  it("a broken PDF and a truncated one", async () => {
    const junk = await failure(parsePdf(Buffer.from("%PDF-1.7 this is not really a pdf at all"), context));
    expect(junk.code).toBe("corrupt_file");
    expect(junk.message).toBe("not a valid PDF file (it may be corrupt or still being written)");
    expect(junk.hint).toContain("PDF viewer");
    const whole = await makePdf({ pages: [["Twelve weeks of parental leave."]] });
    const truncated = await failure(parsePdf(whole.slice(0, 200), context));
    expect(truncated.message).not.toMatch(libraryWords);
    expect(truncated.code).toBe("corrupt_file");
  });

  it("an empty file says it is empty", async () => {
    for (const parse of [parsePdf, parseDocx]) {
      const error = await failure(parse(new Uint8Array(0), context));
      expect(error.message).toBe("the file is empty (0 bytes; it may still be being written)");
    }
  });
});
