/**
 * The baseline of bench/worker-sync.ts and bench/alerts.ts: a BullMQ worker in a process of its
 * own like the real one, on the same Redis and QUEUE_PREFIX with the same queue options, whose
 * processor does nothing. Writes `ready` once it takes jobs; SIGTERM closes it.
 *
 *   node dist/bench/empty-worker.js <concurrency>
 */
import { Worker } from 'bullmq';
import { loadConfigOrExit } from '#libs/config';
import { EMPTY_QUEUE } from './support.js';

const config = loadConfigOrExit();
const worker = new Worker(EMPTY_QUEUE, async () => ({}), {
  connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
  prefix: config.QUEUE_PREFIX,
  concurrency: Number(process.argv[2] ?? 1),
});
await worker.waitUntilReady();
process.stdout.write('ready\n');
process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
