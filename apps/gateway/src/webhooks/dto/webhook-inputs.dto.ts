import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, registerDecorator, type ValidationArguments } from 'class-validator';
import { QueryIntegerField } from '#libs/http';
import { webhookUrlProblem } from '#libs/notifications';

function IsWebhookUrl(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWebhookUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => webhookUrlProblem(value) === null,
        defaultMessage: ({ value }: ValidationArguments) => webhookUrlProblem(value) ?? '',
      },
    });
}

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://example.com/hooks/candlecast',
    maxLength: 2048,
    description:
      'http or https, no user name or password; its host must not be (or resolve to) a link-local or metadata address, ' +
      'nor a loopback or private one unless WEBHOOK_ALLOW_PRIVATE is set',
  })
  @IsWebhookUrl()
  url: string;
}

export class WebhookIdParams {
  @ApiProperty({ format: 'uuid', description: 'A webhook id of GET /webhooks' })
  @IsUUID('all', { message: 'id must be a webhook id (a UUID)' })
  id: string;
}

export class DeliveriesQuery {
  @QueryIntegerField('limit', { min: 1, max: 100, default: 20 }, 'Deliveries to show, newest first')
  limit: number = 20;
}
