import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { JobDetails } from './JobDetails.tsx';
import type { JobView } from './job-types.ts';

const job = (fields: Partial<JobView>): JobView => ({
  id: '77',
  name: 'backtest',
  queue: 'research',
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
});

describe("a training job's details", () => {
  it("shows step 8's epochs, which carry no curve, with the fit of the walk-forward they belong to", () => {
    const progress = (refit: number) =>
      ({
        modelId: 'm',
        version: 2,
        family: 'lstm',
        refit,
        refits: 3,
        epoch: 4,
        epochs: 40,
        loss: 0.01,
        valLoss: 0.012,
      }) as unknown as JobView['progress'];
    const { rerender } = render(<JobDetails job={job({ name: 'train', queue: 'training', progress: progress(0) })} />);
    expect(screen.getByText('Epoch 4 of 40')).toBeTruthy();
    expect(screen.queryByText(/fit \d of/)).toBeNull();
    rerender(<JobDetails job={job({ name: 'train', queue: 'training', progress: progress(2) })} />);
    expect(screen.getByText('(fit 3 of 3)')).toBeTruthy();
    expect(screen.queryByText(/Progress:/)).toBeNull();
  });
});

describe("a research job's details", () => {
  it("shows a backtest's refits done while it runs, and nothing of it once it ended", () => {
    const { rerender } = render(<JobDetails job={job({ progress: { refit: 3, refits: 12 } as unknown as JobView['progress'] })} />);
    expect(screen.getByText('refit 3 of 12 (25%)')).toBeTruthy();
    rerender(<JobDetails job={job({ state: 'completed', progress: { refit: 12, refits: 12 } as unknown as JobView['progress'] })} />);
    expect(screen.queryByText(/refit 12 of 12/)).toBeNull();
  });
});
