import fs from "node:fs";
import os from "node:os";
import { log } from "../log";

/**
 * Lowers this process's CPU priority to `nice` (0 leaves it): the worker's jobs, an export above all, then
 * give way to the web process's requests on a machine they share, and take what the requests leave. Linux
 * sets the priority per thread, so every thread already running is lowered (V8's and libuv's), and those
 * made later inherit it from the thread that makes them.
 */
export function lowerCpuPriority(nice: number): void {
  if (nice <= 0) return;
  const threads = process.platform === "linux" ? fs.readdirSync("/proc/self/task").map(Number) : [0];
  try {
    for (const thread of threads) os.setPriority(thread, Math.max(os.getPriority(thread), Math.min(nice, 19)));
  } catch (error) {
    log.warn("could not lower the worker's CPU priority", { nice, error: (error as Error).message });
  }
}
