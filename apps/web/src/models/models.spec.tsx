import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { currentPath, renderApp } from '../test/render-app.tsx';
import type { ModelView } from './model-types.ts';

// jsdom has no canvas: the chart module alone is replaced, by one that shows what it was fed.
vi.mock('./LossChart.tsx', () => ({
  default: ({ series }: { series: { loss: unknown[] } }) => <p data-testid="loss-chart">{series.loss.length} epochs drawn</p>,
}));

beforeAll(() => Promise.all([import('./ModelsPage.tsx'), import('./ModelPage.tsx'), import('./LossCurve.tsx')]), 30_000);

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

const evaluation = (mase: number | null) => ({
  samples: 40,
  from: 1_700_000_000,
  to: 1_703_456_000,
  model: { mae: 812.5, rmse: 1020.1, mape: 1.92, mase, r2: 0.91, directionalAccuracy: 0.55 },
  naive: { mae: 850.2, rmse: 1001.7, mape: 2.01, mase: 1, r2: 0.92, directionalAccuracy: 0.5 },
  steps: [],
});

const READY: ModelView = {
  id: '5d1c7f0e-2b7a-4c39-9f55-0e3c1b2d4a6f',
  asset: 'BTC',
  interval: '1d',
  version: 3,
  status: 'ready',
  isBest: true,
  family: 'lstm',
  pinned: false,
  served: true,
  stale: false,
  selection: null,
  backend: 'wasm',
  hyperparameters: { units: 32, layers: 1, window: 30 },
  trainedFrom: '2020-01-01T00:00:00.000Z',
  trainedTo: '2024-01-01T00:00:00.000Z',
  trainingMs: 42_500,
  failureReason: null,
  createdAt: '2024-01-02T00:00:00.000Z',
  updatedAt: '2024-01-02T00:00:00.000Z',
  metrics: {
    bestEpoch: 2,
    samples: { train: 900, validation: 100, test: 40 },
    validation: evaluation(0.97),
    test: evaluation(0.955),
    history: [
      { epoch: 1, loss: 0.004, valLoss: 0.005 },
      { epoch: 2, loss: 0.002, valLoss: 0.0031 },
      { epoch: 3, loss: 0.0015, valLoss: 0.0033 },
    ],
  },
};
const FAILED: ModelView = {
  ...READY,
  id: '0e3c1b2d-2b7a-4c39-9f55-5d1c7f0e4a6f',
  version: 4,
  status: 'failed',
  isBest: false,
  served: false,
  metrics: null,
  failureReason: 'Not enough candles: 12 < 60',
};

async function signedInAt(path: string) {
  const gateway = fakeGateway({
    'POST /auth/login': tokenAnswer,
    'GET /auth/users/me': me('user'),
    'POST /auth/logout': () => new Response(null, { status: 204 }),
    'GET /crypto/assets': () => Response.json([]),
    'GET /prediction/models': (request) => {
      const status = new URL(request.url).searchParams.get('status');
      const models = [READY, FAILED].filter((m) => !status || m.status === status);
      return Response.json({ count: models.length, models });
    },
  });
  await session.login('alice', 'correct horse battery', false);
  return { gateway, ...renderApp(path) };
}

const modelQueries = (calls: Request[]) =>
  calls.filter((r) => new URL(r.url).pathname === '/prediction/models').map((r) => new URL(r.url).search);

describe('the models registry', () => {
  it('sends the filters in the URL to the API and keeps a changed filter in the URL', async () => {
    const { gateway, location } = await signedInAt('/models?asset=btc&status=failed');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('link', { name: 'BTC 1d v4' })).toBeTruthy();
    expect(modelQueries(gateway.calls)).toEqual(['?asset=BTC&status=failed']);

    await userEvent.setup().selectOptions(screen.getByLabelText('Status'), '');
    await vi.waitFor(() => expect(currentPath(location)).toBe('/models?asset=BTC'));
    await vi.waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(3));
    expect(modelQueries(gateway.calls).at(-1)).toBe('?asset=BTC');
  });
});

