/** DATABASE_POOL_SIZE sizes this process's PostgreSQL pool (db/client.ts driverFromEnv). */
import { describe, expect, it } from "vitest";
import { driverFromEnv } from "../../db/client";

const url = "postgres://app@db.example/samarbejde";
const env = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...vars });

describe("driverFromEnv's pool size", () => {
  it("leaves the pool at postgres.js's default of 10 without DATABASE_POOL_SIZE", () => {
    expect(driverFromEnv(env({ DATABASE_URL: url }))).toStrictEqual({ driver: "postgres", url });
    expect(driverFromEnv(env({ DATABASE_URL: url, DATABASE_POOL_SIZE: " " }))).toStrictEqual({
      driver: "postgres",
      url,
    });
  });

  it("takes a whole number as the pool's maximum", () => {
    expect(driverFromEnv(env({ DATABASE_URL: url, DATABASE_POOL_SIZE: "4" }))).toStrictEqual({
      driver: "postgres",
      url,
      max: 4,
    });
  });

  it("refuses anything else, naming the variable", () => {
    for (const bad of ["0", "-2", "4.5", "ti", "10000"]) {
      expect(() => driverFromEnv(env({ DATABASE_URL: url, DATABASE_POOL_SIZE: bad }))).toThrow(
        /DATABASE_POOL_SIZE/,
      );
    }
  });

  it("has no pool on the embedded database", () => {
    expect(driverFromEnv(env({ DATA_DIR: "/tmp/x", DATABASE_POOL_SIZE: "4" }))).toStrictEqual({
      driver: "pglite",
      dir: "/tmp/x/pglite",
    });
  });
});
