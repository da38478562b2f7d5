/**
 * Hostile form submissions generated from a form's zod schema: the schema is walked to find every
 * field a user (or an attacker) can post, with its kind, and each field gets oversized texts,
 * control characters, invalid UTF-8, wrong types, duplicated and missing values, boundary numbers,
 * impossible dates, formula prefixes and script tags. A case is a raw
 * application/x-www-form-urlencoded body, so bytes that no browser form would send can be posted.
 */
import type { z } from "zod";

export type FieldKind = "text" | "number" | "enum" | "boolean" | "date" | "list" | "other";

export interface FormField {
  /** The posted name, with list rows as ".0." (as react-hook-form names them). */
  path: string;
  kind: FieldKind;
  /** The allowed values of an enum. */
  options?: string[];
}

type AnyDef = {
  type: string;
  in?: z.ZodType;
  out?: z.ZodType;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  format?: string;
  getter?: () => z.ZodType;
};

const defOf = (schema: z.ZodType): AnyDef =>
  (schema as unknown as { _zod: { def: AnyDef } })._zod.def;

/** The schema that decides a field's kind: through preprocessing, transforms and wrappers. */
function core(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case "pipe":
      return defOf(def.in!).type === "transform" ? core(def.out!) : core(def.in!);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return core(def.innerType!);
    case "lazy":
      return core(def.getter!());
    default:
      return schema;
  }
}

function enumValues(schema: z.ZodType): string[] {
  const def = defOf(core(schema));
  if (def.type === "enum") return Object.values(def.entries ?? {});
  if (def.type === "literal") return (def.values ?? []).map(String);
  if (def.type === "union") return (def.options ?? []).flatMap(enumValues);
  return [];
}

/** Every field of a form schema, with the posted name and kind. */
export function formFields(schema: z.ZodType, prefix = ""): FormField[] {
  const schemaCore = core(schema);
  const def = defOf(schemaCore);
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  switch (def.type) {
    case "object":
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) => formFields(field, at(key)));
    case "array": {
      const element = core(def.element!);
      if (defOf(element).type === "object") return formFields(element, `${prefix}.0`);
      return [{ path: prefix, kind: "list" }];
    }
    case "record":
      // Amounts keyed by year ("y2024"): one key stands for all.
      return formFields(def.valueType!, `${prefix}.y2024`);
    case "string":
      return [{ path: prefix, kind: def.format === "date" ? "date" : "text" }];
    case "number":
      return [{ path: prefix, kind: "number" }];
    case "boolean":
      return [{ path: prefix, kind: "boolean" }];
    case "enum":
    case "literal":
    case "union":
      return [{ path: prefix, kind: "enum", options: enumValues(schemaCore) }];
    default:
      return [{ path: prefix, kind: "other" }];
  }
}

export type FormEntries = [string, string][];

export interface HostileCase {
  label: string;
  /** The field the case is aimed at (null: the whole form). */
  field: string | null;
  /** The fields posted, in order (hidden fields are refreshed before sending). */
  entries: FormEntries;
  /** Raw `name=value` pairs appended to the body as they are (invalid percent-encodings). */
  raw: string[];
}

