/**
 * The asset page's states, against a stand-in of the API at the fetch boundary (fixed answers per
 * path, as real Responses; the browser tests meet the real stack). The chart's canvas is the one
 * part of the app replaced: jsdom has none, so PriceChart's module is a stub that shows what the
 * page handed it (what the pure functions made of the API's answers).
 */
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';

// The app asks for relative URLs, which Node's Request cannot resolve: resolve them against the
// page's origin. Set before the client module captures Request; fetch goes to the stand-in.
const standIn = vi.hoisted(() => {
  const origin = 'http://localhost:3000';
  const absolute = (input: RequestInfo | URL) => (typeof input === 'string' && input.startsWith('/') ? new URL(input, origin) : input);
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(absolute(input), init);
    }
  } as typeof Request;
  const box = { handle: (request: Request): Response => new Response(`no stand-in for ${request.url}`, { status: 503 }) };
  globalThis.fetch = (input, init) => Promise.resolve(box.handle(new Request(absolute(input), init)));
  return box;
});

vi.mock('./PriceChart.tsx', () => ({
  default: (props: {
    candles: unknown[];
    forecast: { time: number; value: number }[];
    bands: { level: number; points: unknown[] }[];
    range: { realized: unknown[]; expected: { time: number; value: number }[] };
    markers: unknown[];
  }) => (
    <div
      data-testid="price-chart"
      data-candles={props.candles.length}
      data-forecast={JSON.stringify(props.forecast)}
      data-band={props.bands.map((b) => `${b.level}:${b.points.length}`).join(' ')}
      data-range={`${props.range.realized.length} ${props.range.expected.length}`}
      data-markers={props.markers.length}
    />
  ),
}));

import { AppProviders } from '../app/AppProviders.tsx';
import { createQueryClient } from '../api/query-client.ts';
import { formatPercent, formatPrice } from '../app/format.ts';
import { preferences } from '../app/preferences/preferences.store.ts';
import { session } from '../auth/session.ts';
import AssetPage from './AssetPage.tsx';
import { PLAIN_FORECAST } from '../test/forecast-fixtures.ts';

const DAY = 86_400_000;
const LAST = Date.UTC(2025, 5, 30);
const iso = (ms: number) => new Date(ms).toISOString();
const candles = Array.from({ length: 5 }, (_, i) => {
  const open = 100 + i;
  const close = i % 2 === 0 ? open + 3 : open - 2;
  return {
    time: iso(LAST - (4 - i) * DAY),
    open: String(open),
    high: String(open + 5),
    low: String(open - 5),
    close: String(close),
    volume: '12.5',
    vwap: null,
    trades: 4,
  };
});
const lastClose = Number(candles[4].close);
const MODEL = { id: '11111111-2222-3333-4444-555555555555', version: 3 };
const forecast = {
  asset: 'BTC',
  interval: '1d',
  madeAt: iso(LAST + DAY + 60_000),
  ...PLAIN_FORECAST,
  model: MODEL,
  basedOn: { time: candles[4].time, close: candles[4].close },
  points: [
    { targetTime: iso(LAST + DAY), predictedClose: '110.5', actualClose: null },
    { targetTime: iso(LAST + 2 * DAY), predictedClose: '111.25', actualClose: null },
  ],
};
const history = {
  asset: 'BTC',
  interval: '1d',
  count: 2,
  accuracy: { realized: 2, mae: 1.5, directionHitRate: 0.5, withIntervals: 0, coverage80: null, coverage90: null, coverage95: null },
  forecasts: [
    {
      ...forecast.points[0],
      targetTime: candles[3].time,
      madeAt: iso(LAST - 1.9 * DAY),
      predictedClose: '104',
      actualClose: candles[3].close,
      baseClose: candles[2].close,
      directionHit: true,
      error: 1,
      model: MODEL,
    },
    {
      ...forecast.points[0],
      targetTime: candles[4].time,
      madeAt: iso(LAST - 0.9 * DAY),
      predictedClose: '103',
      actualClose: candles[4].close,
      baseClose: candles[3].close,
      directionHit: false,
      error: 2,
      model: MODEL,
    },
  ],
};
const metrics = (mae: number, mase: number) => ({ mae, mase, rmse: mae * 1.2, mape: 1.1, directionalAccuracy: 0.5, r2: 0.1 });
const evaluation = {
  asset: 'BTC',
  interval: '1d',
  model: {
    ...MODEL,
    asset: 'BTC',
    interval: '1d',
    status: 'ready',
    isBest: true,
    backend: 'wasm',
    hyperparameters: {},
    trainedFrom: iso(LAST - 400 * DAY),
    trainedTo: iso(LAST - 10 * DAY),
    metrics: null,
    trainingMs: 1000,
    failureReason: null,
    createdAt: iso(LAST),
    updatedAt: iso(LAST),
  },
  evaluation: {
    id: 'e',
    kind: 'score',
    windowFrom: iso(LAST - 30 * DAY),
    windowTo: iso(LAST),
    samples: 30,
    metrics: metrics(120, 1.02),
    naiveMetrics: metrics(118, 1),
    createdAt: iso(LAST),
  },
};

