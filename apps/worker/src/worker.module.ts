import { Module } from '@nestjs/common';
import { ConfigModule } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { AssetResolver, CandleImporter, MarketDataModule } from '#libs/market-data';
import { NotificationsModule } from '#libs/notifications';
import { HealthModule, LoggingModule, MetricsModule } from '#libs/observability';
import { QueueModule } from '#libs/queue';
import { AlertEvaluationService } from './alerts/alert-evaluation.service.js';
import { StalledTrainingListener } from './alerts/stalled-training.listener.js';
import { CandleIngestService } from './ingestion/candle-ingest.service.js';
import { ForecastingService } from './models/forecasting.service.js';
import { ModelOnboarding } from './models/model-onboarding.service.js';
import { ModelScoringService } from './models/model-scoring.service.js';
import { ModelTrainingService } from './models/model-training.service.js';
import { ResearchService } from './models/research.service.js';
import { AlertsProcessor } from './processors/alerts.processor.js';
import { NotificationRetentionService } from './notifications/notification-retention.service.js';
import { WebhookDeliveryService } from './notifications/webhook-delivery.service.js';
import { MarketDataProcessor } from './processors/market-data.processor.js';
import { NotificationsProcessor } from './processors/notifications.processor.js';
import { PredictionProcessor } from './processors/prediction.processor.js';
import { ResearchProcessor } from './processors/research.processor.js';
import { ScoringProcessor } from './processors/scoring.processor.js';
import { TrainingProcessor } from './processors/training.processor.js';
import { NotificationRetentionSchedule } from './schedules/notification-retention.schedule.js';
import { PendingDeliveriesSweep } from './schedules/pending-deliveries.schedule.js';
import { SchedulerKeeper } from './schedules/scheduler-keeper.schedule.js';
import { TrackedAssetsSchedule } from './schedules/tracked-assets.schedule.js';

/** BullMQ consumers and schedules. Its only HTTP is /health (and /metrics) on WORKER_METRICS_PORT. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule.forRoot('worker'),
    MetricsModule.forRoot('worker'),
    DatabaseModule,
    QueueModule,
    MarketDataModule,
    NotificationsModule,
    HealthModule.forRoot(),
  ],
  providers: [
    CandleIngestService,
    ModelTrainingService,
    ModelScoringService,
    ForecastingService,
    ModelOnboarding,
    ResearchService,
    MarketDataProcessor,
    TrainingProcessor,
    ScoringProcessor,
    PredictionProcessor,
    ResearchProcessor,
    AlertEvaluationService,
    AlertsProcessor,
    StalledTrainingListener,
    WebhookDeliveryService,
    NotificationRetentionService,
    NotificationsProcessor,
    PendingDeliveriesSweep,
    NotificationRetentionSchedule,
    TrackedAssetsSchedule,
    SchedulerKeeper,
    AssetResolver,
    CandleImporter,
  ],
})
export class WorkerModule {}
