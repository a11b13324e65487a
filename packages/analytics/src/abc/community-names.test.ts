import { describe, expect, it } from 'vitest';
import {
  fieldNameEn,
  nameCommunities,
  shortOrganisationName,
  type NamingActor,
} from './community-names.ts';

const org = (
  id: string,
  name: string,
  sector: string,
  field?: string,
  nameEn?: string,
): NamingActor => ({ id, name, nameEn, kind: 'organization', sector, field });
const person = (id: string, name: string, field?: string): NamingActor => ({
  id,
  name,
  kind: 'person',
  sector: 'university',
  field,
});

/** A hand-built network: 浜松 (photonics), 豊橋 (agriculture) and a twin of 浜松 that clashes. */
const ACTORS: NamingActor[] = [
  org('shizudai', '国立大学法人静岡大学', 'university', '光・量子', 'Shizuoka University'),
  org('hpk', '浜松ホトニクス株式会社', 'company', '光・量子', 'Hamamatsu Photonics K.K.'),
  org('hamamatsu-city', '浜松市', 'municipality'),
  org('sme1', '㈱遠州精機', 'company', 'ものづくり'),
  person('r1', '山田 太郎', '光・量子'),
  person('r2', '佐藤 花子', '光・量子'),
  person('r3', '鈴木 一郎', 'ものづくり'),
  org('tut', '豊橋技術科学大学', 'university', '食品・農業', 'Toyohashi University of Technology'),
  org('farm', '株式会社東三河ファーム', 'company', '食品・農業'),
  org('toyohashi-city', '豊橋市', 'municipality'),
  person('r4', '田中 次郎', '食品・農業'),
  org('pref', '静岡県', 'prefecture'),
  person('p1', '高橋 三郎'),
  person('p2', '伊藤 四郎'),
];
const byId = new Map(ACTORS.map((a) => [a.id, a]));
/** Ties in the whole network: the university and the photonics firm are the largest. */
const DEGREE: Record<string, number> = {
  shizudai: 40,
  hpk: 30,
  'hamamatsu-city': 50,
  sme1: 5,
  tut: 20,
  farm: 8,
  'toyohashi-city': 60,
  pref: 3,
  p1: 2,
  p2: 1,
};
const weight = (id: string) => DEGREE[id] ?? 0;

describe('nameCommunities', () => {
  it('names a community by its largest organisations and common fields, public bodies last', () => {
    const [hamamatsu, toyohashi] = nameCommunities(
      [
        { id: 'c1', members: ['shizudai', 'hpk', 'hamamatsu-city', 'sme1', 'r1', 'r2', 'r3'] },
        { id: 'c2', members: ['tut', 'farm', 'toyohashi-city', 'r4'] },
      ],
      (id) => byId.get(id),
      weight,
    );
    // 浜松市 has the most ties but a university and a firm name the region first
    expect(hamamatsu).toEqual({
      id: 'c1',
      name: '静岡大学・浜松ホトニクス圏（光・量子・ものづくり）',
      nameEn: 'Shizuoka University · Hamamatsu Photonics area (photonics & quantum, manufacturing)',
    });
    expect(toyohashi?.name).toBe('豊橋技術科学大学・東三河ファーム圏（食品・農業）');
    expect(toyohashi?.nameEn).toBe(
      'Toyohashi University of Technology · 東三河ファーム area (food & agriculture)',
    );
  });

  it('keeps names unique within a run: a clash takes a third member, then the id', () => {
    const names = nameCommunities(
      [
        { id: 'c1', members: ['shizudai', 'hpk', 'sme1'] },
        { id: 'c2', members: ['shizudai', 'hpk', 'pref'] },
        { id: 'c3', members: ['shizudai', 'hpk'] },
      ],
      (id) => byId.get(id),
      weight,
    );
    expect(names.map((n) => n.name)).toEqual([
      '静岡大学・浜松ホトニクス圏（光・量子）',
      '静岡大学・浜松ホトニクス・静岡県圏（光・量子）',
      '静岡大学・浜松ホトニクス圏（光・量子） c3',
    ]);
    expect(new Set(names.map((n) => n.nameEn)).size).toBe(3);
  });

  it('is deterministic whatever the order of the members', () => {
    const forward = nameCommunities(
      [{ id: 'c1', members: ACTORS.map((a) => a.id) }],
      (id) => byId.get(id),
      weight,
    );
    const backward = nameCommunities(
      [{ id: 'c1', members: ACTORS.map((a) => a.id).reverse() }],
      (id) => byId.get(id),
      weight,
    );
    expect(backward).toEqual(forward);
  });

  it('falls back to people, then to the id, when there is no organisation', () => {
    const [people, empty] = nameCommunities(
      [
        { id: 'c4', members: ['p1', 'p2'] },
        { id: 'c5', members: ['nobody'] },
      ],
      (id) => byId.get(id),
      weight,
    );
    expect(people?.name).toBe('高橋 三郎・伊藤 四郎圏');
    expect(empty).toEqual({ id: 'c5', name: 'コミュニティ c5', nameEn: 'community c5' });
  });
});

describe('shortOrganisationName', () => {
  it.each([
    ['国立大学法人静岡大学', '静岡大学'],
    ['浜松ホトニクス株式会社', '浜松ホトニクス'],
    ['㈱遠州精機', '遠州精機'],
    ['（株）遠州精機', '遠州精機'],
    ['公益財団法人浜松地域イノベーション推進機構', '浜松地域イノベーション推進機構'],
    ['株式会社', '株式会社'],
  ])('%s → %s', (name, short) => {
    expect(shortOrganisationName(name)).toBe(short);
  });
});

describe('fieldNameEn', () => {
  it('names a known field in English and leaves any other text as it is', () => {
    expect(fieldNameEn('光・量子')).toBe('photonics & quantum');
    expect(fieldNameEn('伝統工芸')).toBe('伝統工芸');
    // Text from a request (?field=constructor) never reaches the object's prototype.
    for (const text of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(fieldNameEn(text)).toBe(text);
    }
  });
});
