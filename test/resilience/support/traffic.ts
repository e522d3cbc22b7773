import { setTimeout as sleep } from 'node:timers/promises';

/** What became of one request: its status, or `no answer` (nothing within the deadline), or `refused` (no connection). */
export type Outcome = number | 'no answer' | 'refused';

/** Longer than any answer the gateway should ever take (its own deadline on the prediction service is 5 s): beyond, a hang. */
const NO_ANSWER_MS = 20_000;

const READS = [
  '/prediction/latest?asset=BTC&interval=1d',
  '/crypto/assets/BTC/history?interval=1h&limit=24',
  '/crypto/assets',
  '/auth/users/me',
];

/**
 * Requests flowing through the gateway while something breaks: users reading forecasts, candles
 * and their profile, and an admin asking for forecasts (each answer 202 carries a job id, handed
 * to `onJob`). Every outcome is counted under the phase it started in.
 */
export class Traffic {
  phase = 'before';
  private readonly counts = new Map<string, Map<Outcome, number>>();
  /** The first answer of each phase, route and status other than 2xx, to show what callers were told. */
  readonly examples = new Map<string, string>();
  private readonly loops: Promise<void>[] = [];
  private running = false;

  constructor(
    private readonly api: string,
    private readonly userTokens: string[],
    private readonly adminToken: string,
    private readonly onJob: (id: string) => void,
  ) {}

  start(readers = 6): void {
    this.running = true;
    for (let i = 0; i < readers; i++) this.loops.push(this.readLoop(i));
    this.loops.push(this.adminLoop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops.splice(0));
  }

  /** Outcomes of the requests started in one phase. */
  outcomes(phase: string): Map<Outcome, number> {
    return this.counts.get(phase) ?? new Map();
  }

  /** One line per phase: requests, 2xx, 4xx, 5xx by status, and how many got no answer or no connection. */
  summary(phases: string[]): Record<string, string | number>[] {
    return phases.map((phase) => {
      const outcomes = [...this.outcomes(phase)];
      const sum = (test: (o: Outcome) => boolean) => outcomes.filter(([o]) => test(o)).reduce((n, [, c]) => n + c, 0);
      const byStatus = (from: number) =>
        outcomes
          .filter(([o]) => typeof o === 'number' && o >= from && o < from + 100)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([o, c]) => `${o}×${c}`)
          .join(' ') || '0';
      return {
        phase,
        requests: sum(() => true),
        '2xx': sum((o) => typeof o === 'number' && o < 300),
        '4xx': byStatus(400),
        '5xx': byStatus(500),
        'no answer': sum((o) => o === 'no answer'),
        refused: sum((o) => o === 'refused'),
      };
    });
  }

  private count(phase: string, outcome: Outcome): void {
    const counts = this.counts.get(phase) ?? new Map<Outcome, number>();
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    this.counts.set(phase, counts);
  }

  private async send(path: string, token: string, init: RequestInit = {}): Promise<{ outcome: Outcome; body?: unknown }> {
    const phase = this.phase;
    let outcome: Outcome;
    let body: unknown;
    try {
      const res = await fetch(`${this.api}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(NO_ANSWER_MS),
      });
      outcome = res.status;
      body = await res.json().catch(() => undefined);
      const key = `${phase} ${init.method ?? 'GET'} ${path.split('?')[0]} ${outcome}`;
      if (outcome >= 300 && !this.examples.has(key)) this.examples.set(key, JSON.stringify(body).slice(0, 200));
    } catch (error) {
      outcome = (error as Error).name === 'TimeoutError' ? 'no answer' : 'refused';
    }
    this.count(phase, outcome);
    return { outcome, body };
  }

  private async readLoop(n: number): Promise<void> {
    for (let i = n; this.running; i++) {
      await this.send(READS[i % READS.length], this.userTokens[i % this.userTokens.length]);
      await sleep(20);
    }
  }

  private async adminLoop(): Promise<void> {
    while (this.running) {
      const { outcome, body } = await this.send('/prediction/predict', this.adminToken, {
        method: 'POST',
        body: JSON.stringify({ asset: 'BTC', interval: '1d' }),
      });
      if (outcome === 202) this.onJob((body as { jobId: string }).jobId);
      await sleep(300);
    }
  }
}
