import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ModelIdParams {
  @ApiProperty({ format: 'uuid', description: 'A model id of GET /prediction/models' })
  @IsUUID('all', { message: 'id must be a model id (a UUID)' })
  id: string;
}
