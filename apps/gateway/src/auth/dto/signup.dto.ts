import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { Absent, EmailField } from '#libs/http';
import { IsAcceptablePassword, PASSWORD_LENGTH, PASSWORD_RULE, USERNAME_PATTERN, USERNAME_RULE } from '../password.policy.js';

export const ROLE_REFUSED = 'role cannot be chosen here: an admin changes roles with PUT /auth/users/{username}/role';

export class SignupDto {
  @ApiProperty({ example: 'satoshi', description: USERNAME_RULE })
  @IsString({ message: 'username must be a string' })
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username: string;

  @ApiProperty({
    example: 'correct horse battery',
    minLength: PASSWORD_LENGTH.min,
    maxLength: PASSWORD_LENGTH.max,
    description: PASSWORD_RULE,
  })
  @IsAcceptablePassword()
  password: string;

  @EmailField()
  email?: string | null;

  /** Declared only to refuse it with a clear message, `null` included. */
  @Absent(ROLE_REFUSED)
  role?: never;
}
