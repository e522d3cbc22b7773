/** The ids JobProducer gives every job it adds: randomUUID()'s. */
const PRODUCED_JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The ids BullMQ gives the jobs of a job scheduler: `repeat:<scheduler id>:<millis>` (AssetScheduler's ids are `sync-BTC-1d`). */
const SCHEDULED_JOB_ID = /^repeat:[A-Za-z0-9_-]{1,40}:\d{1,16}$/;

/**
 * Whether `id` is one of the job ids we issue. Anything else must not be looked up: BullMQ keeps
 * keys of its own beside the jobs' (`meta`, `events`, `wait`, `repeat`, ...), and reading one of
 * them as a job fails.
 */
export function isIssuedJobId(id: string): boolean {
  return PRODUCED_JOB_ID.test(id) || SCHEDULED_JOB_ID.test(id);
}
