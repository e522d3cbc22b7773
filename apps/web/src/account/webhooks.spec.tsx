import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { renderApp } from '../test/render-app.tsx';
import { describeOutcome } from './WebhooksPanel.tsx';

beforeAll(() => import('./AccountPage.tsx'), 30_000);

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

const ID = '00000000-0000-4000-8000-00000000000a';
const hook = {
  id: ID,
  url: 'https://hooks.example.com/in',
  active: true,
  disabledReason: null,
  consecutiveFailures: 0,
  createdAt: '2026-12-02T10:00:00.000Z',
  lastDelivery: null,
};

describe('webhooks on the account page', () => {
  it('shows the new secret once, sends a test, and lists the deliveries with their outcomes', async () => {
    let hooks: (typeof hook)[] = [];
    const tests: string[] = [];
    fakeGateway({
      'POST /auth/login': tokenAnswer,
      'GET /auth/users/me': me('user'),
      'GET /webhooks': () => Response.json({ webhooks: hooks, limit: 5 }),
      'POST /webhooks': async (request) => {
        const { url } = (await request.json()) as { url: string };
        hooks = [{ ...hook, url }];
        return Response.json({ ...hooks[0], secret: 'whsec_abc123' }, { status: 201 });
      },
      [`POST /webhooks/${ID}/test`]: () => {
        tests.push(ID);
        return Response.json({ deliveryId: 'd1' }, { status: 202 });
      },
      [`GET /webhooks/${ID}/deliveries`]: () =>
        Response.json({
          deliveries: [
            {
              id: 'd1',
              event: 'webhook.test',
              status: 'delivered',
              attempts: 1,
              responseStatus: 200,
              error: null,
              createdAt: '2026-12-02T10:01:00.000Z',
              lastAttemptAt: '2026-12-02T10:01:00.000Z',
              deliveredAt: '2026-12-02T10:01:00.000Z',
            },
          ],
        }),
    });
    await session.login('alice', 'correct horse battery', false);
    renderApp('/account');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Webhook URL'), 'https://hooks.example.com/in');
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_abc123');
    expect(screen.getByText(/you will not see it again/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'I have kept it' }));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();

    const list = await screen.findByRole('list', { name: 'Your webhooks' });
    await user.click(within(list).getByRole('button', { name: /^Send test/ }));
    await waitFor(() => expect(tests).toEqual([ID]));
    expect(await within(list).findByRole('cell', { name: 'delivered (HTTP 200)' })).toBeTruthy();
  });

  it('says each delivery’s outcome in words', () => {
    expect(describeOutcome({ status: 'failed', attempts: 6, responseStatus: 500, error: null })).toBe('failed after 6 attempts: HTTP 500');
    expect(describeOutcome({ status: 'pending', attempts: 2, responseStatus: null, error: 'timeout' })).toBe(
      'retrying (2 attempts so far: timeout)',
    );
    expect(describeOutcome({ status: 'pending', attempts: 0, responseStatus: null, error: null })).toBe('pending');
  });
});
