/** The reason of a cancelled job's AbortSignal: the job stops for good (no retry), and its failure says why. */
export class JobCancelledError extends Error {
  constructor(
    readonly jobId: string,
    reason: string,
  ) {
    super(`job ${jobId} ${reason}`);
    this.name = 'JobCancelledError';
  }
}
