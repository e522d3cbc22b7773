/** The Compare page against the fake gateway; the chart (a canvas jsdom lacks) is a stub showing the lines it was handed. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompareAnswer } from '../api/market-views.ts';
import { CONFIG } from '../test/market-fixtures.ts';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { currentPath, renderApp } from '../test/render-app.tsx';
import type { CompareLine } from './compare-data.ts';

vi.mock('./CompareChart.tsx', () => ({
  default: ({ lines }: { lines: CompareLine[] }) => (
    <div data-testid="compare-chart" data-lines={JSON.stringify(lines.map((l) => [l.key, l.points.map((p) => p.value)]))} />
  ),
}));

const answer = (symbols: string[]): CompareAnswer => ({
  mode: 'normalized',
  count: 2,
  limit: 5000,
  truncated: false,
  kept: 'newest',
  alignment: 'inner join on open time',
  from: '2024-01-01T00:00:00.000Z',
  to: '2024-01-02T00:00:00.000Z',
  series: symbols.map((symbol) => ({ key: `${symbol}:1d`, symbol, interval: '1d' })),
  times: ['2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z'],
  values: symbols.map((_, k) => [100, 100 + 10 * (k + 1)]),
});

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

function gateway() {
  return fakeGateway({
    'POST /auth/login': tokenAnswer,
    'GET /auth/users/me': me('user'),
    'GET /crypto/config': () => Response.json(CONFIG),
    'GET /crypto/compare': (request) => {
      const series = new URL(request.url).searchParams.get('series')!.split(',');
      if (series.includes('SOL'))
        return Response.json({ statusCode: 400, error: 'Bad Request', message: 'SOL:1d shares no time with BTC:1d' }, { status: 400 });
      return Response.json(answer(series));
    },
  });
}

describe('the Compare page', () => {
  it('draws the series of the URL rebased to 100, with a legend of where each ends', async () => {
    const { calls } = gateway();
    await session.login('alice', 'correct horse battery', false);
    renderApp('/compare?series=BTC,ETH');

    const chart = await screen.findByTestId('compare-chart');
    expect(JSON.parse(chart.dataset.lines!)).toEqual([
      ['BTC:1d', [100, 110]],
      ['ETH:1d', [100, 120]],
    ]);
    const legend = within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem');
    expect(legend.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^ BTC \(1d\) 110 \(\+10\.00% over the span\)/),
      expect.stringMatching(/^ ETH \(1d\) 120 \(\+20\.00%/),
    ]);
    const asked = new URL(calls.find((r) => r.url.includes('/crypto/compare'))!.url);
    expect(asked.searchParams.toString()).toBe('series=BTC%2CETH&mode=normalized');
    expect((screen.getByRole('checkbox', { name: /BTC/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('chooses the series from the tracked assets, asks for two at least, and says why the API refused a set', async () => {
    gateway();
    await session.login('alice', 'correct horse battery', false);
    const { location } = renderApp('/compare');
    expect(await screen.findByText('Choose at least 2 assets to compare.')).toBeTruthy();

    await userEvent.click(await screen.findByRole('checkbox', { name: /BTC/ }));
    await waitFor(() => expect(currentPath(location)).toBe('/compare?series=BTC'));
    await userEvent.click(screen.getByRole('checkbox', { name: /ETH/ }));
    await waitFor(() => expect(currentPath(location)).toBe('/compare?series=BTC,ETH'));
    expect(await screen.findByTestId('compare-chart')).toBeTruthy();

    await userEvent.click(screen.getByRole('checkbox', { name: /SOL/ }));
    expect((await screen.findByText('SOL:1d shares no time with BTC:1d')).getAttribute('role')).toBe('alert');
    await userEvent.selectOptions(screen.getByLabelText('Span'), 'the newest 365 shared candles');
    await waitFor(() => expect(currentPath(location)).toBe('/compare?series=BTC,ETH,SOL&points=365'));
  });
});
