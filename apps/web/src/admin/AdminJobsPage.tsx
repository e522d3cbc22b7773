import { useState } from 'react';
import { Loading } from '../app/Guard.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { useAssets } from '../markets/useAssets.ts';
import './admin.css';
import type { Target } from './AssetIntervalFields.tsx';
import { JobChain } from './JobChain.tsx';
import { watchJob } from './job-query.ts';
import { JobsList } from './JobsList.tsx';
import { StepButtons } from './StepButtons.tsx';
import { TrainForm } from './TrainForm.tsx';
import { useHyperparameters } from './useHyperparameters.ts';
import type { ChainRoot } from './useJobChain.ts';

/** Admin: start a training (or score, predict, ingest), follow it live through its chain, and the jobs list. */
export default function AdminJobsPage() {
  usePageTitle('Jobs');
  const spec = useHyperparameters();
  const assets = useAssets();
  const symbols = assets.data?.map((a) => a.symbol) ?? [];
  const [chosen, setTarget] = useState<Target | null>(null);
  // Until the admin picks one, the first tracked asset.
  const target: Target = chosen ?? { asset: symbols[0] ?? '', interval: '1d' };
  const [followed, setFollowed] = useState<ChainRoot[]>([]);

  function follow(root: ChainRoot, announce: boolean) {
    if (announce) watchJob(root.jobId);
    setFollowed((current) => [root, ...current.filter((r) => r.jobId !== root.jobId || r.queue !== root.queue)]);
  }

  return (
    <section className="jobs-page">
      <h1>Jobs</h1>
      {spec.isPending ? (
        <Loading />
      ) : spec.isError ? (
        <p className="form-error" role="alert">
          {describeError(spec.error)}
        </p>
      ) : (
        <TrainForm
          spec={spec.data}
          symbols={symbols}
          target={target}
          onTargetChange={setTarget}
          onStarted={(accepted) => follow(accepted, true)}
        />
      )}
      <StepButtons target={target} onStarted={(accepted) => follow(accepted, true)} />
      {followed.length > 0 && (
        <section aria-labelledby="followed-heading">
          <h2 id="followed-heading">Following</h2>
          {followed.map((root) => (
            <JobChain
              key={`${root.queue}:${root.jobId}`}
              root={root}
              onClose={() => setFollowed((current) => current.filter((r) => r !== root))}
            />
          ))}
        </section>
      )}
      <JobsList onFollow={(job) => follow({ jobId: job.id, name: job.name, queue: job.queue }, false)} />
    </section>
  );
}
