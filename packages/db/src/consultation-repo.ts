import {
  ZConsultation,
  ZConsultationEvent,
  type Consultation,
  type ConsultationEvent,
} from '#core/consultation.ts';
import type { Clock, ConsultationFilter, ConsultationRepo } from '#core/ports.ts';
import { optionalText, readJson } from './json-column.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';

const COLUMNS =
  'id, need_id, stage, requester_id, prefecture_code, field, coordinator_ids, agreement_type, outcome, close_reason, opened_by, opened_at, stage_entered_at, closed_at';

function toRow(c: Consultation): SqlParam[] {
  return [
    c.id,
    c.needId,
    c.stage,
    c.requesterId,
    c.prefectureCode ?? null,
    c.field ?? null,
    JSON.stringify(c.coordinatorIds),
    c.agreementType ?? null,
    c.outcome ?? null,
    c.closeReason ?? null,
    c.openedBy,
    c.openedAt,
    c.stageEnteredAt,
    c.closedAt ?? null,
  ];
}

function fromRow(row: Record<string, unknown>): Consultation {
  const record: Record<string, unknown> = {
    id: row['id'],
    needId: row['need_id'],
    stage: row['stage'],
    requesterId: row['requester_id'],
    prefectureCode: optionalText(row['prefecture_code']),
    field: optionalText(row['field']),
    coordinatorIds: readJson(row['coordinator_ids']),
    agreementType: optionalText(row['agreement_type']),
    outcome: optionalText(row['outcome']),
    closeReason: optionalText(row['close_reason']),
    openedBy: row['opened_by'],
    openedAt: row['opened_at'],
    stageEnteredAt: row['stage_entered_at'],
    closedAt: optionalText(row['closed_at']),
  };
  return ZConsultation.parse(record);
}

function eventFromRow(row: Record<string, unknown>): ConsultationEvent {
  return ZConsultationEvent.parse({
    consultationId: row['consultation_id'],
    seq: Number(row['seq']),
    at: row['at'],
    actorId: row['actor_id'],
    kind: row['kind'],
    fromStage: optionalText(row['from_stage']),
    toStage: optionalText(row['to_stage']),
    data: readJson(row['data']),
  });
}

/** Consultations in `consultations`, their history in `consultation_events` (seq per consultation). */
export function createSqlConsultationRepo(client: SqlClient, clock: Clock): ConsultationRepo {
  return {
    async insert(consultation) {
      await client.run(
        `INSERT INTO consultations (${COLUMNS}, version, updated_at) VALUES (${Array.from({ length: 14 }, () => '?').join(', ')}, 1, ?)`,
        [...toRow(consultation), clock.now().toISOString()],
      );
    },
    async update(consultation, expectedVersion) {
      const sets = COLUMNS.split(', ')
        .slice(1)
        .map((column) => `${column} = ?`)
        .join(', ');
      const row = toRow(consultation);
      const changed = await client.run(
        `UPDATE consultations SET ${sets}, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
        [...row.slice(1), clock.now().toISOString(), consultation.id, expectedVersion],
      );
      return changed === 1;
    },
    async get(id) {
      const rows = await client.all(
        `SELECT ${COLUMNS}, version, updated_at FROM consultations WHERE id = ?`,
        [id],
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      return {
        record: fromRow(row),
        version: Number(row['version']),
        updatedAt: String(row['updated_at']),
      };
    },
    async list(filter: ConsultationFilter = {}) {
      const where: string[] = [];
      const params: SqlParam[] = [];
      if (filter.needId !== undefined) {
        where.push('need_id = ?');
        params.push(filter.needId);
      }
      if (filter.stage !== undefined) {
        where.push('stage = ?');
        params.push(filter.stage);
      }
      if (filter.coordinatorId !== undefined) {
        // In SQL, so a coordinator's consultations do not mean reading (and parsing) all of them.
        where.push(
          client.dialect === 'sqlite'
            ? 'EXISTS (SELECT 1 FROM json_each(coordinator_ids) WHERE value = ?)'
            : 'coordinator_ids @> to_jsonb(?::text)',
        );
        params.push(filter.coordinatorId);
      }
      const rows = await client.all(
        `SELECT ${COLUMNS} FROM consultations${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC, id DESC`,
        params,
      );
      let out = rows.map(fromRow);
      const coordinator = filter.coordinatorId;
      if (coordinator !== undefined)
        out = out.filter((c) => c.coordinatorIds.includes(coordinator));
      return filter.limit === undefined ? out : out.slice(0, filter.limit);
    },
    async appendEvent(event) {
      await client.run(
        `INSERT INTO consultation_events (consultation_id, seq, at, actor_id, kind, from_stage, to_stage, data)
         SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ? FROM consultation_events WHERE consultation_id = ?`,
        [
          event.consultationId,
          event.at,
          event.actorId,
          event.kind,
          event.fromStage ?? null,
          event.toStage ?? null,
          JSON.stringify(event.data),
          event.consultationId,
        ],
      );
    },
    async events(consultationId) {
      const rows = await client.all(
        'SELECT * FROM consultation_events WHERE consultation_id = ? ORDER BY seq',
        [consultationId],
      );
      return rows.map(eventFromRow);
    },
    async eventsOf(ids) {
      const out: ConsultationEvent[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const batch = ids.slice(i, i + 500);
        if (batch.length === 0) continue;
        const rows = await client.all(
          `SELECT * FROM consultation_events WHERE consultation_id IN (${batch.map(() => '?').join(', ')}) ORDER BY consultation_id, seq`,
          batch,
        );
        out.push(...rows.map(eventFromRow));
      }
      return out;
    },
  };
}
