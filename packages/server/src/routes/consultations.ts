/**
 * The coordinator workflow over HTTP (相談対応): open a consultation from a need, list them
 * (as a list or as a board by stage, with overdue flags), move a stage with If-Match
 * (optimistic concurrency), notes, history, coordinators, candidates and judgements (rejection
 * reasons feed the ranking), and the triage view. Staged disclosure of confidential needs:
 * anonymous digests, expressions of interest, the owner's decision. Permissions and
 * confidentiality are the services' rules; a consultation on a confidential need exists only for
 * its requester and its assigned coordinators.
 */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import * as routes from '#contract/routes/consultations.ts';
import { viewerOf } from '#core/accounts.ts';
import { CONSULTATION_STAGES, type Consultation, type OverdueStatus } from '#core/consultation.ts';
import { pageInMemory, parseSort, type ListSort } from '#core/list-sort.ts';
import type { Viewer } from '#core/viewer.ts';
import { buildTriageView } from '#services/consultations/triage-view.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { etagOf, expectedVersion, parseQuery, readJsonBody } from '../http-input.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';
import type { WorkflowServices } from '../workflow-services.ts';
import { parseBody } from './workflow-input.ts';
import {
  CONSULTATION_SORT_FIELDS,
  DIGEST_SORT_FIELDS,
  ZCandidatesBody,
  ZConsultationListQuery,
  ZDecisionBody,
  ZDigestListQuery,
  ZInterestBody,
  ZJudgementBody,
  ZNoteBody,
  ZOpenConsultation,
  ZStageMoveBody,
} from '#contract/workflow-schemas.ts';
import {
  registerRawRoute,
  registerRoute,
  type QueryParser,
  type RegisterOptions,
} from '../register-route.ts';

/**
 * Lists that refuse a query parameter they do not know (400 naming it); the handlers parse the
 * values (the board takes the list's parameters, its cursor ignored).
 */
function strictQuery(schema: z.ZodObject, where: string): RegisterOptions {
  const parser: QueryParser = (_, query) => {
    rejectUnknownParameters(query, parameterNames(schema), where);
    return parseQuery(schema, query);
  };
  return { mountedAt: '/api', parseQuery: parser };
}

const on = { mountedAt: '/api' };

type Item = Consultation & { version: number; needTitle: string; overdue: OverdueStatus };

function matchesQuery(item: Item, q: string | undefined): boolean {
  if (q === undefined || q === '') return true;
  const needle = q.toLowerCase();
  return [item.needTitle, item.needId, item.id, item.field ?? ''].some((v) =>
    v.toLowerCase().includes(needle),
  );
}

function sortValue(item: Item, field: string): unknown {
  if (field === 'dueAt') return item.overdue.dueAt ?? null;
  if (field === 'stage') return CONSULTATION_STAGES.indexOf(item.stage);
  const value: unknown = (item as Record<string, unknown>)[field];
  return value ?? null;
}

