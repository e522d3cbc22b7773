/** A volume as a decimal string, grouped, at most two decimals (the CSV keeps every digit). */
export function formatVolume(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(n);
}

/** The class of a change's cell: `up`, `down`, or none for no change or none known. */
export const direction = (n: number | null | undefined): '' | 'up' | 'down' =>
  n === null || n === undefined || n === 0 ? '' : n > 0 ? 'up' : 'down';
