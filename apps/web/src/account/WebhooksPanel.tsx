import { useState, type FormEvent } from 'react';
import { formatTime } from '../app/format.ts';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { toast } from '../app/toasts/toasts.store.ts';
import { describeError } from '../auth/describe-error.ts';
import { useDeliveries, useWebhookActions, useWebhooks, type CreatedWebhook, type WebhookView } from './useWebhooks.ts';

/** A delivery's outcome in words: "delivered (HTTP 200)", "failed after 6 attempts: HTTP 500". */
export function describeOutcome(d: { status: string; attempts: number; responseStatus: number | null; error: string | null }): string {
  const http = d.responseStatus === null ? '' : `HTTP ${d.responseStatus}`;
  if (d.status === 'delivered') return `delivered${http ? ` (${http})` : ''}`;
  const why = [http, d.error].filter(Boolean).join(', ');
  const attempts = `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`;
  if (d.status === 'failed') return `failed after ${attempts}${why ? `: ${why}` : ''}`;
  return d.attempts === 0 ? 'pending' : `retrying (${attempts} so far${why ? `: ${why}` : ''})`;
}

function Deliveries({ webhook, timezone }: { webhook: WebhookView; timezone: TimeZoneChoice }) {
  const { data, error, isPending } = useDeliveries(webhook.id);
  if (isPending) return <p className="hint">Loading deliveries…</p>;
  if (error) return <p className="form-error">{describeError(error)}</p>;
  if (data.deliveries.length === 0) return <p className="hint">No deliveries yet.</p>;
  return (
    <div className="table-wrap">
      <table className="deliveries-table">
        <caption className="visually-hidden">Last deliveries to {webhook.url}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {data.deliveries.map((d) => (
            <tr key={d.id}>
              <td>{formatTime(d.createdAt, timezone)}</td>
              <td>{d.event}</td>
              <td className={d.status === 'delivered' ? 'up' : d.status === 'failed' ? 'down' : undefined}>{describeOutcome(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The secret of a webhook just added: shown this once, with a copy button. */
function SecretOnce({ created, onDone }: { created: CreatedWebhook; onDone: () => void }) {
  const copy = () =>
    void navigator.clipboard
      ?.writeText(created.secret)
      .then(() => toast.success('Secret copied.'))
      .catch(() => toast.error('Could not copy: select the secret and copy it by hand.'));
  return (
    <div className="secret-once" role="status">
      <p>
        <strong>Signing secret for {created.url}:</strong> you will not see it again. Keep it where your receiver checks the
        X-Candlecast-Signature header.
      </p>
      <p>
        <code data-testid="webhook-secret">{created.secret}</code>
      </p>
      <div className="actions">
        <button type="button" onClick={copy}>
          Copy secret
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          I have kept it
        </button>
      </div>
    </div>
  );
}

/** The caller's webhooks: add (the secret shown once), delete, send a test, and each one's last deliveries. */
export function WebhooksPanel() {
  const { timezone } = usePreferences();
  const webhooks = useWebhooks();
  const { add, remove, test } = useWebhookActions();
  const [url, setUrl] = useState('');
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const list = webhooks.data?.webhooks ?? [];
  const limit = webhooks.data?.limit ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(url.trim(), {
      onSuccess: (answer) => {
        setCreated(answer);
        setUrl('');
      },
    });
  };

  return (
    <section aria-labelledby="webhooks-heading" className="webhooks">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p className="hint">
        Alerts sent to “Webhooks” are POSTed as signed JSON to each active address{limit === null ? '' : ` (at most ${limit})`}.
      </p>
      {created && <SecretOnce created={created} onDone={() => setCreated(null)} />}
      {webhooks.isError && <p className="form-error">{describeError(webhooks.error)}</p>}
      {list.length > 0 && (
        <ul className="webhook-list" aria-label="Your webhooks">
          {list.map((w) => (
            <li key={w.id}>
              <p className="webhook-url">
                <code>{w.url}</code>{' '}
                <span className="muted">
                  {w.active ? 'active' : `disabled${w.disabledReason ? `: ${w.disabledReason}` : ''}`}
                  {w.consecutiveFailures > 0 ? `, ${w.consecutiveFailures} failures in a row` : ''}
                  {w.lastDelivery ? `, last ${w.lastDelivery.status} ${formatTime(w.lastDelivery.at, timezone)}` : ''}
                </span>
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    test.mutate(w.id, {
                      onSuccess: () => {
                        toast.info(`Test sent to ${w.url}.`);
                        setOpen(w.id);
                      },
                      onError: (error) => toast.error(describeError(error)),
                    })
                  }
                  disabled={test.isPending}
                >
                  Send test<span className="visually-hidden"> to {w.url}</span>
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-expanded={open === w.id}
                  onClick={() => setOpen(open === w.id ? null : w.id)}
                >
                  Deliveries<span className="visually-hidden"> to {w.url}</span>
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => remove.mutate(w.id, { onError: (error) => toast.error(describeError(error)) })}
                  disabled={remove.isPending}
                >
                  Delete<span className="visually-hidden"> {w.url}</span>
                </button>
              </div>
              {open === w.id && <Deliveries webhook={w} timezone={timezone} />}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} aria-label="Add a webhook" className="webhook-form">
        <label>
          Webhook URL
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://example.com/hooks/candlecast"
            required
          />
        </label>
        {add.isError && (
          <p className="form-error" role="alert">
            {describeError(add.error)}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={add.isPending || url.trim() === '' || (limit !== null && list.length >= limit)}>
            Add webhook
          </button>
        </div>
      </form>
    </section>
  );
}