/** Values a hostile user types, by what they attack. */
export const HOSTILE_VALUES: [string, string][] = [
  ["NUL byte", "Navn\u0000"],
  ["only NUL", "\u0000"],
  ["C0 controls and escape", "a\u0001\u0002\u001b[31mb"],
  ["vertical tab, form feed", "a\u000b\u000cb"],
  ["DEL and C1 controls", "a\u007f\u0085\u009fb"],
  ["tab and line breaks", "a\tb\r\nc\rd"],
  ["oversized (100,001 characters)", "A".repeat(100_001)],
  ["non-characters U+FFFE/U+FFFF", "\uFFFE\uFFFF"],
  ["byte-order mark", "\uFEFFTekst"],
  ["right-to-left override", "abc\u202Edef"],
  ["zero-width characters", "\u200B\u200D\u2060"],
  ["emoji sequences", "🎉👩‍👩‍👧 🇩🇰"],
  ["stacked combining marks", "e\u0301\u0301\u0301\u0301"],
  ["script tag", "<script>alert(1)</script>"],
  ["attribute breakout", '"><img src=x onerror=alert(1)>'],
  ["HTML in Markdown", "<b>x</b>\n\n<!-- kommentar -->\n\n<iframe src=//evil.example>"],
  ["javascript: link", "[klik](javascript:alert(1))"],
  ["formula =", '=HYPERLINK("http://evil.example","klik")'],
  ["formula +", "+1+cmd|' /C calc'!A0"],
  ["formula -", "-2+3+cmd|' /C calc'!A0"],
  ["formula @", "@SUM(1+1)*cmd|' /C calc'!A0"],
  ["formula after tab", "\t=1+1"],
  ["formula after CR", "\r=1+1"],
  ["SQL", "'; drop table users; --"],
  ["backslashes and escapes", "\\\\x\\u0000\\n"],
  ["LIKE wildcards", "%_%"],
  ["JSON text", '{"__proto__":{"x":1}}'],
  ["empty", ""],
  ["only spaces", "   "],
  ["2^31", "2147483648"],
  ["2^31 - 1", "2147483647"],
  ["2^53", "9007199254740992"],
  ["2^63", "9223372036854775808"],
  ["-1", "-1"],
  ["-2^31 - 1", "-2147483649"],
  ["0", "0"],
  ["-0", "-0"],
  ["NaN", "NaN"],
  ["1e309", "1e309"],
  ["Infinity", "Infinity"],
  ["exponent", "1e3"],
  ["hexadecimal", "0x10"],
  ["decimal comma", "1,5"],
  ["Danish thousands", "1.000.000,25"],
  ["400 digits", "9".repeat(400)],
  ["tiny fraction", "0.000000001"],
  ["number with spaces", " 42 "],
  ["30 February", "2023-02-30"],
  ["month 13", "2023-13-01"],
  ["year 0", "0000-01-01"],
  ["year 9999", "9999-12-31"],
  ["short date", "2023-2-3"],
  ["Danish date", "30-02-2023"],
  ["date and time", "2023-01-01T00:00:00Z"],
  ["true", "true"],
  ["on", "on"],
];

/** Raw percent-encodings a browser never sends: invalid or overlong UTF-8, broken escapes. */
export const RAW_VALUES: [string, string][] = [
  ["invalid UTF-8 %FF%FE", "%FF%FE"],
  ["overlong NUL %C0%80", "%C0%80"],
  ["lone surrogate (CESU-8) %ED%A0%80", "%ED%A0%80"],
  ["truncated UTF-8 %E2%82", "x%E2%82"],
  ["raw NUL %00", "a%00b"],
  ["broken escape %zz", "%zz%"],
];

/** The few values every field gets, by kind; the rest are spread over the fields. */
const CORE_VALUES: Record<FieldKind, string[]> = {
  text: ["NUL byte", "oversized (100,001 characters)"],
  number: ["NUL byte", "2^31", "2^53", "-1"],
  date: ["NUL byte", "30 February", "year 0"],
  enum: ["NUL byte"],
  boolean: ["NUL byte"],
  list: ["NUL byte", "2^31"],
  other: ["NUL byte"],
};

/** The urlencoded body of a case. */
export function encodeBody(entries: FormEntries, raw: readonly string[] = []): string {
  const params = new URLSearchParams();
  for (const [key, value] of entries) params.append(key, value);
  return [params.toString(), ...raw].filter(Boolean).join("&");
}

function withValue(base: FormEntries, field: string, values: string[]): FormEntries {
  const rest = base.filter(([key]) => key !== field);
  return [...rest, ...values.map((v): [string, string] => [field, v])];
}

/** The list a row field belongs to ("criteria" for "criteria.0.text"), if any. */
function listOf(path: string): { list: string; rest: string } | null {
  const match = /^(.*?)\.0\.(.+)$/.exec(path);
  return match ? { list: match[1]!, rest: match[2]! } : null;
}

/**
 * At least `minimum` hostile cases for a form: its base (valid) entries with one field changed at
 * a time, plus cases against the whole form. Hidden fields (version, intent) are kept as given.
 */