const BTC_SUMMARY = {
  symbol: 'BTC',
  name: 'Bitcoin',
  krakenPair: 'XBTUSD',
  base: 'XXBT',
  quote: 'ZUSD',
  lastClose: lastClose.toString(),
  previousClose: null,
  change: null,
  changePercent: null,
  lastCandleTime: candles[4].time,
};

type Answer = { status: number; body: unknown };
let answers: (url: URL) => Answer | undefined;
const requests: URL[] = [];
const notFound = (message: string): Answer => ({ status: 404, body: { statusCode: 404, error: 'Not Found', message } });

function standardAnswers(url: URL): Answer | undefined {
  const interval = url.searchParams.get('interval');
  if (url.pathname === '/auth/refresh') return { status: 200, body: { access_token: 'token', token_type: 'Bearer', expires_in: 900 } };
  if (url.pathname === '/crypto/assets') return { status: 200, body: [{ ...BTC_SUMMARY, intervals: ['1h', '1d'] }] };
  if (url.pathname === '/crypto/assets/BTC/latest') return { status: 200, body: { symbol: 'BTC', interval, candle: candles[4] } };
  if (url.pathname === '/crypto/assets/BTC/history')
    return { status: 200, body: { symbol: 'BTC', interval, count: candles.length, candles, next: null } };
  if (url.pathname === '/prediction/latest') return { status: 200, body: forecast };
  if (url.pathname === '/prediction/history') return { status: 200, body: history };
  if (url.pathname === '/prediction/model-evaluation') return { status: 200, body: evaluation };
  if (url.pathname === '/crypto/assets/BTC/ticker') return { status: 200, body: TICKER };
  if (url.pathname === '/preferences')
    return { status: 200, body: { theme: 'system', timezone: 'local', swapColors: false, intervals: {} } };
  return undefined;
}

const TICKER = {
  symbol: 'BTC',
  pair: 'XBTUSD',
  last: '19107.0',
  bid: '19106.9',
  ask: '19107.0',
  volume24h: '3474.48744316',
  vwap24h: '18883.43842',
  high24h: '19175.0',
  low24h: '18511.0',
  open: '18655.0',
  fetchedAt: '2025-07-01T10:00:00.000Z',
  trades24h: 12345,
  ageSeconds: 3,
  stale: false,
};

// A first render compiles and fetches on a shared 2-core machine: waits may take a few seconds, and fail after.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

