import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export class RefreshDto {
  @ApiPropertyOptional({
    description:
      'The refresh_token of the last login or refresh; it can be used once. Required, except in cookie mode, where the cookie carries it',
  })
  @ValidateIf((_, value) => value !== undefined)
  @MaxLength(200, { message: 'refresh_token must be at most 200 characters' })
  @IsString({ message: 'refresh_token must be a string' })
  refresh_token?: string;
}

export class LogoutDto {
  @ApiPropertyOptional({
    description: "The session to end; by default (left out) the session of the access token, or in cookie mode the cookie's",
  })
  // Only left out may it be: an empty or null token is a mistake, not a request to end the caller's own session.
  @ValidateIf((_, value) => value !== undefined)
  @Matches(/\S/, { message: 'refresh_token must not be empty: leave it out to end the session of your access token' })
  @MaxLength(200, { message: 'refresh_token must be at most 200 characters' })
  @IsString({ message: 'refresh_token must be a string' })
  refresh_token?: string;
}
