import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import type { AssetEntity, ModelSummary } from '#libs/database';
import { BTC_DAILY, emptyDatabase, seedAsset } from './fixtures.js';
import { bootGateway } from './nest-app.js';
import { bootPrediction, seedForecasts } from './prediction-app.js';
import { emptyQueues } from './queues.js';
import { loggedIn, type TestUser } from './users.js';

/** A request as it reached the prediction service. */
export interface ForwardedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface ProxiedPrediction {
  prediction: NestExpressApplication;
  gateway: NestExpressApplication;
  /** Every request that reached the prediction service, oldest first. */
  seen: ForwardedRequest[];
  btc: AssetEntity;
  /** seedForecasts' models: `best` is marked best and has the forecasts. */
  best: ModelSummary;
  older: ModelSummary;
  /** `reader`, a user, and `boss`, an admin, logged in. */
  user: TestUser;
  admin: TestUser;
  close(): Promise<void>;
}

/**
 * The prediction service on a free port, recording every request that reaches it, and a gateway
 * forwarding to it over real HTTP, on an emptied database and queues with BTC's daily candles and
 * seedForecasts' models and forecasts.
 */
export async function bootProxiedPrediction(): Promise<ProxiedPrediction> {
  const seen: ForwardedRequest[] = [];
  const prediction = await bootPrediction({}, (app) =>
    app.use((req: Request, _: Response, next: NextFunction) => {
      seen.push({ method: req.method, url: req.originalUrl, headers: req.headers });
      next();
    }),
  );
  await prediction.listen(0, '127.0.0.1');
  const { port } = prediction.getHttpServer().address() as AddressInfo;
  const gateway = await bootGateway({ PREDICTION_URL: `http://127.0.0.1:${port}`, PREDICTION_TIMEOUT_MS: '5000' });
  await emptyDatabase(gateway.get(DataSource));
  await emptyQueues();
  const btc = await seedAsset(gateway, 'BTC', '1d', BTC_DAILY);
  const { best, older } = await seedForecasts(gateway, btc);
  const user = await loggedIn(gateway, 'reader');
  const admin = await loggedIn(gateway, 'boss', 'admin');
  return {
    prediction,
    gateway,
    seen,
    btc,
    best,
    older,
    user,
    admin,
    close: async () => {
      await gateway.close();
      await prediction.close();
    },
  };
}
