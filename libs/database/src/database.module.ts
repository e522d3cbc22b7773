import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { ChangeFeed } from './change-feed.js';
import { dataSourceOptions } from './data-source.options.js';
import { runMigrations } from './migrate.js';
import { AssetRepository } from './repositories/asset.repository.js';
import { BacktestRepository } from './repositories/backtest.repository.js';
import { CandleRepository } from './repositories/candle.repository.js';
import { EvaluationRepository } from './repositories/evaluation.repository.js';
import { MarketSnapshotRepository } from './repositories/market-snapshot.repository.js';
import { PreferencesRepository } from './repositories/preferences.repository.js';
import { WatchlistRepository } from './repositories/watchlist.repository.js';
import { NotificationRepository } from './repositories/notification.repository.js';
import { AlertRuleRepository } from './repositories/alert-rule.repository.js';
import { WebhookRepository } from './repositories/webhook.repository.js';
import { ModelRepository } from './repositories/model.repository.js';
import { PredictionRepository } from './repositories/prediction.repository.js';
import { AdvisoryLockRepository } from './repositories/advisory-lock.repository.js';
import { RefreshTokenRepository } from './repositories/refresh-token.repository.js';
import { UserRepository } from './repositories/user.repository.js';

const REPOSITORIES = [
  AssetRepository,
  CandleRepository,
  AdvisoryLockRepository,
  UserRepository,
  RefreshTokenRepository,
  ModelRepository,
  EvaluationRepository,
  PredictionRepository,
  BacktestRepository,
  MarketSnapshotRepository,
  PreferencesRepository,
  WatchlistRepository,
  NotificationRepository,
  AlertRuleRepository,
  WebhookRepository,
];

/** Postgres for an app: connects, applies pending migrations, and provides the repositories. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config.DATABASE_URL),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [...REPOSITORIES, ChangeFeed],
  exports: [...REPOSITORIES, ChangeFeed],
})
export class DatabaseModule {}
