import { useId, useState } from 'react';
import { Link } from 'wouter';
import { MARKET_LIMITS } from '../../../../libs/domain/src/market-views.ts';
import { useTrackPair } from '../admin/useTrackPair.ts';
import { useRole } from '../auth/useMe.ts';
import { describeError } from '../auth/describe-error.ts';
import { useAssets } from '../markets/useAssets.ts';
import { trackAs } from './track-as.ts';
import { searchable, useAssetSearch } from './useAssetSearch.ts';

/** Search over tracked assets and Kraken's pairs; a tracked one links to its page, an admin can track the others. */
export function AssetSearch() {
  const id = useId();
  const [text, setText] = useState('');
  const search = useAssetSearch(text);
  const isAdmin = useRole() === 'admin';
  const assets = useAssets();
  const trackedSymbols = new Set(assets.data?.map((a) => a.symbol) ?? []);
  const [trackedNow, setTrackedNow] = useState<string | null>(null);
  const track = useTrackPair((asset) =>
    setTrackedNow(`${asset.symbol} is tracked now (${asset.krakenPair}); its candles are being backfilled.`),
  );
  const q = searchable(text);
  const results = q !== null ? (search.data?.results ?? []) : [];

  return (
    <section className="asset-search" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Search</h2>
      <label className="search">
        Search assets and Kraken pairs
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="bitcoin, xbt, XBT/USD…"
          maxLength={MARKET_LIMITS.searchQuery.max}
          aria-describedby={`${id}-hint`}
        />
        <span id={`${id}-hint`} className="hint">
          By symbol, name or Kraken pair name; at least {MARKET_LIMITS.searchQuery.min} characters.
        </span>
      </label>
      <div aria-live="polite">
        {trackedNow && <p>{trackedNow}</p>}
        {track.isError && (
          <p className="form-error" role="alert">
            {describeError(track.error)}
          </p>
        )}
        {q !== null && search.data?.krakenPairs === false && (
          <p className="hint">Kraken&apos;s pairs cannot be read right now: only tracked assets were searched.</p>
        )}
        {q === null ? null : search.isError ? (
          <p className="form-error" role="alert">
            {describeError(search.error)}
          </p>
        ) : search.isPending ? (
          <p className="muted">Searching…</p>
        ) : results.length === 0 ? (
          <p>Nothing matches “{q}”.</p>
        ) : (
          <ul className="search-results" aria-label={`Results for ${search.data?.query ?? q}`}>
            {results.map((result) => (
              <li key={result.krakenKey}>
                {result.tracked ? (
                  <Link href={`/markets/${encodeURIComponent(result.symbol)}`}>
                    {result.symbol}
                    {result.name !== result.symbol ? ` · ${result.name}` : ''}
                  </Link>
                ) : (
                  <span>{result.wsname ?? result.pair}</span>
                )}{' '}
                <span className="muted">
                  {result.pair}
                  {result.wsname ? ` (${result.wsname})` : ''} · {result.tracked ? 'tracked' : 'on Kraken, not tracked'}
                </span>{' '}
                {!result.tracked && isAdmin && (
                  <button
                    type="button"
                    disabled={track.isPending}
                    onClick={() => track.mutate({ symbol: trackAs(result, trackedSymbols), pair: result.pair })}
                  >
                    Track as {trackAs(result, trackedSymbols)}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
