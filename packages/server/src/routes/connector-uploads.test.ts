/**
 * A connector's file imported from the browser, with the open sources' own published files: the
 * dry run reports what `musubi connect` would do (nothing written), every rejected record with its
 * reason in Japanese and English, and confirming applies it all-or-nothing; cancelling drops it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { SOURCE_NAMES } from '#connectors/connector.ts';
import { SHAPE_LABELS, SHAPE_NAMES } from '#connectors/detect/source-shapes.ts';
import {
  CONNECTOR_SHAPES,
  CONNECTOR_SOURCES,
  type ConnectorUploadCheck,
} from '#contract/routes/imports.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const SAMPLES = '/work/shared/data/real-samples';
const HOUJIN = readFileSync(`${SAMPLES}/houjin-bangou/diff_20211001_unicode_sample.csv`);
const KAKEN = readFileSync(`${SAMPLES}/kaken/SYNTHETIC_structure_projects_response.xml`);

const uploadPath = (source: string, fileName: string) =>
  source === ''
    ? `/api/connector-uploads?fileName=${encodeURIComponent(fileName)}`
    : `/api/connector-uploads?source=${source}&fileName=${encodeURIComponent(fileName)}`;

it('the contract names every source the connectors read, and every shape they tell apart', () => {
  expect([...CONNECTOR_SOURCES]).toEqual([...SOURCE_NAMES]);
  expect([...CONNECTOR_SHAPES]).toEqual([...SHAPE_NAMES]);
});

describe.each(TEST_DATABASES)('a connector’s file from the browser on $name', (kind) => {
  let f: ApiFixture;
  let coordinator: Credentials;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    coordinator = await f.signIn('coord@test.example');
  });
  afterEach(async () => f.close());

  const upload = async (source: string, fileName: string, body: string | Uint8Array) =>
    f.app.request(uploadPath(source, fileName), {
      method: 'POST',
      headers: {
        cookie: coordinator.cookie,
        'x-csrf-token': coordinator.csrf,
        'content-type': 'application/octet-stream',
      },
      body,
    });
  const actors = () => f.database.repos.entity('actors').count();

  it('reports a 法人番号 file’s dry run, writes nothing until confirmed, then applies it', async () => {
    const before = await actors();
    const response = await upload('houjin-bangou', 'diff_20211001.csv', HOUJIN);
    expect(response.status).toBe(200);
    const check = (await response.json()) as ConnectorUploadCheck;
    expect(check).toMatchObject({ source: 'houjin-bangou', fileName: 'diff_20211001.csv' });
    expect(check.refusal).toBeNull();
    expect(check.rejected).toEqual([]);
    expect(check.report.read).toBe(25);
    expect(check.report.added).toBeGreaterThan(0);
    expect(check.uploadId).not.toBeNull();
    expect(await actors()).toBe(before);

    const id = check.uploadId ?? '';
    const again = await f.call(`/api/connector-uploads/${id}`, { as: coordinator });
    expect(((await again.json()) as ConnectorUploadCheck).report).toEqual(check.report);

    const confirmed = await f.call(`/api/uploads/${id}/confirm`, {
      method: 'POST',
      as: coordinator,
    });
    expect(confirmed.status).toBe(200);
    const result = (await confirmed.json()) as { source: string; report: { added: number } };
    expect(result.source).toBe('houjin-bangou');
    expect(result.report.added).toBe(check.report.added);
    expect(await actors()).toBe(before + check.report.added);
    const etoile = await f.database.repos.entity('actors').get('corp-1010001001210');
    expect(etoile?.record['name']).toBe('エトワール株式会社');
    // Confirmed once only.
    await expectProblem(
      await f.call(`/api/uploads/${id}/confirm`, { method: 'POST', as: coordinator }),
      404,
    );
  });

  it('lists every rejected record with its reason in both languages and keeps nothing', async () => {
    const lines = HOUJIN.toString('utf8').trimEnd().split('\n');
    // A 法人番号 whose check digit is wrong, twice: each line reported, nothing written.
    const broken = [
      ...lines.slice(0, 3),
      lines[3]?.replace(',1010005016469,', ',2010005016469,'),
      lines[4]?.replace(',1011001041056,', ',2011001041056,'),
    ].join('\n');
    const before = await actors();
    const check = (await (
      await upload('houjin-bangou', 'diff.csv', broken)
    ).json()) as ConnectorUploadCheck;
    expect(check.uploadId).toBeNull();
    expect(check.rejected.map((r) => r.at)).toEqual(['line 4', 'line 5']);
    for (const rejected of check.rejected) {
      expect(rejected.field).toBe('corporateNumber');
      expect(rejected.reason).not.toBe('');
      expect(rejected.reasonJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
    }
    expect(await actors()).toBe(before);
  });

  it('reads a KAKEN projects response and cancelling drops it', async () => {
    const before = await actors();
    const check = (await (
      await upload('kaken', 'projects.xml', KAKEN)
    ).json()) as ConnectorUploadCheck;
    expect(check.refusal).toBeNull();
    expect(check.rejected).toEqual([]);
    expect(check.report.read).toBe(6);
    // The synthetic response names no prefecture: its new actors are left out, each said why.
    expect(check.skippedCount).toBe(6);
    expect(check.skipped.map((s) => s.at)).toContain('grantAward[2]');
    // Each reason in English and in Japanese, and as a code with its values.
    for (const skipped of check.skipped) {
      expect(skipped.reasonJa, skipped.code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
      expect(skipped.reason, skipped.code).not.toBe(skipped.reasonJa);
    }
    const newActor = check.skipped.find((s) => s.code === 'new_actor_without_prefecture');
    expect(newActor?.reason).toMatch(/prefecture the source does not give/);
    expect(newActor?.reasonJa).toMatch(/都道府県がない国内の新しい主体/);
    expect(newActor?.reasonJa).toContain(newActor?.values['name'] ?? '(no name)');
    const id = check.uploadId ?? '';
    const cancelled = await f.call(`/api/uploads/${id}`, { method: 'DELETE', as: coordinator });
    expect(cancelled.status).toBe(204);
    await expectProblem(
      await f.call(`/api/uploads/${id}/confirm`, { method: 'POST', as: coordinator }),
      404,
    );
    expect(await actors()).toBe(before);
  });

  it('refuses a file that is not the source’s format, naming it', async () => {
    const check = (await (
      await upload('kaken', 'notes.xml', 'not xml at all <')
    ).json()) as ConnectorUploadCheck;
    expect(check.uploadId).toBeNull();
    expect(check.refusal).toMatch(/^notes\.xml: not a KAKEN file/);
    expect(check.refusal).toContain('KAKEN の形式ではありません');
  });

  it('tells the source from the content when none is chosen, and says what it saw', async () => {
    // Named as anything: the name tells nothing.
    const sjis = iconv.encode(HOUJIN.toString('utf8'), 'cp932');
    const response = await upload('', 'data.txt', sjis);
    expect(response.status).toBe(200);
    const check = (await response.json()) as ConnectorUploadCheck;
    expect(check.source).toBe('houjin-bangou');
    expect(check.detected).toEqual({
      source: 'houjin-bangou',
      shape: 'houjin-diff-csv',
      encoding: 'shift_jis',
    });
    expect(check.report.read).toBe(25);
    expect(check.uploadId).not.toBeNull();
    const kaken = (await (await upload('', 'x', KAKEN)).json()) as ConnectorUploadCheck;
    expect(kaken.source).toBe('kaken');
    expect(kaken.detected?.shape).toBe('kaken-projects-xml');
  });

  it('a chosen source overrides what the content shows, which is still reported', async () => {
    const check = (await (
      await upload('kaken', 'diff.csv', HOUJIN)
    ).json()) as ConnectorUploadCheck;
    expect(check.source).toBe('kaken');
    expect(check.detected?.source).toBe('houjin-bangou');
    expect(check.refusal).toMatch(/not a KAKEN file/);
  });

  it('refuses a file no source recognises, saying why and listing every shape read', async () => {
    const before = await actors();
    for (const [body, why, words] of [
      ['id,kind,sector,name\nimp-1,organization,company,試験\n', 'unknown', 'matches none'],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), 'zip', 'unpack it'],
    ] as const) {
      const response = await upload('', 'upload.csv', body);
      const problem = await expectProblem(response, 415);
      expect(problem['unrecognised']).toBe(why);
      const detail = String(problem['detail']);
      expect(detail).toContain(words);
      expect(detail).toContain('判別できません');
      for (const shape of SHAPE_NAMES) expect(detail).toContain(SHAPE_LABELS[shape].ja);
    }
    expect(await actors()).toBe(before);
  });
});
