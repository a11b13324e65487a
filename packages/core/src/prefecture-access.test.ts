import { describe, expect, it } from 'vitest';
import type { Account, Principal } from './accounts.ts';
import { canWrite, type WriteFacts } from './permissions.ts';
import type { OrganisationFacts } from './prefecture-access.ts';

function member(organisationId: string): Principal {
  const account: Account = {
    id: `acc-${organisationId}`,
    email: `${organisationId}@example.jp`,
    displayName: organisationId,
    role: 'member',
    organisationId,
    disabled: false,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  };
  return { kind: 'account', via: 'session', account };
}

const shizuoka: OrganisationFacts = { id: 'pref-22', sector: 'prefecture', prefectureCode: '22' };
const facts: WriteFacts = { organisation: shizuoka };
const official = member('pref-22');

const indicator = (areaCode: string, areaType = 'prefecture') => ({
  areaType,
  areaCode,
  year: 2024,
  metric: 'joint_research',
  value: 12,
  unit: '件',
});
const strategy = (areaCode: string, areaType = 'prefecture') => ({
  id: 'st',
  name: 'ビジョン',
  areaType,
  areaCode,
});
const adoption = (...prefectureCodes: string[]) => ({
  id: 'ad',
  programmeId: 'p',
  regionName: '浜松',
  prefectureCodes,
  startFy: 2020,
});

describe('a prefecture member writes its own prefecture’s records', () => {
  it.each([
    ['indicators', 'create', { after: indicator('22') }],
    ['indicators', 'update', { before: indicator('22'), after: indicator('22') }],
    ['indicators', 'delete', { before: indicator('22') }],
    ['region-strategies', 'create', { after: strategy('22') }],
    ['region-strategies', 'update', { before: strategy('22'), after: strategy('22') }],
    ['adoptions', 'create', { after: adoption('22') }],
    ['adoptions', 'update', { before: adoption('22'), after: adoption('22') }],
    ['indicators', 'create', {}],
  ] as const)('%s %s is allowed', (entity, action, records) => {
    expect(canWrite(official, entity, action, records, facts)).toEqual({ allowed: true });
  });
});

describe('and nothing beyond it', () => {
  it.each([
    ['another prefecture’s indicator', 'indicators', 'create', { after: indicator('13') }],
    [
      'a municipality’s indicator',
      'indicators',
      'create',
      { after: indicator('221309', 'municipality') },
    ],
    ['a community’s indicator', 'indicators', 'create', { after: indicator('c3', 'community') }],
    ['the nation’s indicator', 'indicators', 'create', { after: indicator('JP', 'nation') }],
    [
      'moving an indicator away',
      'indicators',
      'update',
      { before: indicator('22'), after: indicator('13') },
    ],
    [
      'taking another prefecture’s indicator',
      'indicators',
      'update',
      { before: indicator('13'), after: indicator('22') },
    ],
    [
      'deleting another prefecture’s indicator',
      'indicators',
      'delete',
      { before: indicator('13') },
    ],
    [
      'another prefecture’s strategy',
      'region-strategies',
      'update',
      { before: strategy('40'), after: strategy('40') },
    ],
    [
      'a consortium’s strategy',
      'region-strategies',
      'create',
      { after: strategy('cons-1', 'consortium') },
    ],
    [
      'a community’s strategy',
      'region-strategies',
      'create',
      { after: strategy('c5', 'community') },
    ],
    [
      'an adoption shared with another prefecture',
      'adoptions',
      'create',
      { after: adoption('22', '23') },
    ],
    [
      'another prefecture’s adoption',
      'adoptions',
      'update',
      { before: adoption('13'), after: adoption('22') },
    ],
  ] as const)('%s is refused', (_, entity, action, records) => {
    const decision = canWrite(official, entity, action, records, facts);
    expect(decision.allowed).toBe(false);
  });

  it.each([
    ['programmes', { after: { id: 'p', name: '県の事業' } }],
    ['projects', { after: { id: 'pj', title: 't', prefectureCode: '22' } }],
    ['funding', { after: { id: 'f' } }],
    ['support-measures', { after: { id: 'm' } }],
  ] as const)('the prefecture’s %s stay with coordinators', (entity, records) => {
    expect(canWrite(official, entity, 'create', records, facts).allowed).toBe(false);
  });
});