export function registerConsultationRoutes(
  api: Hono<AppEnv>,
  services: ApiServices,
  workflow: WorkflowServices,
): void {
  const { repos } = services;
  const consultations = workflow.consultations;
  const disclosures = workflow.disclosures;
  const viewer = (c: Context<AppEnv>): Viewer => viewerOf(c.get('principal'));

  /** Adds the need title and the stored version (for If-Match) to each consultation. */
  const decorate = async (
    list: readonly (Consultation & { overdue: OverdueStatus })[],
  ): Promise<Item[]> => {
    const titles = new Map<string, string>();
    const out: Item[] = [];
    for (const consultation of list) {
      let title = titles.get(consultation.needId);
      if (title === undefined) {
        const need = await repos.entity('needs').get(consultation.needId);
        title = typeof need?.record['title'] === 'string' ? need.record['title'] : '';
        titles.set(consultation.needId, title);
      }
      const stored = await repos.consultations.get(consultation.id);
      out.push({ ...consultation, version: stored?.version ?? 1, needTitle: title });
    }
    return out;
  };

  const itemOf = async (v: Viewer, id: string): Promise<Item> => {
    const view = await consultations.get(v, id);
    const [item] = await decorate([{ ...view.consultation, overdue: view.overdue }]);
    if (item === undefined) throw new Error('unreachable');
    return item;
  };

  const visibleItems = async (
    c: Context<AppEnv>,
    params: {
      stage?: string | undefined;
      mine?: boolean | undefined;
      overdue?: boolean | undefined;
      needId?: string | undefined;
    },
  ) =>
    decorate(
      await consultations.list(viewer(c), {
        ...(params.stage !== undefined ? { stage: params.stage } : {}),
        ...(params.mine !== undefined ? { mine: params.mine } : {}),
        ...(params.overdue !== undefined ? { overdueOnly: params.overdue } : {}),
        ...(params.needId !== undefined ? { needId: params.needId } : {}),
      }),
    );

  const sortOf = (raw: string | undefined, fallback: string): ListSort =>
    parseSort(raw ?? fallback, CONSULTATION_SORT_FIELDS) ?? {
      field: 'openedAt',
      descending: true,
    };

  registerRoute(
    api,
    routes.listConsultations,
    async ({ query: params }, c) => {
      const sort = sortOf(params.sort, '-openedAt');
      const items = (await visibleItems(c, params)).filter((i) => matchesQuery(i, params.q));
      const page = pageInMemory(items, {
        limit: params.limit,
        cursor: params.cursor,
        sort,
        idOf: (i) => i.id,
        valueOf: sortValue,
      });
      c.header('vary', 'Cookie, Authorization');
      return { items: page.items, nextCursor: page.nextCursor ?? null };
    },
    strictQuery(ZConsultationListQuery, '/api/consultations'),
  );

  registerRoute(
    api,
    routes.consultationBoard,
    async ({ query: params }, c) => {
      const sort = sortOf(params.sort, 'stageEnteredAt');
      const items = (await visibleItems(c, params)).filter((i) => matchesQuery(i, params.q));
      const stages = CONSULTATION_STAGES.map((stage) => {
        const inStage = items.filter((i) => i.stage === stage);
        return {
          stage,
          count: inStage.length,
          overdue: inStage.filter((i) => i.overdue.overdue).length,
          items: pageInMemory(inStage, {
            limit: params.limit,
            sort,
            idOf: (i) => i.id,
            valueOf: sortValue,
          }).items,
        };
      });
      c.header('vary', 'Cookie, Authorization');
      return { stages, total: items.length };
    },
    strictQuery(ZConsultationListQuery, '/api/consultations/board'),
  );

  registerRawRoute(
    api,
    routes.openConsultation,
    async (_, c) => {
      const body = parseBody(ZOpenConsultation, await readJsonBody(c));
      const opened = await consultations.open(viewer(c), body.needId, {
        ...(body.note !== undefined ? { note: body.note } : {}),
      });
      const item = await itemOf(viewer(c), opened.id);
      c.header('location', `/api/consultations/${opened.id}`);
      c.header('etag', etagOf(item.version));
      return c.json(item, 201);
    },
    on,
  );

  registerRoute(
    api,
    routes.getConsultation,
    async ({ params }, c) => {
      const v = viewer(c);
      const view = await consultations.get(v, params.id);
      const [item] = await decorate([{ ...view.consultation, overdue: view.overdue }]);
      c.header('etag', etagOf(view.version));
      c.header('vary', 'Cookie, Authorization');
      const coordinators = await Promise.all(
        view.consultation.coordinatorIds.map(async (accountId) => ({
          id: accountId,
          displayName: (await repos.accounts.get(accountId))?.account.displayName ?? '',
        })),
      );
      return {
        consultation: view.consultation,
        version: view.version,
        needTitle: item?.needTitle ?? '',
        overdue: view.overdue,
        history: view.history,
        coordinators,
      };
    },
    on,
  );

  registerRoute(
    api,
    routes.consultationHistory,
    async ({ params }, c) => {
      const view = await consultations.get(viewer(c), params.id);
      return { items: view.history };
    },
    on,
  );

  registerRoute(
    api,
    routes.consultationStatus,
    async ({ params }, c) => consultations.status(viewer(c), params.id),
    on,
  );

  registerRawRoute(
    api,
    routes.moveConsultation,
    async ({ params }, c) => {
      const version = expectedVersion(c);
      const body = parseBody(ZStageMoveBody, await readJsonBody(c));
      const v = viewer(c);
      await consultations.move(v, params.id, body, { expectedVersion: version });
      const item = await itemOf(v, params.id);
      c.header('etag', etagOf(item.version));
      return c.json(item);
    },
    on,
  );

  registerRawRoute(
    api,
    routes.addConsultationNote,
    async ({ params }, c) => {
      const body = parseBody(ZNoteBody, await readJsonBody(c));
      const v = viewer(c);
      await consultations.addNote(v, params.id, body.text);
      const view = await consultations.get(v, params.id);
      return c.json(view.history[view.history.length - 1] ?? null, 201);
    },
    on,
  );

  registerRawRoute(
    api,
    routes.assignConsultation,
    async ({ params }, c) => {
      const v = viewer(c);
      await consultations.assign(v, params.id, params.accountId);
      return c.json(await itemOf(v, params.id));
    },
    on,
  );

  registerRawRoute(
    api,
    routes.unassignConsultation,
    async ({ params }, c) => {
      const v = viewer(c);
      await consultations.unassign(v, params.id, params.accountId);
      return c.body(null, 204);
    },
    on,
  );

  registerRawRoute(
    api,
    routes.proposeCandidates,
    async ({ params }, c) => {
      const body = parseBody(ZCandidatesBody, await readJsonBody(c));
      const v = viewer(c);
      await consultations.proposeCandidates(v, params.id, body.seedIds);
      return c.json(await itemOf(v, params.id), 201);
    },
    on,
  );

  registerRawRoute(
    api,
    routes.judgeCandidate,
    async ({ params }, c) => {
      const body = parseBody(ZJudgementBody, await readJsonBody(c));
      const v = viewer(c);
      // Check access before starting the matching index.
      await consultations.get(v, params.id);
      const judging = await workflow.judging();
      await judging.judgeCandidate(v, params.id, body);
      return c.body(null, 204);
    },
    on,
  );

  registerRoute(
    api,
    routes.consultationTriage,
    async ({ params }, c) => {
      const v = viewer(c);
      await consultations.get(v, params.id);
      const view = await buildTriageView(
        { repos, consultations, matching: await workflow.matching() },
        v,
        params.id,
      );
      return view;
    },
    on,
  );

  // Staged disclosure (段階的開示).

  registerRawRoute(
    api,
    routes.publishDigest,
    async ({ params }, c) => {
      const digest = await disclosures.publishDigest(viewer(c), params.id);
      return c.json(digest, 201);
    },
    on,
  );

  registerRawRoute(
    api,
    routes.withdrawDigest,
    async ({ params }, c) => {
      await disclosures.withdrawDigest(viewer(c), params.id);
      return c.body(null, 204);
    },
    on,
  );

  registerRoute(
    api,
    routes.disclosureHistory,
    async ({ params }, c) => await disclosures.history(viewer(c), params.id),
    on,
  );

  registerRoute(
    api,
    routes.disclosedNeed,
    async ({ params }, c) => {
      c.header('vary', 'Cookie, Authorization');
      return await disclosures.fullNeed(viewer(c), params.id);
    },
    on,
  );

  registerRoute(
    api,
    routes.listDigests,
    async ({ query: params }, c) => {
      const sort = parseSort(params.sort ?? '-publishedAt', DIGEST_SORT_FIELDS);
      const needle = params.q?.toLowerCase();
      // Each organisation's own interest is in the answer: it varies by who asks.
      c.header('vary', 'Cookie, Authorization');
      const digests = (await disclosures.listDigests(viewer(c)))
        .filter((d) => d.withdrawnAt === undefined)
        .filter(
          (d) =>
            needle === undefined ||
            needle === '' ||
            [d.title, d.summary, ...d.keywords].some((t) => t.toLowerCase().includes(needle)),
        );
      const page = pageInMemory(digests, {
        limit: params.limit,
        cursor: params.cursor,
        sort,
        idOf: (d) => d.digestId,
        valueOf: (d, field) => (d as Record<string, unknown>)[field],
      });
      return { items: page.items, nextCursor: page.nextCursor ?? null };
    },
    strictQuery(ZDigestListQuery, '/api/digests'),
  );

  registerRawRoute(
    api,
    routes.expressInterest,
    async ({ params }, c) => {
      const body = parseBody(ZInterestBody, await readJsonBody(c));
      const result = await disclosures.expressInterest(viewer(c), params.digestId, body.message);
      return c.json(result, 201);
    },
    on,
  );

  registerRawRoute(
    api,
    routes.decideDisclosure,
    async ({ params }, c) => {
      const body = parseBody(ZDecisionBody, await readJsonBody(c));
      const decided = await disclosures.decide(viewer(c), params.id, {
        accept: body.accept,
        ...(body.agreementRef !== undefined ? { agreementRef: body.agreementRef } : {}),
      });
      return c.json(decided);
    },
    on,
  );

  registerRawRoute(
    api,
    routes.withdrawDisclosure,
    async ({ params }, c) => c.json(await disclosures.withdraw(viewer(c), params.id)),
    on,
  );
}
