import { BadRequestException, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTooManyRequestsResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/decorators/current-user.decorator.js';
import { NotificationPageDto, NotificationViewDto, ReadAllDto } from './dto/notification-view.dto.js';
import { ListNotificationsQuery, NotificationIdParams } from './dto/notification-queries.dto.js';
import { isNotificationId } from './dto/notification-id.field.js';
import { NotificationStreams, STREAMS_PER_USER } from './notification-streams.service.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly streams: NotificationStreams,
  ) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto, description: "The caller's inbox, newest first, a page at a time, and the unread count" })
  @ApiBadRequestResponse({ description: 'unread, limit or before out of shape (named)' })
  list(@CurrentUser() caller: AuthUser, @Query() query: ListNotificationsQuery): Promise<NotificationPageDto> {
    return this.notifications.page(caller.id, query);
  }

  @Get('stream')
  @ApiOperation({
    summary: 'Server-Sent Events of the caller’s new notifications',
    description:
      'Authenticated by the Authorization header (a streamed fetch; never a token in the URL). Each new inbox entry is ' +
      '`id: <notification id>` / `event: notification` / `data: <NotificationView JSON>`; a `: ping` comment every 15 s. ' +
      'With Last-Event-ID, the entries after that id come first. When the session ends (logout, deletion, a new password) ' +
      'or the access token expires: `event: end` with `data: {"reason":"session_ended"|"token_expired"}`, then the stream closes; ' +
      'reconnect with a fresh token and the last id seen. Not compressed, not cached; any gateway serves it.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received: replays those after it' })
  @ApiOkResponse({ description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'Last-Event-ID is no notification id' })
  @ApiTooManyRequestsResponse({ description: `The caller has ${STREAMS_PER_USER} streams open on this gateway already; see Retry-After` })
  async stream(
    @CurrentUser() caller: AuthUser,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (lastEventId !== undefined && lastEventId !== '0' && !isNotificationId(lastEventId))
      throw new BadRequestException('Last-Event-ID must be a notification id (a whole number from 0)');
    await this.streams.open(caller, res, lastEventId);
  }

  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ReadAllDto, description: 'Every entry of the caller is read now' })
  readAll(@CurrentUser() caller: AuthUser): Promise<ReadAllDto> {
    return this.notifications.markAllRead(caller.id);
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: NotificationViewDto, description: 'Read (an entry read before keeps its time)' })
  @ApiBadRequestResponse({ description: 'Not a notification id' })
  @ApiNotFoundResponse({ description: 'No such entry in the caller’s inbox' })
  read(@CurrentUser() caller: AuthUser, @Param() { id }: NotificationIdParams): Promise<NotificationViewDto> {
    return this.notifications.markRead(caller.id, id);
  }
}
