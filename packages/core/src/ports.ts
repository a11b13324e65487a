import type { StaleCutoffs } from './freshness.ts';
import type { ListSort } from './list-sort.ts';
import type { Account } from './accounts.ts';
import type { Consultation, ConsultationEvent } from './consultation.ts';
import type { DisclosureEvent, DisclosureRequest, NeedDigest } from './disclosure.ts';
import type { EntityName } from './entities/registry.ts';
import type { MatchFeedback } from './match-feedback.ts';
import type { CompactNetwork } from './network-columns.ts';
import type {
  EmailPreferences,
  Notification,
  NotificationKind,
  OutgoingMail,
} from './notifications.ts';

export type StoredRecord = Record<string, unknown>;

/** Equality filters on columns plus a text query over the entity's search fields. */
export interface ListQuery {
  limit: number;
  /** Opaque cursor from a previous page (the last id seen). */
  cursor?: string;
  /** Exact matches on domain fields, e.g. { sector: 'university', prefectureCode: '13' }. */
  where?: Record<string, string | number | boolean>;
  /** Substring search over the entity's search fields. */
  q?: string;
  /** Restrict to these confidentiality levels (needs only). */
  confidentialityIn?: readonly string[];
  /**
   * With `confidentialityIn`: confidential needs also listed (needs only), those owned by
   * `ownerId` or whose key is in `keys`.
   */
  confidentialAlso?: { ownerId?: string; keys: readonly string[] };
  /** Order (default: by identity); a sorted list's cursor carries its sort (core/list-sort.ts). */
  sort?: ListSort;
  /** Only records confirmed before their source's cutoff, or never (core/freshness.ts). */
  staleBefore?: StaleCutoffs;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A stored record with its storage bookkeeping. */
export interface Versioned<T> {
  record: T;
  /** Incremented on every change; the HTTP layer uses it as an ETag. */
  version: number;
  updatedAt: string;
}

/** Storage of one entity's records, keyed by the entity's identity. */
export interface EntityRepo {
  readonly entity: EntityName;
  /** Inserts or replaces by identity; returns how many rows were written. */
  upsertMany(records: readonly StoredRecord[]): Promise<number>;
  get(key: string): Promise<Versioned<StoredRecord> | undefined>;
  /** `get` for many keys at once (few statements, one round trip across threads); missing keys left out. */
  getMany(keys: readonly string[]): Promise<Map<string, Versioned<StoredRecord>>>;
  list(query: ListQuery): Promise<Page<StoredRecord>>;
  count(where?: ListQuery['where']): Promise<number>;
  delete(key: string): Promise<boolean>;
  /** All records in key order, in batches (exports, graph building). */
  iterate(batchSize?: number): AsyncIterable<StoredRecord[]>;
  /** Which of these keys exist. */
  findExisting(keys: readonly string[]): Promise<Set<string>>;
  /** The keys of the records whose `field` holds one of `values`, by value (identifier checks). */
  holdersOf(field: string, values: readonly string[]): Promise<Map<string, string[]>>;
  /**
   * The records whose `field` is empty, in key order, in batches: e.g. the actors without a 法人番号,
   * the only ones a corporation's name can match (an index on the field keeps it cheap).
   */
  iterateWithout(field: string, batchSize?: number): AsyncIterable<StoredRecord[]>;
}

/**
 * Loading many records inside the caller's transaction, faster than repeated `upsertMany`: rows may be
 * staged (PostgreSQL: COPY into a temporary table) and secondary indexes of a table that was empty at
 * the start are rebuilt once at the end. Rows may not be visible, even inside the transaction, before
 * `finish`. Each identity may appear at most once per load.
 */
/** Rows as their columns' values, for a load that makes no object per row. */
export interface StoredRows {
  readonly count: number;
  /** Row i's identity. */
  keyOf(i: number): string;
  /**
   * Puts row i's identity, then its data columns' values in the entity's column order (as the
   * record's stored values: text, number or null), into `out` from index 0.
   */
  fill(i: number, out: (string | number | boolean | null)[]): void;
}

export interface BulkLoad {
  write(records: readonly StoredRecord[]): Promise<void>;
  /** Writes rows given as column values; the same as `write` of the records they come from. */
  writeRows?(rows: StoredRows): Promise<void>;
  /** Writes what is staged, rebuilds deferred indexes; returns the rows written (inserted or updated). */
  finish(): Promise<number>;
}

/** An entity repository that can bulk load (the SQL ones can). */
export interface BulkLoadingEntityRepo extends EntityRepo {
  /** Starts a bulk load; call it inside a transaction, or it degrades to plain upserts. */
  openBulkLoad(): Promise<BulkLoad>;
}

/** An entity repository that can give a page as the records' JSON texts (the SQL ones can). */
export interface JsonListingEntityRepo extends EntityRepo {
  /**
   * `list`, each item `JSON.stringify` of the record that `list` gives (only `fields` of it, when
   * given), made without parsing it.
   */
  listJson(query: ListQuery, fields?: readonly string[]): Promise<Page<string>>;
}

export function canListJson(repo: EntityRepo): repo is JsonListingEntityRepo {
  return typeof (repo as Partial<JsonListingEntityRepo>).listJson === 'function';
}

export function canBulkLoad(repo: EntityRepo): repo is BulkLoadingEntityRepo {
  return typeof (repo as Partial<BulkLoadingEntityRepo>).openBulkLoad === 'function';
}

export type EntityCounts = Record<EntityName, number> & { prefectures: number };

/** What a transaction may leave to its commit. */
export interface TransactionOptions {
  /**
   * Tables whose foreign keys are checked once, set-wise, just before the commit instead of row by
   * row (SQLite; PostgreSQL's bulk load does so on its own): any violation then rolls the whole
   * transaction back. Only for a connection that serves this transaction alone meanwhile (the CLI):
   * other work on it would run without its foreign keys, cascades included.
   */
  foreignKeysAtCommit?: readonly string[];
}

/** All repositories over one database; `transaction` gives the same view inside one atomic unit. */
export interface Repositories {
  entity(name: EntityName): EntityRepo;
  analysisRuns: AnalysisRunRepo;
  /** Shared analyses' answers kept across restarts, keyed on the data they were computed from. */
  analysisResults: AnalysisResultRepo;
  consultations: ConsultationRepo;
  matching: MatchingRepo;
  disclosures: DisclosureRepo;
  accounts: AccountRepo;
  sessions: SessionRepo;
  audit: AuditRepo;
  reviews: ActorReviewRepo;
  notifications: NotificationRepo;
  /** The actor network in compact form, read straight from storage (the network analyses' input). */
  network: NetworkReader;
  transaction<T>(
    work: (repos: Repositories) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  counts(): Promise<EntityCounts>;
  /**
   * Per entity table (`actors`, `needs`…), a version that changes with every committed write to
   * it, by any process: the key of caches built from the records (equal versions, equal records).
   */
  dataVersions(): Promise<Readonly<Record<string, number>>>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
}

/** Kept answers of shared analyses: JSON text under a key, valid for one data fingerprint. */
export interface AnalysisResultRepo {
  /** The answer kept for `key` when it was computed from the data `fingerprint` names. */
  read(key: string, fingerprint: string): Promise<string | undefined>;
  /** Keeps `value` for `key`, replacing what was kept for an older fingerprint. */
  write(key: string, fingerprint: string, value: string, computedAt: string): Promise<void>;
  /**
   * Claims `key` for `holder` to compute the answer for `fingerprint`, at once for every process on
   * the database: true when no claim for that fingerprint is held, or when the one held was made
   * before `staleBefore` (its holder gone); false while another holder's claim stands.
   */
  claim(
    key: string,
    fingerprint: string,
    holder: string,
    at: string,
    staleBefore: string,
  ): Promise<boolean>;
  /** Gives up `holder`'s claim on `key` (nothing when another holder has taken it over). */
  release(key: string, holder: string): Promise<void>;
}

/**
 * Reads the whole actor network without an object per relation (see network-columns.ts); the SQL
 * repositories keep it as one stored snapshot per data version of actors and relations.
 */
export interface NetworkReader {
  readCompact(): Promise<CompactNetwork>;
}

/** Time source, injected so rules that depend on "now" (stale profiles, overdue consultations) test deterministically. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A stored analysis run (communities, roles…): its parameters and date, so trends between years show. */
export interface AnalysisRun<T = unknown> {
  id: string;
  kind: string;
  parameters: Record<string, unknown>;
  /** Small headline figures for listing runs side by side. */
  summary: Record<string, unknown>;
  result: T;
  createdAt: string;
}

export interface AnalysisRunRepo {
  save(run: AnalysisRun): Promise<void>;
  get(id: string): Promise<AnalysisRun | undefined>;
  /** Runs of a kind, newest first, without their full results. */
  list(kind: string, limit?: number): Promise<Omit<AnalysisRun, 'result'>[]>;
}

// --- Matching and consultations (issue 4) -------------------------------------------------

/** Consultations (相談) and their history. */
export interface ConsultationRepo {
  insert(consultation: Consultation): Promise<void>;
  /** Replaces the consultation when its stored version is `expectedVersion`; false on a lost race. */
  update(consultation: Consultation, expectedVersion: number): Promise<boolean>;
  get(id: string): Promise<Versioned<Consultation> | undefined>;
  /** Newest first. */
  list(filter?: ConsultationFilter): Promise<Consultation[]>;
  /** Appends to the history; the store numbers events per consultation (seq). */
  appendEvent(event: Omit<ConsultationEvent, 'seq'>): Promise<void>;
  /** History of one consultation in order. */
  events(consultationId: string): Promise<ConsultationEvent[]>;
  /** Every event of these consultations, for figures. */
  eventsOf(consultationIds: readonly string[]): Promise<ConsultationEvent[]>;
}

export interface ConsultationFilter {
  needId?: string;
  stage?: string;
  coordinatorId?: string;
  limit?: number;
}

/** Feedback on matches, and the persisted search indexes. */
export interface MatchingRepo {
  /** Stores a judgement; with `audit`, its audit entry in the same transaction. */
  addFeedback(feedback: MatchFeedback, audit?: AuditEntry): Promise<void>;
  listFeedback(): Promise<MatchFeedback[]>;
  /** The need of each judgement made on a seed or on a need (one entry per judgement). */
  judgedNeedIds(where: { seedId: string } | { needId: string }): Promise<string[]>;
  /** A cheap summary of a table's contents that changes whenever a row is added, changed or removed. */
  fingerprint(entity: 'seeds' | 'needs' | 'actors' | 'relations'): Promise<string>;
  /** id → version of every row of the entity (incremental index refresh). */
  versions(entity: 'seeds' | 'needs'): Promise<Map<string, number>>;
  saveIndexSnapshot(name: string, fingerprint: string, bytes: Uint8Array): Promise<void>;
  loadIndexSnapshot(name: string): Promise<{ fingerprint: string; bytes: Uint8Array } | undefined>;
  /** Accounts assigned to a need directly (need_assignments, once accounts exist). */
  needAssignments(needId: string): Promise<string[]>;
}

/** Anonymous digests of needs and the disclosure steps that follow. */
export interface DisclosureRepo {
  saveDigest(digest: NeedDigest): Promise<void>;
  getDigest(needId: string): Promise<NeedDigest | undefined>;
  findDigest(digestId: string): Promise<NeedDigest | undefined>;
  listDigests(): Promise<NeedDigest[]>;
  saveRequest(request: DisclosureRequest): Promise<void>;
  getRequest(id: string): Promise<DisclosureRequest | undefined>;
  listRequests(needId: string): Promise<DisclosureRequest[]>;
  /** Organisations the owner has accepted, per need. */
  acceptedOrganisations(needIds: readonly string[]): Promise<Map<string, Set<string>>>;
  /** Needs whose owner has accepted this organisation's interest (disclosed to it). */
  needsDisclosedTo(organisationId: string): Promise<string[]>;
  appendEvent(event: DisclosureEvent): Promise<void>;
  events(needId: string): Promise<DisclosureEvent[]>;
}

// --- Accounts, sessions, audit (issue 5) --------------------------------------------------

/** An account with what is needed to check its password. */
export interface StoredAccount {
  account: Account;
  /** Self-describing password hash (scrypt parameters, salt and key). */
  passwordHash: string;
}

/** Accounts, and which accounts are assigned to which needs (need_assignments). */
export interface AccountRepo {
  /** Throws DomainError('conflict') when the e-mail address is taken. */
  insert(stored: StoredAccount): Promise<void>;
  /** Replaces the account; a new password hash when given. */
  update(account: Account, passwordHash?: string): Promise<void>;
  get(id: string): Promise<StoredAccount | undefined>;
  findByEmail(email: string): Promise<StoredAccount | undefined>;
  /** All accounts by e-mail address. */
  list(): Promise<Account[]>;
  assignNeed(assignment: NeedAssignment): Promise<void>;
  unassignNeed(needId: string, accountId: string): Promise<boolean>;
  /** Accounts assigned to the need. */
  assignmentsOf(needId: string): Promise<NeedAssignment[]>;
  /** Needs the account is assigned to. */
  assignedNeeds(accountId: string): Promise<string[]>;
}

export interface NeedAssignment {
  needId: string;
  accountId: string;
  assignedBy: string;
  assignedAt: string;
}

/** A signed-in browser session; only hashes of its secrets are stored. */
export interface SessionRecord {
  tokenHash: string;
  accountId: string;
  csrfHash: string;
  createdAt: string;
  expiresAt: string;
}

/** A machine's API token; only the hash of the secret is stored. */
export interface ApiTokenRecord {
  id: string;
  accountId: string;
  name: string;
  /** The first characters of the token, to recognise it in a list. */
  prefix: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Browser sessions and API tokens. */
export interface SessionRepo {
  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Signs an account out everywhere (password change, account disabled). */
  deleteSessionsOf(accountId: string): Promise<number>;
  /** Removes sessions that ended before `now`; returns how many. */
  deleteExpiredSessions(now: string): Promise<number>;
  createToken(token: ApiTokenRecord): Promise<void>;
  findToken(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  /** The account's tokens, newest first. */
  listTokens(accountId: string): Promise<ApiTokenRecord[]>;
  /** Revokes one of the account's tokens; false when there is no such live token. */
  revokeToken(id: string, accountId: string, at: string): Promise<boolean>;
  touchToken(id: string, at: string): Promise<void>;
}

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'token_created',
  'token_revoked',
  'assign',
  'unassign',
  // Issue 12: the workflow's state changes and reads of confidential texts.
  'read',
  'open',
  'move',
  'note',
  'propose',
  'judge',
  'publish',
  'withdraw',
  'interest',
  'decide',
  'feedback',
  'export',
  'import',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One change (who, when, what, before, after). */
export interface AuditEntry {
  id: string;
  at: string;
  /** The account that acted; null for the anonymous public (e.g. a failed sign-in). */
  accountId: string | null;
  action: AuditAction;
  /** Entity name (`actors`…) or `accounts`, `sessions`, `api-tokens`, `need-assignments`. */
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  entity?: string;
  entityId?: string;
  accountId?: string;
  action?: AuditAction;
  /** Entries at or after this ISO time. */
  from?: string;
  /** Entries before this ISO time. */
  to?: string;
}

/** The append-only audit log, newest first when listed. */
export interface AuditRepo {
  append(entry: AuditEntry): Promise<void>;
  list(query: AuditQuery): Promise<Page<AuditEntry>>;
}

// --- Entity resolution (issue 10) ---------------------------------------------------------

export const REVIEW_STATUSES = ['open', 'merged', 'kept_apart'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A record from a source that may be an existing actor, waiting for a person to decide. */
export interface ActorReview {
  id: string;
  source: string;
  /** The existing actor the record may be. */
  candidateId: string;
  /** The record as the connector gave it (keys, fields, source date). */
  record: unknown;
  score: number;
  reasons: string;
  status: ReviewStatus;
  createdAt: string;
  decidedAt?: string;
}

export interface ActorReviewRepo {
  /** Adds the review unless one with its id exists; true when added. */
  add(review: ActorReview): Promise<boolean>;
  get(id: string): Promise<ActorReview | undefined>;
  /** Reviews of a status (all when absent), oldest first. */
  list(status?: ReviewStatus): Promise<ActorReview[]>;
  /** Records the decision on an open review; false when it is not open. */
  decide(id: string, status: Exclude<ReviewStatus, 'open'>, at: string): Promise<boolean>;
}

// --- Notifications (issue 11) -------------------------------------------------------------

/** Accounts' inboxes, their e-mail choices and the outbox of mail not yet sent. */
export interface NotificationRepo {
  insert(notification: Notification): Promise<void>;
  /** The account's notifications, newest first. */
  list(
    accountId: string,
    query: { limit: number; cursor?: string; unreadOnly?: boolean },
  ): Promise<Page<Notification>>;
  unreadCount(accountId: string): Promise<number>;
  /** Marks one of the account's notifications read; false when it has no such notification. */
  markRead(accountId: string, id: string, at: string): Promise<boolean>;
  /** Marks every unread notification of the account read; returns how many. */
  markAllRead(accountId: string, at: string): Promise<number>;
  /** When the account last got a notification of this kind about this subject id. */
  lastAt(accountId: string, kind: NotificationKind, subjectId: string): Promise<string | undefined>;
  /** The kinds the account chose (absent kinds: the default). */
  preferences(accountId: string): Promise<Partial<EmailPreferences>>;
  savePreferences(accountId: string, preferences: EmailPreferences): Promise<void>;
  enqueueMail(mail: OutgoingMail): Promise<void>;
  /** Mail not sent nor given up whose next attempt is due at `now`, oldest first. */
  dueMail(now: string, limit: number): Promise<OutgoingMail[]>;
  /** Records an attempt's result. */
  saveMail(mail: OutgoingMail): Promise<void>;
  /** Every mail of the outbox, oldest first (operators, tests). */
  listMail(): Promise<OutgoingMail[]>;
}
