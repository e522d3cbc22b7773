import { Injectable, type OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id, with OWASP's second recommended setting (19 MiB, 2 passes). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService implements OnModuleInit {
  /** Checked when the username is unknown, so that an unknown user costs as much time as a wrong password. */
  private decoy = '';

  async onModuleInit(): Promise<void> {
    this.decoy = await this.hash('decoy-password-never-matches');
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  /** Whether the password matches; with no hash (unknown user), spends the same time and says no. */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    const matches = await argon2.verify(hash ?? this.decoy, password).catch(() => false);
    return hash !== undefined && matches;
  }
}
