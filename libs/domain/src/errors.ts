/**
 * Domain errors. Each app maps them to HTTP statuses or retry decisions in one place
 * (the error filters of libs/http, the worker's processors).
 */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownAssetError extends DomainError {
  constructor(readonly symbol: string) {
    super(`Unknown asset '${symbol}'`);
  }
}

export class AssetAlreadyTrackedError extends DomainError {
  constructor(
    readonly symbol: string,
    pair?: string,
  ) {
    super(pair ? `Kraken pair '${pair}' is already tracked as '${symbol}'` : `Asset '${symbol}' is already tracked`);
  }
}

/**
 * A symbol or a Kraken pair that belongs to an asset no longer tracked. An asset keeps its symbol
 * and its pair for good (its candles and models belong to it), so such a pair is tracked again
 * under its old symbol, never renamed or given to another symbol.
 */
export class AssetTrackedBeforeError extends DomainError {
  /** The pair was tracked as `symbol`, and another symbol was asked for. */
  static pair(pair: string, symbol: string): AssetTrackedBeforeError {
    return new AssetTrackedBeforeError(
      symbol,
      `Kraken pair '${pair}' was tracked as '${symbol}' (its candles are kept): track it again as '${symbol}'`,
    );
  }

  /** The symbol was the one of `pair`, and another pair was asked for. */
  static symbol(symbol: string, pair: string, wanted: string): AssetTrackedBeforeError {
    return new AssetTrackedBeforeError(
      symbol,
      `'${symbol}' was the symbol of Kraken pair '${pair}' (its candles are kept): track ${pair} again as '${symbol}', or give ${wanted} another symbol`,
    );
  }

  constructor(
    readonly symbol: string,
    message: string,
  ) {
    super(message);
  }
}

/** Kraken answered that the pair does not exist: retrying cannot help. */
export class UnknownAssetPairError extends DomainError {
  constructor(readonly pair: string) {
    super(`Kraken does not know the asset pair '${pair}' (EQuery:Unknown asset pair)`);
  }
}

/** Kraken refused the call for a reason that a later retry may clear (rate limit, overload, 5xx, timeout). */
export class KrakenUnavailableError extends DomainError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Kraken answered with something we cannot use: an error we do not retry, or a body that is not Kraken's JSON. */
export class KrakenResponseError extends DomainError {
  constructor(
    message: string,
    readonly errors: readonly string[] = [],
  ) {
    super(message);
  }
}

export class InvalidCandleFileError extends DomainError {}

/** A training that would occupy a worker for longer than TRAIN_COST_BUDGET allows (see trainingCost). A retry cannot help. */
export class TrainingBudgetExceededError extends DomainError {
  constructor(
    message: string,
    readonly cost: number,
    readonly budget: number,
  ) {
    super(message);
  }
}

export class LastAdminError extends DomainError {
  constructor(readonly username: string) {
    super(`'${username}' is the last admin: make another user admin first`);
  }
}

export class UsernameTakenError extends DomainError {
  constructor(readonly username: string) {
    super(`The username '${username}' is taken`);
  }
}

/** Too many attempts: the caller may try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** What a request asked for does not exist (yet): a 404 over HTTP. */
export abstract class NotFoundError extends DomainError {}

/** A request that breaks a rule its shape alone cannot tell (a range backwards, an asset nobody tracks): a 400 over HTTP. */
export abstract class InvalidRequestError extends DomainError {}

/** No job of ours has this id: it never existed, it was removed after it finished, or it is not a job id we issue. */
export class UnknownJobError extends NotFoundError {
  constructor(readonly id: string) {
    super(`No job with id '${id}': it never existed, or it finished long enough ago to be removed`);
  }
}

/** An asset and interval without forecasts; `reason` says what is missing for one. */
export class NoForecastError extends NotFoundError {
  constructor(
    readonly symbol: string,
    readonly interval: string,
    reason: string,
  ) {
    super(`No forecast for ${symbol} ${interval} yet: ${reason}`);
  }
}

/** An asset and interval whose models have no best one, because none was trained or none was scored. */
export class NoBestModelError extends NotFoundError {
  constructor(
    readonly symbol: string,
    readonly interval: string,
    readonly models: number,
  ) {
    super(
      models === 0
        ? `No model for ${symbol} ${interval} yet: none has been trained (POST /prediction/train starts one)`
        : `No best model for ${symbol} ${interval} yet: none of its ${models} model(s) has been chosen (POST /prediction/score picks one)`,
    );
  }
}

export class NoEvaluationError extends NotFoundError {
  constructor(
    readonly symbol: string,
    readonly interval: string,
    readonly version: number,
  ) {
    super(`No evaluation of the best ${symbol} ${interval} model (version ${version}) yet: POST /prediction/score evaluates it`);
  }
}

