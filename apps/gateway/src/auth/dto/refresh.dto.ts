import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class RefreshDto {
  @ApiProperty({ description: 'The refresh_token of the last login or refresh; it can be used once' })
  @MaxLength(200, { message: 'refresh_token must be at most 200 characters' })
  @IsString({ message: 'refresh_token must be a string' })
  refresh_token: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'The session to end; by default the session of the access token' })
  @IsOptional()
  @MaxLength(200, { message: 'refresh_token must be at most 200 characters' })
  @IsString({ message: 'refresh_token must be a string' })
  refresh_token?: string;
}
