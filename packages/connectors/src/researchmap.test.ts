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
