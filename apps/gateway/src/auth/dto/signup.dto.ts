import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsAcceptablePassword, PASSWORD_LENGTH, USERNAME_PATTERN, USERNAME_RULE } from '../password.policy.js';

export const ROLE_REFUSED = 'role cannot be chosen here: an admin changes roles with PUT /auth/users/{username}/role';

export class SignupDto {
  @ApiProperty({ example: 'satoshi', description: USERNAME_RULE })
  @IsString({ message: 'username must be a string' })
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username: string;

  @ApiProperty({ example: 'correct horse battery', minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max })
  @IsAcceptablePassword()
  password: string;

  @ApiPropertyOptional({ example: 'satoshi@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email?: string;

  /** Declared only to refuse it with a clear message. */
  @IsEmpty({ message: ROLE_REFUSED })
  role?: never;
}
