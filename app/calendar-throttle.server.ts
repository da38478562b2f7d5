/**
 * Throttling wrong calendar feed addresses per client address, like wrong passwords
 * (login-throttle.server.ts, the same `login_limits` table under its own key prefix). A token
 * has 256 random bits, so guessing cannot succeed anyway; this keeps a scanner from making the
 * app hash and look up tokens without end. 30 wrong addresses from one client within an hour
 * block that client's feed requests (right ones too) for an hour. Without a known client address
 * (no TRUST_PROXY behind a proxy) nothing is counted.
 */
import { createHash } from "node:crypto";
import { lt } from "drizzle-orm";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import { loginLimits } from "../db/schema";

export const CALENDAR_ADDRESS_LIMIT = { points: 30, seconds: 60 * 60 } as const;

const limiters = new WeakMap<Db, RateLimiterDrizzle>();

function limiterFor(db: Db): RateLimiterDrizzle {
  let limiter = limiters.get(db);
  if (!limiter) {
    limiter = new RateLimiterDrizzle({
      storeClient: db,
      schema: loginLimits,
      clearExpiredByTimeout: false,
      keyPrefix: "calendar:address",
      points: CALENDAR_ADDRESS_LIMIT.points,
      duration: CALENDAR_ADDRESS_LIMIT.seconds,
    });
    limiters.set(db, limiter);
  }
  return limiter;
}

// A hash, so the table holds no client address.
const keyOf = (address: string) => createHash("sha256").update(address).digest("base64url");

/** True while the client may not fetch feeds (too many wrong addresses). */
export async function isCalendarClientBlocked(db: Db, address: string | null): Promise<boolean> {
  if (!address) return false;
  const res = await limiterFor(db).get(keyOf(address));
  return res !== null && res.consumedPoints >= CALENDAR_ADDRESS_LIMIT.points;
}

/** Counts a wrong feed address against the client. */
export async function countCalendarFailure(db: Db, address: string | null): Promise<void> {
  if (!address) return;
  // Old counters (of any prefix) mean nothing any more; an indexed delete, as for logins.
  await db.delete(loginLimits).where(lt(loginLimits.expire, new Date(Date.now() - 3_600_000)));
  const limiter = limiterFor(db);
  const key = keyOf(address);
  try {
    const res = await limiter.consume(key);
    if (res.consumedPoints >= CALENDAR_ADDRESS_LIMIT.points) {
      await limiter.block(key, CALENDAR_ADDRESS_LIMIT.seconds);
    }
  } catch (rejected) {
    // Already beyond the limit: it stays blocked.
    if (!(rejected instanceof RateLimiterRes)) throw rejected;
  }
}
