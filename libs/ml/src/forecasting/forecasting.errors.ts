import { DomainError } from '#libs/domain';

/** Calibration settings or a state that cannot work (a window of 0, a step outside the horizon). */
export class InvalidCalibrationError extends DomainError {}

/** No forecaster of that family is registered (the LSTM's registers from libs/ml/src/lstm/). */
export class UnknownFamilyError extends DomainError {
  constructor(readonly family: string) {
    super(`No forecaster is registered for the family '${family}'`);
  }
}

/** Walk-forward options that cannot describe a walk-forward (no origin, a refit every 0). */
export class InvalidWalkForwardError extends DomainError {}

/** A walk-forward or a fit stopped because its AbortSignal fired. */
export class ForecastAbortedError extends DomainError {
  constructor(readonly where: string) {
    super(`Aborted ${where}`);
  }
}
