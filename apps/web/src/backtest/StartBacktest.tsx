import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { JobStateBadge } from '../admin/JobStateBadge.tsx';
import { watchJob } from '../admin/job-query.ts';
import { isPending } from '../admin/job-types.ts';
import { useJob } from '../admin/useJob.ts';
import { toast } from '../app/toasts/toasts.store.ts';
import { describeError } from '../auth/describe-error.ts';
import { backtestKeys } from './backtest.keys.ts';
import { isFamily, MODEL_FAMILIES, type IntervalCode, type JobAccepted, type ModelFamily } from './backtest-types.ts';
import { progressText } from '../admin/job-progress.ts';
import { useStartBacktest } from './useBacktests.ts';

/** A started backtest's job: its state and progress, read every second until it ends; then the page reads the new figures. */
interface JobProps {
  accepted: JobAccepted;
  symbol: string;
  interval: IntervalCode;
  onCompleted: () => void;
}

function BacktestJob({ accepted, symbol, interval, onCompleted }: JobProps) {
  const job = useJob(accepted.jobId);
  const client = useQueryClient();
  const state = job.data?.state;
  useEffect(() => {
    if (state !== 'completed') return;
    void client.invalidateQueries({ queryKey: backtestKeys.series(symbol, interval) });
    onCompleted();
    // onCompleted once per completion: not again when the parent renders a new callback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, client, symbol, interval]);
  const progress = job.data ? progressText(job.data.progress) : null;
  return (
    <p role="status" data-testid="backtest-job">
      Backtest job <Link href="/admin/jobs">{accepted.jobId}</Link>
      {accepted.deduplicated ? ' (one was already running: this is it)' : ''}:{' '}
      {job.isError ? describeError(job.error) : state ? <JobStateBadge state={state} /> : 'reading…'}
      {progress && state && isPending(state) ? ` ${progress}` : ''}
      {job.data?.failedReason ? ` ${job.data.failedReason}` : ''}
    </p>
  );
}

/** Admin: start a backtest of one family on this series (POST /prediction/backtest) and follow its job. */
/** The horizon a backtest forecasts (the API's default, the forecasts' own). */
const HORIZON = 7;

interface Props {
  symbol: string;
  interval: IntervalCode;
  defaultFamily: ModelFamily | null;
  /** The family's backtest finished: its figures are stored now. */
  onCompleted: (family: ModelFamily) => void;
}

export function StartBacktest({ symbol, interval, defaultFamily, onCompleted }: Props) {
  const headingId = useId();
  const [family, setFamily] = useState<ModelFamily | null>(null);
  const [started, setStarted] = useState<{ accepted: JobAccepted; family: ModelFamily } | null>(null);
  const start = useStartBacktest(symbol, interval);
  const chosen = family ?? defaultFamily ?? MODEL_FAMILIES[0];

  function submit(event: FormEvent) {
    event.preventDefault();
    start.mutate(
      { family: chosen, horizon: HORIZON },
      {
        onSuccess: (accepted) => {
          watchJob(accepted.jobId);
          setStarted({ accepted, family: chosen });
          toast.info(`Backtest of ${chosen} on ${symbol} ${interval} started (job ${accepted.jobId}).`);
        },
      },
    );
  }

  return (
    <form className="start-backtest" aria-labelledby={headingId} onSubmit={submit}>
      <h2 id={headingId}>Start a backtest</h2>
      <label>
        Model family{' '}
        <select value={chosen} onChange={(e) => setFamily(isFamily(e.target.value) ? e.target.value : null)}>
          {MODEL_FAMILIES.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" disabled={start.isPending}>
        Start backtest
      </button>
      {start.isError && (
        <p className="form-error" role="alert">
          {describeError(start.error)}
        </p>
      )}
      {started && (
        <BacktestJob
          key={started.accepted.jobId}
          accepted={started.accepted}
          symbol={symbol}
          interval={interval}
          onCompleted={() => onCompleted(started.family)}
        />
      )}
    </form>
  );
}
