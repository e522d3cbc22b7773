/**
 * The step-9 market views' answers (COMMON.md's shapes), as the pages read them. Prices and volumes
 * from Kraken are decimal strings exactly as stored; computed figures are numbers; times ISO UTC.
 * Named here once, from the gateway's own types (schema.d.ts, generated from /docs-json).
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type MarketRow = Schemas['MarketRowDto'];
export type MarketTable = Schemas['MarketViewDto'];
export type SearchResult = Schemas['SearchResultDto'];
export type SearchAnswer = Schemas['SearchDto'];

export type CompareSeries = Schemas['CompareSeriesDto'];
export type CompareAnswer = Schemas['CompareViewDto'];

export type Ticker = Schemas['TickerDto'];
export type CryptoConfig = Schemas['CryptoConfigDto'];
export type ConfigAsset = Schemas['ConfigAssetDto'];

export type TimeValue = Schemas['TimeValueDto'];
export type AssetStats = Schemas['StatsViewDto'];
export type Correlation = Schemas['CorrelationViewDto'];
