import { useState } from 'react';
import { Link } from 'wouter';
import { formatPercent, formatPrice, formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { filterAssets } from './filter-assets.ts';
import { useAssets } from './useAssets.ts';

export default function MarketsPage() {
  usePageTitle('Markets');
  const { timezone } = usePreferences();
  const assets = useAssets();
  const [query, setQuery] = useState('');
  const shown = filterAssets(assets.data ?? [], query);

  return (
    <section>
      <h1>Markets</h1>
      <label className="search">
        Search assets
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="BTC, Ethereum, XBTUSD…" />
      </label>
      {assets.isPending ? (
        <Loading />
      ) : assets.isError ? (
        <p className="form-error" role="alert">
          {describeError(assets.error)}
        </p>
      ) : shown.length === 0 ? (
        <p>{query ? 'No tracked asset matches.' : 'No asset is tracked yet.'}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Tracked assets, latest daily close</caption>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col" className="num">
                  Last close
                </th>
                <th scope="col" className="num">
                  Change
                </th>
                <th scope="col" className="hide-narrow">
                  As of
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((asset) => (
                <tr key={asset.symbol}>
                  <th scope="row">
                    <Link href={`/markets/${encodeURIComponent(asset.symbol)}`}>{asset.symbol}</Link>{' '}
                    <span className="muted">{asset.name}</span>
                  </th>
                  <td className="num">{formatPrice(asset.lastClose)}</td>
                  <td className={`num ${(asset.changePercent ?? 0) > 0 ? 'up' : (asset.changePercent ?? 0) < 0 ? 'down' : ''}`}>
                    {formatPercent(asset.changePercent)}
                  </td>
                  <td className="hide-narrow">{formatTime(asset.lastCandleTime, timezone, 'date')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
