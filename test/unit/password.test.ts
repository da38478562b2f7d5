import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "~/password.server";
import { safeRedirect } from "~/auth.server";

describe("passwords", () => {
  it("hashes with scrypt and a salt, and verifies", async () => {
    const a = await hashPassword("korrekt hest batteri");
    const b = await hashPassword("korrekt hest batteri");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("korrekt hest batteri", a)).toBe(true);
    expect(await verifyPassword("forkert", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("redirects after login", () => {
  it("only follows same-site paths", () => {
    expect(safeRedirect("/plans/1")).toBe("/plans/1");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("/\\evil")).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
  });
});
