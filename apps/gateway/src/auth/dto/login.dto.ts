import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
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
}
