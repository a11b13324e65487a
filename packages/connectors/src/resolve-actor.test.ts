import { describe, expect, it } from 'vitest';
import { ActorIndex, type KnownActor } from './resolve-actor.ts';

function index(...actors: KnownActor[]): ActorIndex {
  const result = new ActorIndex();
  for (const actor of actors) result.put(actor);
  return result;
}

const tohoku: KnownActor = {
  id: 'a1',
  kind: 'organization',
  name: '東北大学',
  prefectureCode: '04',
};

describe('ActorIndex.resolve', () => {
  it('finds by a strong identifier first', () => {
    const known = index({ ...tohoku, corporateNumber: '7370005002147' });
    expect(known.resolve({ corporateNumber: '7370005002147', name: '全然違う名前' })).toEqual({
      outcome: 'identified',
      actorId: 'a1',
      by: 'corporateNumber',
    });
  });

  it('merges an organisation on the normalised name and prefecture, legal forms aside', () => {
    expect(
      index(tohoku).resolve({ name: '国立大学法人　東北大学', prefectureCode: '04' }),
    ).toMatchObject({ outcome: 'sure', actorId: 'a1' });
  });

  it('matches an actor abroad by name and country, never a Japanese namesake', () => {
    const office: KnownActor = {
      id: 'jp',
      kind: 'organization',
      name: 'Cabinet Office',
      prefectureCode: '13',
    };
    const uk: KnownActor = {
      id: 'uk',
      kind: 'organization',
      name: 'Cabinet Office',
      countryCode: 'GB',
    };
    expect(index(office).resolve({ name: 'Cabinet Office', countryCode: 'GB' })).toEqual({
      outcome: 'new',
    });
    expect(index(office, uk).resolve({ name: 'Cabinet Office', countryCode: 'GB' })).toMatchObject({
      outcome: 'sure',
      actorId: 'uk',
    });
    expect(index(uk).resolve({ name: 'Cabinet Office', countryCode: 'NZ' })).toEqual({
      outcome: 'new',
    });
  });

  it('sends a name without place, a person, or a similar name to review', () => {
    expect(index(tohoku).resolve({ name: '東北大学' })).toMatchObject({
      outcome: 'likely',
      evidence: { code: 'same_name_place_unknown', values: {} },
      reason: 'same name, prefecture unknown on one side',
    });
    const person: KnownActor = {
      id: 'p1',
      kind: 'person',
      name: '高橋 利清',
      prefectureCode: '05',
    };
    expect(
      index(person).resolve({ name: '高橋利清', kind: 'person', prefectureCode: '05' }),
    ).toMatchObject({
      outcome: 'likely',
      evidence: { code: 'same_name_place_people', values: { place: '05' } },
      reason: 'same name and prefecture, but people share names',
    });
    const station: KnownActor = {
      id: 's1',
      kind: 'organization',
      name: '秋田県畜産試験場',
      prefectureCode: '05',
    };
    expect(
      index(station).resolve({ name: '秋田県畜産試験所', prefectureCode: '05' }),
    ).toMatchObject({
      outcome: 'likely',
      actorId: 's1',
      evidence: {
        code: 'similar_name_same_place',
        values: { place: '05', name: '秋田県畜産試験場' },
      },
      reason: 'similar name in the same prefecture (秋田県畜産試験場)',
    });
  });

  it('keeps apart names in other prefectures and actors with a different identifier', () => {
    expect(index(tohoku).resolve({ name: '東北大学', prefectureCode: '13' })).toEqual({
      outcome: 'new',
    });
    const numbered = index({ ...tohoku, corporateNumber: '7370005002147' });
    expect(
      numbered.resolve({
        name: '東北大学',
        prefectureCode: '04',
        corporateNumber: '1370001003352',
      }),
    ).toEqual({ outcome: 'new' });
  });

  it('reports identifiers that point to two actors', () => {
    const known = index(
      { ...tohoku, corporateNumber: '7370005002147' },
      { id: 'a2', kind: 'organization', name: 'Tohoku University', ror: '01dq60k83' },
    );
    expect(known.resolve({ corporateNumber: '7370005002147', ror: '01dq60k83' })).toMatchObject({
      outcome: 'conflict',
      actorIds: ['a1', 'a2'],
    });
  });
});
