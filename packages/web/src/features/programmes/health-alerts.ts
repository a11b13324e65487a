import type ja from '../../i18n/ja.json';

/** A message key (as in i18n.tsx; imported from the catalogue so this stays a plain .ts module). */
type MessageKey = keyof typeof ja;

export interface AlertMessage {
  key: MessageKey;
  values: Record<string, string | number>;
}

/**
 * The project-health alerts (`ProjectHealth.alerts`, written in English by the service) as
 * message keys with their values, so they read in the chosen language. An alert of an unknown
 * form gives null and is shown as sent.
 */
export function alertMessage(
  alert: string,
  roleLabel: (role: string) => string,
): AlertMessage | null {
  let m = /^(\d+) milestone\(s\) overdue$/.exec(alert);
  if (m) return { key: 'health.alert.overdue', values: { count: Number(m[1]) } };
  m = /^a milestone slipped (\d+) days$/.exec(alert);
  if (m) return { key: 'health.alert.slip', values: { days: Number(m[1]) } };
  if (alert === 'spending runs ahead of time') return { key: 'burn.overspending', values: {} };
  if (alert === 'spending lags behind time') return { key: 'burn.underspending', values: {} };
  m = /^risk rising: (.+) \((\d+) → (\d+)\)$/.exec(alert);
  if (m)
    return {
      key: 'health.alert.riskRising',
      values: { title: m[1] ?? '', from: Number(m[2]), to: Number(m[3]) },
    };
  m = /^no PDCA check for (\d+) days$/.exec(alert);
  if (m) return { key: 'health.alert.noCheck', values: { days: Number(m[1]) } };
  m = /^team lacks (.+)$/.exec(alert);
  if (m)
    return {
      key: 'health.alert.teamLacks',
      values: {
        roles: (m[1] ?? '')
          .split(', ')
          .map((r) => roleLabel(r))
          .join('・'),
      },
    };
  return null;
}
