import { ApiProperty } from '@nestjs/swagger';

/** Every error the API answers with. */
export class ErrorView {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({
    example: 'interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d',
    description: 'What was wrong, and what is allowed',
  })
  message: string;
}
