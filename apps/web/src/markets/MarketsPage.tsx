import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { MARKET_LIMITS, type MarketOrderBy } from '../../../../libs/domain/src/market-views.ts';
import { formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { downloadText } from '../asset/csv.ts';
import { describeError } from '../auth/describe-error.ts';
import { AssetSearch } from '../search/AssetSearch.tsx';
import {
  marketFileName,
  marketQuery,
  marketSearch,
  parseMarketSearch,
  parseUtc,
  sortBy,
  toPickerValue,
  type MarketView,
} from './market-view.ts';
import { MarketTable } from './MarketTable.tsx';
import { useAssets } from './useAssets.ts';
import { fetchMarketCsv, useMarket } from './useMarket.ts';
import './markets.css';

const TOP_N = [3, 5, 10, 20, 50, 100];

/** The picker's value, checked: an ISO time, or why it cannot be asked for. */
function checkAt(value: string, nowMs: number): { at: string | null; problem: string | null } {
  if (value.trim() === '') return { at: null, problem: null };
  const at = parseUtc(value);
  if (!at) return { at: null, problem: `“${value}” is not a date and time.` };
  if (Date.parse(at) > nowMs)
    return { at: null, problem: `${formatTime(at, 'utc')} is in the future: the overview exists up to now only.` };
  return { at, problem: null };
}

/** The market overview as of a time (now by default): sortable by the API, top N, saved as the API's CSV. */
export default function MarketsPage() {
  usePageTitle('Markets');
  const search = useSearch();
  const [location, navigate] = useLocation();
  const view = parseMarketSearch(search);
  const query = marketQuery(view);
  const market = useMarket(query);
  const [picked, setPicked] = useState(toPickerValue(view.at));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState<{ error: string | null; busy: boolean }>({ error: null, busy: false });

  const go = (next: MarketView) => navigate(`${location}${marketSearch(next) ? `?${marketSearch(next)}` : ''}`);
  const onSort = (column: MarketOrderBy) => go(sortBy(view, column));
  const onAsOf = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkAt(picked, Date.now());
    setProblem(checked.problem);
    if (!checked.problem) go({ ...view, at: checked.at });
  };
  const onNow = () => {
    setPicked('');
    setProblem(null);
    go({ ...view, at: null });
  };

  const table = market.data;
  const assets = useAssets();
  // Tracked assets the whole table leaves out (no candle closed by then, or their candles stop before it): named, not lost.
  const leftOut =
    table && table.count === table.total ? (assets.data ?? []).filter((a) => !table.rows.some((row) => row.symbol === a.symbol)) : [];
  const saveCsv = async () => {
    if (!table) return;
    setSaving({ error: null, busy: true });
    try {
      // As of the shown table's time: the file is that table even if a candle has closed since.
      const text = await fetchMarketCsv({ ...query, datetime: view.at ?? table.asOf });
      downloadText(text, marketFileName(view, table.asOf));
      setSaving({ error: null, busy: false });
    } catch (error) {
      setSaving({ error: describeError(error), busy: false });
    }
  };

  return (
    <section className="markets-page">
      <h1>Markets</h1>
      <AssetSearch />

      <h2>Overview</h2>
      <div className="market-controls">
        <form className="as-of" onSubmit={onAsOf} aria-label="As of">
          <label>
            As of (UTC)
            <input
              type="datetime-local"
              value={picked}
              step={60}
              onChange={(e) => setPicked(e.target.value)}
              aria-describedby="as-of-hint"
              aria-invalid={problem !== null}
            />
          </label>
          <button type="submit">Show</button>
          <button type="button" className="secondary" onClick={onNow} disabled={view.at === null && picked === ''}>
            Now
          </button>
          <p id="as-of-hint" className="hint">
            A date and time in UTC; empty for now.
          </p>
        </form>
        <label className="top-n">
          Show
          <select value={view.limit ?? ''} onChange={(e) => go({ ...view, limit: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">every asset</option>
            {TOP_N.filter((n) => n <= MARKET_LIMITS.marketRows.max).map((n) => (
              <option key={n} value={n}>
                top {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void saveCsv()} disabled={!table || saving.busy}>
          Download CSV
        </button>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {saving.error && (
        <p className="form-error" role="alert">
          The CSV could not be downloaded: {saving.error}
        </p>
      )}
      {view.ignored.length > 0 && <p className="hint">Ignored in the address: {view.ignored.join(', ')} (not readable).</p>}

      {market.isError ? (
        <p className="form-error" role="alert">
          {describeError(market.error)}
        </p>
      ) : market.isPending ? (
        <Loading />
      ) : !table ? null : (
        <>
          <p className="market-source" data-testid="market-source">
            As of <strong>{formatTime(table.asOf, 'utc')}</strong> (the newest close at or before {formatTime(table.requested, 'utc')}),
            from the <strong>{table.interval}</strong> candles; {table.count} {table.count === 1 ? 'asset' : 'assets'}.
          </p>
          {table.rows.length === 0 ? (
            <p>No tracked asset has candles by then.</p>
          ) : (
            <MarketTable
              rows={table.rows}
              orderBy={view.orderBy}
              order={view.order}
              onSort={onSort}
              busy={market.isPlaceholderData}
              caption={`Market overview as of ${table.asOf}, ordered by ${view.orderBy} ${view.order === 'asc' ? 'ascending' : 'descending'}`}
            />
          )}
          {leftOut.length > 0 && (
            <p data-testid="market-left-out">
              Tracked but not in this table (no candle closed by then, or their candles end more than one interval before it):{' '}
              {leftOut.map((asset, i) => (
                <span key={asset.symbol}>
                  {i > 0 && ', '}
                  <Link href={`/markets/${encodeURIComponent(asset.symbol)}`}>{asset.symbol}</Link>
                  {asset.lastCandleTime && (
                    <span className="muted"> (daily candles until {formatTime(asset.lastCandleTime, 'utc', 'date')})</span>
                  )}
                </span>
              ))}
              .
            </p>
          )}
          <p className="hint">Rank is by 24 h volume in USD. 24 h volume in USD: {table.quoteVolume}.</p>
        </>
      )}
    </section>
  );
}
