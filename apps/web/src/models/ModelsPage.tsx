import './models.css';
import { Link, useLocation, useSearch } from 'wouter';
import { formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { useRole } from '../auth/useMe.ts';
import { metricText } from './metric-rows.ts';
import { modelFiltersSearch, parseModelFilters, type ModelFilters } from './model-filters.ts';
import { registryFacts } from './model-registry.ts';
import { ModelFiltersBar } from './ModelFiltersBar.tsx';
import { ModelStatusBadge } from './ModelStatusBadge.tsx';
import { useModels } from './useModels.ts';
import { usePin } from './usePin.ts';

/**
 * The model registry, filterable by asset, interval and status (kept in the URL): each model's
 * family, whether it serves (pinned, else best) and why, whether it is stale; admins pin and unpin.
 */
export default function ModelsPage() {
  usePageTitle('Models');
  const search = useSearch();
  const [, navigate] = useLocation();
  const { timezone } = usePreferences();
  const filters = parseModelFilters(search);
  const models = useModels(filters);
  const admin = useRole() === 'admin';
  const pin = usePin();

  function setFilters(next: ModelFilters) {
    const query = modelFiltersSearch(next);
    navigate(query ? `/models?${query}` : '/models', { replace: true });
  }

  return (
    <section>
      <h1>Models</h1>
      <ModelFiltersBar filters={filters} onChange={setFilters} />
      {models.isPending ? (
        <Loading />
      ) : models.isError ? (
        <p className="form-error" role="alert">
          {describeError(models.error)}
        </p>
      ) : models.data.models.length === 0 ? (
        <p>No model matches these filters.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Models, by asset, interval, then newest version first</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Family</th>
                <th scope="col">Status</th>
                <th scope="col">Stale</th>
                <th scope="col">Selection</th>
                <th scope="col" className="num hide-narrow">
                  Test MASE
                </th>
                <th scope="col" className="hide-narrow">
                  Backend
                </th>
                <th scope="col" className="hide-narrow">
                  Created
                </th>
                {admin && <th scope="col">Serving</th>}
              </tr>
            </thead>
            <tbody>
              {models.data.models.map((model) => {
                const facts = registryFacts(model);
                const name = `${model.asset} ${model.interval} v${model.version}`;
                const test = model.metrics && 'test' in model.metrics ? model.metrics.test : null;
                return (
                  <tr key={model.id}>
                    <th scope="row">
                      <Link href={`/models/${encodeURIComponent(model.id)}`}>{name}</Link>
                    </th>
                    <td>{facts.family}</td>
                    <td>
                      <ModelStatusBadge model={model} />
                      {facts.markers.map((marker) => (
                        <span key={marker} className={`badge badge-${marker}`}>
                          {marker}
                        </span>
                      ))}
                    </td>
                    <td>{facts.stale ? <span className="badge badge-stale">stale</span> : 'no'}</td>
                    <td className="reason">{facts.reason ?? '—'}</td>
                    <td className="num hide-narrow">{metricText('mase', test?.model?.mase)}</td>
                    <td className="hide-narrow">{model.backend ?? '—'}</td>
                    <td className="hide-narrow">{formatTime(model.createdAt, timezone)}</td>
                    {admin && (
                      <td>
                        {facts.action && (
                          <button
                            type="button"
                            disabled={pin.isPending}
                            aria-label={`${facts.action === 'pin' ? 'Pin' : 'Unpin'} ${name}`}
                            onClick={() => pin.mutate({ id: model.id, action: facts.action!, name })}
                          >
                            {facts.action === 'pin' ? 'Pin' : 'Unpin'}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
