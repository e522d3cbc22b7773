/** A job's state as a word (open: an unknown state reads as given). */
export function JobStateBadge({ state }: { state: string }) {
  return <span className={`badge badge-${state}`}>{state}</span>;
}
