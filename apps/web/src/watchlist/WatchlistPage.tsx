import { Link } from 'wouter';
import { formatPercent, formatPrice, formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { DEFAULT_INTERVAL, preferredInterval } from '../asset/intervals.ts';
import { useNow } from '../asset/useNow.ts';
import { DEFAULT_VIEW, marketQuery } from '../markets/market-view.ts';
import { direction } from '../markets/market-format.ts';
import { useMarket } from '../markets/useMarket.ts';
import { useWatchlist } from './useWatchlist.ts';
import { SUMMARY_LEVEL } from './forecast-summary.ts';
import { WatchedForecastCells } from './WatchedForecastCells.tsx';
import { WatchStar } from './WatchStar.tsx';
import './watchlist.css';

/**
 * The caller's watched assets with their price and 24 h change (the Markets overview's rows) and
 * their latest forecast at the interval the user reads each asset at; one no longer tracked says so.
 */
export default function WatchlistPage() {
  usePageTitle('Watchlist');
  const { timezone, intervals } = usePreferences();
  const now = useNow();
  const watchlist = useWatchlist();
  const market = useMarket(marketQuery(DEFAULT_VIEW));
  const rows = new Map((market.data?.rows ?? []).map((row) => [row.symbol, row]));

  return (
    <section className="watchlist-page">
      <h1>Watchlist</h1>
      {watchlist.isError ? (
        <p className="form-error" role="alert">
          {describeError(watchlist.error)}
        </p>
      ) : watchlist.isPending ? (
        <Loading />
      ) : watchlist.data.assets.length === 0 ? (
        <p>
          Nothing watched yet: star an asset on its page or in <Link href="/markets">Markets</Link>.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="watchlist-table">
            <caption className="visually-hidden">Watched assets, oldest first, with their latest forecast</caption>
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col" className="hide-narrow">
                  Name
                </th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  24 h
                </th>
                <th scope="col" className="num">
                  Forecast
                </th>
                <th scope="col" className="num hide-narrow">
                  {SUMMARY_LEVEL}% interval
                </th>
                <th scope="col" className="hide-narrow">
                  Forecast made
                </th>
                <th scope="col" className="hide-narrow">
                  Watched since
                </th>
              </tr>
            </thead>
            <tbody>
              {watchlist.data.assets.map((asset) => {
                const row = rows.get(asset.symbol);
                return (
                  <tr key={asset.symbol}>
                    <th scope="row">
                      <span className="symbol-cell">
                        <WatchStar symbol={asset.symbol} />
                        {asset.tracked ? <Link href={`/markets/${encodeURIComponent(asset.symbol)}`}>{asset.symbol}</Link> : asset.symbol}
                      </span>
                    </th>
                    <td className="hide-narrow">{asset.name}</td>
                    {asset.tracked ? (
                      <>
                        <td className="num">
                          {row ? (
                            <>
                              {formatPrice(row.price)} <span className="muted">{row.quote}</span>
                            </>
                          ) : market.isPending ? (
                            '…'
                          ) : (
                            '—'
                          )}
                        </td>
                        <td className={`num ${direction(row?.change24h)}`}>{row ? formatPercent(row.change24h) : '—'}</td>
                        <WatchedForecastCells
                          symbol={asset.symbol}
                          interval={preferredInterval(intervals, asset.symbol)}
                          currentPrice={row?.price}
                          timezone={timezone}
                          nowMs={now}
                        />
                      </>
                    ) : (
                      <>
                        <td colSpan={3} className="untracked">
                          No longer tracked
                        </td>
                        <td className="hide-narrow" />
                        <td className="hide-narrow" />
                      </>
                    )}
                    <td className="hide-narrow">{formatTime(asset.addedAt, timezone, 'date')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {market.data && watchlist.data && watchlist.data.assets.length > 0 && (
        <p className="hint">
          Prices as of {formatTime(market.data.asOf, timezone)}, from the {market.data.interval} candles.
        </p>
      )}
      {watchlist.data && watchlist.data.assets.length > 0 && (
        <p className="hint">
          {`Forecasts: the next close's median and its change from the price, and its ${SUMMARY_LEVEL}% interval, at the interval last chosen on the asset's page (${DEFAULT_INTERVAL} until one is).`}
        </p>
      )}
    </section>
  );
}
