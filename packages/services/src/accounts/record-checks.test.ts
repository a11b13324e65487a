import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { checkReferences } from './record-checks.ts';

describe.each(TEST_DATABASES)('checkReferences on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('refuses an actor whose 法人番号 another actor holds, and lets the holder keep it', async () => {
    db = await kind.open();
    const holder = {
      id: 'c1',
      kind: 'organization',
      sector: 'company',
      name: '甲',
      prefectureCode: '13',
      corporateNumber: '1010001001210',
      flags: [],
      keywords: [],
    };
    await db.repos.entity('actors').upsertMany([holder]);
    await expect(
      checkReferences(db.repos, 'actors', { ...holder, id: 'c2' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/corporateNumber: 1010001001210 belongs to actor c1/),
    });
    await expect(checkReferences(db.repos, 'actors', holder)).resolves.toBeUndefined();
  });
});
