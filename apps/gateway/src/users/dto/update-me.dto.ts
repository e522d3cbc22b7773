import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Absent, EmailField, Optional, ToleratesControlCharacters } from '#libs/http';
import { ROLE_REFUSED } from '../../auth/dto/signup.dto.js';
import { IsAcceptablePassword, PASSWORD_RULE } from '../../auth/password.policy.js';

export class UpdateMeDto {
  /** Checked like a password at login: one set under the older policy may hold a control character other than NUL. */
  @ApiProperty({ description: 'Your current password, required for any change' })
  @MaxLength(256, { message: 'current_password must be at most 256 characters' })
  @IsString({ message: 'current_password must be a string' })
  @ToleratesControlCharacters()
  current_password: string;

  /** A new email, or `null` to remove yours. */
  @EmailField()
  email?: string | null;

  @ApiPropertyOptional({ description: `A new password (${PASSWORD_RULE}); every session of yours ends and you log in again` })
  @Optional()
  @IsAcceptablePassword()
  password?: string;

  @Absent(ROLE_REFUSED)
  role?: never;
}
