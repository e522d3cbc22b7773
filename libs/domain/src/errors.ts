/**
 * Domain errors. Each app maps them to HTTP statuses or retry decisions in one place
 * (the gateway's exception filter, the worker's processors).
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
