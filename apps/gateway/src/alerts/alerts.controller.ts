import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/decorators/current-user.decorator.js';
import { AlertRuleDto } from './dto/alert-rule.dto.js';
import { AlertRuleIdParams } from './dto/alert-rule-id.params.js';
import { AlertRuleListDto, AlertRuleViewDto } from './dto/alert-rule-view.dto.js';
import { AlertsService } from './alerts.service.js';

const BAD_RULE = ApiBadRequestResponse({
  description:
    "A field missing, of the wrong type, out of its range or not taken by the rule's kind (the message names it), or an interval not kept synced",
});
const ADMIN_KIND = ApiForbiddenResponse({
  description: 'A kind on models and data (coverage_out_of_band, training_failed, candles_stale) from a user who is not an admin',
});
const UNKNOWN_ASSET = 'The asset is not tracked';
const UNKNOWN_RULE = 'No rule of the caller has this id (another user’s rules are not to be seen)';
const BAD_ID = ApiBadRequestResponse({ description: 'Not a rule id (a UUID)' });

@ApiTags('alerts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's alert rules, newest first, and the most they may have" })
  @ApiOkResponse({ type: AlertRuleListDto })
  list(@CurrentUser() caller: AuthUser): Promise<AlertRuleListDto> {
    return this.alerts.list(caller);
  }

  @Post()
  @ApiOperation({ summary: 'Add an alert rule on one series: evaluated by the worker on each new candle, forecast or event of it' })
  @ApiCreatedResponse({ type: AlertRuleViewDto })
  @BAD_RULE
  @ADMIN_KIND
  @ApiNotFoundResponse({ description: UNKNOWN_ASSET })
  @ApiConflictResponse({ description: 'The caller has as many rules as ALERT_RULES_PER_USER allows' })
  create(@CurrentUser() caller: AuthUser, @Body() dto: AlertRuleDto): Promise<AlertRuleViewDto> {
    return this.alerts.create(caller, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: AlertRuleViewDto })
  @BAD_ID
  @ApiNotFoundResponse({ description: UNKNOWN_RULE })
  get(@CurrentUser() caller: AuthUser, @Param() { id }: AlertRuleIdParams): Promise<AlertRuleViewDto> {
    return this.alerts.get(caller, id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a rule: every field, with the checks of a new one (its firings and last firing stay)' })
  @ApiOkResponse({ type: AlertRuleViewDto })
  @ApiBadRequestResponse({ description: `Not a rule id (a UUID), or a field refused as POST refuses it` })
  @ADMIN_KIND
  @ApiNotFoundResponse({ description: `${UNKNOWN_RULE}, or ${UNKNOWN_ASSET.toLowerCase()}` })
  replace(@CurrentUser() caller: AuthUser, @Param() { id }: AlertRuleIdParams, @Body() dto: AlertRuleDto): Promise<AlertRuleViewDto> {
    return this.alerts.replace(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its firings' })
  @BAD_ID
  @ApiNotFoundResponse({ description: UNKNOWN_RULE })
  delete(@CurrentUser() caller: AuthUser, @Param() { id }: AlertRuleIdParams): Promise<void> {
    return this.alerts.delete(caller, id);
  }
}
