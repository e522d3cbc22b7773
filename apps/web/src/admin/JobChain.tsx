import { describeError } from '../auth/describe-error.ts';
import { JobDetails } from './JobDetails.tsx';
import { JobStateBadge } from './JobStateBadge.tsx';
import { useJobChain, type ChainRoot } from './useJobChain.ts';

const STATE_TEXT: Record<string, string> = {
  loading: 'reading…',
  expected: 'not queued yet',
  skipped: 'not queued',
};

/** A started job and the ones it led to, live: each step's state, the running training's progress. */
export function JobChain({ root, onClose }: { root: ChainRoot; onClose: () => void }) {
  const { steps, errors } = useJobChain(root);
  return (
    <article className="job-chain" aria-label={`Job ${root.name} ${root.jobId}`}>
      <header className="job-chain-header">
        <h3>
          {steps[0].job?.asset ?? ''} {steps[0].job?.interval ?? ''} {root.name} <span className="muted">#{root.jobId}</span>
        </h3>
        <button type="button" className="secondary" onClick={onClose}>
          Stop following
        </button>
      </header>
      <ol className="job-steps">
        {steps.map((step, i) => (
          <li key={step.jobId ?? `expected-${i}`}>
            <div className="job-step-line">
              <strong>{step.name}</strong>
              {step.queue && <span className="muted">{step.queue}</span>}
              {step.job ? <JobStateBadge state={step.job.state} /> : <span className="muted">{STATE_TEXT[step.state] ?? step.state}</span>}
            </div>
            {step.job && <JobDetails job={step.job} />}
          </li>
        ))}
      </ol>
      {errors.map((error, i) => (
        <p key={i} className="form-error" role="alert">
          {describeError(error)}
        </p>
      ))}
    </article>
  );
}