/** A request field names an asset Candlecast has never known (as opposed to a path, where it is a 404). */
export class UnknownRequestedAssetError extends InvalidRequestError {
  constructor(
    readonly symbol: string,
    tracked: readonly string[],
  ) {
    super(`asset '${symbol}' is not known to Candlecast${tracked.length ? `: tracked assets are ${tracked.join(', ')}` : ''}`);
  }
}

/** A time range whose start comes after its end. */
export class BackwardsRangeError extends InvalidRequestError {
  constructor() {
    super('from must not be after to');
  }
}

// --- step 8 (helper `api`) ---

/** A request that conflicts with the state of what it names (a model not ready to pin, a job that already finished): a 409 over HTTP. */
export abstract class ConflictError extends DomainError {}

export class UnknownModelError extends NotFoundError {
  constructor(readonly id: string) {
    super(`No model with id '${id}'`);
  }
}

/** Only a ready model can be served, so only a ready model can be pinned. */
export class ModelNotReadyError extends ConflictError {
  constructor(
    readonly id: string,
    readonly status: string,
  ) {
    super(`Model ${id} is ${status}: only a ready model can be pinned`);
  }
}

/** A job that already finished cannot be cancelled. */
export class JobFinishedError extends ConflictError {
  constructor(
    readonly id: string,
    readonly state: string,
  ) {
    super(`Job ${id} has already ${state === 'completed' ? 'completed' : 'failed'}: there is nothing left to cancel`);
  }
}

/** No stored walk-forward of a series (of a family, when one was asked for). */
export class NoBacktestError extends NotFoundError {
  constructor(symbol: string, interval: string, family?: string) {
    super(
      `No backtest of ${symbol} ${interval}${family ? ` for the family ${family}` : ''} yet: ` +
        'POST /prediction/backtest runs one (a trained model also stores its own walk-forward)',
    );
  }
}

/** No forecast of a series that carries a distribution (only step-7 forecasts, or none). */
export class NoVolatilityError extends NotFoundError {
  constructor(symbol: string, interval: string) {
    super(
      `No volatility forecast for ${symbol} ${interval} yet: its newest forecast has no distribution (POST /prediction/predict makes one)`,
    );
  }
}

/** A backtest or tuning whose fits would cost more than its budget: the message gives the cost and the limit. */
export class ResearchBudgetExceededError extends InvalidRequestError {
  constructor(
    message: string,
    readonly cost: number,
    readonly budget: number,
  ) {
    super(message);
  }
}

/** Hyperparameters are the LSTM's: a train request for another family cannot carry them. */
export class HyperparametersOfOtherFamilyError extends InvalidRequestError {
  constructor(readonly family: string) {
    super(`hyperparameters are the LSTM's settings: leave them out to train ${family}, or ask for family lstm`);
  }
}

/** A backtest span that holds no candle of the series. */
export class EmptySpanError extends InvalidRequestError {
  constructor(symbol: string, interval: string) {
    super(`No ${symbol} ${interval} candle opens between from and to: there is nothing to backtest`);
  }
}

// --- step 9 (helper `analysis`) ---

/** Series asked to be aligned share no open time in the span: the message says which and what each holds. */
export class NoSharedTimeError extends InvalidRequestError {}

/** Aligned series share too few consecutive times for the returns a figure needs (a correlation needs 2). */
export class TooFewSharedReturnsError extends InvalidRequestError {
  constructor(
    readonly returns: number,
    readonly needed: number,
  ) {
    super(
      `the series share ${returns} return${returns === 1 ? '' : 's'} of consecutive candles in that span; at least ${needed} are needed`,
    );
  }
}

/** A known asset with no candle of that interval in the span asked for. */
export class NoCandlesInSpanError extends NotFoundError {
  constructor(symbol: string, interval: string, from?: Date, to?: Date) {
    const span = from || to ? ` from ${from?.toISOString() ?? 'the first'} to ${to?.toISOString() ?? 'the last'}` : '';
    super(`No ${interval} candles of ${symbol} are stored${span}`);
  }
}

// --- step 10 (helper `alerts`) ---

/** The caller's role does not allow what the request asks for, though the route is theirs: a 403 over HTTP. */
export abstract class ForbiddenError extends DomainError {}

/** No alert rule of the caller's has this id (another user's rule included: theirs are not to be seen). */
export class UnknownAlertRuleError extends NotFoundError {
  constructor(readonly id: string) {
    super(`No alert rule with id '${id}'`);
  }
}

/** A rule of a kind on models and data (coverage_out_of_band, training_failed, candles_stale) set by a user who is not an admin. */
export class AdminAlertKindError extends ForbiddenError {
  constructor(readonly kind: string) {
    super(`Only admins may set ${kind} rules`);
  }
}

/** A user who has as many alert rules as ALERT_RULES_PER_USER allows. */
export class AlertRuleLimitError extends ConflictError {
  constructor(readonly limit: number) {
    super(`A user may have at most ${limit} alert rules: delete one first`);
  }
}

/** A rule whose fields do not fit its kind or its series (each problem names its field). */
export class InvalidAlertRuleError extends InvalidRequestError {}
