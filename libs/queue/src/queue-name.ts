export enum QueueName {
  MarketData = 'market-data',
  Training = 'training',
  Scoring = 'scoring',
  Prediction = 'prediction',
}

export enum JobName {
  Sync = 'sync',
  Backfill = 'backfill',
  Train = 'train',
  Score = 'score',
  Predict = 'predict',
}

/** The queue each job runs on. */
export const JOB_QUEUE = {
  [JobName.Sync]: QueueName.MarketData,
  [JobName.Backfill]: QueueName.MarketData,
  [JobName.Train]: QueueName.Training,
  [JobName.Score]: QueueName.Scoring,
  [JobName.Predict]: QueueName.Prediction,
} as const satisfies Record<JobName, QueueName>;
