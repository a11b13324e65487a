import { describe, expect, it } from 'vitest';
import { fileInput, inputOf, ofType, parseAll, samplePath } from '#test/connector-input.ts';
import { researchmapConnector } from './researchmap.ts';

describe('researchmap connector', () => {
  it('reads a researcher: identifiers, affiliation relation, counts, funded projects', async () => {
    const outputs = await parseAll(
      researchmapConnector,
      fileInput(samplePath('researchmap', 'researcher_0000010581_read0001541_trimmed.json')),
    );
    const [person, organisation] = ofType(outputs, 'actor');
    expect(person?.keys).toMatchObject({
      researchmapId: '0000010581',
      kakenId: '90502518',
      kind: 'person',
    });
    expect(person?.fields).toMatchObject({
      name: '高橋 利清',
      nameKana: 'タカハシ トシキヨ',
      prefectureCode: '05',
      sector: 'public_research',
      careerStartYear: 2015,
    });
    expect(organisation?.fields).toMatchObject({
      name: '秋田県畜産試験場',
      prefectureCode: '05',
      sector: 'public_research',
    });
    expect(ofType(outputs, 'relation')[0]).toMatchObject({
      relation: 'affiliation',
      to: { name: '秋田県畜産試験場' },
    });
  });

  it('reads several documents as JSON Lines', async () => {
    const a = await import('node:fs').then((fs) =>
      fs.readFileSync(
        samplePath('researchmap', 'researcher_0000010581_read0001541_trimmed.json'),
        'utf8',
      ),
    );
    const b = await import('node:fs').then((fs) =>
      fs.readFileSync(
        samplePath('researchmap', 'researcher_0000113014_read0006801_trimmed.json'),
        'utf8',
      ),
    );
    const lines = [a, b].map((doc) => JSON.stringify(JSON.parse(doc))).join('\n');
    const outputs = await parseAll(researchmapConnector, inputOf('export.jsonl', lines));
    expect(ofType(outputs, 'actor').filter((o) => o.keys.kind === 'person')).toHaveLength(2);
    expect(
      ofType(outputs, 'relation').filter((r) => r.relation === 'grant').length,
    ).toBeGreaterThan(0);
  });

  it('takes the career start from the earliest research post, paper or degree, if any', async () => {
    const doc = (graph: unknown[], degrees: unknown[] = []) =>
      JSON.stringify({
        '@type': 'researchers',
        'rm:user_id': 'u1',
        family_name: { ja: '山田' },
        given_name: { ja: '花子' },
        degrees,
        '@graph': graph,
      });
    const full = doc(
      [
        {
          '@type': 'research_experience',
          items: [{ from_date: '2012-04', to_date: '9999' }, { from_date: '2009-10' }],
        },
        { '@type': 'published_papers', items: [{ publication_date: '2008' }, {}] },
      ],
      [{ degree: { ja: '博士(工学)' }, degree_date: '2011-03' }],
    );
    const [person] = ofType(await parseAll(researchmapConnector, inputOf('a.json', full)), 'actor');
    expect(person?.fields).toMatchObject({ careerStartYear: 2008 });
    // only an ongoing post with no start and a malformed date: no career start, nothing guessed
    const bare = doc([
      { '@type': 'research_experience', items: [{ from_date: '9999' }, { from_date: 'unknown' }] },
    ]);
    const [none] = ofType(await parseAll(researchmapConnector, inputOf('b.json', bare)), 'actor');
    expect(none?.fields).not.toHaveProperty('careerStartYear');
  });

  it('refuses a file that is not researchmap JSON-LD, or truncated', async () => {
    await expect(
      parseAll(
        researchmapConnector,
        fileInput(samplePath('openalex', 'authors_response_A5043579160_nifs.json')),
      ),
    ).rejects.toThrow(/researchers/);
    await expect(
      parseAll(
        researchmapConnector,
        inputOf('cut.json', '{"@type": "researchers", "rm:user_id": "00'),
      ),
    ).rejects.toThrow(/truncated/);
  });
});
