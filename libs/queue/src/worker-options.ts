import type { WorkerOptions } from 'bullmq';
import { loadConfig } from '#libs/config';

/**
 * Lock settings of every worker, from JOB_LOCK_MS: a job whose worker died (its lock no longer
 * renewed) is noticed as stalled within about that long and run again on another worker.
 * Processor decorators take their options when the module loads, hence a function of the
 * process's configuration rather than an injected one.
 */
export function workerLockOptions(): Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'> {
  const ms = loadConfig().JOB_LOCK_MS;
  return { lockDuration: ms, stalledInterval: ms, maxStalledCount: 2 };
}
