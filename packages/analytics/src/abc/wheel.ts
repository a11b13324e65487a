import type { NetworkActor } from '#core/network-columns.ts';
import { WHEEL_SECTORS, type WheelSector } from '#core/vocabulary.ts';

/** The seven sectors of the Technopolis Wheel live in core (the HTTP contract names them too). */
export { WHEEL_SECTORS, type WheelSector };

export const WHEEL_LABELS: Record<WheelSector, { ja: string; en: string }> = {
  university: { ja: '大学・研究機関', en: 'university and research institutes' },
  large_companies: { ja: '大企業', en: 'large companies' },
  new_companies: { ja: '新興企業', en: 'new companies' },
  national_government: { ja: '国', en: 'national government' },
  regional_government: { ja: '都道府県', en: 'regional (prefectural) government' },
  local_government: { ja: '市町村', en: 'local (municipal) government' },
  support_groups: { ja: '支援機関・金融', en: 'support groups and finance' },
};

/** A company this young (years) or flagged as a start-up counts as a new company. */
export const NEW_COMPANY_MAX_AGE = 10;
/** Employees from which a company counts as large when it carries no flag. */
export const LARGE_COMPANY_MIN_EMPLOYEES = 300;

/** The wheel sector an actor belongs to, if any (people take their organisation's sector). */
export function wheelSectorOf(actor: NetworkActor, asOfYear: number): WheelSector | undefined {
  switch (actor.sector) {
    case 'university':
    case 'public_research':
    case 'national_lab':
      return 'university';
    case 'company': {
      if (actor.flags.includes('startup') || actor.flags.includes('university_venture'))
        return 'new_companies';
      if (actor.foundedYear !== undefined && asOfYear - actor.foundedYear <= NEW_COMPANY_MAX_AGE)
        return 'new_companies';
      if (actor.flags.includes('large') || actor.flags.includes('anchor')) return 'large_companies';
      if ((actor.employees ?? 0) >= LARGE_COMPANY_MIN_EMPLOYEES) return 'large_companies';
      // SMEs are the regional fabric the wheel acts on, not one of its seven spokes.
      return undefined;
    }
    case 'national_government':
      return 'national_government';
    case 'prefecture':
      return 'regional_government';
    case 'municipality':
      return 'local_government';
    case 'support_org':
    case 'financial':
    case 'npo':
      return 'support_groups';
    default:
      return undefined;
  }
}

/** Sector pairs whose tie matters most for turning research into business (checked for weak links). */
export const KEY_SECTOR_PAIRS: readonly (readonly [WheelSector, WheelSector])[] = [
  ['university', 'large_companies'],
  ['university', 'new_companies'],
  ['university', 'regional_government'],
  ['new_companies', 'support_groups'],
  ['large_companies', 'new_companies'],
  ['regional_government', 'local_government'],
  ['support_groups', 'university'],
];
