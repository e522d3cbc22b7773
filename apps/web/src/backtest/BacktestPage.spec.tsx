import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { currentPath, renderApp } from '../test/render-app.tsx';
import type { RecordInput, SummaryInput } from './backtest-figures.ts';

beforeAll(() => import('./BacktestPage.tsx'), 30_000);
vi.setConfig({ testTimeout: 20_000 });

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

const DAY = 86_400_000;
const T0 = Date.UTC(2023, 0, 1);
/** 200 step-1 records: the actual inside the 90% interval but on every 10th, PIT spread evenly. */
const RECORDS: RecordInput[] = Array.from({ length: 200 }, (_, i) => ({
  originTime: new Date(T0 + i * DAY).toISOString(),
  step: 1,
  actualClose: i % 10 === 0 ? '130' : '100',
  lower80: '95',
  upper80: '105',
  lower90: '90',
  upper90: '110',
  lower95: '85',
  upper95: '115',
  pit: (i % 10) / 10 + 0.05,
}));

const summary = (relMae: number, coverage90: number): SummaryInput => ({
  samples: 1095,
  relMae: { value: relMae, ci95: [relMae - 0.03, relMae + 0.03], dmPValue: 0.41 },
  hitRate: { value: 0.507, ci95: [0.477, 0.537], ptPValue: 0.62 },
  coverage: [
    { level: 80, value: 0.79, ci95: [0.765, 0.813] },
    { level: 90, value: coverage90, ci95: [coverage90 - 0.02, coverage90 + 0.02] },
    { level: 95, value: 0.948, ci95: [0.933, 0.96] },
  ],
  winkler90: 0.1234,
  pinball: 0.006,
  qlike: { model: -6.2, ewma: -6.1, dmPValue: 0.2 },
});

async function signedInAt(path: string, role: 'user' | 'admin' = 'user') {
  let polls = 0;
  const gateway = fakeGateway({
    'POST /auth/login': tokenAnswer,
    'GET /auth/users/me': me(role),
    'POST /auth/logout': () => new Response(null, { status: 204 }),
    'GET /crypto/assets': () => Response.json([]),
    'GET /prediction/models': () =>
      Response.json({
        count: 4,
        models: [
          { id: 'm-naive', version: 2, family: 'naive', served: false, isBest: false, status: 'ready', metrics: summary(1, 0.87) },
          { id: 'm-har', version: 3, family: 'har-range', served: true, isBest: true, status: 'ready', metrics: summary(0.99, 0.901) },
          { id: 'm-ewma', version: 4, family: 'ewma', served: false, isBest: false, status: 'ready', metrics: summary(1.01, 0.87) },
          { id: 'm-garch', version: 5, family: 'garch', served: false, isBest: false, status: 'ready', metrics: summary(1.02, 0.87) },
        ],
      }),
    'GET /prediction/backtest': (request) => {
      const query = new URL(request.url).searchParams;
      const family = query.get('family');
      const limit = Number(query.get('limit'));
      const offset = Number(query.get('offset') ?? 0);
      return Response.json({
        id: `b-${family}`,
        family,
        kind: 'training',
        modelId: null,
        createdAt: '2026-12-01T00:00:00.000Z',
        summary: summary(0.5, 0.5),
        records: RECORDS.slice(offset, offset + limit),
        count: RECORDS.length,
        offset,
        nextOffset: offset + limit < RECORDS.length ? offset + limit : null,
      });
    },
    'POST /prediction/backtest': () =>
      Response.json({ jobId: '77', name: 'backtest', queue: 'research', deduplicated: false }, { status: 202 }),
    // Running on the first read, done on the next.
    'GET /prediction/jobs/77': () =>
      Response.json({
        id: '77',
        queue: 'research',
        name: 'backtest',
        state: polls++ === 0 ? 'active' : 'completed',
        progress: { refit: 2, refits: 8 },
        attemptsMade: 1,
        failedReason: null,
        data: {},
        returnValue: null,
        timestamp: 0,
        processedOn: null,
        finishedOn: null,
      }),
  });
  await session.login('alice', 'correct horse battery', false);
  return { gateway, ...renderApp(path) };
}

const backtestQueries = (calls: Request[]) =>
  calls.filter((r) => new URL(r.url).pathname === '/prediction/backtest' && r.method === 'GET').map((r) => new URL(r.url).searchParams);

