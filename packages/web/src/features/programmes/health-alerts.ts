import type { WebProjectHealth } from '../../api/programme-types.ts';
import type ja from '../../i18n/ja.json';

/** A message key (as in i18n.tsx; imported from the catalogue so this stays a plain .ts module). */
type MessageKey = keyof typeof ja;

export type WebHealthAlert = WebProjectHealth['alertDetails'][number];

export interface AlertMessage {
  key: MessageKey;
  values: Record<string, string | number>;
}

/** A number from the wire ("not computable" is null) as a message value. */
const num = (v: number | null): number | string => v ?? '—';

/**
 * A project-health alert (`ProjectHealth.alertDetails`: a stable code with typed values) as a
 * message key with its values, so it reads in the chosen language. Every code has a message.
 */
export function alertMessage(
  alert: WebHealthAlert,
  roleLabel: (role: string) => string,
): AlertMessage {
  switch (alert.code) {
    case 'milestones_overdue':
      return { key: 'health.alert.overdue', values: { count: num(alert.values.count) } };
    case 'milestone_slipped':
      return {
        key: 'health.alert.slip',
        values: { milestone: alert.values.milestone, days: num(alert.values.days) },
      };
    case 'overspending':
      return { key: 'burn.overspending', values: {} };
    case 'underspending':
      return { key: 'burn.underspending', values: {} };
    case 'risk_rising':
      return {
        key: 'health.alert.riskRising',
        values: {
          title: alert.values.risk,
          from: num(alert.values.from),
          to: num(alert.values.to),
        },
      };
    case 'no_pdca_check':
      return { key: 'health.alert.noCheck', values: { days: num(alert.values.days) } };
    case 'team_incomplete':
      return {
        key: 'health.alert.teamLacks',
        values: { roles: alert.values.missing.map((r) => roleLabel(r)).join('・') },
      };
  }
}
