import { formatLoss } from '../models/loss-series.ts';
import { LossCurve } from '../models/LossCurve.tsx';
import { progressText } from './job-progress.ts';
import { trainingProgress, type JobView } from './job-types.ts';

/** A job's attempts, its training progress (epoch of epochs, the curves so far) or other progress, and why it failed. */
export function JobDetails({ job }: { job: JobView }) {
  const progress = trainingProgress(job);
  // Other jobs (a backtest's refits, a tuning's trials) report counts or a percent.
  const counted = progress ? null : progressText(job.progress);
  return (
    <div className="job-details">
      <p className="muted">
        {attempts(job)}
        {job.asset ? ` · ${job.asset}` : ''}
        {job.interval ? ` ${job.interval}` : ''}
      </p>
      {progress && (
        <>
          <p>
            <strong>{`Epoch ${progress.epoch} of ${progress.epochs}`}</strong> {/* The total of fits is known once the first has ended. */}
            {progress.refit !== undefined && progress.refits !== undefined && progress.refit > 0 && (
              <span className="muted">{`(fit ${Math.min(progress.refit + 1, progress.refits)} of ${progress.refits}) `}</span>
            )}
            <span className="muted">
              loss {formatLoss(progress.loss)}, validation loss {formatLoss(progress.valLoss)}
            </span>
          </p>
          {progress.history.length > 0 && <LossCurve history={progress.history} label={`Loss per epoch of job ${job.id}`} />}
        </>
      )}
      {counted && job.state === 'active' && (
        <p>
          <strong>Progress:</strong> {counted}
        </p>
      )}
      {!progress && !counted && job.name === 'train' && job.state === 'active' && <p className="muted">Preparing the data…</p>}
      {job.failedReason && <p className="form-error">Failed: {job.failedReason}</p>}
    </div>
  );
}

/** BullMQ counts an attempt once it has ended, so a running job is on the one after those. */
function attempts(job: JobView): string {
  if (job.state === 'active') return `Attempt ${job.attemptsMade + 1} running`;
  return job.attemptsMade === 0 ? 'Not attempted yet' : `Attempts: ${job.attemptsMade}`;
}
