/**
 * Every benchmark, one after another, each in its own process so that none inherits another's
 * heap or warm caches. Their figures are what bench/RESULTS.md records.
 *
 *   npm run bench                      (about 20 minutes on 2 cores; the walk-forward is most of it)
 *   npm run bench -- http worker-sync  (only those)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string[]> = {
  import: ['import.js'],
  http: ['http.js'],
  'login-timing': ['login-timing.js'],
  'worker-sync': ['worker-sync.js'],
  alerts: ['alerts.js'],
  train: ['train.js'],
  'worker-memory': ['worker-memory.js'],
  'walk-forward': ['walk-forward.js'],
};

const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHES);
const unknown = chosen.filter((name) => !(name in BENCHES));
if (unknown.length) {
  process.stderr.write(`No benchmark named ${unknown.join(', ')}; there are ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}

const failed: string[] = [];
for (const name of chosen) {
  const [file, ...args] = BENCHES[name];
  console.log(`\n=== ${name}: node dist/bench/${file} ${args.join(' ')}`.trimEnd());
  const started = Date.now();
  const run = spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url)), ...args], { stdio: 'inherit' });
  console.log(
    `=== ${name}: ${run.status === 0 ? 'done' : `FAILED (${run.status ?? run.signal})`} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (run.status !== 0) failed.push(name);
}
if (failed.length) {
  console.log(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
