import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../api/client.ts';
import { describeError } from '../auth/describe-error.ts';
import type { AssetSummary } from '../markets/useAssets.ts';
import { marketsKeys } from '../markets/markets.keys.ts';

/** A tracked asset, with "Untrack" behind a confirmation (its candles stay). */
export function TrackedAssetRow({ asset }: { asset: AssetSummary }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const untrack = useMutation({
    mutationFn: () => call(api.DELETE('/crypto/assets/{symbol}', { params: { path: { symbol: asset.symbol } } })),
    onSettled: () => {
      setConfirming(false);
      void client.invalidateQueries({ queryKey: marketsKeys.assets() });
    },
  });
  return (
    <tr>
      <th scope="row">
        {asset.symbol} <span className="muted">{asset.name}</span>
      </th>
      <td>{asset.krakenPair}</td>
      <td>
        {confirming ? (
          <div className="confirm">
            <span>Untrack {asset.symbol}? Its candles stay.</span>
            <button type="button" className="danger" disabled={untrack.isPending} onClick={() => untrack.mutate()}>
              Yes, untrack
            </button>
            <button type="button" className="secondary" autoFocus onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              untrack.reset();
              setConfirming(true);
            }}
          >
            Untrack
          </button>
        )}
        {untrack.isError && (
          <p className="row-message" role="alert">
            {describeError(untrack.error)}
          </p>
        )}
      </td>
    </tr>
  );
}
