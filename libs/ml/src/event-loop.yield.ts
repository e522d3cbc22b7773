/**
 * A macrotask: lets timers and I/O run before the caller goes on. A promise alone resolves as a
 * microtask and starves them; BullMQ renews a job's lock from a timer, and a lock left unrenewed
 * makes the job count as stalled and run again elsewhere.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
