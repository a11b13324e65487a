import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Principal } from '#core/accounts.ts';
import { relationKey } from '#core/entities/relation.ts';
import type { Clock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { rekeyRelation } from './rekey-relation.ts';

const AT = '2026-04-01T00:00:00.000Z';
const clock: Clock = { now: () => new Date(AT) };
const coordinator: Account = {
  id: 'coord',
  email: 'coord@example.org',
  displayName: 'coord',
  role: 'coordinator',
  organisationId: null,
  disabled: false,
  createdAt: AT,
  updatedAt: AT,
};
const acting = {
  principal: { kind: 'account', account: coordinator, via: 'session' } satisfies Principal,
  clock,
};

const OLD = buildRelation({
  sourceId: 'co-a',
  targetId: 'uni-u',
  type: 'joint_research',
  startDate: '2025-04-01',
  note: '共同研究',
});
const OLD_KEY = relationKey(OLD);

/** Makes the database refuse the audit entry of a relation's creation: the last step of a rekey. */
async function failCreateAudit(database: Database): Promise<void> {
  const { client } = database;
  if (client.dialect === 'sqlite')
    await client.exec(`CREATE TRIGGER refuse_relation_create BEFORE INSERT ON audit_log
      WHEN NEW.action = 'create' AND NEW.entity = 'relations'
      BEGIN SELECT RAISE(ABORT, 'audit store refused the entry'); END`);
  else
    await client.exec(`CREATE FUNCTION refuse_relation_create() RETURNS trigger AS $$
      BEGIN
        IF NEW.action = 'create' AND NEW.entity = 'relations' THEN
          RAISE EXCEPTION 'audit store refused the entry';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER refuse_relation_create BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_relation_create();`);
}

describe.each(TEST_DATABASES)('rekeyRelation on $name', (kind) => {
  let database: Database;
  beforeEach(async () => {
    database = await kind.open(clock);
    await database.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'co-a' }),
        buildActor({ id: 'uni-u', sector: 'university' }),
        buildActor({ id: 'co-b' }),
      ]);
    await database.repos.entity('relations').upsertMany([OLD]);
  });
  afterEach(async () => database.close());

  it('moves the relation to its new key in one step, audited as a delete and a create', async () => {
    const moved = { ...OLD, type: 'supply', targetId: 'co-b' };
    const { key, stored } = await rekeyRelation(database.repos, acting, OLD_KEY, moved, 1);
    expect(key).toBe('co-a>co-b:supply@2025-04-01');
    expect(stored.version).toBe(1);
    expect(stored.record).toMatchObject({ note: '共同研究', type: 'supply' });
    const relations = database.repos.entity('relations');
    expect(await relations.get(OLD_KEY)).toBeUndefined();
    expect(await relations.count()).toBe(1);
    const audit = await database.repos.audit.list({ limit: 10 });
    expect(audit.items.map((entry) => [entry.action, entry.entityId]).sort()).toEqual([
      ['create', key],
      ['delete', OLD_KEY],
    ]);
  });

  it('leaves the old relation intact when the database fails after the old one was removed', async () => {
    await failCreateAudit(database);
    await expect(
      rekeyRelation(database.repos, acting, OLD_KEY, { ...OLD, type: 'supply' }, 1),
    ).rejects.toThrow(/audit store refused/);
    const relations = database.repos.entity('relations');
    const kept = await relations.get(OLD_KEY);
    expect(kept?.version).toBe(1);
    expect(kept?.record).toMatchObject({ type: 'joint_research', note: '共同研究' });
    expect(await relations.count()).toBe(1);
    expect((await database.repos.audit.list({ limit: 10 })).items).toEqual([]);
  });

  it('refuses a stale version, a taken key and an unchanged key, changing nothing', async () => {
    const other = buildRelation({ sourceId: 'co-a', targetId: 'uni-u', type: 'supply' });
    await database.repos.entity('relations').upsertMany([other]);
    await expect(
      rekeyRelation(database.repos, acting, OLD_KEY, { ...OLD, type: 'supply' }, 7),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    await expect(
      rekeyRelation(database.repos, acting, OLD_KEY, { ...other, note: 'x' }, 1),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      rekeyRelation(database.repos, acting, OLD_KEY, { ...OLD, note: 'y' }, 1),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      rekeyRelation(database.repos, acting, OLD_KEY, { ...OLD, targetId: 'nobody' }, 1),
    ).rejects.toMatchObject({ code: 'unknown_reference' });
    const relations = database.repos.entity('relations');
    expect((await relations.get(OLD_KEY))?.record).toMatchObject({ note: '共同研究' });
    expect(await relations.count()).toBe(2);
  });
});
