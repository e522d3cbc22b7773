import '../asset/asset.css';
import './backtest.css';
import { useState } from 'react';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { useRole } from '../auth/useMe.ts';
import { isInterval } from '../asset/intervals.ts';
import { formatTime } from '../app/format.ts';
import { coverageBand, familyBacktests, pitHistogram, rollingCoverage } from './backtest-figures.ts';
import { isFamily, MODEL_FAMILIES, type ModelFamily } from './backtest-types.ts';
import { ComparisonTable } from './ComparisonTable.tsx';
import { CoverageChart } from './CoverageChart.tsx';
import { PitHistogram } from './PitHistogram.tsx';
import { StartBacktest } from './StartBacktest.tsx';
import { useBacktestRecords, useSeriesModels } from './useBacktests.ts';

/** The rolling window of the coverage line, and its level: 90 forecasts, the 90% interval (band about 84–96%). */
export const COVERAGE_WINDOW = 90;
export const COVERAGE_LEVEL = 90;

/**
 * One series' walk-forward backtests: the rolling 90% coverage over time and the PIT histogram of
 * one family (the served one unless the address names another), and every family's figures side by side.
 */
export default function BacktestPage() {
  const params = useParams<{ symbol: string }>();
  const symbol = (params.symbol ?? '').toUpperCase();
  const search = new URLSearchParams(useSearch());
  const [location, navigate] = useLocation();
  const asked = search.get('interval');
  const interval = asked && isInterval(asked) ? asked : '1d';
  usePageTitle(`${symbol} ${interval} backtest`);
  const { timezone } = usePreferences();
  const role = useRole();

  const models = useSeriesModels(symbol, interval);
  const backtests = familyBacktests(models.data ?? [], MODEL_FAMILIES);
  const servedFamily = backtests.find((b) => b.served)?.family ?? null;
  const askedFamily = search.get('family');
  const family = isFamily(askedFamily) ? askedFamily : models.isSuccess ? (servedFamily ?? 'naive') : null;
  // A walk-forward is stored for a family whose model has its figures in the registry: only then are records asked for.
  // Or an admin's backtest of it finished on this page.
  const [ran, setRan] = useState<ReadonlySet<ModelFamily>>(new Set());
  const stored = backtests.some((b) => b.family === family && b.summary !== null) || (family !== null && ran.has(family));
  const drawn = useBacktestRecords(symbol, interval, family, stored);
  const records = drawn.data?.records ?? [];
  const coverage = rollingCoverage(records, COVERAGE_LEVEL, COVERAGE_WINDOW);
  const pit = pitHistogram(records);

  const choose = (next: string) => {
    const query = new URLSearchParams({ interval, family: next });
    navigate(`${location}?${query.toString()}`, { replace: true });
  };

  return (
    <section className="backtest-page">
      <h1>
        {symbol} <span className="muted">{interval}</span> backtest
      </h1>
      <p className="hint">
        <Link href={`/markets/${encodeURIComponent(symbol)}?interval=${interval}`}>
          Back to the {symbol} {interval} chart
        </Link>
        . Walk-forward: each forecast made only from candles up to its origin, its calibration moved only by actuals known by then.
      </p>

      {models.isError && (
        <p className="form-error" role="alert">
          {describeError(models.error)}
        </p>
      )}

      <fieldset className="segmented">
        <legend>Model family shown in the charts</legend>
        {MODEL_FAMILIES.map((f) => (
          <button key={f} type="button" aria-pressed={f === family} onClick={() => choose(f)}>
            {f}
            {servedFamily === f ? ' (served)' : ''}
          </button>
        ))}
      </fieldset>

      <h2>Coverage over time{family ? `: ${family}` : ''}</h2>
      {drawn.data?.run && (
        <p className="hint">
          From the newest stored {drawn.data.run.kind === 'training' ? "training's walk-forward" : drawn.data.run.kind} of {family}, made{' '}
          {formatTime(drawn.data.run.createdAt, timezone)}: {records.length.toLocaleString('en-US')} one-step forecasts.
        </p>
      )}
      {!stored && models.isSuccess ? (
        <p className="muted">No walk-forward of {family} is stored for this series yet.</p>
      ) : drawn.isPending ? (
        <Loading />
      ) : drawn.isError ? (
        <p className="form-error" role="alert">
          {describeError(drawn.error)}
        </p>
      ) : (
        <>
          <CoverageChart
            points={coverage}
            level={COVERAGE_LEVEL}
            window={COVERAGE_WINDOW}
            band={coverageBand(COVERAGE_LEVEL, COVERAGE_WINDOW)}
            timezone={timezone}
          />
          <h2>PIT histogram{family ? `: ${family}` : ''}</h2>
          <PitHistogram {...pit} />
        </>
      )}

      <h2>The served model beside every baseline</h2>
      {models.isPending ? (
        <Loading />
      ) : (
        models.isSuccess && (
          <ComparisonTable
            backtests={backtests}
            caption={`Walk-forward of each family's current model on ${symbol} ${interval} (the registry's figures), one step ahead; losses in log-return units, lower is better`}
          />
        )
      )}

      {role === 'admin' && (
        <StartBacktest
          symbol={symbol}
          interval={interval}
          defaultFamily={family}
          onCompleted={(done) => {
            setRan((current) => new Set([...current, done]));
            choose(done);
          }}
        />
      )}
    </section>
  );
}
