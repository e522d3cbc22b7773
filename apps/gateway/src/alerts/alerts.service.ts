import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AlertRuleRepository, AssetRepository, type AlertRuleData, type StoredAlertRule } from '#libs/database';
import {
  AdminAlertKindError,
  AlertRuleLimitError,
  checkAlertRule,
  formatSpan,
  InvalidAlertRuleError,
  isAdminAlertKind,
  UnknownAlertRuleError,
  UnknownAssetError,
} from '#libs/domain';
import type { AuthUser } from '../auth/auth-user.js';
import type { AlertRuleDto } from './dto/alert-rule.dto.js';
import type { AlertRuleListDto, AlertRuleViewDto } from './dto/alert-rule-view.dto.js';

/** Each user's alert rules: only their own are seen or changed; the kinds on models and data are for admins. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly rules: AlertRuleRepository,
    private readonly assets: AssetRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(caller: AuthUser): Promise<AlertRuleListDto> {
    return { rules: (await this.rules.list(caller.id)).map(toView), limit: this.config.ALERT_RULES_PER_USER };
  }

  async get(caller: AuthUser, id: string): Promise<AlertRuleViewDto> {
    return toView(await this.own(caller, id));
  }

  async create(caller: AuthUser, dto: AlertRuleDto): Promise<AlertRuleViewDto> {
    const rule = await this.checked(caller, dto);
    const created = await this.rules.createWithin(caller.id, rule, this.config.ALERT_RULES_PER_USER);
    if (!created) throw new AlertRuleLimitError(this.config.ALERT_RULES_PER_USER);
    return toView(created);
  }

  /** Replaces the whole rule, with the checks of a new one. */
  async replace(caller: AuthUser, id: string, dto: AlertRuleDto): Promise<AlertRuleViewDto> {
    await this.own(caller, id);
    const replaced = await this.rules.replace(caller.id, id, await this.checked(caller, dto));
    if (!replaced) throw new UnknownAlertRuleError(id);
    return toView(replaced);
  }

  async delete(caller: AuthUser, id: string): Promise<void> {
    if (!(await this.rules.delete(caller.id, id))) throw new UnknownAlertRuleError(id);
  }

  private async own(caller: AuthUser, id: string): Promise<StoredAlertRule> {
    const rule = await this.rules.find(caller.id, id);
    if (!rule) throw new UnknownAlertRuleError(id);
    return rule;
  }

  /** The fields as stored: each checked against its kind (400), the kind against the caller's role (403), the series against what is tracked. */
  private async checked(caller: AuthUser, dto: AlertRuleDto): Promise<AlertRuleData> {
    const checked = checkAlertRule(dto);
    if (!checked.ok) throw new InvalidAlertRuleError(checked.problems.map((p) => p.message).join('; '));
    if (isAdminAlertKind(dto.kind) && caller.role !== 'admin') throw new AdminAlertKindError(dto.kind);
    if (!this.config.TRACKED_INTERVALS.includes(dto.interval))
      throw new InvalidAlertRuleError(`interval must be one of the intervals kept synced: ${this.config.TRACKED_INTERVALS.join(', ')}`);
    const asset = await this.assets.findBySymbol(dto.asset);
    if (!asset?.tracked) throw new UnknownAssetError(dto.asset);
    return {
      assetId: asset.id,
      interval: dto.interval,
      kind: dto.kind,
      ...checked.rule,
      channels: dto.channels,
      active: dto.active ?? true,
    };
  }
}

function toView(rule: StoredAlertRule): AlertRuleViewDto {
  return {
    id: rule.id,
    asset: rule.asset,
    interval: rule.interval,
    kind: rule.kind,
    threshold: rule.threshold,
    window: rule.windowMinutes === null ? null : formatSpan(rule.windowMinutes),
    level: rule.level,
    cooldown: formatSpan(rule.cooldownMinutes),
    channels: rule.channels,
    active: rule.active,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
    lastFiredAt: rule.lastFiredAt?.toISOString() ?? null,
    snoozedUntil: rule.snoozedUntil?.toISOString() ?? null,
  };
}
