import {
  dataVersionMigration,
  dataVersionTablesMigration,
  TABLES_OF_MIGRATION_13,
} from './data-version.ts';
import { CONSORTIUM_FLAG } from '#core/consortium.ts';
import { NATIONAL_PROGRAMMES } from '#core/programme-catalogue.ts';
import { analysisResultsMigration } from './analysis-result-repo.ts';
import { graphSnapshotMigration } from './graph-snapshot-store.ts';
import { createListItemIndex } from './list-item-index.ts';
import { notificationsMigration } from './notification-repo.ts';
import { searchIndexMigration } from './search-index.ts';
import { createTable, INITIAL_TABLES, sqlType } from './initial-tables.ts';
import type { Dialect, SqlClient } from './sql-client.ts';

export interface Migration {
  version: number;
  name: string;
  statements(dialect: Dialect): string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'abc-registry',
    statements: (dialect) =>
      Object.entries(INITIAL_TABLES).flatMap(([table, def]) => createTable(dialect, table, def)),
  },
  {
    version: 2,
    name: 'analysis-runs',
    statements: (dialect) => [
      `CREATE TABLE analysis_runs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  parameters ${sqlType(dialect, 'json')} NOT NULL,
  summary ${sqlType(dialect, 'json')} NOT NULL,
  result ${sqlType(dialect, 'json')} NOT NULL,
  created_at TEXT NOT NULL
)`,
      'CREATE INDEX analysis_runs_kind_created_idx ON analysis_runs (kind, created_at)',
    ],
  },
  {
    version: 4,
    name: 'matching-consultations',
    statements: (dialect) => {
      const json = sqlType(dialect, 'json');
      const int = sqlType(dialect, 'int');
      return [
        `CREATE TABLE consultations (
  id TEXT PRIMARY KEY,
  need_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  requester_id TEXT NOT NULL,
  prefecture_code TEXT,
  field TEXT,
  coordinator_ids ${json} NOT NULL,
  agreement_type TEXT,
  outcome TEXT,
  close_reason TEXT,
  opened_by TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  stage_entered_at TEXT NOT NULL,
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
)`,
        'CREATE INDEX consultations_need_idx ON consultations (need_id)',
        'CREATE INDEX consultations_stage_idx ON consultations (stage)',
        `CREATE TABLE consultation_events (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  seq ${int} NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_stage TEXT,
  to_stage TEXT,
  data ${json} NOT NULL,
  PRIMARY KEY (consultation_id, seq)
)`,
        `CREATE TABLE match_feedback (
  id TEXT PRIMARY KEY,
  need_id TEXT NOT NULL,
  seed_id TEXT NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT,
  note TEXT,
  need_field TEXT,
  seed_field TEXT,
  seed_trl ${int},
  need_terms ${json} NOT NULL,
  consultation_id TEXT,
  actor_id TEXT NOT NULL,
  at TEXT NOT NULL
)`,
        'CREATE INDEX match_feedback_seed_idx ON match_feedback (seed_id)',
        `CREATE TABLE need_digests (
  need_id TEXT PRIMARY KEY,
  digest_id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  field TEXT,
  sdgs ${json} NOT NULL,
  keywords ${json} NOT NULL,
  published_by TEXT NOT NULL,
  published_at TEXT NOT NULL,
  withdrawn_at TEXT
)`,
        `CREATE TABLE disclosure_requests (
  id TEXT PRIMARY KEY,
  need_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  status TEXT NOT NULL,
  message TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT,
  agreement_ref TEXT,
  UNIQUE (need_id, organisation_id)
)`,
        `CREATE TABLE disclosure_events (
  need_id TEXT NOT NULL,
  seq ${int} NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  organisation_id TEXT,
  data ${json} NOT NULL,
  PRIMARY KEY (need_id, seq)
)`,
        `CREATE TABLE matching_index_chunks (
  name TEXT NOT NULL,
  chunk ${int} NOT NULL,
  fingerprint TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (name, chunk)
)`,
      ];
    },
  },
  {
    // Issue 5: accounts, sessions, API tokens, need assignments and the audit log. Listed after
    // version 4 because it was written alongside it; `migrate` applies versions in order.
    version: 3,
    name: 'accounts-audit',
    statements: (dialect) => {
      const json = sqlType(dialect, 'json');
      const bool = sqlType(dialect, 'bool');
      return [
        `CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  organisation_id TEXT,
  password_hash TEXT NOT NULL,
  disabled ${bool} NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
        `CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
)`,
        'CREATE INDEX sessions_account_idx ON sessions (account_id)',
        'CREATE INDEX sessions_expires_idx ON sessions (expires_at)',
        `CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT,
  revoked_at TEXT
)`,
        'CREATE INDEX api_tokens_account_idx ON api_tokens (account_id)',
        `CREATE TABLE need_assignments (
  need_id TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  assigned_by TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (need_id, account_id)
)`,
        'CREATE INDEX need_assignments_account_idx ON need_assignments (account_id)',
        `CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  account_id TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_data ${json},
  after_data ${json}
)`,
        'CREATE INDEX audit_log_at_idx ON audit_log (at, id)',
        'CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at)',
        'CREATE INDEX audit_log_account_idx ON audit_log (account_id, at)',
      ];
    },
  },
  {
    // Sorted lists (`?sort=`) page by keyset over (column, id): indexes for the orders the web app
    // and API clients use most (names and titles; seeds by readiness level).
    version: 6,
    name: 'sort-indexes',
    statements: () => [
      'CREATE INDEX IF NOT EXISTS actors_name_sort_idx ON actors ("name", id)',
      'CREATE INDEX IF NOT EXISTS seeds_title_sort_idx ON seeds ("title", id)',
      'CREATE INDEX IF NOT EXISTS seeds_trl_sort_idx ON seeds ("trl", id)',
      'CREATE INDEX IF NOT EXISTS needs_title_sort_idx ON needs ("title", id)',
    ],
  },
  {
    // Hands-on project management on projects: budget spent, PDCA log, milestones, risk register, KPIs.
    version: 7,
    name: 'project-management',
    statements: (dialect) => {
      const real = dialect === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION';
      const json = dialect === 'sqlite' ? 'TEXT' : 'JSONB';
      return [
        `ALTER TABLE projects ADD COLUMN "spent" ${real}`,
        ...['pdca', 'milestones', 'risks', 'kpis'].map(
          (column) => `ALTER TABLE projects ADD COLUMN "${column}" ${json}`,
        ),
      ];
    },
  },
  {
    // Text search (`?q=`) through an index rather than a scan (decision 005): FTS5 trigram tables
    // kept by triggers on SQLite, pg_trgm GIN indexes on PostgreSQL; both filled from existing rows.
    version: 8,
    name: 'search-indexes',
    statements: (dialect) => searchIndexMigration(dialect),
  },
  {
    // Caches keyed on content (issue 12, M1): a data version every write to an entity table
    // changes, kept by triggers (data-version.ts).
    version: 9,
    name: 'data-version',
    statements: (dialect) => dataVersionMigration(dialect),
  },
  {
    // Open-source connectors (issue 10): identifiers and provenance on actors, a review queue for
    // records that may be an actor already. Indexes serve resolution by strong identifier.
    version: 10,
    name: 'connectors',
    statements: (dialect) => {
      const json = dialect === 'sqlite' ? 'TEXT' : 'JSONB';
      const real = dialect === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION';
      return [
        ...['openalex_id', 'country_code', 'closed_on', 'successor_corporate_number'].map(
          (column) => `ALTER TABLE actors ADD COLUMN "${column}" TEXT`,
        ),
        `ALTER TABLE actors ADD COLUMN "capital" ${real}`,
        ...['former_names', 'field_sources'].map(
          (column) => `ALTER TABLE actors ADD COLUMN "${column}" ${json}`,
        ),
        ...['orcid', 'researchmap_id', 'kaken_id', 'openalex_id'].map(
          (column) => `CREATE INDEX IF NOT EXISTS actors_${column}_idx ON actors ("${column}")`,
        ),
        `CREATE TABLE actor_reviews (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  candidate_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  record ${json} NOT NULL,
  score ${real} NOT NULL,
  reasons TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  decided_at TEXT
)`,
        'CREATE INDEX actor_reviews_status_idx ON actor_reviews (status, id)',
      ];
    },
  },
  {
    // Every database starts with the catalogue of real national programmes, so adoptions can name
    // them (issue 10). A programme already there (e.g. loaded by the demo) is left as it is.
    version: 11,
    name: 'programme-catalogue',
    statements: () => NATIONAL_PROGRAMMES.map(programmeInsert),
  },
  {
    // Issue 11: accounts' inboxes, which notifications they get by e-mail, and the mail outbox
    // (a mail stays until sent or given up, so none is lost silently).
    version: 12,
    name: 'notifications',
    statements: (dialect) => notificationsMigration(dialect),
  },
  {
    // Issue 14: a region's strategy (vision, KPI targets by year, PDCA log) and its
    // human-resource development programmes with their cohorts, as entities.
    version: 13,
    name: 'region-strategy-and-people',
    statements: (dialect) => [
      ...createTable(dialect, 'region_strategies', {
        columns: [
          ['name', 'text'],
          ['area_type', 'text'],
          ['area_code', 'text'],
          ['vision', 'text'],
          ['core_body_id', 'text'],
          ['start_fy', 'int'],
          ['end_fy', 'int'],
          ['kpi_targets', 'json'],
          ['pdca', 'json'],
          ['confirmed_at', 'text'],
          ['source', 'text'],
        ],
        indexes: [['area_type', 'area_code']],
      }),
      ...createTable(dialect, 'training_programmes', {
        columns: [
          ['name', 'text'],
          ['kind', 'text'],
          ['provider_id', 'text'],
          ['area_type', 'text'],
          ['area_code', 'text'],
          ['cohorts', 'json'],
          ['confirmed_at', 'text'],
          ['source', 'text'],
        ],
        indexes: [['area_type', 'area_code']],
      }),
      ...dataVersionTablesMigration(dialect, TABLES_OF_MIGRATION_13),
    ],
  },
  {
    // Issue 10: seeds and needs whose owner is not registered yet keep its name or 法人番号
    // (owner_id empty) until the actor arrives and they are linked.
    version: 14,
    name: 'pending-owners',
    statements: () => [
      ...['seeds', 'needs'].flatMap((table) => [
        `ALTER TABLE ${table} ADD COLUMN owner_name TEXT`,
        `ALTER TABLE ${table} ADD COLUMN owner_corporate_number TEXT`,
        `CREATE INDEX IF NOT EXISTS ${table}_pending_owner_idx ON ${table} (owner_id, owner_corporate_number)`,
      ]),
    ],
  },
  {
    // Issue 14: star scientists are compared per career year, so a researcher's first year of
    // research is kept.
    version: 15,
    name: 'career-start-year',
    statements: () => ['ALTER TABLE actors ADD COLUMN career_start_year INTEGER'],
  },
  {
    // Issue 11/16: shared analyses' answers kept across restarts (analysis-result-repo.ts).
    version: 16,
    name: 'analysis-results',
    statements: () => analysisResultsMigration(),
  },
  {
    // Issue 16: the actor network kept as one snapshot per data version (graph-snapshot-store.ts).
    version: 17,
    name: 'graph-snapshots',
    statements: () => graphSnapshotMigration(),
  },
  {
    // Issue 11: a prefecture's or a municipality's own programmes name it as owner (decision 019);
    // the national catalogue keeps none. An owner still named cannot be deleted.
    version: 18,
    name: 'programme-owner',
    statements: () => [
      'ALTER TABLE programmes ADD COLUMN owner_id TEXT REFERENCES actors(id) ON DELETE RESTRICT',
      'CREATE INDEX IF NOT EXISTS programmes_owner_id_idx ON programmes (owner_id)',
    ],
  },
  {
    // Issue 11: a seed its owner closed (withdrawn, or licensed exclusively) keeps its history but
    // is no longer proposed (absent, NULL, is open); consortia are listed from an index of their
    // flag rather than by reading every actor's flags (list-item-index.ts).
    version: 19,
    name: 'seed-closed-and-consortium-index',
    statements: (dialect) => [
      `ALTER TABLE seeds ADD COLUMN closed ${sqlType(dialect, 'bool')}`,
      createListItemIndex(dialect, 'actors', 'flags', CONSORTIUM_FLAG),
    ],
  },
];

function sqlText(value: string | number | undefined): string {
  if (value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

function programmeInsert(programme: (typeof NATIONAL_PROGRAMMES)[number]): string {
  const values = [
    programme.id,
    programme.name,
    programme.nameEn,
    programme.ministry,
    programme.startFy,
    programme.endFy,
    programme.type,
    programme.description,
    programme.source,
  ].map(sqlText);
  return `INSERT INTO programmes (id, name, name_en, ministry, start_fy, end_fy, type, description, source, version, updated_at) VALUES (${values.join(', ')}, 1, '2026-12-05T00:00:00.000Z') ON CONFLICT (id) DO NOTHING`;
}

/** Applies the migrations not yet applied, each in its own transaction; returns the versions applied. */
export async function migrate(
  client: SqlClient,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await client.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    (await client.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) =>
      Number(r.version),
    ),
  );
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    await client.transaction(async (tx) => {
      for (const statement of migration.statements(tx.dialect)) await tx.exec(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    });
    done.push(migration.version);
  }
  return done;
}
