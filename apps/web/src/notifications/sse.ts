/**
 * A Server-Sent Events parser (the WHATWG event-stream format) for a body read with fetch: the
 * page cannot use EventSource, which sends no Authorization header. Fed text as it arrives, in
 * chunks cut anywhere (inside a line, between \r and \n); returns the events completed so far.
 */
export interface SseEvent {
  /** The last event id seen (the stream's, carried over from earlier events as the format says), or null. */
  id: string | null;
  /** `message` unless the event named itself. */
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private lastId: string | null = null;

  /** The id to send back as Last-Event-ID on a reconnect. */
  get lastEventId(): string | null {
    return this.lastId;
  }

  feed(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    for (;;) {
      const end = this.buffer.search(/[\r\n]/);
      if (end === -1) break;
      // A \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (this.buffer[end] === '\r' && end === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(this.buffer.startsWith('\r\n', end) ? end + 2 : end + 1);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    // `retry` and unknown fields: ignored (the client keeps its own backoff).
    return null;
  }

  private dispatch(): SseEvent | null {
    const event = this.data.length === 0 ? null : { id: this.lastId, event: this.event || 'message', data: this.data.join('\n') };
    this.data = [];
    this.event = '';
    return event;
  }
}
