import { ConflictError, InvalidRequestError, NotFoundError } from '#libs/domain';

/** A webhook URL that is no http(s) URL we may call, or whose host is (or resolves to) a refused address. */
export class WebhookTargetRefusedError extends InvalidRequestError {}

export class UnknownWebhookError extends NotFoundError {
  constructor(readonly id: string) {
    super(`No webhook with id '${id}'`);
  }
}

export class UnknownNotificationError extends NotFoundError {
  constructor(readonly id: string) {
    super(`No notification with id '${id}'`);
  }
}

export class WebhookLimitError extends ConflictError {
  constructor(readonly limit: number) {
    super(`A user may keep at most ${limit} webhooks: delete one first`);
  }
}
