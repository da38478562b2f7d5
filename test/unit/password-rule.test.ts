/**
 * The password rule: hard enough to guess (zxcvbn score 3 or more, with Danish words), not the
 * user's own name or e-mail, and the reason in Danish.
 */
import { describe, expect, it } from "vitest";
import { translations as english } from "@zxcvbn-ts/language-en";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed";
import {
  checkPasswordRule,
  UserCreateServerSchema,
  UserUpdateServerSchema,
} from "~/password-rule.server";

const owner = { name: "Mette Lykke", email: "sekretariat@samarbejde.example" };
const englishTexts = [
  ...Object.values(english.warnings),
  ...Object.values(english.suggestions),
] as string[];

describe("the password rule", () => {
  it.each([
    ["aaaaaaaaaa", "Gentagne tegn"],
    ["1234567890", "en af de mest brugte adgangskoder"],
    ["          ", "Gentagne tegn"],
    ["qwertyuiop", "en af de mest brugte adgangskoder"],
    ["Password123", "almindelig adgangskode"],
    ["abcdefghijkl", "Rækkefølger"],
    // Danish words the English lists do not know.
    ["kodeord123", "Tilføj flere ord"],
    ["sommer2024!", "Tilføj flere ord"],
    ["Velkommen2026", "Tilføj flere ord"],
    ["København2025", "Tilføj flere ord"],
    ["boligforening1", "Tilføj flere ord"],
    ["hemmelig-kode", "Tilføj flere ord"],
    ["Samarbejde2026", "ord fra denne tjeneste"],
  ])("refuses %j and says why in Danish", (password, reason) => {
    const message = checkPasswordRule(password, owner);
    expect(message).toMatch(/^Adgangskoden er for let at gætte\. /);
    expect(message).toContain(reason);
    for (const text of englishTexts) expect(message).not.toContain(text);
  });

  it.each([
    "sekretariat@samarbejde.example",
    "SEKRETARIAT@samarbejde.example!",
    "sekretariat-og-mere-2026",
    "Mette Lykke 2024!",
    "mettelykke-er-her",
    "god-lykke-med-det",
  ])("refuses %j, which contains the user's own name or e-mail", (password) => {
    expect(checkPasswordRule(password, owner)).toBe(
      "Adgangskoden må ikke indeholde brugerens navn eller e-mailadresse.",
    );
  });

  it.each(["korrekt hest batteri", "bolig-regn-kat-47", "Tr0ub4dour&3x", "grøn-tekande-på-loftet"])(
    "accepts %j",
    (password) => {
      expect(checkPasswordRule(password, owner)).toBeNull();
    },
  );

  it("accepts the demo password for every demo user", () => {
    for (const user of Object.values(DEMO_USERS)) {
      expect(checkPasswordRule(DEMO_PASSWORD, user), user.email).toBeNull();
    }
  });

  it("puts the reason on the password field of the server's schemas, after the length check", () => {
    const create = UserCreateServerSchema.safeParse({ ...owner, password: "1234567890" });
    expect(create.success).toBe(false);
    expect(create.error?.issues).toEqual([
      expect.objectContaining({
        path: ["password"],
        message: expect.stringMatching(/^Adgangskoden er for let at gætte/),
      }),
    ]);
    const short = UserCreateServerSchema.safeParse({ ...owner, password: "kort" });
    expect(short.error?.issues.map((i) => i.message)).toEqual([
      "Adgangskoden skal have mindst 10 tegn",
    ]);
    // Updating without a new password leaves the rule out; with one, it applies.
    expect(UserUpdateServerSchema.safeParse({ ...owner, password: "" }).success).toBe(true);
    const update = UserUpdateServerSchema.safeParse({ ...owner, password: "Mette Lykke 2024!" });
    expect(update.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["password", "Adgangskoden må ikke indeholde brugerens navn eller e-mailadresse."],
    ]);
  });
});
