/**
 * Where the login page may send a user afterwards: only paths on this site. Each hostile target
 * below is one a browser would (or could) resolve to another host, or one that broke the response.
 */
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/auth.server";

describe("safeRedirect", () => {
  it.each([
    ["/plans/1", "/plans/1"],
    ["/plans/1/agreements/2?year=2025#maal", "/plans/1/agreements/2?year=2025#maal"],
    ["/", "/"],
    // Normalised as a browser would, and returned in that form.
    ["/plans/./1/../2", "/plans/2"],
    ["/s%C3%B8g?q=%C3%A6", "/s%C3%B8g?q=%C3%A6"],
    ["/søg", "/s%C3%B8g"],
    // Encoded slashes stay encoded: a browser does not turn them into a host.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5C%5Cevil.example", "/%5C%5Cevil.example"],
  ])("keeps the same-site path %j as %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it.each([
    // Control characters: browsers drop tab and newline from URLs ("/\t/x" is "//x").
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/plans/1\r\nSet-Cookie: x=1",
    "/\u0000/evil.example",
    "/\u000b/evil.example",
    "/\u007f/evil.example",
    "/\u0085/evil.example",
    "\t//evil.example",
    // Protocol-relative and backslash variants.
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\\\evil.example",
    // Dot segments that collapse into "//host".
    "/.//evil.example",
    "/..//evil.example",
    "/a/../..//evil.example",
    "/%2e%2e//evil.example",
    "/%2E//evil.example",
    // Absolute URLs, other schemes, and things that are not paths at all.
    "http://evil.example",
    "https://evil.example/plans/1",
    "https:evil.example",
    "http:/evil.example",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "mailto:a@evil.example",
    "evil.example",
    "plans/1",
    " /plans/1",
    "",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
  });

  it("refuses what is not a string, and uses the given fallback", () => {
    for (const to of [undefined, null, 1, ["/plans/1"], { toString: () => "/plans/1" }]) {
      expect(safeRedirect(to)).toBe("/");
    }
    expect(safeRedirect("//evil.example", "")).toBe("");
  });
});
