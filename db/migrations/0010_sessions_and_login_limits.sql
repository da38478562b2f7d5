-- Sessions can be ended (issue 16): the session cookie carries the user's session generation, and
-- a cookie whose generation is not the user's current one is refused. Logout, a new password and
-- deactivation raise the generation, which ends every session issued before.
ALTER TABLE "users" ADD COLUMN "session_generation" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
-- Counters for throttling wrong passwords (per e-mail address and per client address), kept in the
-- database so that they hold across several app processes. One row per key, written by
-- rate-limiter-flexible's RateLimiterDrizzle: the points used in the window that ends at `expire`.
CREATE TABLE "login_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "login_limits_expire_idx" ON "login_limits" USING btree ("expire");