describe('the backtest page', () => {
  it("draws the served family's rolling coverage and PIT histogram, and every family's figures beside it", async () => {
    const { gateway } = await signedInAt('/markets/btc/backtest?interval=1d');
    expect(await screen.findByRole('heading', { level: 1, name: /BTC 1d backtest/ })).toBeTruthy();

    // The served family (har-range) is the one drawn: 200 records, a window of 90 → 111 points.
    const coverage = await screen.findByTestId('coverage-chart');
    expect(coverage.dataset.points).toBe('111');
    expect(
      screen.getByText(/^Rolling 90% coverage over the last 90 forecasts: latest 90\.0%, inside the 83\.8%–96\.2% band 100\.0%/),
    ).toBeTruthy();
    const counts = [...screen.getByTestId('pit-histogram').querySelectorAll('rect')].map((r) => r.getAttribute('data-count'));
    expect(counts).toEqual(Array(10).fill('20'));
    expect(screen.getByText(/PIT histogram of 200 forecasts in 10 bins; 20 per bin if calibrated/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'har-range (served)' }).getAttribute('aria-pressed')).toBe('true');

    const table = screen.getByRole('table', { name: /Walk-forward of each family's current model on BTC 1d/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['har-range served', 'lstm', 'naive', 'ewma', 'garch']);
    expect(within(rows[0]).getAllByRole('cell')[1].textContent).toBe('0.99095% CI 0.960–1.020, DM p = 0.410');
    expect(within(rows[0]).getAllByRole('cell')[4].textContent).toBe('90.1%95% CI 88.1–92.1%');
    expect(within(rows[1]).getByRole('cell').textContent).toBe('No walk-forward figures for this family yet.');

    // Records of the drawn family only, step 1, in one page here.
    const recordQueries = backtestQueries(gateway.calls);
    expect(recordQueries.map((q) => `${q.get('family')} ${q.get('step')} ${q.get('limit')} ${q.get('offset')}`)).toEqual([
      'har-range 1 1000 0',
    ]);
    expect(screen.getByText(/From the newest stored training's walk-forward of har-range, made .*: 200 one-step forecasts/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Start a backtest' })).toBeNull();
  });

  it('draws another family when chosen, kept in the address', async () => {
    const { location } = await signedInAt('/markets/BTC/backtest?interval=1d');
    await screen.findByTestId('coverage-chart');
    await userEvent.setup().click(screen.getByRole('button', { name: 'naive' }));
    await vi.waitFor(() => expect(currentPath(location)).toBe('/markets/BTC/backtest?interval=1d&family=naive'));
    expect(await screen.findByRole('heading', { name: 'Coverage over time: naive' })).toBeTruthy();
    await vi.waitFor(() => expect(screen.getByTestId('coverage-chart')).toBeTruthy());
    // A family without a stored walk-forward says so, and nothing is asked for it.
    await userEvent.setup().click(screen.getByRole('button', { name: 'lstm' }));
    expect(await screen.findByText('No walk-forward of lstm is stored for this series yet.')).toBeTruthy();
  });

  it("lets an admin start a backtest, follow its job's progress, and then see its figures", async () => {
    const { gateway, location } = await signedInAt('/markets/BTC/backtest?interval=1d', 'admin');
    const form = await screen.findByRole('form', { name: 'Start a backtest' });
    await screen.findByTestId('coverage-chart');
    // The LSTM has no model in this registry, so nothing of it is stored before its backtest.
    await userEvent.setup().selectOptions(within(form).getByLabelText('Model family'), 'lstm');
    await userEvent.setup().click(within(form).getByRole('button', { name: 'Start backtest' }));
    const status = await screen.findByTestId('backtest-job');
    await vi.waitFor(() => expect(status.textContent).toBe('Backtest job 77: active refit 2 of 8 (25%)'));
    const post = gateway.calls.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/prediction/backtest')!;
    expect(await post.json()).toEqual({ asset: 'BTC', interval: '1d', family: 'lstm', horizon: 7 });
    expect(within(status).getByRole('link', { name: '77' }).getAttribute('href')).toBe('/admin/jobs');
    expect(await screen.findByText('Backtest of lstm on BTC 1d started (job 77).')).toBeTruthy();

    // Done: the charts show the family just backtested, read from the API.
    await vi.waitFor(() => expect(status.textContent).toBe('Backtest job 77: completed'), { timeout: 5000 });
    await vi.waitFor(() => expect(currentPath(location)).toBe('/markets/BTC/backtest?interval=1d&family=lstm'));
    expect(await screen.findByRole('heading', { name: 'Coverage over time: lstm' })).toBeTruthy();
    await vi.waitFor(() => expect(backtestQueries(gateway.calls).map((q) => q.get('family'))).toContain('lstm'));
    expect(await screen.findByTestId('coverage-chart')).toBeTruthy();
  });
});
