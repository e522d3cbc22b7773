import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import { describeError } from '../auth/describe-error.ts';
import { adminKeys } from './admin.keys.ts';
import type { Target } from './AssetIntervalFields.tsx';
import type { JobAccepted } from './TrainForm.tsx';

type Step = 'score' | 'predict' | 'sync' | 'backfill';

function send(step: Step, { asset, interval }: Target): Promise<JobAccepted> {
  switch (step) {
    case 'score':
      return call(api.POST('/prediction/score', { body: { asset, interval } }));
    case 'predict':
      return call(api.POST('/prediction/predict', { body: { asset, interval } }));
    case 'sync':
    case 'backfill':
      return call(api.POST('/prediction/ingest', { body: { asset, interval, mode: step } }));
  }
}

const BUTTONS: { step: Step; label: string; hint: string }[] = [
  { step: 'score', label: 'Score', hint: 'rate the ready models on recent candles and choose the best' },
  { step: 'predict', label: 'Predict', hint: 'forecast with the best model' },
  { step: 'sync', label: 'Ingest (sync)', hint: 'fetch candles from the newest stored one on' },
  { step: 'backfill', label: 'Ingest (backfill)', hint: 'fetch the most recent 720 candles Kraken serves' },
];

/** Score, predict and ingest for the asset and interval chosen above. */
export function StepButtons({ target, onStarted }: { target: Target; onStarted: (accepted: JobAccepted) => void }) {
  const client = useQueryClient();
  const run = useMutation({
    mutationFn: (step: Step) => send(step, target),
    onSuccess: (accepted) => {
      onStarted(accepted);
      void client.invalidateQueries({ queryKey: adminKeys.jobs() });
    },
  });
  return (
    <section className="step-buttons" aria-labelledby="step-buttons-heading">
      <h2 id="step-buttons-heading">
        Other jobs for {target.asset || '…'} {target.interval}
      </h2>
      <ul>
        {BUTTONS.map(({ step, label, hint }) => (
          <li key={step}>
            <button type="button" disabled={run.isPending || target.asset === ''} onClick={() => run.mutate(step)}>
              {label}
            </button>{' '}
            <span className="hint">{hint}</span>
          </li>
        ))}
      </ul>
      {run.isError && (
        <p className="form-error" role="alert">
          {describeError(run.error)}
        </p>
      )}
    </section>
  );
}
