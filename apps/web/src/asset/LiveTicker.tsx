import { ApiError } from '../api/api-error.ts';
import { formatPercent, formatPrice, formatTime } from '../app/format.ts';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { formatVolume } from '../markets/market-format.ts';
import { tickerChangePercent, tickerFreshness } from './ticker.ts';
import { useTicker } from './useTicker.ts';

/** The header's live line: last, bid/ask, the change since Kraken's day opened (00:00 UTC), 24 h volume, and whether it is live or how old. */
export function LiveTicker({ symbol }: { symbol: string }) {
  const { timezone } = usePreferences();
  const ticker = useTicker(symbol);
  if (ticker.isPending) return <p className="ticker muted">Live price loading…</p>;
  if (!ticker.data) {
    const unavailable = ticker.error instanceof ApiError && ticker.error.status === 503;
    return (
      <p className="ticker muted" data-testid="ticker">
        {unavailable ? 'Live price unavailable: Kraken cannot be reached and nothing is known yet.' : 'No live price for this asset.'}
      </p>
    );
  }
  const t = ticker.data;
  const change = tickerChangePercent(t);
  const freshness = tickerFreshness(t);
  return (
    <dl className="ticker" data-testid="ticker" aria-label={`Live ticker of ${symbol}`}>
      <div>
        <dt>Last</dt>
        <dd>
          <strong>{formatPrice(t.last)}</strong>
        </dd>
      </div>
      <div>
        <dt>Bid / ask</dt>
        <dd>
          {formatPrice(t.bid)} / {formatPrice(t.ask)}
        </dd>
      </div>
      <div>
        <dt>Today</dt>
        <dd className={change === null || change === 0 ? '' : change > 0 ? 'up' : 'down'}>{formatPercent(change)}</dd>
      </div>
      <div>
        <dt>Volume 24 h</dt>
        <dd>{formatVolume(t.volume24h)}</dd>
      </div>
      <div>
        <dt>Fetched</dt>
        <dd>
          {formatTime(t.fetchedAt, timezone, 'time')}{' '}
          <span className={t.stale ? 'ticker-stale' : 'muted'} data-testid="ticker-freshness">
            ({freshness})
          </span>
        </dd>
      </div>
    </dl>
  );
}
