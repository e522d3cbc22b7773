/**
 * A research job's progress as words. BullMQ's progress is whatever the processor reports: a
 * number (percent), or an object counting refits or origins done of a total.
 */
export function progressText(progress: unknown): string | null {
  if (typeof progress === 'number' && Number.isFinite(progress)) return `${Math.round(progress)}%`;
  if (typeof progress !== 'object' || progress === null) return null;
  const p = progress as Record<string, unknown>;
  // A tuning reports its trial and the refit inside it: the trial says how far it is.
  const pairs: [string, string, string][] = [
    ['trial', 'trials', 'trial'],
    ['refit', 'refits', 'refit'],
    ['done', 'total', 'step'],
    ['origin', 'origins', 'origin'],
    ['completed', 'total', 'step'],
  ];
  for (const [done, total, noun] of pairs) {
    const a = p[done];
    const b = p[total];
    if (typeof a === 'number' && typeof b === 'number' && b > 0) {
      return `${noun} ${a} of ${b} (${Math.round((a / b) * 100)}%)`;
    }
  }
  if (typeof p.percent === 'number') return `${Math.round(p.percent)}%`;
  return null;
}
