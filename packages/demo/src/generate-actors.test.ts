import { describe, expect, it } from 'vitest';
import { ZActor } from '#core/entities/actor.ts';
import { isValidCorporateNumber } from '#core/identifiers.ts';
import { corporateNumber, generateActors } from './generate-actors.ts';
import { PLANTED_COMMUNITIES } from './planted-communities.ts';
import { createRandom } from './random.ts';

describe('corporateNumber', () => {
  it.each(['180001001234', '130001000001', '000000000000', '999999999999'])(
    'prefixes a valid check digit to %s',
    (base) => {
      const number = corporateNumber(base);
      expect(number).toHaveLength(13);
      expect(number.slice(1)).toBe(base);
      expect(isValidCorporateNumber(number)).toBe(true);
    },
  );

  it('rejects anything but twelve digits', () => {
    expect(() => corporateNumber('12345')).toThrow(RangeError);
  });
});

describe('generateActors', () => {
  it('places every actor in a planted community that holds its prefecture', () => {
    const world = generateActors(createRandom(5), 0.05);
    for (const actor of world.actors) {
      expect(ZActor.safeParse(actor).success).toBe(true);
      const community = world.communityOf.get(actor.id);
      expect(community).toBeTypeOf('number');
      expect(PLANTED_COMMUNITIES[community ?? -1]?.prefectureCodes).toContain(actor.prefectureCode);
    }
    for (const [person, home] of world.homeOf) {
      expect(world.byId.get(person)?.kind).toBe('person');
      expect(world.byId.get(home)?.kind).toBe('organization');
    }
  });
});