export function hostileCases(
  fields: readonly FormField[],
  base: FormEntries,
  minimum = 100,
): HostileCase[] {
  const cases: HostileCase[] = [];
  const byLabel = new Map(HOSTILE_VALUES);
  const add = (label: string, field: string | null, entries: FormEntries, raw: string[] = []) =>
    cases.push({ label, field, entries, raw });

  // Every hostile value and raw encoding once, spread over the fields round-robin.
  const targets = fields.length ? fields : [{ path: "x", kind: "other" as const }];
  let turn = 0;
  const spread = () => targets[turn++ % targets.length]!.path;
  for (const [label, value] of HOSTILE_VALUES) {
    const path = spread();
    add(label, path, withValue(base, path, [value]));
  }
  for (const [label, raw] of RAW_VALUES) {
    const path = spread();
    add(
      label,
      path,
      base.filter(([key]) => key !== path),
      [`${encodeURIComponent(path)}=${raw}`],
    );
  }

  // Every field: the core values of its kind, and the structural attacks on it.
  for (const { path, kind } of fields) {
    for (const label of CORE_VALUES[kind])
      add(label, path, withValue(base, path, [byLabel.get(label)!]));
    add(
      "missing",
      path,
      base.filter(([key]) => key !== path),
    );
    const current = base.find(([key]) => key === path)?.[1] ?? "x";
    add("duplicated", path, withValue(base, path, [current, current]));
    add("array for a scalar", path, withValue(base, path, [current, "\u0000", "2147483648"]));
    add("object for a scalar", path, [
      ...base.filter(([key]) => key !== path),
      [`${path}.x`, "1"],
      [`${path}[y]`, "2"],
    ]);
  }

  // Every list: rows at odd indices.
  const lists = [...new Set(fields.map((f) => listOf(f.path)?.list).filter(Boolean))] as string[];
  for (const list of lists) {
    const rowEntries = base.filter(([key]) => key.startsWith(`${list}.0.`));
    const others = base.filter(([key]) => !key.startsWith(`${list}.0.`));
    const moved = (index: string) =>
      rowEntries.map(([key, value]): [string, string] => [
        key.replace(`${list}.0.`, `${list}.${index}.`),
        value,
      ]);
    add("row index 99999", list, [...others, ...moved("99999")]);
    add("row index -1", list, [...others, ...moved("-1")]);
    add("row index not a number", list, [...others, ...moved("x")]);
    const rows = Array.from({ length: 1100 }, (_, i) =>
      rowEntries.map(([key, value]): [string, string] => [
        key.replace(`${list}.0.`, `${list}.${i}.`),
        key.endsWith(".id") ? "" : value,
      ]),
    ).flat();
    add("1,100 rows", list, [...others, ...rows]);
  }

  // Against the whole form.
  add("empty body", null, []);
  add(
    "only the base's hidden fields",
    null,
    base.filter(([key]) => !fields.some((f) => f.path === key)),
  );
  add("prototype pollution", null, [
    ...base,
    ["__proto__.polluted", "1"],
    ["constructor.prototype.polluted", "1"],
  ]);
  add("nested 12 levels deep", null, [...base, ["deep.a.b.c.d.e.f.g.h.i.j.k", "1"]]);
  add("5,000 unknown fields", null, [
    ...base,
    ...Array.from({ length: 5000 }, (_, i): [string, string] => [`unknown${i}`, "x"]),
  ]);
  const firstText = fields.find((f) => f.kind === "text")?.path ?? targets[0]!.path;
  add("200,000 characters", firstText, withValue(base, firstText, ["Æ".repeat(200_000)]));
  // Fill up to the minimum: every hostile value again, on the next field in turn.
  for (let i = 0; cases.length < minimum; i++) {
    const [label, value] = HOSTILE_VALUES[i % HOSTILE_VALUES.length]!;
    const path = spread();
    add(label, path, withValue(base, path, [value]));
  }
  return cases;
}

/**
 * Tampered hidden fields (the optimistic-lock version, a proposed version's id): a form never sends these,
 * so any 4xx answer will do, but never a 500.
 */
export function hiddenFieldCases(hidden: readonly string[], base: FormEntries): HostileCase[] {
  const values = ["", "2147483648", "9007199254740993", "-1", "NaN", "1e309", "\u0000", "x"];
  return hidden.flatMap((name) => [
    {
      label: `${name} missing`,
      field: name,
      entries: base.filter(([key]) => key !== name),
      raw: [],
    },
    ...values.map((value) => ({
      label: `${name} = ${JSON.stringify(value)}`,
      field: name,
      entries: withValue(base, name, [value]),
      raw: [],
    })),
  ]);
}
