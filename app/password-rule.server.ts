/**
 * The password rule for every password a person sets (admin pages, command line): at least
 * MIN_PASSWORD_LENGTH characters (the shared form schema, also checked in the browser), and, here
 * on the server only because the dictionaries are large, hard enough to guess: zxcvbn's score of
 * at least 3 with common-password, English and Danish dictionaries, and not containing the user's
 * own name or e-mail address. The reason for a refusal is told in Danish, next to the field.
 *
 * The demo users' password (`demo-adgang-2026`) passes this rule; seeding calls the model
 * directly and would not be stopped by it anyway.
 */
import { createRequire } from "node:module";
import type * as ZxcvbnCore from "@zxcvbn-ts/core";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type * as ZxcvbnCommon from "@zxcvbn-ts/language-common";
import type * as ZxcvbnEn from "@zxcvbn-ts/language-en";
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  UserCreateSchema,
  UserUpdateSchema,
} from "./domain/user";
import type { z } from "./domain/zod";
import { passwordFeedbackDa } from "./password-feedback.da";
import { danishPasswordWords } from "./password-words.da";

/** zxcvbn's scale: 0–2 can be guessed within 10^8 attempts; 3 is "safely unguessable" online. */
export const MIN_PASSWORD_SCORE = 3;

/** Words of this app that people would reach for, besides the user's own name and address. */
const SITE_WORDS = ["samarbejdsaftaler", "samarbejdsaftale", "samarbejde", "helhedsplan"];

let estimator: ZxcvbnFactory | undefined;

/**
 * Built on first use: ranking the dictionaries takes a moment, and only password forms need it.
 * The packages are loaded then too (about 0.25 s of CPU, which every server start would otherwise
 * pay); `require`, not `import()`, keeps the check synchronous for the form schemas below.
 */
function getEstimator(): ZxcvbnFactory {
  if (estimator) return estimator;
  const require = createRequire(import.meta.url);
  const { ZxcvbnFactory } = require("@zxcvbn-ts/core") as typeof ZxcvbnCore;
  const common = require("@zxcvbn-ts/language-common") as typeof ZxcvbnCommon;
  const en = require("@zxcvbn-ts/language-en") as typeof ZxcvbnEn;
  estimator = new ZxcvbnFactory({
    translations: passwordFeedbackDa,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, "commonWords-da": danishPasswordWords },
  });
  return estimator;
}

export interface PasswordOwner {
  name?: string | null;
  email?: string | null;
}

/** The parts of a name and address that a password must not contain (lower case). */
function personalWords({ name, email }: PasswordOwner): string[] {
  const words = new Set<string>();
  const normalisedName = (name ?? "").normalize("NFKC").toLowerCase().trim();
  if (normalisedName.length >= 3) words.add(normalisedName.replace(/\s+/g, ""));
  // Name parts of four letters or more: shorter ones ("Ole", "Ib") turn up inside ordinary words.
  for (const part of normalisedName.split(/[\s\-.,']+/)) if (part.length >= 4) words.add(part);
  const address = (email ?? "").normalize("NFKC").toLowerCase().trim();
  if (address) {
    words.add(address);
    const local = address.split("@")[0] ?? "";
    if (local.length >= 3) words.add(local);
  }
  return [...words];
}

/**
 * Why this password may not be used, in Danish, or null when it may. The length is the form
 * schema's business; this is the rest of the rule.
 */
export function checkPasswordRule(password: string, owner: PasswordOwner): string | null {
  const personal = personalWords(owner);
  const squeezed = password.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  if (personal.some((word) => squeezed.includes(word.replace(/\s+/g, "")))) {
    return "Adgangskoden må ikke indeholde brugerens navn eller e-mailadresse.";
  }
  const domainWords = (owner.email ?? "").toLowerCase().split("@")[1]?.split(".") ?? [];
  const result = getEstimator().check(password, [...personal, ...domainWords, ...SITE_WORDS]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const { warning, suggestions } = result.feedback;
  return ["Adgangskoden er for let at gætte.", warning, ...suggestions]
    .filter((text): text is string => Boolean(text))
    .join(" ");
}

type PasswordForm = { name: string; email: string; password?: string | undefined };

function refinePassword(value: PasswordForm, ctx: z.RefinementCtx) {
  // zod runs this even when a field failed; a password of the wrong length has its message.
  const { password } = value;
  if (typeof password !== "string" || password.length < MIN_PASSWORD_LENGTH) return;
  if (password.length > MAX_PASSWORD_LENGTH) return;
  const message = checkPasswordRule(password, value);
  if (message) ctx.addIssue({ code: "custom", path: ["password"], message });
}

/** "Opret bruger" as the server checks it: the form schema plus the password rule. */
export const UserCreateServerSchema = UserCreateSchema.superRefine(refinePassword);

/** A user's details as the server checks them: a new password must follow the rule. */
export const UserUpdateServerSchema = UserUpdateSchema.superRefine(refinePassword);
