import { ApiProperty } from '@nestjs/swagger';

export class LastDeliveryDto {
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: 'pending' | 'delivered' | 'failed';
  @ApiProperty({ example: '2026-12-02T15:00:02.000Z', description: 'Its last attempt, or when it was queued' }) at: string;
  @ApiProperty({ type: Number, nullable: true, example: 200 }) responseStatus: number | null;
}

export class WebhookViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://example.com/hooks/candlecast' }) url: string;
  @ApiProperty({ description: 'False once disabled after failing WEBHOOK_FAILURES_TO_DISABLE deliveries in a row' }) active: boolean;
  @ApiProperty({ type: String, nullable: true, example: null }) disabledReason: string | null;
  @ApiProperty({ example: 0, description: 'Deliveries failed in a row (each after all its retries)' }) consecutiveFailures: number;
  @ApiProperty({ example: '2026-12-02T15:00:00.000Z' }) createdAt: string;
  @ApiProperty({ type: LastDeliveryDto, nullable: true }) lastDelivery: LastDeliveryDto | null;
}

export class CreatedWebhookDto extends WebhookViewDto {
  @ApiProperty({ example: 'whsec_3q2-7wKx…', description: 'The signing secret: shown this once, never again' }) secret: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookViewDto], description: 'Oldest first' }) webhooks: WebhookViewDto[];
  @ApiProperty({ example: 5, description: 'How many a user may keep (WEBHOOKS_PER_USER)' }) limit: number;
}

export class TestDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'The X-Candlecast-Delivery of the test delivery' }) deliveryId: string;
}

export class DeliveryViewDto {
  @ApiProperty({ format: 'uuid', description: 'X-Candlecast-Delivery: the same on every retry' }) id: string;
  @ApiProperty({ example: 'alert.fired' }) event: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: 'pending' | 'delivered' | 'failed';
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ type: Number, nullable: true, example: 200 }) responseStatus: number | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why the last attempt failed' }) error: string | null;
  @ApiProperty({ example: '2026-12-02T15:00:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true }) lastAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) deliveredAt: string | null;
}

export class DeliveryListDto {
  @ApiProperty({ type: [DeliveryViewDto], description: 'Newest first' }) deliveries: DeliveryViewDto[];
}
