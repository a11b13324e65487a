import { describe, expect, it } from 'vitest';
import { fileInput, inputOf, ofType, parseAll, samplePath } from '#test/connector-input.ts';
import { openalexConnector } from './openalex.ts';

describe('OpenAlex connector', () => {
  it('reads works: Japanese institutions with ROR, foreign partners with their country, co-authorship counted', async () => {
    const outputs = await parseAll(
      openalexConnector,
      fileInput(samplePath('openalex', 'works_with_jp_authorships_sample.json')),
    );
    const institutions = ofType(outputs, 'actor').filter((a) => a.keys.kind === 'organization');
    expect(institutions.length).toBeGreaterThan(0);
    const japanese = institutions.filter((i) => i.fields.countryCode === 'JP');
    const foreign = institutions.filter((i) => i.fields.countryCode !== 'JP');
    expect(japanese.length).toBeGreaterThan(0);
    expect(japanese.every((i) => i.keys.countryCode === undefined)).toBe(true);
    // Partners abroad are kept, each with its own country and no prefecture.
    expect(foreign.length).toBeGreaterThan(0);
    for (const partner of foreign) {
      expect(partner.fields.countryCode).toMatch(/^[A-Z]{2}$/);
      expect(partner.keys.countryCode).toBe(partner.fields.countryCode);
      expect(partner.fields.prefectureCode).toBeUndefined();
    }
    expect(institutions.some((i) => i.keys.ror)).toBe(true);
    const coauthor = ofType(outputs, 'relation').filter((r) => r.relation === 'co_authorship');
    expect(coauthor.every((r) => r.weight >= 1)).toBe(true);
    const foreignIds = new Set(foreign.map((i) => i.keys.openalexId));
    expect(
      coauthor.some((r) => foreignIds.has(r.from.openalexId) || foreignIds.has(r.to.openalexId)),
    ).toBe(true);
  });

  it('reads an /authors answer: the person with ORCID, Japanese affiliations and foreign ones with their country', async () => {
    const outputs = await parseAll(
      openalexConnector,
      fileInput(samplePath('openalex', 'authors_response_A5043579160_nifs.json')),
    );
    const person = ofType(outputs, 'actor').find((a) => a.keys.kind === 'person');
    expect(person?.keys).toMatchObject({ openalexId: 'A5043579160', orcid: '0000-0001-5473-2109' });
    const affiliations = ofType(outputs, 'relation').filter((r) => r.relation === 'affiliation');
    const organisations = new Map(
      ofType(outputs, 'actor')
        .filter((a) => a.keys.kind === 'organization')
        .map((a) => [a.keys.openalexId, a.fields.countryCode]),
    );
    const countries = affiliations.map((r) => organisations.get(r.to.openalexId));
    expect(countries.filter((c) => c === 'JP')).toHaveLength(9);
    expect(countries.filter((c) => c !== 'JP').sort()).toEqual([
      'CA',
      'ES',
      'KP',
      'RU',
      'US',
      'US',
      'US',
      'US',
    ]);
  });

  it('reads JSON Lines and refuses other shapes', async () => {
    const line = JSON.stringify({
      id: 'https://openalex.org/I135598925',
      display_name: 'Kyushu University',
      ror: 'https://ror.org/00p4k0j84',
      country_code: 'JP',
      type: 'education',
      geo: { region: 'Fukuoka', country_code: 'JP' },
    });
    const outputs = await parseAll(
      openalexConnector,
      inputOf('institutions.jsonl', `${line}\n${line}\n`),
    );
    expect(ofType(outputs, 'actor')[0]?.fields).toMatchObject({
      prefectureCode: '40',
      sector: 'university',
    });
    await expect(
      parseAll(
        openalexConnector,
        fileInput(samplePath('jgrants', 'subsidies_list_record_from_fixture.json')),
      ),
    ).rejects.toThrow(/not a OpenAlex/);
  });
});
