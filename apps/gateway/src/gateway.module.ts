import { Module } from '@nestjs/common';
import { ConfigModule } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { HealthModule, LoggingModule, MetricsModule } from '#libs/observability';
import { QueueModule } from '#libs/queue';
import { AnalysisModule } from './analysis/analysis.module.js';
import { AssetsModule } from './assets/assets.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CompareModule } from './compare/compare.module.js';
import { CryptoConfigModule } from './crypto-config/crypto-config.module.js';
import { MarketModule } from './market/market.module.js';
import { NotificationInboxModule } from './notifications/notifications.module.js';
import { PredictionProxyModule } from './prediction-proxy/prediction-proxy.module.js';
import { PreferencesModule } from './preferences/preferences.module.js';
import { PredictionHealthIndicator } from './prediction-proxy/prediction.health.js';
import { SearchModule } from './search/search.module.js';
import { TickerModule } from './ticker/ticker.module.js';
import { UsersModule } from './users/users.module.js';
import { WatchlistModule } from './watchlist/watchlist.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { WebAppModule } from './web-app/web-app.module.js';

/** The public API: auth, asset routes, and the prediction routes forwarded to the private service; and the web app at `/`. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule.forRoot('gateway'),
    MetricsModule.forRoot('gateway'),
    DatabaseModule,
    QueueModule,
    HealthModule.forRoot({
      imports: [PredictionProxyModule],
      inject: [PredictionHealthIndicator],
      checks: (prediction: PredictionHealthIndicator) => [() => prediction.isHealthy()],
    }),
    AuthModule,
    UsersModule,
    AssetsModule,
    CompareModule,
    AnalysisModule,
    TickerModule,
    SearchModule,
    CryptoConfigModule,
    MarketModule,
    WatchlistModule,
    AlertsModule,
    PreferencesModule,
    NotificationInboxModule,
    WebhooksModule,
    PredictionProxyModule,
    WebAppModule,
  ],
})
export class GatewayModule {}
