import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { USERNAME_PATTERN, USERNAME_RULE } from '../auth/password.policy.js';

/** A path username, case-insensitive; anything that cannot be one is a 400. */
@Injectable()
export class UsernamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!USERNAME_PATTERN.test(value)) throw new BadRequestException(USERNAME_RULE);
    return value.toLowerCase();
  }
}