describe('only a prefecture’s own members, by the facts the server loaded', () => {
  const own = { after: indicator('22') };
  it('a company member is refused even for its own prefecture', () => {
    const company: OrganisationFacts = { id: 'co-1', sector: 'company', prefectureCode: '22' };
    expect(
      canWrite(member('co-1'), 'indicators', 'create', own, { organisation: company }).allowed,
    ).toBe(false);
  });
  it('a municipality member is refused for its prefecture', () => {
    const city: OrganisationFacts = { id: 'city', sector: 'municipality', prefectureCode: '22' };
    expect(
      canWrite(member('city'), 'indicators', 'create', own, { organisation: city }).allowed,
    ).toBe(false);
  });
  it('facts about another organisation than the account’s do not count', () => {
    expect(canWrite(member('co-1'), 'indicators', 'create', own, facts).allowed).toBe(false);
  });
  it('without facts a member is refused, as before', () => {
    expect(canWrite(official, 'indicators', 'create', own).allowed).toBe(false);
  });
  it('viewers and anonymous callers stay refused', () => {
    const viewer: Principal = {
      kind: 'account',
      via: 'session',
      account: {
        ...(member('pref-22') as Extract<Principal, { kind: 'account' }>).account,
        role: 'viewer',
      },
    };
    expect(canWrite(viewer, 'indicators', 'create', own, facts).allowed).toBe(false);
    expect(canWrite({ kind: 'anonymous' }, 'indicators', 'create', own, facts).allowed).toBe(false);
  });
});

describe('a member cannot make its organisation a prefecture', () => {
  const actor = (sector: string, prefectureCode = '22', municipalityCode?: string) => ({
    id: 'pref-22',
    kind: 'organization',
    name: '静岡県',
    sector,
    prefectureCode,
    ...(municipalityCode ? { municipalityCode } : {}),
  });
  it('changing the sector is refused, naming the field', () => {
    const decision = canWrite(official, 'actors', 'update', {
      before: actor('company'),
      after: actor('prefecture'),
    });
    expect(decision).toEqual({ allowed: false, reason: expect.stringMatching(/^sector:/) });
  });
  it('a prefecture member cannot move its prefecture', () => {
    const decision = canWrite(official, 'actors', 'update', {
      before: actor('prefecture', '22'),
      after: actor('prefecture', '13'),
    });
    expect(decision).toEqual({ allowed: false, reason: expect.stringMatching(/^prefectureCode:/) });
  });
  it('a company still moves its own head office', () => {
    expect(
      canWrite(official, 'actors', 'update', {
        before: actor('company', '22'),
        after: actor('company', '13'),
      }),
    ).toEqual({ allowed: true });
  });
  it('a prefecture edits the rest of its profile', () => {
    expect(
      canWrite(official, 'actors', 'update', {
        before: actor('prefecture'),
        after: { ...actor('prefecture'), url: 'https://www.pref.shizuoka.jp/' },
      }),
    ).toEqual({ allowed: true });
  });
});

describe('a municipality member records its own municipality’s indicators', () => {
  const hamamatsu: OrganisationFacts = {
    id: 'city-hamamatsu',
    sector: 'municipality',
    prefectureCode: '22',
    municipalityCode: '221309',
  };
  const city = member('city-hamamatsu');
  const cityFacts: WriteFacts = { organisation: hamamatsu };
  it.each([
    ['create', { after: indicator('221309', 'municipality') }],
    [
      'update',
      { before: indicator('221309', 'municipality'), after: indicator('221309', 'municipality') },
    ],
    ['delete', { before: indicator('221309', 'municipality') }],
    ['create', {}],
  ] as const)('%s is allowed', (action, records) => {
    expect(canWrite(city, 'indicators', action, records, cityFacts)).toEqual({ allowed: true });
  });
  it.each([
    ['its prefecture’s indicator', 'indicators', { after: indicator('22') }],
    ['another municipality’s', 'indicators', { after: indicator('222038', 'municipality') }],
    ['its code without check digit', 'indicators', { after: indicator('22130', 'municipality') }],
    ['a community’s', 'indicators', { after: indicator('c1', 'community') }],
    [
      'moving its indicator to another municipality',
      'indicators',
      {
        before: indicator('221309', 'municipality'),
        after: indicator('222038', 'municipality'),
      },
    ],
    ['a strategy of its prefecture', 'region-strategies', { after: strategy('22') }],
    ['an adoption of its prefecture', 'adoptions', { after: adoption('22') }],
  ] as const)('%s is refused', (_, entity, records) => {
    expect(canWrite(city, entity, 'create', records, cityFacts).allowed).toBe(false);
  });
  it('a municipality without a known code records nothing', () => {
    const unplaced: OrganisationFacts = { ...hamamatsu, municipalityCode: null };
    expect(
      canWrite(
        city,
        'indicators',
        'create',
        { after: indicator('221309', 'municipality') },
        {
          organisation: unplaced,
        },
      ).allowed,
    ).toBe(false);
  });
  it('a prefecture member still cannot record its municipalities’ indicators', () => {
    expect(
      canWrite(
        official,
        'indicators',
        'create',
        { after: indicator('221309', 'municipality') },
        {
          organisation: { ...shizuoka, municipalityCode: '221309' },
        },
      ).allowed,
    ).toBe(false);
  });
  it('a company placed in the municipality is refused', () => {
    const company: OrganisationFacts = { ...hamamatsu, id: 'co-1', sector: 'company' };
    expect(
      canWrite(
        member('co-1'),
        'indicators',
        'create',
        {
          after: indicator('221309', 'municipality'),
        },
        { organisation: company },
      ).allowed,
    ).toBe(false);
  });
});
