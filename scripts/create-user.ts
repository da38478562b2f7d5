/**
 * Creates a user from the command line, optionally with a role on one plan, e.g. the first
 * administrator of a new installation:
 *
 *   npm run create-user -- --email x@example.dk --name "Navn" --password "..." [--admin]
 *                          [--plan <id> --role secretariat|board|reporter|viewer]
 *
 * Uses the same schemas and model functions as the admin pages (as the system: actor null), on the
 * database chosen by the environment (DATABASE_URL, otherwise PGlite under data/).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Db } from "../db/client";
import { driverFromEnv, openDb } from "../db/client";
import { issuesToFieldErrors, type FieldErrors } from "../app/domain/form";
import { PLAN_ROLES, planRoleLabels } from "../app/domain/roles";
import { PlanMembershipSchema } from "../app/domain/user";
import { UserCreateServerSchema } from "../app/password-rule.server";
import { FieldValidationError } from "../app/models/errors.server";
import { createUser, setPlanMembership } from "../app/models/users.server";

export const USAGE = `Brug: npm run create-user -- --email <e-mail> --name "<navn>" --password "<adgangskode>" [--admin] [--plan <id> --role ${PLAN_ROLES.join("|")}]`;

export interface CreateUserResult {
  exitCode: 0 | 1;
  /** What to print: to stdout on success, to stderr on failure. */
  message: string;
}

/** The command-line option each schema field comes from. */
const optionFor: Record<string, string> = {
  name: "--name",
  email: "--email",
  password: "--password",
  isAdmin: "--admin",
  planId: "--plan",
  role: "--role",
};

function failure(errors: FieldErrors): CreateUserResult {
  const lines = Object.entries(errors).map(([field, message]) => {
    const hint = field === "role" ? ` (${PLAN_ROLES.join(", ")})` : "";
    return `  ${optionFor[field] ?? field}: ${message}${hint}`;
  });
  return {
    exitCode: 1,
    message: ["Brugeren blev ikke oprettet:", ...lines, "", USAGE].join("\n"),
  };
}

/** Parses the arguments, creates the user (and plan role) in one transaction, and says what happened. */
export async function runCreateUser(argv: string[], db: Db): Promise<CreateUserResult> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
        admin: { type: "boolean", default: false },
        plan: { type: "string" },
        role: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch {
    return {
      exitCode: 1,
      message: `Ukendt argument, eller et argument mangler sin værdi.\n\n${USAGE}`,
    };
  }
  if (args.help) return { exitCode: 0, message: USAGE };

  // The same rule as the admin page: length, strength, not the user's own name or e-mail.
  const user = UserCreateServerSchema.safeParse({
    name: args.name,
    email: args.email,
    password: args.password,
    isAdmin: args.admin,
  });
  const wantsPlanRole = args.plan !== undefined || args.role !== undefined;
  const membership = wantsPlanRole
    ? PlanMembershipSchema.safeParse({ planId: args.plan, role: args.role })
    : null;
  if (!user.success || (membership && !membership.success)) {
    return failure({
      ...(user.success ? {} : issuesToFieldErrors(user.error.issues)),
      ...(membership && !membership.success ? issuesToFieldErrors(membership.error.issues) : {}),
    });
  }

  try {
    // One transaction: a plan that does not exist leaves no half-made user behind.
    const created = await db.transaction(async (tx) => {
      const created = await createUser(tx, null, user.data);
      if (membership?.success) await setPlanMembership(tx, null, created.id, membership.data);
      return created;
    });
    const lines = [
      `Brugeren ${created.name} <${created.email}> er oprettet (id ${created.id})${created.isAdmin ? " som administrator" : ""}.`,
    ];
    if (membership?.success) {
      lines.push(
        `Rolle: ${planRoleLabels[membership.data.role]} i helhedsplan ${membership.data.planId}.`,
      );
    }
    return { exitCode: 0, message: lines.join("\n") };
  } catch (error) {
    if (error instanceof FieldValidationError) {
      const errors = { ...error.errors };
      if (errors.planId && membership?.success) {
        errors.planId = `Der findes ingen helhedsplan med id ${membership.data.planId}`;
      }
      return failure(errors);
    }
    throw error;
  }
}

async function main() {
  const handle = await openDb(driverFromEnv());
  try {
    const result = await runCreateUser(process.argv.slice(2), handle.db);
    (result.exitCode === 0 ? process.stdout : process.stderr).write(`${result.message}\n`);
    process.exitCode = result.exitCode;
  } finally {
    await handle.close();
  }
}

/**
 * The database's own message (e.g. a missing table), not drizzle's wrapper: that one repeats the
 * query's parameters, among them the password hash.
 */
function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Brugeren kunne ikke oprettes (${rootMessage(error)}). Er databasen migreret? Kør npm run db:migrate.\n`,
    );
    process.exit(1);
  });
}
