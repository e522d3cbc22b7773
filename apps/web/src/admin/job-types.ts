import type { components } from '../api/schema';

export type JobView = components['schemas']['JobView'];
export type JobState = JobView['state'];
export type JobLink = components['schemas']['JobLinkView'];
export type TrainingProgress = components['schemas']['TrainingProgressView'];
export type Hyperparameter = components['schemas']['HyperparameterView'];

export interface JobsFilters {
  queue?: string;
  state?: Exclude<JobState, 'unknown'>;
  limit?: number;
}

/** The queues known today; the API's list is open (later steps add queues), so this only fills the filter's suggestions. */
export const KNOWN_QUEUES = ['market-data', 'training', 'scoring', 'prediction', 'research', 'alerts', 'notifications'] as const;
export const FILTER_STATES: readonly Exclude<JobState, 'unknown'>[] = [
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
  'active',
  'completed',
  'failed',
];

/** Still to do or doing: worth polling. */
export function isPending(state: JobState): boolean {
  return state !== 'completed' && state !== 'failed' && state !== 'unknown';
}

/**
 * A training's progress, when the job reports one (0 before the first epoch, other jobs other
 * shapes). Step 8's trainings report the epoch without the curve so far (`history` empty then), and
 * which refit of the walk-forward it belongs to.
 */
export function trainingProgress(job: Pick<JobView, 'progress'>): (TrainingProgress & { refit?: number; refits?: number }) | null {
  const p = job.progress;
  if (typeof p !== 'object' || p === null) return null;
  const candidate = p as Partial<TrainingProgress> & { refit?: unknown; refits?: unknown };
  if (typeof candidate.epoch !== 'number' || typeof candidate.epochs !== 'number') return null;
  const refits =
    typeof candidate.refit === 'number' && typeof candidate.refits === 'number' ? { refit: candidate.refit, refits: candidate.refits } : {};
  return { ...(candidate as TrainingProgress), history: Array.isArray(candidate.history) ? candidate.history : [], ...refits };
}

/** The job `next` names, when it finished and enqueued one. */
export function nextLink(job: Pick<JobView, 'result'>): JobLink | null {
  const next = job.result?.next;
  if (typeof next !== 'object' || next === null) return null;
  const { jobId, queue, name } = next as Partial<JobLink>;
  return typeof jobId === 'string' && typeof queue === 'string' && typeof name === 'string' ? { jobId, queue, name } : null;
}
