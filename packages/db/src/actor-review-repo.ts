import { REVIEW_STATUSES, type ActorReview, type ActorReviewRepo } from '#core/ports.ts';
import { optionalText, readJson } from './json-column.ts';
import type { SqlClient } from './sql-client.ts';

const COLUMNS = 'id, source, candidate_id, record, score, reasons, status, created_at, decided_at';

function toReview(row: Record<string, unknown>): ActorReview {
  const status = REVIEW_STATUSES.find((s) => s === row['status']);
  if (!status) throw new Error(`actor_reviews: unknown status ${String(row['status'])}`);
  const decidedAt = optionalText(row['decided_at']);
  return {
    id: String(row['id']),
    source: String(row['source']),
    candidateId: String(row['candidate_id']),
    record: readJson(row['record']),
    score: Number(row['score']),
    reasons: String(row['reasons']),
    status,
    createdAt: String(row['created_at']),
    ...(decidedAt ? { decidedAt } : {}),
  };
}

/** The review queue of entity resolution (`actor_reviews`). */
export function createSqlActorReviewRepo(client: SqlClient): ActorReviewRepo {
  return {
    async add(review) {
      const inserted = await client.run(
        `INSERT INTO actor_reviews (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        [
          review.id,
          review.source,
          review.candidateId,
          JSON.stringify(review.record),
          review.score,
          review.reasons,
          review.status,
          review.createdAt,
          review.decidedAt ?? null,
        ],
      );
      return inserted > 0;
    },
    async get(id) {
      const rows = await client.all(`SELECT ${COLUMNS} FROM actor_reviews WHERE id = ?`, [id]);
      return rows[0] ? toReview(rows[0]) : undefined;
    },
    async list(status) {
      const rows = status
        ? await client.all(
            `SELECT ${COLUMNS} FROM actor_reviews WHERE status = ? ORDER BY created_at, id`,
            [status],
          )
        : await client.all(`SELECT ${COLUMNS} FROM actor_reviews ORDER BY created_at, id`);
      return rows.map(toReview);
    },
    async decide(id, status, at) {
      const changed = await client.run(
        `UPDATE actor_reviews SET status = ?, decided_at = ? WHERE id = ? AND status = 'open'`,
        [status, at, id],
      );
      return changed > 0;
    },
  };
}
