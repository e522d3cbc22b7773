import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/decorators/current-user.decorator.js';
import { CreateWebhookDto, DeliveriesQuery, WebhookIdParams } from './dto/webhook-inputs.dto.js';
import { CreatedWebhookDto, DeliveryListDto, TestDeliveryDto, WebhookListDto } from './dto/webhook-views.dto.js';
import { WebhooksService } from './webhooks.service.js';

const NOT_FOUND = ApiNotFoundResponse({ description: 'The caller has no webhook of this id' });
const BAD_ID = ApiBadRequestResponse({ description: 'Not a webhook id' });

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOkResponse({ type: WebhookListDto, description: "The caller's webhooks, without their secrets" })
  list(@CurrentUser() caller: AuthUser): Promise<WebhookListDto> {
    return this.webhooks.list(caller.id);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedWebhookDto, description: 'Added; its signing secret is in this answer only' })
  @ApiBadRequestResponse({
    description: 'Not an http(s) URL, credentials in it, or a host that is (or resolves to) a refused address; the message says which',
  })
  @ApiConflictResponse({ description: 'The caller already has WEBHOOKS_PER_USER webhooks' })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(caller.id, dto.url);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its deliveries (pending ones are not sent)' })
  @BAD_ID
  @NOT_FOUND
  remove(@CurrentUser() caller: AuthUser, @Param() { id }: WebhookIdParams): Promise<void> {
    return this.webhooks.remove(caller.id, id);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: TestDeliveryDto, description: 'A webhook.test delivery is queued; its outcome shows in the deliveries' })
  @BAD_ID
  @NOT_FOUND
  test(@CurrentUser() caller: AuthUser, @Param() { id }: WebhookIdParams): Promise<TestDeliveryDto> {
    return this.webhooks.test(caller.id, id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: DeliveryListDto, description: 'The newest deliveries and their outcomes' })
  @ApiBadRequestResponse({ description: 'Not a webhook id, or limit out of range' })
  @NOT_FOUND
  deliveries(
    @CurrentUser() caller: AuthUser,
    @Param() { id }: WebhookIdParams,
    @Query() { limit }: DeliveriesQuery,
  ): Promise<DeliveryListDto> {
    return this.webhooks.deliveries(caller.id, id, limit);
  }
}
