import { ApiProperty } from '@nestjs/swagger';
import {
  ALERT_CHANNELS,
  ALERT_KINDS,
  ALERT_LEVELS,
  INTERVAL_CODES,
  type AlertChannel,
  type AlertKind,
  type IntervalCode,
} from '#libs/domain';

export class AlertRuleViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BTC' }) asset: string;
  @ApiProperty({ enum: INTERVAL_CODES, example: '1d' }) interval: IntervalCode;
  @ApiProperty({ enum: ALERT_KINDS, example: 'price_above' }) kind: AlertKind;
  @ApiProperty({ type: Number, nullable: true, example: 70000 }) threshold: number | null;
  @ApiProperty({ type: String, nullable: true, example: '1d', description: 'As the largest unit that divides it exactly (14d is 2w)' })
  window: string | null;
  @ApiProperty({ type: Number, nullable: true, enum: ALERT_LEVELS, example: null }) level: number | null;
  @ApiProperty({ example: '1d', description: 'One candle of the interval unless set' }) cooldown: string;
  @ApiProperty({ enum: ALERT_CHANNELS, isArray: true, example: ['inbox'] }) channels: AlertChannel[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it last fired' }) lastFiredAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Muted until then; null when not snoozed (or the snooze is over)',
  })
  snoozedUntil: string | null;
}

export class AlertRuleListDto {
  @ApiProperty({ type: [AlertRuleViewDto], description: 'Newest first' }) rules: AlertRuleViewDto[];
  @ApiProperty({ example: 50, description: 'The most rules a user may have (ALERT_RULES_PER_USER)' }) limit: number;
}
