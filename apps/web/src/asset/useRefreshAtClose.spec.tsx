import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assetKeys } from './asset.keys.ts';
import { CLOSE_GRACE_MS, useRefreshAtClose } from './useAssetData.ts';

afterEach(() => vi.useRealTimers());

describe('the refresh when a candle closes', () => {
  it('reads the shown series again a little after the next close of its interval, and only then', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const open = Date.parse('2025-06-30T10:00:00Z');
    vi.setSystemTime(open + 90 * 60_000); // 11:30: the 10:00 candle closed, the 11:00 one closes at 12:00
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { unmount } = renderHook(() => useRefreshAtClose('BTC', '1h', new Date(open).toISOString()), { wrapper });

    vi.advanceTimersByTime(30 * 60_000 + CLOSE_GRACE_MS - 1);
    expect(invalidate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: assetKeys.series('BTC', '1h') });

    unmount();
  });

  it('stops waiting when the page leaves', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.parse('2025-06-30T10:30:00Z'));
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { unmount } = renderHook(() => useRefreshAtClose('BTC', '1d', '2025-06-30T00:00:00Z'), { wrapper });
    unmount();
    vi.advanceTimersByTime(2 * 86_400_000);
    expect(invalidate).not.toHaveBeenCalled();
  });
});
