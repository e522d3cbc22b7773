/** The backtest page's server state: the series' models with their walk-forward figures, one family's stored records, starting a backtest. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error.ts';
import { api, call } from '../api/client.ts';
import { backtestKeys } from './backtest.keys.ts';
import type { BacktestAnswer } from './backtest-types.ts';
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

export interface DrawnBacktest {
  run: Omit<BacktestAnswer, 'records'> | null;
  records: RecordInput[];
}

/**
 * The step-1 records of a family's newest stored walk-forward (an admin's backtest, else its
 * training's), page after page. Only asked for when the registry says one is stored (`enabled`).
 */
export function useBacktestRecords(symbol: string, interval: string, family: string | null, enabled: boolean) {
  return useQuery({
    queryKey: backtestKeys.records(symbol, interval, family ?? ''),
    enabled: family !== null && enabled,
    queryFn: async (): Promise<DrawnBacktest> => {
      const records: RecordInput[] = [];
      let run: DrawnBacktest['run'] = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const query = { asset: symbol, interval, family: family!, step: 1, limit: RECORDS_PAGE, offset: page * RECORDS_PAGE };
        let answer: BacktestAnswer;
        try {
          answer = await call(loose.GET<BacktestAnswer>('/prediction/backtest', { params: { query } }));
        } catch (error) {
          if (absent(error)) return { run, records };
          throw error;
        }
        const { records: received, ...rest } = answer;
        run ??= rest;
        records.push(...received);
        if (received.length < RECORDS_PAGE || (answer.count !== undefined && records.length >= answer.count)) break;
      }
      return { run, records };
    },
  });
}

export interface RegistryModel {
  id: string;
  version: number;
  family?: string;
  served?: boolean;
  pinned?: boolean;
  isBest: boolean;
  status: string;
  metrics?: unknown;
}

/** The series' ready models (GET /prediction/models): their families, which one serves, their walk-forward figures. */
export function useSeriesModels(symbol: string, interval: string) {
  return useQuery({
    queryKey: [...backtestKeys.series(symbol, interval), 'models'],
    queryFn: async (): Promise<RegistryModel[]> =>
      (
        await call(
          loose.GET<{ models: RegistryModel[] }>('/prediction/models', { params: { query: { asset: symbol, interval, status: 'ready' } } }),
        )
      ).models,
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
