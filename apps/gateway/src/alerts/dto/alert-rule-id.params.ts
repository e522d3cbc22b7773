import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AlertRuleIdParams {
  @ApiProperty({ format: 'uuid', description: 'A rule id of GET /alerts' })
  @IsUUID('all', { message: 'id must be an alert rule id (a UUID)' })
  id: string;
}
