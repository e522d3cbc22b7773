import { ApiProperty } from '@nestjs/swagger';

export class TokenPairDto {
  @ApiProperty({ description: 'JWT to send as Authorization: Bearer <access_token>' })
  access_token: string;

  @ApiProperty({ description: 'Single-use token for POST /auth/refresh' })
  refresh_token: string;

  @ApiProperty({ example: 'Bearer' })
  token_type: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expires_in: number;
}
