import { DomainError } from '#libs/domain';

/** A hyperparameter is missing its type, out of its range or unknown. A retry cannot help. */
export class InvalidHyperparametersError extends DomainError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid hyperparameter '${field}': ${reason}`);
  }
}

/** Too few candles to build one window, with its features' warm-up and its targets. */
export class InsufficientCandlesError extends DomainError {
  constructor(
    readonly needed: number,
    readonly given: number,
    what: string,
  ) {
    super(`${what} needs at least ${needed} candles, got ${given}`);
  }
}

/** Candles that cannot be read as a series: out of order, or with a price that is not a positive number. */
export class InvalidCandlesError extends DomainError {}

/** A forecast further ahead than the model was trained for. */
export class HorizonTooLongError extends DomainError {
  constructor(
    readonly requested: number,
    readonly trained: number,
  ) {
    super(`The model forecasts at most ${trained} steps ahead, ${requested} were asked for`);
  }
}

/** Training stopped because its AbortSignal fired; nothing of it is kept. */
export class TrainingAbortedError extends DomainError {
  constructor(readonly epoch: number) {
    super(`Training was aborted during epoch ${epoch}`);
  }
}
