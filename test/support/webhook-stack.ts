import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { emptyDatabase, startFromScratch } from './fixtures.js';
import { KrakenStandIn } from './kraken-stand-in.js';
import { bootApp, bootGateway } from './nest-app.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** A gateway and a worker sharing `env`, from an empty database and queues, and a webhook receiver of the test's own. */
export interface WebhookStack {
  gateway: NestExpressApplication;
  worker: INestApplication;
  receiver: WebhookReceiver;
  stop(): Promise<void>;
}

/**
 * What webhook specs run against: the worker syncs one series from the Kraken stand-in and
 * trains nothing, so that it does little besides delivering.
 */
export async function startWebhookStack(env: Record<string, string>): Promise<WebhookStack> {
  await startFromScratch();
  const kraken = await KrakenStandIn.start();
  const receiver = await WebhookReceiver.start();
  const gateway = await bootGateway(env);
  await emptyDatabase(gateway.get(DataSource));
  const worker = await bootApp(WorkerModule, {
    ...env,
    KRAKEN_API_URL: kraken.url,
    TRACKED_ASSETS: 'BTC',
    TRACKED_INTERVALS: '1d',
    IMPORT_DEFAULT_HISTORY: 'false',
    TRAIN_ON_FIRST_START: 'false',
  });
  return {
    gateway,
    worker,
    receiver,
    stop: async () => {
      await worker.close();
      await gateway.close();
      await receiver.stop();
      await kraken.stop();
    },
  };
}
