import type { INestApplication } from '@nestjs/common';
import { ChangeFeed } from '#libs/database';
import { eventually } from './queues.js';

/** Waits until the app's change feed listens: before that its caches neither serve nor keep anything. */
export async function changeFeedListening(app: INestApplication): Promise<void> {
  await eventually(
    async () => app.get(ChangeFeed).isLive,
    (live) => live,
    10_000,
    'the change feed to listen',
  );
}
