import { useId, useState } from 'react';
import { formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { describeError } from '../auth/describe-error.ts';
import { FILTER_STATES, KNOWN_QUEUES, type JobsFilters, type JobView } from './job-types.ts';
import { JobStateBadge } from './JobStateBadge.tsx';
import { useJobList } from './useJobList.ts';

const LIMITS = [20, 50, 100, 200];

/** The jobs list with its filters (queue, state, limit); queue and job names are shown as the API gives them. */
export function JobsList({ onFollow }: { onFollow: (job: JobView) => void }) {
  const id = useId();
  const { timezone } = usePreferences();
  const [filters, setFilters] = useState<JobsFilters>({ limit: 50 });
  const jobs = useJobList(filters);
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Recent jobs</h2>
      <form className="filters" aria-label="Filter jobs" onSubmit={(e) => e.preventDefault()}>
        <label>
          Queue
          <input
            list={`${id}-queues`}
            value={filters.queue ?? ''}
            placeholder="any"
            onChange={(e) => setFilters({ ...filters, queue: e.target.value.trim() || undefined })}
          />
          <datalist id={`${id}-queues`}>
            {KNOWN_QUEUES.map((queue) => (
              <option key={queue} value={queue} />
            ))}
          </datalist>
        </label>
        <label>
          State
          <select
            value={filters.state ?? ''}
            onChange={(e) => setFilters({ ...filters, state: (e.target.value || undefined) as JobsFilters['state'] })}
          >
            <option value="">Any state</option>
            {FILTER_STATES.map((state) => (
              <option key={state} value={state}>
                {state}
              </option>
            ))}
          </select>
        </label>
        <label>
          Limit
          <select value={filters.limit ?? 50} onChange={(e) => setFilters({ ...filters, limit: Number(e.target.value) })}>
            {LIMITS.map((limit) => (
              <option key={limit} value={limit}>
                {limit}
              </option>
            ))}
          </select>
        </label>
      </form>
      {jobs.isPending ? (
        <Loading />
      ) : jobs.isError ? (
        <p className="form-error" role="alert">
          {describeError(jobs.error)}
        </p>
      ) : jobs.data.jobs.length === 0 ? (
        <p>No job matches.</p>
      ) : (
        <div className="table-wrap">
          <table className="jobs-table">
            <caption className="visually-hidden">Jobs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col" className="hide-narrow">
                  Created
                </th>
                <th scope="col">Failure</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.jobs.map((job) => (
                <tr key={`${job.queue}:${job.id}`}>
                  <th scope="row">
                    {job.name} {job.asset ?? ''} {job.interval ?? ''}
                    <br />
                    <span className="muted">
                      {job.queue} #{job.id}
                    </span>
                  </th>
                  <td>
                    <JobStateBadge state={job.state} />
                  </td>
                  <td className="num">{job.attemptsMade}</td>
                  <td className="hide-narrow">{formatTime(job.createdAt, timezone)}</td>
                  <td className="failure">{job.failedReason ?? ''}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => onFollow(job)}>
                      Follow
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
