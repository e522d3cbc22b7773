export enum QueueName {
  MarketData = 'market-data',
  Training = 'training',
  Scoring = 'scoring',
  Prediction = 'prediction',
  /** Step 8: walk-forward backtests and tuning, long, so kept off the scoring and training queues. */
  Research = 'research',
  /** Step 10: alert rules evaluated on each new candle, forecast, score and job event of a series. */
  Alerts = 'alerts',
  /** Step 10: webhook deliveries, retried with backoff; and the hourly prune of old notifications, firings and deliveries. */
  Notifications = 'notifications',
}

export enum JobName {
  Sync = 'sync',
  Backfill = 'backfill',
  Train = 'train',
  Score = 'score',
  Predict = 'predict',
  Backtest = 'backtest',
  Tune = 'tune',
  Evaluate = 'evaluate',
  Deliver = 'deliver',
  Prune = 'prune',
}

/** The queue each job runs on. */
export const JOB_QUEUE = {
  [JobName.Sync]: QueueName.MarketData,
  [JobName.Backfill]: QueueName.MarketData,
  [JobName.Train]: QueueName.Training,
  [JobName.Score]: QueueName.Scoring,
  [JobName.Predict]: QueueName.Prediction,
  [JobName.Backtest]: QueueName.Research,
  [JobName.Tune]: QueueName.Research,
  [JobName.Evaluate]: QueueName.Alerts,
  [JobName.Deliver]: QueueName.Notifications,
  [JobName.Prune]: QueueName.Notifications,
} as const satisfies Record<JobName, QueueName>;