beforeAll(async () => {
  standIn.handle = (request) => {
    const url = new URL(request.url);
    requests.push(url);
    const answer = (url.pathname === '/auth/refresh' ? standardAnswers(url) : answers(url)) ?? notFound(`no stand-in for ${url.pathname}`);
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  // Pages open behind the Guard, signed in (this browser had a session: the boot asks the cookie).
  answers = standardAnswers;
  localStorage.setItem('candlecast.signed-in', '1');
  await session.boot();
  expect(session.getSnapshot().status).toBe('signed-in');
});
afterEach(() => {
  requests.length = 0;
  preferences.update({ intervals: {} });
});

function renderAt(path: string) {
  const location = memoryLocation({ path, record: true });
  const client = createQueryClient();
  render(
    <AppProviders client={client}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        <Route path="/markets/:symbol" component={AssetPage} />
      </Router>
    </AppProviders>,
  );
  return location;
}

describe('the asset page', () => {
  it('hands the chart the candles and the forecast from the last close, with model, badge, accuracy and warnings', async () => {
    answers = standardAnswers;
    renderAt('/markets/BTC?interval=1d');
    const chart = await screen.findByTestId('price-chart');
    await waitFor(() => expect(chart.dataset.candles).toBe('5'));
    await waitFor(() =>
      expect(JSON.parse(chart.dataset.forecast!)).toEqual([
        { time: Date.parse(candles[4].time) / 1000, value: lastClose },
        { time: (LAST + DAY) / 1000, value: 110.5 },
        { time: (LAST + 2 * DAY) / 1000, value: 111.25 },
      ]),
    );
    expect(chart.dataset.band).toBe('');
    expect(chart.dataset.range).toBe('5 0');
    expect(screen.getByText('This forecast carries no volatility yet.')).toBeTruthy();
    expect(requests.some((u) => u.pathname === '/prediction/volatility')).toBe(false);
    expect(screen.getByText(/no interval yet/)).toBeTruthy();
    await waitFor(() => expect(chart.dataset.markers).toBe('2'));

    // The preset counts back from the newest candle (3M by default for 1d).
    const candleRequest = requests.find((u) => u.pathname.endsWith('/history') && u.searchParams.get('limit') === '10000')!;
    expect(candleRequest.searchParams.get('from')).toBe(iso(LAST - 91 * DAY));

    expect(await screen.findByText('no better than naive')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'version 3' }).getAttribute('href')).toBe(`/models/${MODEL.id}`);
    expect(screen.getByText(/wasm backend/)).toBeTruthy();
    const past = within(screen.getByRole('region', { name: 'Past forecasts' }));
    expect(past.getByText('50.0%')).toBeTruthy();
    expect(past.getByText('1 hits, 1 misses')).toBeTruthy();
    expect(past.queryByText('Inside their 90% interval')).toBeNull();
    expect(screen.getByText(/got the direction of the move right/)).toBeTruthy();
    // The fixed data lies in the past: both are stale.
    expect(screen.getByText(/the newest 1d candle opened/)).toBeTruthy();
    expect(screen.getByText(/the forecast is stale/)).toBeTruthy();
  });

  it('draws the 90% and 80% bands and the expected range of a step-8 forecast, and states its edge, coverage and notes', async () => {
    const interval = (level: number, lower: number, upper: number) => ({ level, lower: String(lower), upper: String(upper) });
    const distribution = {
      ...forecast,
      model: { ...MODEL, family: 'har-range', pinned: true, trainedAt: iso(Date.now() - 22 * DAY) },
      stale: true,
      edge: { vsNaive: 'none', relMae: 0.991, ci95: [0.962, 1.018], dmPValue: 0.52, samples: 1095 },
      calibration: { coverage80: 0.802, coverage90: 0.896, coverage95: 0.948, window: 500, method: 'normalized-conformal-aci' },
      points: forecast.points.map((p, i) => ({
        ...p,
        median: p.predictedClose,
        intervals: [interval(80, 105 - i, 115 + i), interval(90, 103 - i, 117 + i), interval(95, 100 - i, 120 + i)],
        sigma: 0.03 * Math.sqrt(i + 1),
        expectedRange: { low: String(106 - i), high: String(113 + i) },
      })),
    };
    const volatility = {
      asset: 'BTC',
      interval: '1d',
      madeAt: distribution.madeAt,
      horizon: 2,
      candlesPerYear: 365.25,
      model: distribution.model,
      annualizedSigma: 0.03 * Math.sqrt(365.25),
      skillVsEwma: { qlike: -6.2, ewmaQlike: -6.1, skill: 0.016, dmPValue: 0.3 },
      steps: distribution.points.map((p, i) => ({
        step: i + 1,
        targetTime: p.targetTime,
        sigma: 0.03,
        cumulativeSigma: p.sigma,
        annualizedSigma: 0.03 * Math.sqrt(365.25),
        expectedRange: p.expectedRange,
        expectedLogRange: Math.log(Number(p.expectedRange.high) / Number(p.expectedRange.low)),
      })),
    };
    const realized = {
      ...history,
      accuracy: { ...history.accuracy, withIntervals: 40, coverage80: 0.775, coverage90: 0.9, coverage95: 0.95 },
    };
    answers = (url) =>
      url.pathname === '/prediction/history'
        ? { status: 200, body: realized }
        : url.pathname === '/prediction/latest'
          ? { status: 200, body: distribution }
          : url.pathname === '/prediction/volatility'
            ? { status: 200, body: volatility }
            : standardAnswers(url);
    renderAt('/markets/BTC?interval=1d');
    const chart = await screen.findByTestId('price-chart');
    // Widest first; each starts at the last close, then one point per forecast step.
    await waitFor(() => expect(chart.dataset.band).toBe('90:3 80:3'));
    expect(chart.dataset.range).toBe('5 2');
    expect(screen.getByText(/its 90% interval and, darker,/).textContent).toMatch(/its 80% interval/);
    expect(screen.getByText(/the forecast's expected range of each coming candle/)).toBeTruthy();

    const notes = within(await screen.findByTestId('forecast-notes'));
    expect(notes.getByText("No measurable edge over 'tomorrow = today'")).toBeTruthy();
    expect(notes.getByText(/MAE ratio to naive 0\.991 \(95% CI 0\.96–1\.02\), Diebold–Mariano p = 0\.520, 1,095 forecasts/)).toBeTruthy();
    expect(notes.getByText(/model family har-range/)).toBeTruthy();
    expect(
      notes.getByText('90% intervals held 89.6% of the last 500 forecasts; 80% intervals held 80.2% of the last 500 forecasts.'),
    ).toBeTruthy();
    expect(notes.getByText('Pinned by an admin')).toBeTruthy();
    expect(notes.getByText('Model trained 3 weeks ago: stale')).toBeTruthy();
    const past = within(screen.getByRole('region', { name: 'Past forecasts' }));
    expect((await past.findByText('Inside their 90% interval')).nextElementSibling?.textContent).toBe('90.0% of 40');
    const panel = within(screen.getByRole('region', { name: 'Volatility' }));
    expect((await panel.findByText(/σ of the next candle, annualised/)).textContent).toBe(
      `σ of the next candle, annualised: ${(3 * Math.sqrt(365.25)).toFixed(2)}%`,
    );
    expect(panel.getByText(/^No measurable edge of its σ over EWMA/)).toBeTruthy();
    expect(panel.getAllByRole('row')).toHaveLength(3);
    // Step 8's models have no step-7 evaluation to ask for: their walk-forward is on the backtest page.
    expect(requests.some((u) => u.pathname === '/prediction/model-evaluation')).toBe(false);
    expect(screen.getByRole('link', { name: 'Its walk-forward beside every baseline' }).getAttribute('href')).toBe(
      '/markets/BTC/backtest?interval=1d',
    );
    expect(screen.queryByText('no better than naive')).toBeNull();
  });

  it('offers only the intervals with candles, and remembers the one chosen for the asset', async () => {
    answers = standardAnswers;
    const location = renderAt('/markets/BTC?interval=1d');
    const intervals = within(await screen.findByRole('group', { name: 'Interval' }));
    await waitFor(() => expect(intervals.getAllByRole('button').map((b) => b.textContent)).toEqual(['1h', '1d']));
    expect(intervals.getByRole('button', { name: '1d' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(intervals.getByRole('button', { name: '1h' }));
    // The range stays when the new interval offers it.
    expect(location.history!.at(-1)).toBe('/markets/BTC?interval=1h&range=3M');
    expect(preferences.get().intervals).toEqual({ BTC: '1h' });
    // The list of tracked assets says which intervals have candles: no interval is probed for them.
    expect(requests.filter((u) => u.pathname.endsWith('/history') && u.searchParams.get('limit') === '1')).toEqual([]);
  });

  it('puts a range preset in the URL', async () => {
    answers = standardAnswers;
    const location = renderAt('/markets/BTC?interval=1d');
    await userEvent.click(within(await screen.findByRole('group', { name: 'Range' })).getByRole('button', { name: '1Y' }));
    expect(location.history!.at(-1)).toBe('/markets/BTC?interval=1d&range=1Y');
  });

  it('switches the chart to tables of the forecast and the candles, and back', async () => {
    answers = standardAnswers;
    renderAt('/markets/BTC?interval=1d&from=2025-06-01');
    await screen.findByTestId('price-chart');
    await screen.findByText('no better than naive');
    await userEvent.click(screen.getByRole('button', { name: 'Show as table' }));
    expect(screen.queryByTestId('price-chart')).toBeNull();
    const forecastTable = screen.getByRole('table', { name: 'BTC 1d forecast' });
    expect(within(forecastTable).getAllByRole('row')).toHaveLength(3);
    const candleTable = screen.getByRole('table', { name: /BTC 1d candles, newest first/ });
    expect(within(candleTable).getAllByRole('row')).toHaveLength(6);
    expect(within(screen.getByRole('table', { name: /Past forecasts/ })).getByText('miss')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show as table' }));
    expect(await screen.findByTestId('price-chart')).toBeTruthy();
    // Explicit dates go to the API as given, without asking for the newest candle first.
    expect(requests.some((u) => u.pathname === '/crypto/assets/BTC/latest')).toBe(false);
  });

  it('says what is missing when there is no forecast, and draws no line', async () => {
    answers = (url) =>
      url.pathname.startsWith('/prediction/')
        ? notFound('No forecast for BTC 1d yet: no model has been trained for it (POST /prediction/train starts one)')
        : standardAnswers(url);
    renderAt('/markets/BTC');
    const chart = await screen.findByTestId('price-chart');
    await waitFor(() => expect(chart.dataset.candles).toBe('5'));
    expect(chart.dataset.forecast).toBe('[]');
    expect(await screen.findByText(/No forecast: No forecast for BTC 1d yet: no model has been trained/)).toBeTruthy();
    expect(screen.queryByText(/the forecast is stale/)).toBeNull();
  });

  it('renders an asset name from the API as text, and the candles error in its own words', async () => {
    answers = (url) => (url.pathname.endsWith('/latest') ? notFound('No 1d candles are stored for <b>X</b> yet') : undefined);
    renderAt('/markets/X');
    expect((await screen.findByRole('alert')).textContent).toBe('No candles: No 1d candles are stored for <b>X</b> yet');
  });

  it('offers the intervals that have candles when the chosen one has none', async () => {
    answers = (url) =>
      url.pathname === '/crypto/assets/BTC/latest' && url.searchParams.get('interval') === '4h'
        ? notFound('No 4h candles are stored for BTC yet')
        : standardAnswers(url);
    const location = renderAt('/markets/BTC?interval=4h');
    expect((await screen.findByRole('alert')).textContent).toBe('No candles: No 4h candles are stored for BTC yet');
    const intervals = within(screen.getByRole('group', { name: 'Interval' }));
    await waitFor(() => expect(intervals.getAllByRole('button').map((b) => b.textContent)).toEqual(['4h', '1h', '1d']));
    await userEvent.click(intervals.getByRole('button', { name: '1d' }));
    expect(location.history!.at(-1)).toBe('/markets/BTC?interval=1d&range=1M');
  });

  it('exports what is shown as CSV through a Blob URL', async () => {
    answers = standardAnswers;
    const blobs: Blob[] = [];
    const created = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:csv'));
    URL.createObjectURL = created as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderAt('/markets/BTC?interval=1d');
    const chart = await screen.findByTestId('price-chart');
    await waitFor(() => expect(JSON.parse(chart.dataset.forecast!)).toHaveLength(3));
    await waitFor(() => expect(chart.dataset.markers).toBe('2'));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(click).toHaveBeenCalledTimes(1);
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blobs[0]);
    });
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^asset,interval,kind,time_iso,time_unix,/);
    expect(lines.filter((l) => l.includes(',candle,'))).toHaveLength(5);
    expect(lines.filter((l) => l.includes(',forecast,'))).toHaveLength(2);
    expect(lines.filter((l) => l.includes(',past_forecast,'))).toHaveLength(2);
    expect(lines.find((l) => l.includes(',forecast,'))).toMatch(/,3$/);
  });

  it('shows the live ticker in the header: last, bid/ask, the change today and the 24 h volume, live', async () => {
    answers = standardAnswers;
    renderAt('/markets/BTC?interval=1d');
    const ticker = await screen.findByTestId('ticker');
    expect(ticker.textContent).toContain(`Last${formatPrice('19107.0')}`);
    expect(ticker.textContent).toContain(`Bid / ask${formatPrice('19106.9')} / ${formatPrice('19107.0')}`);
    expect(ticker.textContent).toContain(`Today${formatPercent(((19107 - 18655) / 18655) * 100)}`);
    expect(screen.getByTestId('ticker-freshness').textContent).toBe('(live)');
  });

  it('says how old a stale ticker is, and a 503 breaks nothing else on the page', async () => {
    answers = (url) =>
      url.pathname === '/crypto/assets/BTC/ticker'
        ? { status: 200, body: { ...TICKER, stale: true, ageSeconds: 42 } }
        : standardAnswers(url);
    renderAt('/markets/BTC?interval=1d');
    expect((await screen.findByTestId('ticker-freshness')).textContent).toBe('(stale, 42 s old)');
    cleanup();

    answers = (url) =>
      url.pathname === '/crypto/assets/BTC/ticker'
        ? { status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Kraken cannot be reached' } }
        : standardAnswers(url);
    renderAt('/markets/BTC?interval=1d');
    await waitFor(() => expect(screen.getByTestId('ticker').textContent).toMatch(/^Live price unavailable/));
    expect(await screen.findByTestId('price-chart')).toBeTruthy();
  });
});
