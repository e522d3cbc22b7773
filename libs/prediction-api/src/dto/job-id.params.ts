import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export const JOB_ID_PATTERN = /^[A-Za-z0-9:_-]{1,64}$/;

export class JobIdParams {
  @ApiProperty({ description: 'The jobId that a POST /prediction/* answered with', example: '0b7c2f4e-5a3d-4d8e-9c61-2f0d4a9b7e13' })
  @Matches(JOB_ID_PATTERN, { message: 'id must be a job id: 1 to 64 letters, digits, -, _ or :' })
  id: string;
}
