import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLE_REFUSED } from '../../auth/dto/signup.dto.js';
import { IsAcceptablePassword } from '../../auth/password.policy.js';

export class UpdateMeDto {
  @ApiProperty({ description: 'Your current password, required for any change' })
  @MaxLength(256, { message: 'current_password must be at most 256 characters' })
  @IsString({ message: 'current_password must be a string' })
  current_password: string;

  @ApiPropertyOptional({ example: 'satoshi@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email?: string;

  @ApiPropertyOptional({ description: 'A new password; every session of yours ends and you log in again' })
  @IsOptional()
  @IsAcceptablePassword()
  password?: string;

  @IsEmpty({ message: ROLE_REFUSED })
  role?: never;
}
