import './models.css';
import { Link, useParams } from 'wouter';
import { formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { formatDuration } from './format-duration.ts';
import { LossCurve } from './LossCurve.tsx';
import { MetricsTable } from './MetricsTable.tsx';
import { ModelStatusBadge } from './ModelStatusBadge.tsx';
import { useModels } from './useModels.ts';
import { ComparisonTable } from '../backtest/ComparisonTable.tsx';
import { registryFacts } from './model-registry.ts';

/** One model: hyperparameters, data range, backend, evaluations, failure reason, loss curves. */
export default function ModelPage() {
  const { id } = useParams<{ id: string }>();
  const { timezone } = usePreferences();
  // The API lists models (no route for one); the whole list is one small answer, shared with the registry.
  const models = useModels({});
  const model = models.data?.models.find((m) => m.id === id);
  usePageTitle(model ? `${model.asset} ${model.interval} v${model.version}` : 'Model');

  if (models.isPending) return <Loading />;
  if (models.isError)
    return (
      <p className="form-error" role="alert">
        {describeError(models.error)}
      </p>
    );
  if (!model)
    return (
      <section>
        <h1>Model not found</h1>
        <p>
          No model has this id. <Link href="/models">All models</Link>
        </p>
      </section>
    );

  // Step 8's models keep their walk-forward summary as metrics; older LSTMs their splits and loss history.
  const walkForward = model.metrics && 'relMae' in model.metrics ? model.metrics : null;
  const metrics = model.metrics && !('relMae' in model.metrics) ? model.metrics : null;
  const facts = registryFacts(model);
  const hyperparameters = Object.entries(model.hyperparameters);
  return (
    <section className="model-page">
      <p>
        <Link href="/models">All models</Link>
      </p>
      <h1>
        {model.asset} {model.interval} v{model.version} <ModelStatusBadge model={model} />
      </h1>
      {model.failureReason && (
        <p className="form-error">
          <strong>Failed:</strong> {model.failureReason}
        </p>
      )}
      <dl className="facts">
        <dt>Family</dt>
        <dd>{facts.family}</dd>
        <dt>Serving</dt>
        <dd>
          {facts.served ? 'serves the forecasts of its series' : 'does not serve'}
          {facts.pinned ? ' (pinned by an admin)' : ''}
          {facts.stale ? '; stale: not retrained for two retrain periods' : ''}
        </dd>
        {facts.reason && (
          <>
            <dt>Selection</dt>
            <dd>{facts.reason}</dd>
          </>
        )}
        <dt>Data</dt>
        <dd>
          {formatTime(model.trainedFrom, timezone, 'date')} to {formatTime(model.trainedTo, timezone, 'date')}
        </dd>
        <dt>Backend</dt>
        <dd>{model.backend ?? '—'}</dd>
        <dt>Training time</dt>
        <dd>{formatDuration(model.trainingMs)}</dd>
        <dt>Created</dt>
        <dd>{formatTime(model.createdAt, timezone)}</dd>
        {metrics && (
          <>
            <dt>Best epoch</dt>
            <dd>{metrics.bestEpoch}</dd>
            <dt>Samples</dt>
            <dd>
              {metrics.samples.train} train, {metrics.samples.validation} validation, {metrics.samples.test} test
            </dd>
          </>
        )}
      </dl>

      <h2>Hyperparameters</h2>
      {hyperparameters.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <dl className="facts">
          {hyperparameters.map(([name, value]) => (
            <div key={name} className="fact">
              <dt>{name}</dt>
              <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
            </div>
          ))}
        </dl>
      )}

      <h2>Evaluation</h2>
      {walkForward ? (
        <ComparisonTable
          backtests={[{ family: facts.family, served: facts.served, summary: walkForward }]}
          caption="Walk-forward of this model's training, one step ahead, with 95% CIs; losses in log-return units"
        />
      ) : !metrics ? (
        <p className="muted">No evaluation yet{model.status === 'training' ? ': the model is still training.' : '.'}</p>
      ) : (
        <>
          {metrics.test ? (
            <MetricsTable evaluation={metrics.test} caption="Test split" />
          ) : (
            <p className="muted">The training held no test split out.</p>
          )}
          <MetricsTable evaluation={metrics.validation} caption="Validation split" />
        </>
      )}

      {!walkForward && (
        <>
          <h2>Loss per epoch</h2>
          <LossCurve history={metrics?.history ?? []} />
        </>
      )}
    </section>
  );
}
