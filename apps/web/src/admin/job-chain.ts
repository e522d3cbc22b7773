import { nextLink, type JobState, type JobView } from './job-types.ts';

export interface ChainStep {
  /** Null for a step that is expected but not enqueued yet. */
  jobId: string | null;
  name: string;
  queue: string | null;
  /** 'loading' until the job has been read; 'expected' before it exists; 'skipped' when the chain ended without it. */
  state: JobState | 'loading' | 'expected' | 'skipped';
  job: JobView | null;
}

/** What each job name is expected to lead to (train → score → predict); other names end their chain. */
const FOLLOWS: Record<string, string> = { train: 'score', score: 'predict' };
const MAX_STEPS = 10;

/**
 * The chain from a started job through every `result.next`, as far as the jobs read so far tell,
 * plus the steps still expected after the last one. A finished job without `next` ends the chain
 * (a score that found no ready model enqueues no predict): the expected rest is marked skipped.
 */
export function followChain(
  root: { jobId: string; name: string; queue: string },
  lookup: (id: string) => JobView | undefined,
): ChainStep[] {
  const steps: ChainStep[] = [];
  const seen = new Set<string>();
  let link: { jobId: string; name: string; queue: string } | null = root;
  while (link && !seen.has(link.jobId) && steps.length < MAX_STEPS) {
    seen.add(link.jobId);
    const job: JobView | null = lookup(link.jobId) ?? null;
    steps.push({ jobId: link.jobId, name: job?.name ?? link.name, queue: job?.queue ?? link.queue, state: job?.state ?? 'loading', job });
    link = job ? nextLink(job) : null;
  }
  const last = steps[steps.length - 1];
  const ended = last.job !== null && (last.state === 'completed' || last.state === 'failed' || last.state === 'unknown');
  let name = FOLLOWS[last.name];
  while (name && steps.length < MAX_STEPS) {
    steps.push({ jobId: null, name, queue: null, state: ended ? 'skipped' : 'expected', job: null });
    name = FOLLOWS[name];
  }
  return steps;
}

/** The ids of a chain's jobs that are still to be read or still moving: what to poll. */
export function chainIds(steps: readonly ChainStep[]): string[] {
  return steps.flatMap((s) => (s.jobId === null ? [] : [s.jobId]));
}
