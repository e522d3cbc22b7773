import { inspect } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { QueueName } from '#libs/queue';

const connection = () => ({ url: process.env.REDIS_URL!, maxRetriesPerRequest: null });
const prefix = () => process.env.QUEUE_PREFIX!;

/** Removes every job and scheduler of the test queues, so that no job of an earlier spec runs in a later one. */
export async function emptyQueues(): Promise<void> {
  for (const name of Object.values(QueueName)) {
    const queue = new Queue(name, { connection: connection(), prefix: prefix() });
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

/** Events of one queue, to wait for a job to finish. */
export async function queueEvents(name: QueueName): Promise<QueueEvents> {
  const events = new QueueEvents(name, { connection: connection(), prefix: prefix() });
  await events.waitUntilReady();
  return events;
}

/**
 * Polls until `check` holds (for work the app does on its own, such as a scheduled job) and
 * returns the value that passed. A timeout throws, naming what it waited for (`what`, else the
 * check's source) and the last value read.
 */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000, what?: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what ?? check.toString()}; last value: ${lastValue(value)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The end of a long text (a process's output ends with what matters), anything else as Node prints it. */
const lastValue = (value: unknown) =>
  typeof value === 'string' && value.length > 4000 ? `…${value.slice(-4000)}` : inspect(value, { depth: 4, maxStringLength: 4000 });
