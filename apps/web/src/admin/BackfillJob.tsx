import { describeError } from '../auth/describe-error.ts';
import { JobStateBadge } from './JobStateBadge.tsx';
import { useJob } from './useJob.ts';

/** One backfill that tracking started, polled until it is done. */
export function BackfillJob({ jobId, interval }: { jobId: string; interval: string }) {
  const job = useJob(jobId);
  return (
    <li>
      Backfill {interval} <span className="muted">#{jobId}</span>{' '}
      {job.data ? <JobStateBadge state={job.data.state} /> : job.isError ? null : <span className="muted">reading…</span>}
      {job.data && job.data.attemptsMade > 1 && <span className="muted"> attempt {job.data.attemptsMade}</span>}
      {job.data?.failedReason && <span className="form-error"> {job.data.failedReason}</span>}
      {job.isError && <span className="form-error"> {describeError(job.error)}</span>}
    </li>
  );
}
