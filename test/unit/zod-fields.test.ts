/**
 * The shared field builders refuse what the database cannot store, with a Danish message beside
 * the field: control characters (NUL above all), broken UTF-16, numbers beyond their column, ids
 * beyond an integer, and days that do not exist.
 */
import { describe, expect, it } from "vitest";
import {
  CriteriaSchema,
  PurposeSchema,
  StaffSchema,
  amountField,
  optionalDecimal,
  richTextField,
} from "~/domain/agreement";
import { parseValues } from "~/domain/form";
import { PlanFormSchema } from "~/domain/plan";
import {
  CONTROL_CHARACTER_MESSAGE,
  NEGATIVE_MESSAGE,
  TOO_LARGE_MESSAGE,
  hasUnsafeCharacters,
  idList,
  isoDate,
  optionalId,
  optionalText,
  optionalWholeNumber,
  requiredId,
  requiredText,
  versionField,
} from "~/domain/zod";

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? null : result.error!.issues[0]!.message;

describe("text fields", () => {
  it("refuse NUL and other control characters with a message", () => {
    for (const bad of ["Navn\u0000", "\u0001x", "a\u001Fb", "x\u000Bx", "x\u000Cx", "\uFFFF"]) {
      expect(messageOf(requiredText("Skriv et navn").safeParse(bad))).toBe(
        CONTROL_CHARACTER_MESSAGE,
      );
      expect(messageOf(optionalText().safeParse(bad))).toBe(CONTROL_CHARACTER_MESSAGE);
      expect(messageOf(optionalText(100, { multiline: true }).safeParse(bad))).toBe(
        CONTROL_CHARACTER_MESSAGE,
      );
      expect(messageOf(richTextField().safeParse(bad))).toBe(CONTROL_CHARACTER_MESSAGE);
    }
  });

  it("refuse a surrogate without its partner, but keep real emoji", () => {
    expect(hasUnsafeCharacters("a\uD800b")).toBe(true);
    expect(hasUnsafeCharacters("a\uDC00")).toBe(true);
    expect(hasUnsafeCharacters("\uDC00\uD800")).toBe(true);
    expect(hasUnsafeCharacters("Fest 🎉 og æøå")).toBe(false);
    expect(messageOf(requiredText("x").safeParse("Fest \uD83C"))).toBe(CONTROL_CHARACTER_MESSAGE);
    expect(requiredText("x").parse("Fest 🎉")).toBe("Fest 🎉");
  });

  it("make tabs and line breaks in a one-line field single spaces, and keep them in a textarea", () => {
    expect(requiredText("x").parse("  Helhedsplan\t\r\nNord  ")).toBe("Helhedsplan Nord");
    expect(optionalText().parse("a\n\nb")).toBe("a b");
    expect(optionalText(100, { multiline: true }).parse("a\r\n\tb")).toBe("a\r\n\tb");
  });

  it("refuse NUL in list fields and in goals and delmål", () => {
    const parsed = parseValues(PurposeSchema, {
      purposes: "Tryghed\u0000",
      goals: [
        { id: "", text: "Mål 1", subGoals: [] },
        { id: "", text: "Mål\u0000 2", subGoals: [{ id: "", text: "Delmål\u0000" }] },
      ],
      method: "",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      purposes: CONTROL_CHARACTER_MESSAGE,
      "goals.1.text": CONTROL_CHARACTER_MESSAGE,
      "goals.1.subGoals.0.text": CONTROL_CHARACTER_MESSAGE,
    });
    // The user's input comes back as typed.
    expect(parsed.values.purposes).toBe("Tryghed\u0000");
  });

  it("name the field of a plan whose name holds a NUL", () => {
    const parsed = parseValues(PlanFormSchema, {
      name: "Navn\u0000",
      fundingRoundId: "1",
      periodStart: "2024-01-01",
      periodEnd: "2027-12-31",
      status: "draft",
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual({ name: CONTROL_CHARACTER_MESSAGE });
  });
});

describe("number fields", () => {
  it("staff lines: the text as written, required, without control characters, at most 500", () => {
    const row = (description: string) => parseValues(StaffSchema, { staff: [{ description }] });
    const errors = (description: string) => {
      const parsed = row(description);
      return parsed.ok ? {} : parsed.errors;
    };
    const line = "2 studentermedhjælpere samt 11,5 time i skoleåret";
    const parsed = row(line);
    expect(parsed.ok && parsed.data.staff.map((s) => s.description)).toEqual([line]);
    expect(errors("  ")).toEqual({
      "staff.0.description": "Beskriv medarbejderressourcen, fx «1 kommunikationsmedarbejder»",
    });
    expect(errors("1 medarbejder\u0000")).toEqual({
      "staff.0.description": CONTROL_CHARACTER_MESSAGE,
    });
    expect(errors("x".repeat(501))).toEqual({ "staff.0.description": "Højst 500 tegn" });
    expect(row("x".repeat(500)).ok).toBe(true);
  });

  it("criteria: baseline and target within numeric(14, 2); negative allowed", () => {
    const parsed = parseValues(CriteriaSchema, {
      criteria: [{ text: "A", dataSource: "B", baselineValue: "-5", targetValue: "1000000000000" }],
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual({ "criteria.0.targetValue": TOO_LARGE_MESSAGE });
    expect(optionalDecimal().safeParse("999999999999,99").success).toBe(true);
  });

  it("refuse NaN, infinities and unsafe integers", () => {
    for (const text of ["NaN", "1e309", "Infinity", "-Infinity", "9007199254740993"]) {
      expect(optionalDecimal().safeParse(text).success).toBe(false);
      expect(amountField().safeParse(text).success).toBe(false);
      expect(optionalWholeNumber().safeParse(text).success).toBe(false);
    }
    expect(messageOf(amountField().safeParse("10000000001"))).toBe(TOO_LARGE_MESSAGE);
  });

  it("whole numbers fit an integer column and are not negative", () => {
    expect(messageOf(optionalWholeNumber().safeParse("2147483648"))).toBe(TOO_LARGE_MESSAGE);
    expect(messageOf(optionalWholeNumber().safeParse("-1"))).toBe(NEGATIVE_MESSAGE);
    expect(optionalWholeNumber().parse("2147483647")).toBe(2_147_483_647);
  });

  it("ids and versions fit an integer column", () => {
    expect(requiredId("Vælg").safeParse("2147483648").success).toBe(false);
    expect(optionalId().safeParse("2147483648").success).toBe(false);
    expect(idList().safeParse(["1", "2147483648"]).success).toBe(false);
    expect(versionField().safeParse("2147483648").success).toBe(false);
    expect(requiredId("Vælg").parse("2147483647")).toBe(2_147_483_647);
  });
});

describe("dates", () => {
  it("refuse days that do not exist and years PostgreSQL or the plans cannot have", () => {
    for (const text of ["2023-02-30", "2024-13-01", "0000-01-01", "1899-12-31", "2101-01-01"]) {
      expect(isoDate().safeParse(text).success).toBe(false);
    }
    expect(isoDate().parse("2024-02-29")).toBe("2024-02-29");
  });
});

describe("id lists", () => {
  it("count an id posted twice once", () => {
    expect(idList().parse(["2", "02", "3", "2"])).toEqual([2, 3]);
  });
});
