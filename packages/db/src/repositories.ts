import { ENTITY_NAMES, ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import type { Clock, EntityCounts, EntityRepo, Repositories } from '#core/ports.ts';
import { systemClock } from '#core/ports.ts';
import { createSqlAccountRepo } from './account-repo.ts';
import { createSqlActorReviewRepo } from './actor-review-repo.ts';
import { createSqlAnalysisResultRepo } from './analysis-result-repo.ts';
import { createSqlAnalysisRunRepo } from './analysis-run-repo.ts';
import { createSqlAuditRepo } from './audit-repo.ts';
import { createSqlConsultationRepo } from './consultation-repo.ts';
import { readDataVersions } from './data-version.ts';
import { createSqlDisclosureRepo } from './disclosure-repo.ts';
import { createSqlEntityRepo } from './entity-repo.ts';
import { createSqlMatchingRepo } from './matching-repo.ts';
import { readNetworkThroughSnapshot } from './graph-snapshot-store.ts';
import { createSqlNotificationRepo } from './notification-repo.ts';
import { createSqlSessionRepo } from './session-repo.ts';
import type { SqlClient } from './sql-client.ts';

/** The repositories over one SQL database (embedded SQLite or PostgreSQL). */
export function createSqlRepositories(client: SqlClient, clock: Clock = systemClock): Repositories {
  const repos = new Map<EntityName, EntityRepo>(
    ENTITY_NAMES.map((name) => [name, createSqlEntityRepo(client, ENTITY_SPECS[name], clock)]),
  );
  return {
    analysisRuns: createSqlAnalysisRunRepo(client),
    analysisResults: createSqlAnalysisResultRepo(client),
    consultations: createSqlConsultationRepo(client, clock),
    matching: createSqlMatchingRepo(client),
    disclosures: createSqlDisclosureRepo(client),
    accounts: createSqlAccountRepo(client),
    sessions: createSqlSessionRepo(client),
    audit: createSqlAuditRepo(client),
    reviews: createSqlActorReviewRepo(client),
    notifications: createSqlNotificationRepo(client),
    network: { readCompact: () => readNetworkThroughSnapshot(client) },
    entity(name) {
      const repo = repos.get(name);
      if (!repo) throw new Error(`unknown entity ${name}`);
      return repo;
    },
    transaction(work, options) {
      return client.transaction((tx) => work(createSqlRepositories(tx, clock)), options);
    },
    async counts() {
      const selects = ENTITY_NAMES.map(
        (name) => `(SELECT count(*) FROM ${ENTITY_SPECS[name].table}) AS "${name}"`,
      );
      selects.push('(SELECT count(DISTINCT prefecture_code) FROM actors) AS "prefectures"');
      const rows = await client.all(`SELECT ${selects.join(', ')}`);
      const row = rows[0] ?? {};
      const counts = Object.fromEntries(
        [...ENTITY_NAMES, 'prefectures'].map((key) => [key, Number(row[key] ?? 0)]),
      );
      return counts as EntityCounts;
    },
    dataVersions: () => readDataVersions(client),
    async ping() {
      try {
        await client.all('SELECT 1 AS ok');
        return true;
      } catch {
        return false;
      }
    },
  };
}
