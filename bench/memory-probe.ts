/**
 * Loaded into the server by bench/memory.ts (`node --expose-gc --import tsx --import
 * ./bench/memory-probe.ts scripts/server.ts`, with an IPC channel): on the message
 * "memory-sample" it collects the garbage and answers with process.memoryUsage(), so the
 * benchmark sees the heap that is really retained, not the garbage that happens to be there.
 * Nothing else: without an IPC channel (a normal start) it does nothing.
 */
if (process.send) {
  process.on("message", (message) => {
    if (message !== "memory-sample") return;
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ type: "memory-sample", ...process.memoryUsage() });
  });
  // The channel must not keep the server alive when it shuts down.
  process.channel?.unref();
}
