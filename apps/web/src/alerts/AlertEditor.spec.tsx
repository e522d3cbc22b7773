import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { AlertEditor, type Editing } from './AlertEditor.tsx';
import type { AlertRuleView } from './alert-types.ts';

/** The page's clock in the snooze specs (only Date is faked: the page's timers run as ever). */
const NOW = '2026-12-03T09:00:00.000Z';
const A_DAY_ON = '2026-12-04T09:00:00.000Z';

const RULE: AlertRuleView = {
  id: '00000000-0000-4000-8000-000000000001',
  asset: 'BTC',
  interval: '1d',
  kind: 'price_below',
  threshold: 60_000,
  window: null,
  level: null,
  cooldown: '1d',
  channels: ['inbox'],
  active: true,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  lastFiredAt: null,
  snoozedUntil: null,
};

function Harness() {
  const [editing, setEditing] = useState<Editing | null>(null);
  return (
    <>
      <output data-testid="level">{editing?.draft.threshold ?? ''}</output>
      <AlertEditor symbol="BTC" interval="1d" lastClose={68_219.7} quote="USD" timezone="utc" editing={editing} onEditing={setEditing} />
    </>
  );
}

async function signedIn(role: 'user' | 'admin', routes: Parameters<typeof fakeGateway>[0]) {
  const gateway = fakeGateway({
    'POST /auth/login': tokenAnswer,
    'GET /auth/users/me': me(role),
    'GET /crypto/config': () => Response.json({ limits: { alerts: { rulesPerUser: 2, webhooksPerUser: 5 } } }),
    ...routes,
  });
  await session.login('alice', 'correct horse battery', false);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <Harness />
    </QueryClientProvider>,
  );
  return gateway;
}

