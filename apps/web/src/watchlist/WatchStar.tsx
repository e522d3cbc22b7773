import { useToggleWatch, useWatchlist } from './useWatchlist.ts';

/**
 * A star that watches the asset (pressed) or stops watching it. Its name stays "Watch BTC" either
 * way; aria-pressed says which, as a toggle button should.
 */
export function WatchStar({ symbol }: { symbol: string }) {
  const { data } = useWatchlist();
  const toggle = useToggleWatch(symbol);
  const watched = toggle.isPending ? toggle.variables : (data?.assets.some((a) => a.symbol === symbol) ?? false);
  return (
    <button
      type="button"
      className={`watch-star${watched ? ' watched' : ''}`}
      aria-pressed={watched}
      aria-label={`Watch ${symbol}`}
      title={watched ? `Watching ${symbol}: click to stop` : `Watch ${symbol}`}
      disabled={data === undefined || toggle.isPending}
      onClick={() => toggle.mutate(!watched)}
    >
      <span aria-hidden="true">{watched ? '★' : '☆'}</span>
    </button>
  );
}
