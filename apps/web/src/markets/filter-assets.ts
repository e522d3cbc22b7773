import type { AssetSummary } from './useAssets.ts';

/** The assets whose symbol, name or Kraken pair contains the query (any case). */
export function filterAssets(assets: AssetSummary[], query: string): AssetSummary[] {
  const q = query.trim().toLowerCase();
  if (q === '') return assets;
  return assets.filter((a) => [a.symbol, a.name, a.krakenPair].some((field) => field.toLowerCase().includes(q)));
}
