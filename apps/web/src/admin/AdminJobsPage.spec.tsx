import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Toasts } from '../app/toasts/Toasts.tsx';
import { fakeGateway } from '../test/fake-gateway.ts';
import AdminJobsPage from './AdminJobsPage.tsx';
import type { JobView } from './job-types.ts';

// jsdom has no canvas: the chart module alone is replaced, by one that shows what it was fed.
vi.mock('../models/LossChart.tsx', () => ({
  default: ({ series }: { series: { loss: unknown[]; valLoss: unknown[] } }) => (
    <p data-testid="loss-chart">
      {series.loss.length} loss points, {series.valLoss.length} validation points
    </p>
  ),
}));

beforeAll(() => import('../models/LossCurve.tsx'), 30_000);

afterEach(() => {
  vi.unstubAllGlobals();
});

const HYPERPARAMETERS = {
  hyperparameters: [
    { name: 'units', type: 'integer', min: 4, max: 256, default: 16, description: 'LSTM units per layer' },
    { name: 'epochs', type: 'integer', min: 1, max: 200, default: 3, description: 'Training epochs at most' },
  ],
  costBudget: 1_000_000_000,
  maxCandles: { '1d': 5000, '1h': 17520 },
};
const BTC = {
  symbol: 'BTC',
  name: 'Bitcoin',
  krakenPair: 'XBTUSD',
  base: 'XXBT',
  quote: 'ZUSD',
  lastClose: null,
  previousClose: null,
  change: null,
  changePercent: null,
  lastCandleTime: null,
};

function job(id: string, name: string, queue: string, fields: Partial<JobView>): JobView {
  return {
    id,
    name,
    queue,
    state: 'active',
    asset: 'BTC',
    interval: '1d',
    attemptsMade: 0,
    createdAt: '2026-12-01T00:00:00.000Z',
    processedAt: null,
    finishedAt: null,
    failedReason: null,
    data: {},
    progress: 0,
    result: null,
    ...fields,
  };
}

const epochs = (n: number) => Array.from({ length: n }, (_, i) => ({ epoch: i + 1, loss: 0.1 / (i + 1), valLoss: 0.12 / (i + 1) }));
const progress = (n: number) => ({ epoch: n, epochs: 3, loss: 0.1 / n, valLoss: 0.12 / n, history: epochs(n), modelId: 'm1', version: 1 });

/** The training as successive polls see it: two epochs, then done and the chain on to score and predict. */
const TRAIN_POLLS: JobView[] = [
  job('7', 'train', 'training', { progress: progress(1) }),
  job('7', 'train', 'training', { progress: progress(2) }),
  job('7', 'train', 'training', {
    state: 'completed',
    attemptsMade: 1,
    progress: progress(3),
    result: { modelId: 'm1', next: { jobId: 's1', name: 'score', queue: 'scoring' } },
  }),
];

describe('the jobs page', () => {
  it('starts a training and follows it live: epochs, the loss curve growing, then score and predict', async () => {
    let polls = 0;
    const gateway = fakeGateway({
      'GET /prediction/hyperparameters': () => Response.json(HYPERPARAMETERS),
      'GET /crypto/assets': () => Response.json([BTC]),
      'GET /prediction/jobs': () => Response.json({ count: 0, jobs: [] }),
      'POST /prediction/train': () => Response.json({ jobId: '7', queue: 'training', name: 'train', deduplicated: false }, { status: 202 }),
      'GET /prediction/jobs/7': () => Response.json(TRAIN_POLLS[Math.min(polls++, TRAIN_POLLS.length - 1)]),
      'GET /prediction/jobs/s1': () =>
        Response.json(
          job('s1', 'score', 'scoring', { state: 'completed', result: { next: { jobId: 'p1', name: 'predict', queue: 'prediction' } } }),
        ),
      'GET /prediction/jobs/p1': () => Response.json(job('p1', 'predict', 'prediction', { state: 'completed', result: {} })),
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <AdminJobsPage />
        <Toasts />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Start training' }, { timeout: 5000 });
    await vi.waitFor(() => expect((within(form).getByLabelText('Asset') as HTMLSelectElement).value).toBe('BTC'));
    await user.click(within(form).getByRole('button', { name: 'Start training' }));

    expect(await screen.findByText('Epoch 1 of 3')).toBeTruthy();
    // BullMQ has counted no attempt yet while the first one runs.
    expect(screen.getByText(/^Attempt 1 running/)).toBeTruthy();
    expect(await screen.findByText('Epoch 2 of 3', {}, { timeout: 4000 })).toBeTruthy();
    expect(screen.getByTestId('loss-chart').textContent).toBe('2 loss points, 2 validation points');

    const chain = screen.getByRole('article', { name: 'Job train 7' });
    const steps = within(chain).getAllByRole('listitem');
    expect(steps.map((li) => li.querySelector('strong')?.textContent)).toEqual(['train', 'score', 'predict']);
    await vi.waitFor(() => expect(within(chain).getAllByText('completed')).toHaveLength(3), { timeout: 6000 });
    expect(within(screen.getByRole('status')).getByText('Job train BTC 1d finished.')).toBeTruthy();

    const post = gateway.calls.find((r) => r.method === 'POST')!;
    expect(await post.clone().json()).toEqual({ asset: 'BTC', interval: '1d', hyperparameters: { units: 16, epochs: 3 } });
  }, 20_000);

  it('lists jobs with their failure reasons, unknown queues and names as given', async () => {
    fakeGateway({
      'GET /prediction/hyperparameters': () => Response.json(HYPERPARAMETERS),
      'GET /crypto/assets': () => Response.json([BTC]),
      'GET /prediction/jobs': (request) =>
        Response.json({
          count: 2,
          jobs:
            new URL(request.url).searchParams.get('state') === 'failed'
              ? [job('9', 'train', 'training', { state: 'failed', attemptsMade: 3, failedReason: 'Not enough candles: 12 < 60' })]
              : [
                  job('9', 'train', 'training', { state: 'failed', attemptsMade: 3, failedReason: 'Not enough candles: 12 < 60' }),
                  job('10', 'send-alert', 'notifications', { state: 'waiting', asset: null, interval: null }),
                ],
        }),
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <AdminJobsPage />
      </QueryClientProvider>,
    );
    const table = await screen.findByRole('table', { name: 'Jobs, newest first' });
    expect(within(table).getByText('Not enough candles: 12 < 60')).toBeTruthy();
    expect(within(table).getByText('notifications #10')).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: /send-alert/ })).toBeTruthy();
    await userEvent.setup().selectOptions(screen.getByLabelText('State'), 'failed');
    await vi.waitFor(() => expect(within(screen.getByRole('table', { name: 'Jobs, newest first' })).getAllByRole('row')).toHaveLength(2));
  });
});
