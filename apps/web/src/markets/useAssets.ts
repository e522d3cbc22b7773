import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import type { components } from '../api/schema';
import { marketsKeys } from './markets.keys.ts';

export type AssetSummary = components['schemas']['AssetSummaryDto'];

/** The tracked assets with their latest daily close and change. */
export function useAssets() {
  return useQuery({ queryKey: marketsKeys.assets(), queryFn: () => call(api.GET('/crypto/assets')) });
}
