import { describe, expect, it } from "vitest";
import { answerTypeMatch, answerTypeOf } from "./answer-type.ts";

describe("answerTypeOf", () => {
  it("reads the kind of fact from the question word, in English and Spanish", () => {
    expect(answerTypeOf("How many weeks of leave do I get?")).toEqual({ kind: "quantity", units: ["weeks"] });
    expect(answerTypeOf("¿Cuántos días de vacaciones tengo?")).toEqual({ kind: "quantity", units: ["dias"] });
    expect(answerTypeOf("How many credit hours can I hold?")).toEqual({
      kind: "quantity",
      units: ["credit", "hours"],
    });
    expect(answerTypeOf("How much is the phone allowance?").kind).toBe("quantity");
    expect(answerTypeOf("Above what salary is overtime capped?").kind).toBe("quantity");
    expect(answerTypeOf("How long are chat logs kept?").kind).toBe("duration");
    expect(answerTypeOf("¿Cuánto tiempo se guardan los correos?").kind).toBe("duration");
    expect(answerTypeOf("When is the expense report due?").kind).toBe("time");
    expect(answerTypeOf("¿En qué año se fundó la empresa?")).toEqual({ kind: "time", kindWords: ["ano"] });
    expect(answerTypeOf("What was the first year of the program?")).toEqual({
      kind: "time",
      kindWords: ["year"],
    });
    expect(answerTypeOf("¿Cuál fue el primer año del torneo?")).toEqual({ kind: "time", kindWords: ["ano"] });
    expect(answerTypeOf("Who approves my travel?").kind).toBe("person");
    expect(answerTypeOf("¿Quién aprueba los viajes?").kind).toBe("person");
    expect(answerTypeOf("Which website do I use to book a desk?")).toEqual({
      kind: "link",
      kindWords: ["website"],
    });
    expect(answerTypeOf("Why do we use badges?").kind).toBe("none");
  });

  it("takes the question's opening question word, not a later conjunction", () => {
    expect(answerTypeOf("Which code do I use when I'm away for a week?").kind).toBe("none");
    expect(answerTypeOf("After a move, how long do I have to update my address?").kind).toBe("duration");
    expect(answerTypeOf("Past how many days does a trip need approval?")).toEqual({
      kind: "quantity",
      units: ["days"],
    });
  });
});

describe("answerTypeMatch", () => {
  it("scores a number with the asked unit above a number of another unit", () => {
    const weeks = answerTypeOf("How many weeks of leave do I get?");
    expect(answerTypeMatch(weeks, "You get 12 weeks of paid leave.")).toBe(1);
    expect(answerTypeMatch(weeks, "You get twelve weeks of paid leave.")).toBe(1);
    expect(answerTypeMatch(weeks, "You must have worked here 12 months first.")).toBe(0.5);
    expect(answerTypeMatch(weeks, "Leave is paid in full.")).toBe(0);
  });

  it("recognises durations, days and dates, names and addresses, and links", () => {
    const duration = answerTypeOf("How long are chat logs kept?");
    expect(answerTypeMatch(duration, "Logs are kept for 18 months.")).toBe(1);
    expect(answerTypeMatch(duration, "Logs are kept forever.")).toBe(1);
    expect(answerTypeMatch(duration, "Logs are kept in 3 places.")).toBe(0.5);
    const time = answerTypeOf("When is the report due?");
    expect(answerTypeMatch(time, "Send it by Friday at noon.")).toBe(1);
    expect(answerTypeMatch(time, "Se entrega en 1998.")).toBe(1);
    expect(answerTypeMatch(time, "Send it to your manager.")).toBe(0);
    const person = answerTypeOf("Who do I email about badges?");
    expect(answerTypeMatch(person, "Write to badges@example.org for a new one.")).toBe(1);
    expect(answerTypeMatch(person, "Badges are handled by Maria Lopez.")).toBe(1);
    expect(answerTypeMatch(person, "Ask your manager.")).toBe(0.5);
    const link = answerTypeOf("Which website do I use to book a desk?");
    const quoted = "Go to [https://desks.example.org](https://desks.example.org)";
    expect(answerTypeMatch(link, "Go to ", quoted)).toBe(1);
    expect(answerTypeMatch(link, "See the desks page.", "See the [desks](pages/desks.md) page.")).toBe(0);
  });
});
