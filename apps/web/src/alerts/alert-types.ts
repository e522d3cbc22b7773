/** The alert rules' shapes, from the gateway's own types (schema.d.ts), and the kinds from libs/domain (shared with the server). */
import type { components } from '../api/schema';

export {
  ADMIN_ALERT_KINDS as ADMIN_KINDS,
  ALERT_KIND_SPECS,
  ALERT_LEVELS as LEVELS,
  ALERT_LIMITS,
  USER_ALERT_KINDS as USER_KINDS,
  type AlertChannel,
  type AlertKind,
  type AlertLevel as Level,
} from '../../../../libs/domain/src/alert-rules.ts';

export type AlertRuleInput = components['schemas']['AlertRuleDto'];
export type AlertRuleView = components['schemas']['AlertRuleViewDto'];
export type AlertRuleList = components['schemas']['AlertRuleListDto'];
