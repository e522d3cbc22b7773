import { isPending, type JobState, type JobView } from './job-types.ts';

export interface JobNotice {
  kind: 'success' | 'error';
  text: string;
}

/** "train BTC 1d", or the name alone for a job without asset. */
export function jobTitle(job: Pick<JobView, 'name' | 'asset' | 'interval'>): string {
  return [job.name, job.asset, job.interval].filter(Boolean).join(' ');
}

/**
 * The toast for a job that has just settled: one seen pending before (`previous`), or one this page
 * started (`watched`, so that a job finishing before its first poll is announced too). Null otherwise:
 * a job that was already over when first read is no news.
 */
export function jobNotice(previous: JobState | undefined, job: JobView, watched: boolean): JobNotice | null {
  if (isPending(job.state)) return null;
  if (!watched && !(previous !== undefined && isPending(previous))) return null;
  if (job.state === 'completed') return { kind: 'success', text: `Job ${jobTitle(job)} finished.` };
  if (job.state === 'failed')
    return { kind: 'error', text: `Job ${jobTitle(job)} failed${job.failedReason ? `: ${job.failedReason}` : '.'}` };
  return { kind: 'error', text: `Job ${jobTitle(job)} is gone (state unknown).` };
}
