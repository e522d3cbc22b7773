import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AddressGuard } from './address-guard.js';
import { SecretCipher } from './secret-cipher.js';

/** The cipher of webhook secrets under WEBHOOK_SECRET_KEY, and the address policy of WEBHOOK_ALLOW_PRIVATE, for the gateway and the worker alike. */
@Injectable()
export class WebhookPolicy {
  readonly cipher: SecretCipher;
  readonly guard: AddressGuard;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cipher = new SecretCipher(config.WEBHOOK_SECRET_KEY);
    this.guard = new AddressGuard(config.WEBHOOK_ALLOW_PRIVATE);
  }
}
