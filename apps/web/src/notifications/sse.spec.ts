import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.ts';

describe('the SSE parser', () => {
  it('reads the stream’s notification events with their ids, and skips the heartbeat comments', () => {
    const parser = new SseParser();
    const events = parser.feed(': ping\n\nid: 12\nevent: notification\ndata: {"id":"12"}\n\n: ping\n\n');
    expect(events).toEqual([{ id: '12', event: 'notification', data: '{"id":"12"}' }]);
    expect(parser.lastEventId).toBe('12');
  });

  it('puts together events cut anywhere, even between \\r and \\n', () => {
    const text = 'id: 7\r\nevent: notification\r\ndata: {"a":1}\r\n\r\nevent: end\r\ndata: {"reason":"token_expired"}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.feed(text.slice(0, cut)), ...parser.feed(text.slice(cut))];
      expect(events).toEqual([
        { id: '7', event: 'notification', data: '{"a":1}' },
        { id: '7', event: 'end', data: '{"reason":"token_expired"}' },
      ]);
    }
  });

  it('joins data lines with newlines, defaults the event to message, and strips only one space after the colon', () => {
    const parser = new SseParser();
    expect(parser.feed('data:one\ndata:  two\n\n')).toEqual([{ id: null, event: 'message', data: 'one\n two' }]);
  });

  it('dispatches nothing for an event without data, and waits for the blank line that ends one', () => {
    const parser = new SseParser();
    expect(parser.feed('event: notification\n\n')).toEqual([]);
    expect(parser.feed('data: x\n')).toEqual([]);
    expect(parser.feed('\n')).toEqual([{ id: null, event: 'message', data: 'x' }]);
  });

  it('keeps the last id across events, as the format says, and ignores an id with a NUL', () => {
    const parser = new SseParser();
    parser.feed('id: 3\ndata: a\n\n');
    expect(parser.feed('id: 4\0\ndata: b\n\n')).toEqual([{ id: '3', event: 'message', data: 'b' }]);
  });
});
