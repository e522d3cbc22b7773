import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ToleratesControlCharacters } from '#libs/http';

export class LoginDto {
  @ApiProperty({ example: 'satoshi' })
  @MinLength(1, { message: 'username must not be empty' })
  @MaxLength(64, { message: 'username must be at most 64 characters' })
  @IsString({ message: 'username must be a string' })
  username: string;

  /** A password set under the older policy may hold a tab or another control character; never NUL. */
  @ApiProperty({ example: 'correct horse battery' })
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(256, { message: 'password must be at most 256 characters' })
  @IsString({ message: 'password must be a string' })
  @ToleratesControlCharacters()
  password: string;

  @ApiPropertyOptional({
    description:
      'Stay signed in (cookie mode): the refresh cookie lives as long as the refresh token (JWT_REFRESH_TTL) instead of until the browser closes, and so does each of its successors',
    default: false,
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean({ message: 'remember must be true or false' })
  remember?: boolean;
}
