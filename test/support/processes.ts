import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { eventually } from './queues.js';

/** A port nothing listens on right now. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface Running {
  child: ChildProcess;
  output: () => string;
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** One of the built entry points (`dist/...js`) as its own process, with only the environment given. */
export function run(entry: string, env: Record<string, string>): Running {
  let output = '';
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => output, exited };
}

/** The built worker as its own process (`workers` keeps it, for the spec to kill), once its /health answers. */
export async function startWorker(env: Record<string, string>, workers: Running[]): Promise<Running> {
  const port = await freePort();
  const worker = run('dist/apps/worker/src/main.js', { ...env, WORKER_METRICS_PORT: String(port) });
  workers.push(worker);
  await eventually(
    () =>
      fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    (ok) => ok,
    60_000,
    'the worker to answer /health',
  );
  return worker;
}
