import type { ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

/** What the benches that start processes share (test/support is not part of the build). */

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it holds; fails after `timeoutMs`, or at once when `child` has exited. A check that throws counts as not yet. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (child && child.exitCode !== null) throw new Error(`waiting for ${what}: its process exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`waiting for ${what}: nothing after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
