import { ApiProperty } from '@nestjs/swagger';

/** What login and refresh answer in cookie mode: the refresh token went into the cookie. */
export class AccessTokenDto {
  @ApiProperty({ description: 'JWT to send as Authorization: Bearer <access_token>' })
  access_token: string;

  @ApiProperty({ example: 'Bearer' })
  token_type: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expires_in: number;
}

export class TokenPairDto extends AccessTokenDto {
  @ApiProperty({ description: 'Single-use token for POST /auth/refresh (never in a body in cookie mode)' })
  refresh_token: string;
}
