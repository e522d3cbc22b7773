import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { Optional, QueryIntegerField } from '#libs/http';
import { NotificationIdField } from './notification-id.field.js';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Unread entries only' })
  @Optional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread: boolean = false;

  @QueryIntegerField('limit', { min: 1, max: 100, default: 50 }, 'Entries per page')
  limit: number = 50;

  @NotificationIdField('before', true, 'Only entries older than this one: the `next` of the page before')
  before?: string;
}

export class NotificationIdParams {
  @NotificationIdField('id', false, 'A notification id of GET /notifications')
  id: string;
}
