import { freePort, run, type Running } from '../../support/processes.js';

export type AppName = 'gateway' | 'prediction' | 'worker';

/** One app of the stack as its own process (the built entry point), and where its /health answers. */
export interface App {
  name: AppName;
  running: Running;
  pid: number;
  health: string;
  /** Where its output stood when a phase began, to tell which lines each phase produced. */
  mark: number;
}

/** Answers a GET within `timeoutMs`, or says how it failed (`no answer`, a network error). */
export async function get(url: string, init: RequestInit = {}, timeoutMs = 10_000): Promise<{ status: number | string; body: unknown }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body };
  } catch (error) {
    const name = (error as Error).name;
    return { status: name === 'TimeoutError' ? 'no answer' : 'refused', body: (error as Error).message };
  }
}

export const healthStatus = async (app: App) => (await get(app.health, {}, 5000)).status;

/** Polls until every app's /health answers 200; false when `timeoutMs` passes first. */
export async function allHealthy(apps: App[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = await Promise.all(apps.map(healthStatus));
    if (statuses.every((s) => s === 200)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts an app and waits for its /health to answer 200; throws with its output when it exits or never gets there. */
export async function startApp(name: AppName, env: Record<string, string>): Promise<App> {
  const port = name === 'worker' ? await freePort() : Number(env[name === 'gateway' ? 'GATEWAY_PORT' : 'PREDICTION_PORT']);
  const running = run(`dist/apps/${name}/src/main.js`, name === 'worker' ? { ...env, WORKER_METRICS_PORT: String(port) } : env);
  // Never outlives the run, even one cut short.
  process.once('exit', () => running.child.kill('SIGKILL'));
  const app: App = { name, running, pid: running.child.pid!, health: `http://127.0.0.1:${port}/health`, mark: 0 };
  const ok = await Promise.race([allHealthy([app], 120_000), running.exited.then(() => false)]);
  if (!ok) {
    running.child.kill('SIGKILL');
    throw new Error(`${name} did not become healthy:\n${running.output().slice(-4000)}`);
  }
  return app;
}

/** Still the process that was started, never restarted: no exit code, no signal. */
export const alive = (app: App) => app.running.child.exitCode === null && app.running.child.signalCode === null;

/** The JSON log lines of an app since its mark, at warn or above (LOG_LEVEL=warn keeps the rest out). */
export function linesSinceMark(app: App): { level: string; msg: string }[] {
  return app.running
    .output()
    .slice(app.mark)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        const parsed = JSON.parse(line) as { level?: string; msg?: string; err?: { message?: string } };
        return { level: parsed.level ?? '?', msg: parsed.msg ?? parsed.err?.message ?? line.slice(0, 200) };
      } catch {
        return { level: '?', msg: line.slice(0, 200) };
      }
    });
}

export function markOutput(apps: App[]): void {
  for (const app of apps) app.mark = app.running.output().length;
}

/** How an app that is no longer running ended, and the last lines it wrote. */
export function obituary(app: App, lines = 40): string {
  const { exitCode, signalCode } = app.running.child;
  const tail = app.running
    .output()
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `    ${line.slice(0, 600)}`)
    .join('\n');
  return `${app.name} (pid ${app.pid}) exited with ${signalCode ?? `code ${exitCode}`}; its last lines:\n${tail}`;
}
