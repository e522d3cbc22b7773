/** The backtest page's server state: the stored backtest of each family, the served family's records, the served model. */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error.ts';
import { api, call } from '../api/client.ts';
import { backtestKeys } from './backtest.keys.ts';
import { MODEL_FAMILIES, type BacktestAnswer } from './backtest-types.ts';
import type { RecordInput } from './backtest-figures.ts';

type Query = Record<string, string | number | undefined>;
type Answer<T> = Promise<{ data?: T; error?: unknown; response: Response }>;
// The routes of step 8 before the regenerated schema.d.ts has them: the same client, untyped.
const loose = api as unknown as {
  GET: <T>(path: string, init: { params: { query: Query } }) => Answer<T>;
  POST: <T>(path: string, init: { body: object }) => Answer<T>;
};

/** Records per request; the page reads the served family's step-1 records in pages of this size. */
export const RECORDS_PAGE = 1000;
/** At most this many pages (10,000 daily forecasts is 27 years). */
const MAX_PAGES = 10;

const absent = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The newest stored backtest of every family (summary only), null for a family without one. */
export function useFamilyBacktests(symbol: string, interval: string) {
  return useQueries({
    queries: MODEL_FAMILIES.map((family) => ({
      queryKey: backtestKeys.summary(symbol, interval, family),
      queryFn: async (): Promise<BacktestAnswer | null> => {
        try {
          return await call(
            loose.GET<BacktestAnswer>('/prediction/backtest', { params: { query: { asset: symbol, interval, family, limit: 1 } } }),
          );
        } catch (error) {
          if (absent(error)) return null;
          throw error;
        }
      },
    })),
  });
}

/** Every realized step-1 record of a family's newest backtest, page after page. */
export function useBacktestRecords(symbol: string, interval: string, family: string | null) {
  return useQuery({
    queryKey: backtestKeys.records(symbol, interval, family ?? ''),
    enabled: family !== null,
    queryFn: async (): Promise<RecordInput[]> => {
      const records: RecordInput[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const query = { asset: symbol, interval, family: family!, step: 1, limit: RECORDS_PAGE, offset: page * RECORDS_PAGE };
        let answer: BacktestAnswer;
        try {
          answer = await call(loose.GET<BacktestAnswer>('/prediction/backtest', { params: { query } }));
        } catch (error) {
          if (absent(error)) return records;
          throw error;
        }
        records.push(...answer.records);
        if (answer.records.length < RECORDS_PAGE || (answer.count !== undefined && records.length >= answer.count)) break;
      }
      return records;
    },
  });
}

interface ModelRow {
  id: string;
  family?: string;
  served?: boolean;
  isBest: boolean;
  status: string;
}

/** The family of the series' served model (pinned, else best), from the registry. */
export function useServedFamily(symbol: string, interval: string) {
  return useQuery({
    queryKey: [...backtestKeys.series(symbol, interval), 'served'],
    queryFn: async (): Promise<string | null> => {
      const answer = await call(
        loose.GET<{ models: ModelRow[] }>('/prediction/models', { params: { query: { asset: symbol, interval, status: 'ready' } } }),
      );
      const served = answer.models.find((m) => m.served === true) ?? answer.models.find((m) => m.isBest);
      return served ? (served.family ?? 'lstm') : null;
    },
  });
}

export interface JobAccepted {
  jobId: string;
  name: string;
  queue: string;
  deduplicated?: boolean;
}

/** An admin starts a backtest of one family on the series (POST /prediction/backtest, 202). */
export function useStartBacktest(symbol: string, interval: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { family: string; horizon?: number; refitEvery?: number }) =>
      call(loose.POST<JobAccepted>('/prediction/backtest', { body: { asset: symbol, interval, ...body } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['admin', 'jobs'] }),
  });
}
