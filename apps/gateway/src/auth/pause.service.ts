import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits on the server's side before an answer (the login slowdown); a provider of its own so that tests can see the wait asked for. */
@Injectable()
export class Pause {
  async wait(ms: number): Promise<void> {
    await sleep(ms);
  }
}
