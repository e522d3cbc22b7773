/**
 * `npm test` and `npm run test:<tier>`: runs the test tiers in order (unit, int, stack), each with
 * its own Jest config, and stops at the first that fails. Run by Node's type stripping
 * (`node tools/test.ts`), so it needs no build.
 *
 *   node tools/test.ts                         type-check (the web app's too), then every tier
 *   node tools/test.ts --tier=unit             one tier (repeatable), no type-check; the unit tier
 *                                              includes the web app's Vitest specs (apps/web)
 *   node tools/test.ts auth.int -t 'refuses'   any other argument goes to Jest: the tiers with a
 *                                              matching spec run, no type-check (a filtered run)
 *
 * `pretest` could not do this: npm does not give it the arguments.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TIERS = ['unit', 'int', 'stack'] as const;
type Tier = (typeof TIERS)[number];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const JEST = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js')];

function parse(argv: string[]): { tiers: Tier[]; jestArgs: string[] } {
  const tiers: Tier[] = [];
  const jestArgs: string[] = [];
  for (const arg of argv) {
    const tier = /^--tier=(.*)$/.exec(arg)?.[1];
    if (tier === undefined) jestArgs.push(arg);
    else if ((TIERS as readonly string[]).includes(tier)) tiers.push(tier as Tier);
    else fail(`unknown tier ${tier}: expected one of ${TIERS.join(', ')}`);
  }
  return { tiers: tiers.length > 0 ? TIERS.filter((t) => tiers.includes(t)) : [...TIERS], jestArgs };
}

function fail(message: string): never {
  console.error(`tools/test.ts: ${message}`);
  process.exit(1);
}

function run(what: string, command: string, args: string[], cwd = ROOT): void {
  const started = Date.now();
  const { status, signal } = spawnSync(command, args, { cwd, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) fail(`${what} failed (${signal ?? `exit code ${status}`}) after ${seconds} s`);
  console.log(`\n== ${what}: passed in ${seconds} s\n`);
}

/** The specs of a tier that Jest's arguments select (path patterns, `--testPathPatterns`, ...). */
function selected(tier: Tier, jestArgs: string[]): string[] {
  const list = spawnSync(process.execPath, [...JEST, '-c', `jest.${tier}.config.js`, '--listTests', '--json', ...jestArgs], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (list.status !== 0) fail(`listing the ${tier} specs failed:\n${list.stderr}`);
  return JSON.parse(list.stdout) as string[];
}

const { tiers, jestArgs } = parse(process.argv.slice(2));
const whole = jestArgs.length === 0;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
if (whole && tiers.length === TIERS.length) {
  run('type-check', process.execPath, [TSC, '-p', 'tsconfig.json', '--noEmit']);
  for (const project of ['tsconfig.json', 'tsconfig.node.json'])
    run(`web type-check (${project})`, process.execPath, [TSC, '-p', join('apps', 'web', project), '--noEmit']);
}

let ran = 0;
for (const tier of tiers) {
  if (!whole && selected(tier, jestArgs).length === 0) continue;
  console.log(`\n== ${tier} tier (jest.${tier}.config.js)\n`);
  run(`${tier} tier`, process.execPath, [...JEST, '-c', `jest.${tier}.config.js`, ...jestArgs]);
  ran++;
  // The web app's specs (Vitest, jsdom) belong to the unit tier; a filtered run names Jest specs only.
  if (tier === 'unit' && whole) {
    console.log('\n== web unit specs (apps/web, Vitest)\n');
    run('web unit specs', process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], join(ROOT, 'apps', 'web'));
  }
}
if (ran === 0) fail(`no spec of the ${tiers.join(', ')} tier${tiers.length > 1 ? 's' : ''} matches ${jestArgs.join(' ')}`);
