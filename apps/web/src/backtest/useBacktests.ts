/** The backtest page's server state: the series' models with their walk-forward figures, one family's stored records, starting a backtest. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error.ts';
import { api, call } from '../api/client.ts';
import { adminKeys } from '../admin/admin.keys.ts';
import type { ModelView } from '../models/model-types.ts';
import { backtestKeys } from './backtest.keys.ts';
import type { RecordInput } from './backtest-figures.ts';
import type { BacktestView, IntervalCode, ModelFamily } from './backtest-types.ts';

/** Records per request (the API's most is 2000); the page reads the drawn family's step-1 records in pages of this size. */
export const RECORDS_PAGE = 1000;
/** At most this many pages (10,000 daily forecasts is 27 years). */
const MAX_PAGES = 10;

/** The series' ready models (GET /prediction/models): their families, which one serves, their walk-forward figures. */
export function useSeriesModels(symbol: string, interval: IntervalCode) {
  return useQuery({
    queryKey: [...backtestKeys.series(symbol, interval), 'models'],
    queryFn: async (): Promise<ModelView[]> =>
      (await call(api.GET('/prediction/models', { params: { query: { asset: symbol, interval, status: 'ready' } } }))).models,
  });
}

export interface DrawnBacktest {
  run: Omit<BacktestView, 'records'> | null;
  records: RecordInput[];
}

/**
 * The step-1 records of a family's newest stored walk-forward (an admin's backtest, else its
 * training's), page after page. Only asked for when the registry says one is stored (`enabled`).
 */
export function useBacktestRecords(symbol: string, interval: IntervalCode, family: ModelFamily | null, enabled: boolean) {
  return useQuery({
    queryKey: backtestKeys.records(symbol, interval, family ?? ''),
    enabled: family !== null && enabled,
    queryFn: async (): Promise<DrawnBacktest> => {
      const records: RecordInput[] = [];
      let run: DrawnBacktest['run'] = null;
      let offset: number | null = 0;
      for (let page = 0; page < MAX_PAGES && offset !== null; page++) {
        const query = { asset: symbol, interval, family: family!, step: 1, limit: RECORDS_PAGE, offset };
        let answer: BacktestView;
        try {
          answer = await call(api.GET('/prediction/backtest', { params: { query } }));
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) return { run, records };
          throw error;
        }
        const { records: received, ...rest } = answer;
        run ??= rest;
        records.push(...received);
        offset = answer.nextOffset;
      }
      return { run, records };
    },
  });
}

/** An admin starts a backtest of one family on the series (POST /prediction/backtest, 202). */
export function useStartBacktest(symbol: string, interval: IntervalCode) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { family: ModelFamily; horizon: number }) =>
      call(api.POST('/prediction/backtest', { body: { asset: symbol, interval, ...body } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: adminKeys.jobs() }),
  });
}
