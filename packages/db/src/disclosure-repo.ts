import {
  ZDisclosureEvent,
  ZDisclosureRequest,
  ZNeedDigest,
  type DisclosureRequest,
  type NeedDigest,
} from '#core/disclosure.ts';
import type { DisclosureRepo } from '#core/ports.ts';
import { optionalText, readJson } from './json-column.ts';
import type { SqlClient } from './sql-client.ts';

function digestFromRow(row: Record<string, unknown>): NeedDigest {
  return ZNeedDigest.parse({
    needId: row['need_id'],
    digestId: row['digest_id'],
    title: row['title'],
    summary: row['summary'],
    field: optionalText(row['field']),
    sdgs: readJson(row['sdgs']),
    keywords: readJson(row['keywords']),
    publishedBy: row['published_by'],
    publishedAt: row['published_at'],
    withdrawnAt: optionalText(row['withdrawn_at']),
  });
}

function requestFromRow(row: Record<string, unknown>): DisclosureRequest {
  return ZDisclosureRequest.parse({
    id: row['id'],
    needId: row['need_id'],
    organisationId: row['organisation_id'],
    requestedBy: row['requested_by'],
    status: row['status'],
    message: optionalText(row['message']),
    createdAt: row['created_at'],
    decidedAt: optionalText(row['decided_at']),
    decidedBy: optionalText(row['decided_by']),
    agreementRef: optionalText(row['agreement_ref']),
  });
}

/** Digests in `need_digests`, interests in `disclosure_requests`, steps in `disclosure_events`. */
export function createSqlDisclosureRepo(client: SqlClient): DisclosureRepo {
  return {
    async saveDigest(d) {
      await client.run(
        `INSERT INTO need_digests (need_id, digest_id, title, summary, field, sdgs, keywords, published_by, published_at, withdrawn_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (need_id) DO UPDATE SET digest_id = excluded.digest_id, title = excluded.title, summary = excluded.summary,
           field = excluded.field, sdgs = excluded.sdgs, keywords = excluded.keywords, published_by = excluded.published_by,
           published_at = excluded.published_at, withdrawn_at = excluded.withdrawn_at`,
        [
          d.needId,
          d.digestId,
          d.title,
          d.summary,
          d.field ?? null,
          JSON.stringify(d.sdgs),
          JSON.stringify(d.keywords),
          d.publishedBy,
          d.publishedAt,
          d.withdrawnAt ?? null,
        ],
      );
    },
    async getDigest(needId) {
      const rows = await client.all('SELECT * FROM need_digests WHERE need_id = ?', [needId]);
      return rows[0] === undefined ? undefined : digestFromRow(rows[0]);
    },
    async findDigest(digestId) {
      const rows = await client.all('SELECT * FROM need_digests WHERE digest_id = ?', [digestId]);
      return rows[0] === undefined ? undefined : digestFromRow(rows[0]);
    },
    async listDigests() {
      const rows = await client.all(
        'SELECT * FROM need_digests WHERE withdrawn_at IS NULL ORDER BY published_at DESC, digest_id',
      );
      return rows.map(digestFromRow);
    },
    async saveRequest(r) {
      await client.run(
        `INSERT INTO disclosure_requests (id, need_id, organisation_id, requested_by, status, message, created_at, decided_at, decided_by, agreement_ref)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, message = excluded.message, decided_at = excluded.decided_at,
           decided_by = excluded.decided_by, agreement_ref = excluded.agreement_ref`,
        [
          r.id,
          r.needId,
          r.organisationId,
          r.requestedBy,
          r.status,
          r.message ?? null,
          r.createdAt,
          r.decidedAt ?? null,
          r.decidedBy ?? null,
          r.agreementRef ?? null,
        ],
      );
    },
    async getRequest(id) {
      const rows = await client.all('SELECT * FROM disclosure_requests WHERE id = ?', [id]);
      return rows[0] === undefined ? undefined : requestFromRow(rows[0]);
    },
    async listRequests(needId) {
      const rows = await client.all(
        'SELECT * FROM disclosure_requests WHERE need_id = ? ORDER BY created_at, id',
        [needId],
      );
      return rows.map(requestFromRow);
    },
    async needsDisclosedTo(organisationId) {
      const rows = await client.all<{ need_id: string }>(
        "SELECT DISTINCT need_id FROM disclosure_requests WHERE status = 'accepted' AND organisation_id = ? ORDER BY need_id",
        [organisationId],
      );
      return rows.map((row) => String(row.need_id));
    },
    async acceptedOrganisations(needIds) {
      const out = new Map<string, Set<string>>();
      for (let i = 0; i < needIds.length; i += 500) {
        const batch = needIds.slice(i, i + 500);
        if (batch.length === 0) continue;
        const rows = await client.all<{ need_id: string; organisation_id: string }>(
          `SELECT need_id, organisation_id FROM disclosure_requests WHERE status = 'accepted' AND need_id IN (${batch.map(() => '?').join(', ')})`,
          batch,
        );
        for (const row of rows) {
          const set = out.get(row.need_id) ?? new Set<string>();
          set.add(row.organisation_id);
          out.set(row.need_id, set);
        }
      }
      return out;
    },
    async appendEvent(e) {
      await client.run(
        `INSERT INTO disclosure_events (need_id, seq, at, actor_id, kind, organisation_id, data)
         SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ? FROM disclosure_events WHERE need_id = ?`,
        [
          e.needId,
          e.at,
          e.actorId,
          e.kind,
          e.organisationId ?? null,
          JSON.stringify(e.data),
          e.needId,
        ],
      );
    },
    async events(needId) {
      const rows = await client.all(
        'SELECT * FROM disclosure_events WHERE need_id = ? ORDER BY seq',
        [needId],
      );
      return rows.map((row) =>
        ZDisclosureEvent.parse({
          needId: row['need_id'],
          at: row['at'],
          actorId: row['actor_id'],
          kind: row['kind'],
          organisationId: optionalText(row['organisation_id']),
          data: readJson(row['data']),
        }),
      );
    },
  };
}
