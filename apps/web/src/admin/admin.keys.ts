import type { JobsFilters } from './job-types.ts';

/** Query keys of the admin pages. */
export const adminKeys = {
  all: ['admin'] as const,
  krakenPairs: () => [...adminKeys.all, 'kraken-pairs'] as const,
  hyperparameters: () => [...adminKeys.all, 'hyperparameters'] as const,
  jobs: () => [...adminKeys.all, 'jobs'] as const,
  jobList: (filters: JobsFilters) => [...adminKeys.jobs(), 'list', filters] as const,
  job: (id: string) => [...adminKeys.jobs(), 'one', id] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  userPage: (offset: number, limit: number) => [...adminKeys.users(), { offset, limit }] as const,
};
