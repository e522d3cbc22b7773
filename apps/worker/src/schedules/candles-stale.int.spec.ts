import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigModule } from '#libs/config';
import { AssetRepository, DatabaseModule } from '#libs/database';
import { JobName, JobProducer, QueueModule, QueueName } from '#libs/queue';
import { emptyDatabase, seedAsset } from '../../../../test/support/fixtures.js';
import { bootApp } from '../../../../test/support/nest-app.js';
import { emptyQueues } from '../../../../test/support/queues.js';
import { CandlesStaleSchedule } from './candles-stale.schedule.js';

@Module({ imports: [ConfigModule, DatabaseModule, QueueModule], providers: [CandlesStaleSchedule] })
class StaleCheckModule {}

describe('the scheduled check for stale candles', () => {
  let app: INestApplication;

  const schedulers = async () =>
    (await app.get(JobProducer).queue(QueueName.Alerts).getJobSchedulers())
      .map((s) => ({ id: s.key, every: Number(s.every), name: s.name, data: s.template?.data }))
      .sort((a, b) => a.id.localeCompare(b.id));

  beforeAll(async () => {
    await emptyQueues();
    const seeding = await bootApp(StaleCheckModule, { SCHEDULER_CHECK_EVERY: '1h' });
    await emptyDatabase(seeding.get(DataSource));
    await seedAsset(seeding, 'BTC', '1d', []);
    await seedAsset(seeding, 'ETH', '1d', []);
    await seeding.close();
    app = await bootApp(StaleCheckModule, { TRACKED_INTERVALS: '1d,1h', SYNC_EVERY: '5m', SCHEDULER_CHECK_EVERY: '1h' });
  });

  afterAll(async () => {
    await app.close();
    await emptyQueues();
  });

  it('keeps one job scheduler per tracked asset and interval, every sync period, making the stale_check evaluation', async () => {
    expect(await schedulers()).toEqual(
      ['BTC', 'ETH']
        .flatMap((asset) =>
          ['1d', '1h'].map((interval) => ({
            id: `evaluate-stale-${asset}-${interval}`,
            every: 300_000,
            name: JobName.Evaluate,
            data: { asset, interval, trigger: 'stale_check' },
          })),
        )
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('removes those of an asset no longer tracked, and makes again those Redis lost', async () => {
    await app.get(AssetRepository).untrack('ETH');
    await app.get(JobProducer).queue(QueueName.Alerts).removeJobScheduler('evaluate-stale-BTC-1h');
    await app.get(CandlesStaleSchedule).keep();
    expect((await schedulers()).map((s) => s.id)).toEqual(['evaluate-stale-BTC-1d', 'evaluate-stale-BTC-1h']);
  });
});
