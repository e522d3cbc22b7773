export enum QueueName {
  MarketData = 'market-data',
  Training = 'training',
  Scoring = 'scoring',
  Prediction = 'prediction',
  /** Step 8: walk-forward backtests and tuning, long, so kept off the scoring and training queues. */
  Research = 'research',
}

export enum JobName {
  Sync = 'sync',
  Backfill = 'backfill',
  Train = 'train',
  Score = 'score',
  Predict = 'predict',
  Backtest = 'backtest',
  Tune = 'tune',
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
} as const satisfies Record<JobName, QueueName>;
