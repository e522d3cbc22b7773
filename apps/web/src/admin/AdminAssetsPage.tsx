import { useState } from 'react';
import { Loading } from '../app/Guard.tsx';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import { useAssets } from '../markets/useAssets.ts';
import './admin.css';
import { BackfillJob } from './BackfillJob.tsx';
import { KrakenPairPicker, type TrackedAsset } from './KrakenPairPicker.tsx';
import { TrackedAssetRow } from './TrackedAssetRow.tsx';

/** Admin: track Kraken pairs (and watch their backfill), untrack assets. */
export default function AdminAssetsPage() {
  usePageTitle('Assets');
  const assets = useAssets();
  const [added, setAdded] = useState<TrackedAsset[]>([]);
  const trackedPairs = new Set(assets.data?.map((a) => a.krakenPair) ?? []);

  return (
    <section>
      <h1>Assets</h1>
      <KrakenPairPicker trackedPairs={trackedPairs} onTracked={(asset) => setAdded((current) => [asset, ...current])} />
      {added.map((asset) => (
        <section key={asset.symbol} className="job-chain" aria-label={`Backfill of ${asset.symbol}`}>
          <h3>
            {asset.symbol} tracked <span className="muted">({asset.krakenPair})</span>
          </h3>
          {asset.backfillJobs.length === 0 ? (
            <p className="muted">No backfill started.</p>
          ) : (
            <ul>
              {asset.backfillJobs.map((job) => (
                <BackfillJob key={job.jobId} jobId={job.jobId} interval={job.interval} />
              ))}
            </ul>
          )}
        </section>
      ))}
      <h2>Tracked assets</h2>
      {assets.isPending ? (
        <Loading />
      ) : assets.isError ? (
        <p className="form-error" role="alert">
          {describeError(assets.error)}
        </p>
      ) : assets.data.length === 0 ? (
        <p>No asset is tracked yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Tracked assets</caption>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Kraken pair</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assets.data.map((asset) => (
                <TrackedAssetRow key={asset.symbol} asset={asset} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
