import { describe, expect, it } from "vitest";
import { AppError } from "#shared/errors/app-error.ts";
import { decodeText } from "./decode-text.ts";

describe("decodeText", () => {
  it("reads UTF-8 and strips the byte-order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Año nuevo")]);
    expect(decodeText(bytes)).toBe("Año nuevo");
  });

  it("falls back to windows-1252 for Latin-1 Spanish text", () => {
    const text = "La canción del niño: ¿sí? Ñandú, pingüino.";
    const bytes = Buffer.from(text, "latin1");
    expect(bytes.includes(0xf3)).toBe(true); // really one byte per accented letter, not UTF-8
    expect(decodeText(bytes)).toBe(text);
  });

  it("reads windows-1252 punctuation (curly quotes, euro)", () => {
    expect(decodeText(new Uint8Array([0x93, 0x68, 0x6f, 0x6c, 0x61, 0x94, 0x20, 0x80]))).toBe(
      "\u201chola\u201d \u20ac",
    );
  });

  it("reads UTF-16 when it starts with a byte-order mark", () => {
    const text = "Señal";
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(decodeText(bytes)).toBe(text);
  });

  it("normalises Windows and old Mac line endings to \\n", () => {
    expect(decodeText(new TextEncoder().encode("one\r\ntwo\rthree\n"))).toBe("one\ntwo\nthree\n");
  });

  it("rejects binary content as a corrupt file", () => {
    const error = (() => {
      try {
        decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "corrupt_file" });
  });
});
