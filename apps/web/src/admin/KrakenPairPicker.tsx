import { useId, useState } from 'react';
import { Loading } from '../app/Guard.tsx';
import { describeError } from '../auth/describe-error.ts';
import { matchPairs, suggestSymbol, type KrakenPair } from './kraken-pairs.ts';
import { useKrakenPairs } from './useKrakenPairs.ts';
import { useTrackPair, type TrackedAsset } from './useTrackPair.ts';

export type { TrackedAsset } from './useTrackPair.ts';

/** Search Kraken's pairs (filtered here, from one cached list) and track one under a symbol. */
export function KrakenPairPicker({
  trackedPairs,
  onTracked,
}: {
  trackedPairs: ReadonlySet<string>;
  onTracked: (asset: TrackedAsset) => void;
}) {
  const id = useId();
  const pairs = useKrakenPairs();
  const [query, setQuery] = useState('');
  const [symbol, setSymbol] = useState('');
  const [tracking, setTracking] = useState<string | null>(null);
  const track = useTrackPair((asset: TrackedAsset) => {
    onTracked(asset);
    setSymbol('');
  });
  const trackPair = (pair: KrakenPair) => {
    setTracking(pair.altname);
    track.mutate({ symbol: symbol.trim() || suggestSymbol(pair), pair: pair.altname });
  };
  const matches = matchPairs(pairs.data?.pairs ?? [], query);

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Track a Kraken pair</h2>
      <div className="field-row">
        <label className="search">
          Search Kraken pairs
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="SOL, XBT/USD, ETH EUR…" />
        </label>
        <label className="search">
          Symbol (optional)
          <input
            value={symbol}
            maxLength={16}
            onChange={(e) => setSymbol(e.target.value.toUpperCase())}
            aria-describedby={`${id}-symbol-hint`}
          />
          <span id={`${id}-symbol-hint`} className="hint">
            What users will know it by; left empty, the suggested one.
          </span>
        </label>
      </div>
      {track.isError && (
        <p className="form-error" role="alert">
          {tracking ? `${tracking}: ` : ''}
          {describeError(track.error)}
        </p>
      )}
      {pairs.isPending ? (
        <Loading />
      ) : pairs.isError ? (
        <p className="form-error" role="alert">
          {describeError(pairs.error)}
        </p>
      ) : query.trim() === '' ? (
        <p className="muted">{pairs.data.count} pairs on Kraken: type to search them.</p>
      ) : matches.shown.length === 0 ? (
        <p>No Kraken pair matches “{query}”.</p>
      ) : (
        <div className="table-wrap picker-results">
          <table>
            <caption className="visually-hidden">Kraken pairs matching the search</caption>
            <thead>
              <tr>
                <th scope="col">Pair</th>
                <th scope="col">Tracked as</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {matches.shown.map((pair) => (
                <tr key={pair.key}>
                  <th scope="row">
                    {pair.wsname ?? pair.altname} <span className="muted">{pair.altname}</span>
                  </th>
                  <td>{trackedPairs.has(pair.altname) ? 'already tracked' : symbol.trim() || suggestSymbol(pair)}</td>
                  <td>
                    {!trackedPairs.has(pair.altname) && (
                      <button type="button" disabled={track.isPending} onClick={() => trackPair(pair)}>
                        Track
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {matches.more > 0 && <p className="muted">{matches.more} more match: refine the search.</p>}
        </div>
      )}
    </section>
  );
}
