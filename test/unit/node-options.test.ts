/** `npm start` runs the server with the V8 options the benchmarks measure with. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_OPTIONS } from "../../scripts/node-options";

describe("the server's V8 options", () => {
  it("are the ones npm start passes to node", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } };
    const start = pkg.scripts.start.split(/\s+/);
    expect(start[0]).toBe("node");
    for (const option of SERVER_NODE_OPTIONS) expect(start).toContain(option);
    expect(start.at(-1)).toBe("scripts/server.ts");
  });
});
