/**
 * V8 options the server runs with (`npm start`, the benchmark's server, bench/docx.ts).
 *
 * --max-semi-space-size=64: a larger young generation (64 MB per semi-space instead of 16 MB).
 * Rendering a page or a Word document allocates tens of megabytes of short-lived objects; with
 * the default size many of them outlive a scavenge, are copied to the old generation and then cost
 * full collections. Measured with bench/docx.ts, garbage collection was 29 % of rendering a
 * 20-activity agreement with the default and the render took about 40 % less time with 64 MB. It
 * costs at most about 190 MB more memory at peak, which a server has.
 *
 * package.json's "start" script spells the same options (test/unit/node-options.test.ts checks it).
 */
export const SERVER_NODE_OPTIONS = ["--max-semi-space-size=64"] as const;
