import './models.css';
import { Link, useLocation, useSearch } from 'wouter';
import { formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { metricText } from './metric-rows.ts';
import { modelFiltersSearch, parseModelFilters, type ModelFilters } from './model-filters.ts';
import { ModelFiltersBar } from './ModelFiltersBar.tsx';
import { ModelStatusBadge } from './ModelStatusBadge.tsx';
import { useModels } from './useModels.ts';

/** The model registry, filterable by asset, interval and status (kept in the URL). */
export default function ModelsPage() {
  usePageTitle('Models');
  const search = useSearch();
  const [, navigate] = useLocation();
  const { timezone } = usePreferences();
  const filters = parseModelFilters(search);
  const models = useModels(filters);

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
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Test MASE
                </th>
                <th scope="col" className="hide-narrow">
                  Backend
                </th>
                <th scope="col" className="hide-narrow">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {models.data.models.map((model) => (
                <tr key={model.id}>
                  <th scope="row">
                    <Link href={`/models/${encodeURIComponent(model.id)}`}>
                      {model.asset} {model.interval} v{model.version}
                    </Link>
                  </th>
                  <td>
                    <ModelStatusBadge model={model} />
                  </td>
                  <td className="num">{metricText('mase', model.metrics?.test?.model.mase)}</td>
                  <td className="hide-narrow">{model.backend ?? '—'}</td>
                  <td className="hide-narrow">{formatTime(model.createdAt, timezone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
