/**
 * Throttling wrong passwords, per account (the e-mail address typed) and per client address, with
 * rate-limiter-flexible's RateLimiterDrizzle over the `login_limits` table: the counters live in
 * the database, so they hold across several app processes and restarts, on both drivers.
 *
 * - 5 wrong passwords for one e-mail address within 15 minutes block logins to it for 15 minutes
 *   (counted whether or not the account exists, so the answer does not reveal which ones do).
 * - 50 wrong passwords from one client address within an hour block it for an hour.
 * - While blocked, the password is not even checked: the right one is refused too.
 * - A successful login clears the account's counter (not the address's).
 *
 * The client address: Remix gives loaders and actions no socket, so it is taken from the load
 * context's `clientAddress` when the HTTP server provides one (Express's `req.ip`, which honours
 * its own `trust proxy` setting), else from `X-Forwarded-For` when TRUST_PROXY is a number of
 * proxies in front of the app (the address that many entries from the right, the one our own
 * proxy saw; entries further left are whatever the client sent). Without either there is no
 * address, and only the per-account limit applies.
 */
import { createHash } from "node:crypto";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { loginLimits } from "../db/schema";

export const ACCOUNT_LIMIT = { points: 5, seconds: 15 * 60 } as const;
export const ADDRESS_LIMIT = { points: 50, seconds: 60 * 60 } as const;

interface Limiters {
  account: RateLimiterDrizzle;
  address: RateLimiterDrizzle;
}

// One pair per database handle (tests open several); the limiters hold no state of their own.
const limitersByDb = new WeakMap<Db, Limiters>();

function limitersFor(db: Db): Limiters {
  let limiters = limitersByDb.get(db);
  if (!limiters) {
    const options = { storeClient: db, schema: loginLimits, clearExpiredByTimeout: false };
    limiters = {
      account: new RateLimiterDrizzle({
        ...options,
        keyPrefix: "login:account",
        points: ACCOUNT_LIMIT.points,
        duration: ACCOUNT_LIMIT.seconds,
      }),
      address: new RateLimiterDrizzle({
        ...options,
        keyPrefix: "login:address",
        points: ADDRESS_LIMIT.points,
        duration: ADDRESS_LIMIT.seconds,
      }),
    };
    limitersByDb.set(db, limiters);
  }
  return limiters;
}

/** What the counters are keyed by: a hash, so any input has a fixed size and no address is stored. */
function keyOf(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

export interface LoginAttempt {
  email: string;
  address: string | null;
}

function keysOf(attempt: LoginAttempt) {
  return {
    account: keyOf(attempt.email.trim().toLowerCase()),
    address: attempt.address ? keyOf(attempt.address) : null,
  };
}

/** Milliseconds until logins are possible again, or 0 when the attempt may go ahead. */
export async function getLoginBlock(db: Db, attempt: LoginAttempt): Promise<number> {
  const limiters = limitersFor(db);
  const keys = keysOf(attempt);
  const [account, address] = await Promise.all([
    limiters.account.get(keys.account),
    keys.address ? limiters.address.get(keys.address) : null,
  ]);
  const waits = [
    account && account.consumedPoints >= ACCOUNT_LIMIT.points ? account.msBeforeNext : 0,
    address && address.consumedPoints >= ADDRESS_LIMIT.points ? address.msBeforeNext : 0,
  ];
  return Math.max(0, ...waits);
}

/**
 * Counts a wrong password against the account and the address. When that uses up a limit, the
 * block starts now and lasts the limit's full period; returns the milliseconds it lasts (0: none).
 */
export async function countLoginFailure(db: Db, attempt: LoginAttempt): Promise<number> {
  await removeExpiredCounters(db);
  const limiters = limitersFor(db);
  const keys = keysOf(attempt);
  const counted: Promise<number>[] = [count(limiters.account, keys.account, ACCOUNT_LIMIT)];
  if (keys.address) counted.push(count(limiters.address, keys.address, ADDRESS_LIMIT));
  return Math.max(0, ...(await Promise.all(counted)));
}

async function count(
  limiter: RateLimiterDrizzle,
  key: string,
  limit: { points: number; seconds: number },
): Promise<number> {
  let res: RateLimiterRes;
  try {
    res = await limiter.consume(key);
  } catch (rejected) {
    // Beyond the limit already (requests that raced past the check): still blocked.
    if (rejected instanceof RateLimiterRes) return rejected.msBeforeNext;
    throw rejected;
  }
  if (res.consumedPoints < limit.points) return 0;
  await limiter.block(key, limit.seconds);
  return limit.seconds * 1000;
}

/**
 * Counters whose window ended more than an hour ago mean nothing any more. Removed on each wrong
 * password (an indexed delete), so guessing with ever new addresses cannot grow the table for
 * good; the library's own timer for this is off, since it would run per database handle.
 */
async function removeExpiredCounters(db: Db): Promise<void> {
  await db.delete(loginLimits).where(lt(loginLimits.expire, new Date(Date.now() - 3_600_000)));
}

/** After a successful login: the account starts afresh. */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await limitersFor(db).account.delete(keysOf({ email, address: null }).account);
}

/** The client's address as described above, or null when it cannot be known. */
export function clientAddress(request: Request, context: unknown): string | null {
  const fromServer = (context as { clientAddress?: unknown } | null)?.clientAddress;
  if (typeof fromServer === "string" && fromServer) return fromServer;
  const proxies = Number(process.env.TRUST_PROXY);
  if (!Number.isInteger(proxies) || proxies < 1) return null;
  const hops = (request.headers.get("X-Forwarded-For") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops[hops.length - proxies] ?? null;
}

const danishTime = new Intl.DateTimeFormat("da-DK", {
  timeZone: "Europe/Copenhagen",
  hour: "2-digit",
  minute: "2-digit",
});

/** "For mange forkerte forsøg. Prøv igen om 14 minutter." (or "kl. 15.40" beyond an hour). */
export function loginBlockedMessage(ms: number, now: Date = new Date()): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const when =
    minutes < 60
      ? `om ${minutes} ${minutes === 1 ? "minut" : "minutter"}`
      : `kl. ${danishTime.format(new Date(now.getTime() + ms)).replace(":", ".")}`;
  return `For mange forkerte forsøg. Prøv igen ${when}.`;
}
