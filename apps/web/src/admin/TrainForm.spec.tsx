import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { components } from '../api/schema';
import { TrainForm } from './TrainForm.tsx';

const SPEC: components['schemas']['HyperparametersView'] = {
  hyperparameters: [
    { name: 'units', type: 'integer', min: 4, max: 256, default: 16, description: 'LSTM units per layer' },
    { name: 'layers', type: 'integer', min: 1, max: 3, default: 1, description: 'Stacked LSTM layers' },
    { name: 'window', type: 'integer', min: 5, max: 120, default: 20, description: 'Candles the model sees' },
    { name: 'epochs', type: 'integer', min: 1, max: 200, default: 40, description: 'Training epochs at most' },
    { name: 'learningRate', type: 'number', min: 0.00001, max: 0.1, default: 0.001, description: "Adam's learning rate" },
  ],
  costBudget: 1_000_000_000,
  maxCandles: { '1d': 5000, '1h': 17520 },
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function renderForm(answer: (request: Request) => Response) {
  const requests: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      requests.push({ url: new URL(request.url).pathname, body: await request.clone().json() });
      return answer(request);
    }),
  );
  const onStarted = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <TrainForm
        spec={SPEC}
        symbols={['BTC', 'ETH']}
        target={{ asset: 'BTC', interval: '1d' }}
        onTargetChange={() => {}}
        onStarted={onStarted}
      />
    </QueryClientProvider>,
  );
  return { requests, onStarted };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the Start training form', () => {
  it('has one number field per hyperparameter, labelled by its name, at the API’s default and range', () => {
    renderForm(() => json(202, {}));
    expect(screen.getByRole('form', { name: 'Start training' })).toBeTruthy();
    const units = screen.getByLabelText('units') as HTMLInputElement;
    expect([units.type, units.value, units.min, units.max, units.step]).toEqual(['number', '16', '4', '256', '1']);
    const rate = screen.getByLabelText('learningRate') as HTMLInputElement;
    expect([rate.value, rate.step]).toEqual(['0.001', 'any']);
    expect((screen.getByLabelText('Asset') as HTMLSelectElement).value).toBe('BTC');
    expect((screen.getByLabelText('Interval') as HTMLSelectElement).value).toBe('1d');
  });

  it('sends the asset, interval and every value, and hands the accepted job on', async () => {
    const accepted = { jobId: '12', queue: 'training', name: 'train', deduplicated: false };
    const { requests, onStarted } = renderForm(() => json(202, accepted));
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('units'));
    await user.type(screen.getByLabelText('units'), '32');
    await user.click(screen.getByRole('button', { name: 'Start training' }));
    await vi.waitFor(() => expect(onStarted).toHaveBeenCalledWith(accepted));
    expect(requests).toEqual([
      {
        url: '/prediction/train',
        body: { asset: 'BTC', interval: '1d', hyperparameters: { units: 32, layers: 1, window: 20, epochs: 40, learningRate: 0.001 } },
      },
    ]);
  });

  it('shows what is wrong next to a field out of range and sends nothing', async () => {
    const { requests } = renderForm(() => json(202, {}));
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('units'));
    await user.type(screen.getByLabelText('units'), '999');
    await user.clear(screen.getByLabelText('layers'));
    await user.type(screen.getByLabelText('layers'), '1.5');
    await user.click(screen.getByRole('button', { name: 'Start training' }));
    expect(screen.getByText('units must be between 4 and 256')).toBeTruthy();
    expect(screen.getByText('layers must be a whole number')).toBeTruthy();
    expect(screen.getByLabelText('units').getAttribute('aria-invalid')).toBe('true');
    expect(requests).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Reset to defaults' }));
    expect((screen.getByLabelText('units') as HTMLInputElement).value).toBe('16');
    expect(screen.queryByText('units must be between 4 and 256')).toBeNull();
  });

  it('warns before submitting when the cost is over the budget', async () => {
    renderForm(() => json(202, {}));
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('epochs'));
    await user.type(screen.getByLabelText('epochs'), '200');
    await user.clear(screen.getByLabelText('window'));
    await user.type(screen.getByLabelText('window'), '120');
    await user.clear(screen.getByLabelText('units'));
    await user.type(screen.getByLabelText('units'), '256');
    expect(screen.getByText(/over the budget of/)).toBeTruthy();
  });

  it('shows the API’s refusal as text in place', async () => {
    renderForm(() => json(400, { statusCode: 400, error: 'Bad Request', message: 'asset DOGE is not tracked <b>now</b>' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Start training' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('asset DOGE is not tracked <b>now</b>');
  });
});
