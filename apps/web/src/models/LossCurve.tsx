import './models.css';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Loading } from '../app/Guard.tsx';
import { lossSeries } from './loss-series.ts';
import { LossTable } from './LossTable.tsx';
import type { EpochLog } from './model-types.ts';

const LossChart = lazy(() => import('./LossChart.tsx'));

/** Loss and validation loss per epoch: a chart, or the same numbers as a table. */
export function LossCurve({
  history,
  label = 'Training loss and validation loss per epoch',
}: {
  history: readonly EpochLog[];
  label?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const series = useMemo(() => lossSeries(history), [history]);
  if (history.length === 0) return <p className="muted">No epoch reported yet.</p>;
  return (
    <div className="loss-curve">
      <button type="button" className="secondary" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
        Show as table
      </button>
      {asTable ? (
        <LossTable history={history} caption={label} />
      ) : (
        <Suspense fallback={<Loading />}>
          <LossChart series={series} label={label} />
        </Suspense>
      )}
    </div>
  );
}
