/**
 * A seed its owner closes (withdrawn, or licensed exclusively): `closed` is written like any other
 * field (PATCH under If-Match), the seed stays readable with its history, and matching no longer
 * proposes it; reopening it brings it back. Only those who may edit the seed close it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTextPipeline, type TextPipeline } from '#services/matching/text-pipeline.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, type ApiFixture, type Credentials } from '../api-test-fixture.ts';

let text: TextPipeline;
beforeAll(async () => {
  text = await createTextPipeline();
}, 60_000);
afterAll(async () => text.close());

const SEED = '/api/seeds/seed-u1';

describe.each(TEST_DATABASES)('closing a seed on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind, {}, { text });
  });
  afterEach(async () => {
    await f.close();
  });

  const proposed = async () => {
    const response = await f.call('/api/matching/needs', {
      body: { text: 'キレート樹脂で重金属イオンを選択的に吸着したい' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { seedId: string }[] };
    return body.results.map((r) => r.seedId);
  };
  const patch = (as: Credentials | undefined, body: unknown, etag?: string) =>
    f.call(SEED, {
      method: 'PATCH',
      ...(as ? { as } : {}),
      body,
      ...(etag !== undefined ? { headers: { 'if-match': etag } } : {}),
    });
  const etagOf = async () => (await f.call(SEED)).headers.get('etag') ?? '';

  it('closes and reopens under If-Match; matching skips the seed while it is closed', async () => {
    const owner = await f.signIn('u@test.example');
    expect(await proposed()).toContain('seed-u1');
    const before = await etagOf();
    expect((await patch(owner, { closed: true })).status).toBe(428);
    const closed = await patch(owner, { closed: true }, before);
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as { closed?: boolean }).closed).toBe(true);
    expect((await patch(owner, { closed: false }, before)).status).toBe(412);

    const read = (await (await f.call(SEED)).json()) as { closed?: boolean; title: string };
    expect(read).toMatchObject({
      closed: true,
      title: 'キレート樹脂による重金属イオンの選択的吸着',
    });
    expect(await proposed()).not.toContain('seed-u1');

    const reopened = await patch(owner, { closed: false }, await etagOf());
    expect(reopened.status).toBe(200);
    expect(await proposed()).toContain('seed-u1');
  });

  it('is closed only by those who may edit the seed', async () => {
    const etag = await etagOf();
    const otherMember = await f.signIn('a@test.example');
    const viewer = await f.signIn('viewer@test.example');
    expect((await patch(undefined, { closed: true }, etag)).status).toBe(401);
    expect((await patch(otherMember, { closed: true }, etag)).status).toBe(403);
    expect((await patch(viewer, { closed: true }, etag)).status).toBe(403);
    expect(((await (await f.call(SEED)).json()) as { closed?: boolean }).closed).toBeUndefined();
    expect(await proposed()).toContain('seed-u1');
    const coordinator = await f.signIn('coord@test.example');
    expect((await patch(coordinator, { closed: true }, etag)).status).toBe(200);
    expect(await proposed()).not.toContain('seed-u1');
  });

  it('refuses a closed flag that is not true or false, naming the field', async () => {
    const owner = await f.signIn('u@test.example');
    const response = await patch(owner, { closed: 'yes' }, await etagOf());
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('closed');
  });
});
