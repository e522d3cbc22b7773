import { describe, expect, it } from 'vitest';
import { pinNotice, registryFacts } from './model-registry.ts';

const base = { status: 'ready', isBest: false };
const selection = (served: boolean, reason: string) => ({
  served,
  reason,
  pinball: 0.006,
  coverage90: 0.9,
  calibrated: true,
  decidedAt: '',
});

describe("a model's registry facts", () => {
  it('reads family, served, pinned, stale and the selection reason', () => {
    expect(
      registryFacts({
        ...base,
        isBest: true,
        family: 'har-range',
        served: true,
        stale: false,
        selection: selection(true, 'lowest pinball'),
      }),
    ).toEqual({
      family: 'har-range',
      served: true,
      pinned: false,
      stale: false,
      reason: 'lowest pinball',
      markers: ['served'],
      action: 'pin',
    });
  });

  it('says a pinned served model is pinned, with what scoring said, and offers to unpin it', () => {
    const facts = registryFacts({
      ...base,
      family: 'lstm',
      served: true,
      pinned: true,
      stale: true,
      selection: selection(false, 'DM p 0.3 ≥ 0.05'),
    });
    expect(facts).toMatchObject({ markers: ['served', 'pinned'], stale: true, action: 'unpin' });
    expect(facts.reason).toBe('Pinned by an admin; scoring said: DM p 0.3 ≥ 0.05');
  });

  it('offers no pin for a model that is not ready, and reads a pre-step-8 model as an LSTM served when best', () => {
    expect(registryFacts({ status: 'failed', isBest: false }).action).toBeNull();
    expect(registryFacts({ status: 'ready', isBest: true })).toMatchObject({
      family: 'lstm',
      served: true,
      reason: null,
      markers: ['served'],
    });
    expect(registryFacts({ status: 'archived', isBest: true }).served).toBe(false);
  });

  it('words the toasts', () => {
    expect(pinNotice('pin', 'BTC 1d v3')).toBe('Pinned BTC 1d v3: it serves the forecasts of its series until unpinned.');
    expect(pinNotice('unpin', 'BTC 1d v3')).toBe('Unpinned BTC 1d v3: the best model by score serves its series again.');
  });
});