describe('a model’s page', () => {
  it('shows hyperparameters, data range, backend, training time, the test split beside naive, and the loss curve', async () => {
    await signedInAt(`/models/${READY.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: /BTC 1d v3/ })).toBeTruthy();
    expect(screen.getByText('wasm')).toBeTruthy();
    expect(screen.getByText('42.5 s')).toBeTruthy();
    expect(screen.getByText('window').nextElementSibling?.textContent).toBe('30');
    const test = screen.getByRole('table', { name: /^Test split: 40 forecasts/ });
    const mase = within(test).getByRole('row', { name: /MASE/ });
    expect(
      within(mase)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['0.9550', '1.000', 'yes']);
    expect((await screen.findByTestId('loss-chart')).textContent).toBe('3 epochs drawn');
  });

  it('switches the loss chart to a table', async () => {
    await signedInAt(`/models/${READY.id}`);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Show as table' }));
    const table = screen.getByRole('table', { name: 'Training loss and validation loss per epoch' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByTestId('loss-chart')).toBeNull();
    expect(screen.getByRole('button', { name: 'Show as table' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows why a model failed', async () => {
    await signedInAt(`/models/${FAILED.id}`);
    expect(await screen.findByText('Not enough candles: 12 < 60')).toBeTruthy();
    expect(screen.getByText('No evaluation yet.')).toBeTruthy();
  });
});

describe('serving, pinning and staleness in the registry', () => {
  const WALK_FORWARD = {
    samples: 1095,
    from: 1_600_000_000,
    to: 1_700_000_000,
    relMae: { value: 0.99, ci95: [0.96, 1.02], dmPValue: 0.4 },
    hitRate: { value: 0.51, ci95: [0.48, 0.54], ptPValue: 0.5, samples: 1000, upShare: 0.5 },
    coverage: [{ level: 90, value: 0.9, ci95: [0.88, 0.92], christoffersenP: 0.5 }],
    coverage90ByStep: [0.9],
    winkler90: 0.1,
    pinball: 0.006,
    pinballByQuantile: [],
    qlike: { model: -6, ewma: -6, dmPValue: 0.5 },
    r2Returns: 0,
    r2LogRange: 0.3,
    segments: [],
  };
  const HAR = {
    ...READY,
    id: 'aaaaaaaa-2b7a-4c39-9f55-0e3c1b2d4a6f',
    version: 5,
    isBest: true,
    family: 'har-range',
    stale: false,
    pinned: false,
    served: true,
    selection: {
      served: true,
      reason: 'lowest pinball among calibrated models',
      pinball: 0.006,
      coverage90: 0.9,
      calibrated: true,
      decidedAt: '',
    },
  };
  const LSTM = {
    ...READY,
    isBest: false,
    family: 'lstm',
    stale: true,
    pinned: false,
    served: false,
    selection: {
      served: false,
      reason: 'does not beat har-range by 1% (DM p = 0.41)',
      pinball: 0.0061,
      coverage90: 0.88,
      calibrated: true,
      decidedAt: '',
    },
  };

  async function asAdmin(path = '/models') {
    let pinned = false;
    const gateway = fakeGateway({
      'POST /auth/login': tokenAnswer,
      'GET /auth/users/me': me('admin'),
      'POST /auth/logout': () => new Response(null, { status: 204 }),
      'GET /crypto/assets': () => Response.json([]),
      'GET /prediction/models': () =>
        Response.json({
          count: 2,
          models: [
            { ...HAR, served: !pinned, metrics: WALK_FORWARD },
            { ...LSTM, pinned, served: pinned },
          ],
        }),
      [`PUT /prediction/models/${LSTM.id}/pin`]: () => ((pinned = true), Response.json({ ...LSTM, pinned: true, served: true })),
      [`DELETE /prediction/models/${LSTM.id}/pin`]: () => ((pinned = false), new Response(null, { status: 204 })),
    });
    await session.login('root', 'correct horse battery', false);
    return { gateway, ...renderApp(path) };
  }

  it("shows a baseline's family, serving, selection and walk-forward figures on its page, with no loss curve", async () => {
    await asAdmin(`/models/${HAR.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: /BTC 1d v5/ })).toBeTruthy();
    expect(screen.getByText('Family').nextElementSibling?.textContent).toBe('har-range');
    expect(screen.getByText('Serving').nextElementSibling?.textContent).toBe('serves the forecasts of its series');
    expect(screen.getByText('Selection').nextElementSibling?.textContent).toBe('lowest pinball among calibrated models');
    const table = screen.getByRole('table', { name: /^Walk-forward of this model's training/ });
    expect(within(table).getAllByRole('cell')[0].textContent).toBe('1,095');
    expect(screen.queryByRole('heading', { name: 'Loss per epoch' })).toBeNull();
  });

  const row = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });

  it('shows family, served and pinned markers, stale and the selection reason; an admin pins and unpins with a toast', async () => {
    const { gateway } = await asAdmin();
    await screen.findByRole('table');
    const har = within(row('BTC 1d v5'));
    expect(har.getByText('har-range')).toBeTruthy();
    expect(har.getByText('served')).toBeTruthy();
    expect(har.getByText('lowest pinball among calibrated models')).toBeTruthy();
    const lstm = within(row('BTC 1d v3'));
    expect(lstm.getByText('stale')).toBeTruthy();
    expect(lstm.getByText('does not beat har-range by 1% (DM p = 0.41)')).toBeTruthy();

    await userEvent.setup().click(lstm.getByRole('button', { name: 'Pin BTC 1d v3' }));
    expect(await screen.findByText('Pinned BTC 1d v3: it serves the forecasts of its series until unpinned.')).toBeTruthy();
    // The list is read again: the pinned model now serves, and offers to unpin.
    await vi.waitFor(() => expect(within(row('BTC 1d v3')).getByText('pinned')).toBeTruthy());
    expect(within(row('BTC 1d v3')).getByText(/^Pinned by an admin; scoring said: does not beat/)).toBeTruthy();
    expect(within(row('BTC 1d v5')).queryByText('served')).toBeNull();

    await userEvent.setup().click(within(row('BTC 1d v3')).getByRole('button', { name: 'Unpin BTC 1d v3' }));
    expect(await screen.findByText('Unpinned BTC 1d v3: the best model by score serves its series again.')).toBeTruthy();
    await vi.waitFor(() => expect(within(row('BTC 1d v3')).queryByText('pinned')).toBeNull());
    expect(gateway.calls.filter((r) => r.url.endsWith('/pin')).map((r) => r.method)).toEqual(['PUT', 'DELETE']);
  });

  it('offers no pin button to a user', async () => {
    await signedInAt('/models');
    await screen.findByRole('table');
    expect(screen.queryByRole('button', { name: /^Pin / })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Serving' })).toBeNull();
  });
});