afterEach(async () => {
  vi.useRealTimers();
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

describe('the alert editor', () => {
  it('starts a price alert at the last close, sends the rule, and shows the limit', async () => {
    const sent: unknown[] = [];
    await signedIn('user', {
      'GET /alerts': () => Response.json({ rules: sent.length ? [{ ...RULE, kind: 'price_above', threshold: 68_300 }] : [], limit: 2 }),
      'POST /alerts': async (request) => {
        sent.push(await request.json());
        return Response.json({ ...RULE, kind: 'price_above', threshold: 68_300 }, { status: 201 });
      },
    });
    await waitFor(() => expect(screen.getByTestId('alert-limit').textContent).toBe('0 of your 2 alert rules in use.'));
    await userEvent.click(screen.getByRole('button', { name: 'New alert' }));
    const form = screen.getByRole('form', { name: 'New alert' });
    const level = within(form).getByLabelText('Level (USD)');
    expect((level as HTMLInputElement).value).toBe('68220');
    // No admin kinds for a user.
    expect(within(form).queryByRole('option', { name: /^Admin:/ })).toBeNull();
    await userEvent.clear(level);
    await userEvent.type(level, '68300');
    expect(screen.getByTestId('level').textContent).toBe('68300');
    await userEvent.click(within(form).getByRole('button', { name: 'Set alert' }));
    await waitFor(() =>
      expect(sent).toEqual([{ asset: 'BTC', interval: '1d', kind: 'price_above', threshold: 68_300, channels: ['inbox'], active: true }]),
    );
    expect(await screen.findByText('Closes above 68,300.00 USD')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('alert-limit').textContent).toBe('1 of your 2 alert rules in use.'));
  });

  it('says what is wrong in place, and the API’s 409 when the limit is reached', async () => {
    await signedIn('admin', {
      'GET /alerts': () => Response.json({ rules: [], limit: 2 }),
      'POST /alerts': () => Response.json({ statusCode: 409, error: 'Conflict', message: 'at most 2 rules per user' }, { status: 409 }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'New alert' }));
    const form = screen.getByRole('form', { name: 'New alert' });
    expect(within(form).getAllByRole('option', { name: /^Admin:/ })).toHaveLength(3);
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'move_pct');
    await userEvent.type(within(form).getByLabelText('Threshold (%)'), '5');
    await userEvent.type(within(form).getByLabelText(/^Window/), '2h');
    await userEvent.click(within(form).getByRole('button', { name: 'Set alert' }));
    expect(within(form).getByText('window must be a span such as 24h or 7d, from one 1d candle to 52w')).toBeTruthy();
    await userEvent.clear(within(form).getByLabelText(/^Window/));
    await userEvent.type(within(form).getByLabelText(/^Window/), '7d');
    await userEvent.click(within(form).getByRole('button', { name: 'Set alert' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('at most 2 rules per user');
  });

  it('lists the asset’s rules with an active switch (the whole rule PUT back), edit and delete', async () => {
    const put: unknown[] = [];
    let rules = [RULE, { ...RULE, id: '00000000-0000-4000-8000-000000000002', asset: 'ETH' }];
    const gateway = await signedIn('user', {
      'GET /alerts': () => Response.json({ rules, limit: 2 }),
      [`PUT /alerts/${RULE.id}`]: async (request) => {
        const body = (await request.json()) as { active: boolean };
        put.push(body);
        rules = [{ ...RULE, active: body.active }, rules[1]];
        return Response.json(rules[0]);
      },
      [`DELETE /alerts/${RULE.id}`]: () => {
        rules = rules.slice(1);
        return new Response(null, { status: 204 });
      },
    });
    const list = await screen.findByRole('list', { name: 'Alert rules on BTC' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    await userEvent.click(within(list).getByRole('checkbox', { name: /^Active/ }));
    await waitFor(() =>
      expect(put).toEqual([
        { asset: 'BTC', interval: '1d', kind: 'price_below', threshold: 60_000, cooldown: '1d', channels: ['inbox'], active: false },
      ]),
    );
    await userEvent.click(within(list).getByRole('button', { name: /^Edit/ }));
    expect((within(screen.getByRole('form', { name: 'Edit alert' })).getByLabelText('Level (USD)') as HTMLInputElement).value).toBe(
      '60000',
    );
    await userEvent.click(within(list).getByRole('button', { name: /^Delete/ }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Alert rules on BTC' })).toBeNull());
    expect(gateway.calls.some((r) => r.method === 'DELETE')).toBe(true);
    // Deleting the rule being edited closes its form.
    expect(screen.queryByRole('form', { name: 'Edit alert' })).toBeNull();
  });

  it('snoozes a rule for a day (the whole rule PUT back), says until when in the user’s time zone, and unsnoozes it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(NOW));
    const put: unknown[] = [];
    let rules = [RULE];
    await signedIn('user', {
      'GET /alerts': () => Response.json({ rules, limit: 2 }),
      [`PUT /alerts/${RULE.id}`]: async (request) => {
        const body = (await request.json()) as { snoozedUntil?: string | null };
        put.push(body);
        rules = [{ ...RULE, snoozedUntil: body.snoozedUntil ?? null }];
        return Response.json(rules[0]);
      },
    });
    const list = await screen.findByRole('list', { name: 'Alert rules on BTC' });
    expect(within(list).queryByText(/^Snoozed until/)).toBeNull();
    expect(within(list).queryByRole('button', { name: /^Unsnooze/ })).toBeNull();

    await userEvent.click(within(list).getByRole('button', { name: 'Snooze 1 day: Closes below 60,000.00 USD' }));
    const whole = {
      asset: 'BTC',
      interval: '1d',
      kind: 'price_below',
      threshold: 60_000,
      cooldown: '1d',
      channels: ['inbox'],
      active: true,
    };
    await waitFor(() => expect(put).toEqual([{ ...whole, snoozedUntil: A_DAY_ON }]));
    expect(await within(list).findByText('Snoozed until Dec 4, 2026, 09:00 UTC')).toBeTruthy();
    expect(within(list).queryByRole('button', { name: /^Snooze 1 day/ })).toBeNull();

    await userEvent.click(within(list).getByRole('button', { name: 'Unsnooze: Closes below 60,000.00 USD' }));
    await waitFor(() =>
      expect(put).toEqual([
        { ...whole, snoozedUntil: A_DAY_ON },
        { ...whole, snoozedUntil: null },
      ]),
    );
    expect(await within(list).findByRole('button', { name: 'Snooze 1 day: Closes below 60,000.00 USD' })).toBeTruthy();
    expect(within(list).queryByText(/^Snoozed until/)).toBeNull();
  });

  it('keeps a rule’s snooze when its active switch is flipped or it is edited and saved', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(NOW));
    const put: unknown[] = [];
    const snoozed = { ...RULE, snoozedUntil: A_DAY_ON };
    await signedIn('user', {
      'GET /alerts': () => Response.json({ rules: [snoozed], limit: 2 }),
      [`PUT /alerts/${RULE.id}`]: async (request) => {
        put.push(await request.json());
        return Response.json(snoozed);
      },
    });
    const list = await screen.findByRole('list', { name: 'Alert rules on BTC' });
    await userEvent.click(within(list).getByRole('checkbox', { name: /^Active/ }));
    await waitFor(() => expect(put).toHaveLength(1));
    expect(put[0]).toMatchObject({ active: false, snoozedUntil: A_DAY_ON });
    await userEvent.click(within(list).getByRole('button', { name: /^Edit/ }));
    const form = screen.getByRole('form', { name: 'Edit alert' });
    expect(within(form).getByText('Snoozed until Dec 4, 2026, 09:00 UTC: saving keeps the snooze.')).toBeTruthy();
    await userEvent.click(within(form).getByRole('button', { name: 'Save alert' }));
    await waitFor(() => expect(put).toHaveLength(2));
    expect(put[1]).toMatchObject({ threshold: 60_000, snoozedUntil: A_DAY_ON });
  });
});
