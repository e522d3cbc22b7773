import { ApiProperty } from '@nestjs/swagger';

export class NotificationViewDto {
  @ApiProperty({ example: '123', description: 'A decimal string; the SSE event id of GET /notifications/stream' }) id: string;
  @ApiProperty({ example: 'price_above', description: 'An alert kind, or webhook_disabled, refresh_reuse, webhook_test' }) kind: string;
  @ApiProperty({ example: 'BTC closed above 70,000 USD' }) title: string;
  @ApiProperty({ example: 'BTC 1d closed at 70,412 USD, above your level of 70,000 USD.' }) body: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the notification reports, by kind' })
  data: Record<string, unknown>;
  @ApiProperty({ example: '2026-12-02T15:00:01.000Z' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-02T15:00:00.000Z', description: 'When what it reports happened' })
  occurredAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationViewDto], description: 'Newest first' }) items: NotificationViewDto[];
  @ApiProperty({ example: 3, description: "The caller's unread entries, all pages together" }) unread: number;
  @ApiProperty({ type: String, nullable: true, example: '77', description: 'The `before` of the next page; null on the last' })
  next: string | null;
}

export class ReadAllDto {
  @ApiProperty({ example: 3, description: 'Entries marked read now' }) marked: number;
  @ApiProperty({ example: 0, enum: [0] }) unread: 0;
}
