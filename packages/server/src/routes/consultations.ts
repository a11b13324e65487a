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
} from './workflow.schema.ts';

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
    },
  ) =>
    decorate(
      await consultations.list(viewer(c), {
        ...(params.stage !== undefined ? { stage: params.stage } : {}),
        ...(params.mine !== undefined ? { mine: params.mine } : {}),
        ...(params.overdue !== undefined ? { overdueOnly: params.overdue } : {}),
      }),
    );

  const sortOf = (raw: string | undefined, fallback: string): ListSort =>
    parseSort(raw ?? fallback, CONSULTATION_SORT_FIELDS) ?? {
      field: 'openedAt',
      descending: true,
    };

  api.get('/consultations', async (c) => {
    rejectUnknownParameters(
      c.req.query(),
      parameterNames(ZConsultationListQuery),
      '/api/consultations',
    );
    const params = parseQuery(ZConsultationListQuery, c.req.query());
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
    return c.json({ items: page.items, nextCursor: page.nextCursor ?? null });
  });

  api.get('/consultations/board', async (c) => {
    rejectUnknownParameters(
      c.req.query(),
      parameterNames(ZConsultationListQuery),
      '/api/consultations/board',
    );
    const params = parseQuery(ZConsultationListQuery, c.req.query());
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
    return c.json({ stages, total: items.length });
  });

  api.post('/consultations', async (c) => {
    const body = parseBody(ZOpenConsultation, await readJsonBody(c));
    const opened = await consultations.open(viewer(c), body.needId, {
      ...(body.note !== undefined ? { note: body.note } : {}),
    });
    const item = await itemOf(viewer(c), opened.id);
    c.header('location', `/api/consultations/${opened.id}`);
    c.header('etag', etagOf(item.version));
    return c.json(item, 201);
  });

  api.get('/consultations/:id', async (c) => {
    const v = viewer(c);
    const view = await consultations.get(v, c.req.param('id'));
    const [item] = await decorate([{ ...view.consultation, overdue: view.overdue }]);
    c.header('etag', etagOf(view.version));
    c.header('vary', 'Cookie, Authorization');
    return c.json({
      consultation: view.consultation,
      version: view.version,
      needTitle: item?.needTitle ?? '',
      overdue: view.overdue,
      history: view.history,
    });
  });

  api.get('/consultations/:id/history', async (c) => {
    const view = await consultations.get(viewer(c), c.req.param('id'));
    return c.json({ items: view.history });
  });

  api.get('/consultations/:id/status', async (c) =>
    c.json(await consultations.status(viewer(c), c.req.param('id'))),
  );

  api.post('/consultations/:id/moves', async (c) => {
    const version = expectedVersion(c);
    const body = parseBody(ZStageMoveBody, await readJsonBody(c));
    const v = viewer(c);
    await consultations.move(v, c.req.param('id'), body, { expectedVersion: version });
    const item = await itemOf(v, c.req.param('id'));
    c.header('etag', etagOf(item.version));
    return c.json(item);
  });

  api.post('/consultations/:id/notes', async (c) => {
    const body = parseBody(ZNoteBody, await readJsonBody(c));
    const v = viewer(c);
    await consultations.addNote(v, c.req.param('id'), body.text);
    const view = await consultations.get(v, c.req.param('id'));
    return c.json(view.history[view.history.length - 1] ?? null, 201);
  });

  api.put('/consultations/:id/coordinators/:accountId', async (c) => {
    const v = viewer(c);
    await consultations.assign(v, c.req.param('id'), c.req.param('accountId'));
    return c.json(await itemOf(v, c.req.param('id')));
  });

  api.delete('/consultations/:id/coordinators/:accountId', async (c) => {
    const v = viewer(c);
    await consultations.unassign(v, c.req.param('id'), c.req.param('accountId'));
    return c.body(null, 204);
  });

  api.post('/consultations/:id/candidates', async (c) => {
    const body = parseBody(ZCandidatesBody, await readJsonBody(c));
    const v = viewer(c);
    await consultations.proposeCandidates(v, c.req.param('id'), body.seedIds);
    return c.json(await itemOf(v, c.req.param('id')), 201);
  });

  api.post('/consultations/:id/judgements', async (c) => {
    const body = parseBody(ZJudgementBody, await readJsonBody(c));
    const v = viewer(c);
    // Check access before starting the matching index.
    await consultations.get(v, c.req.param('id'));
    const judging = await workflow.judging();
    await judging.judgeCandidate(v, c.req.param('id'), body);
    return c.body(null, 204);
  });

  api.get('/consultations/:id/triage', async (c) => {
    const v = viewer(c);
    await consultations.get(v, c.req.param('id'));
    const view = await buildTriageView(
      { repos, consultations, matching: await workflow.matching() },
      v,
      c.req.param('id'),
    );
    return c.json(view);
  });

  // Staged disclosure (段階的開示).

  api.post('/needs/:id/digest', async (c) => {
    const digest = await disclosures.publishDigest(viewer(c), c.req.param('id'));
    return c.json(digest, 201);
  });

  api.delete('/needs/:id/digest', async (c) => {
    await disclosures.withdrawDigest(viewer(c), c.req.param('id'));
    return c.body(null, 204);
  });

  api.get('/needs/:id/disclosures', async (c) =>
    c.json(await disclosures.history(viewer(c), c.req.param('id'))),
  );

  api.get('/needs/:id/disclosed', async (c) => {
    c.header('vary', 'Cookie, Authorization');
    return c.json(await disclosures.fullNeed(viewer(c), c.req.param('id')));
  });

  api.get('/digests', async (c) => {
    rejectUnknownParameters(c.req.query(), parameterNames(ZDigestListQuery), '/api/digests');
    const params = parseQuery(ZDigestListQuery, c.req.query());
    const sort = parseSort(params.sort ?? '-publishedAt', DIGEST_SORT_FIELDS);
    const needle = params.q?.toLowerCase();
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
    return c.json({ items: page.items, nextCursor: page.nextCursor ?? null });
  });

  api.post('/digests/:digestId/interests', async (c) => {
    const body = parseBody(ZInterestBody, await readJsonBody(c));
    const result = await disclosures.expressInterest(
      viewer(c),
      c.req.param('digestId'),
      body.message,
    );
    return c.json(result, 201);
  });

  api.post('/disclosure-requests/:id/decision', async (c) => {
    const body = parseBody(ZDecisionBody, await readJsonBody(c));
    const decided = await disclosures.decide(viewer(c), c.req.param('id'), {
      accept: body.accept,
      ...(body.agreementRef !== undefined ? { agreementRef: body.agreementRef } : {}),
    });
    return c.json(decided);
  });

  api.delete('/disclosure-requests/:id', async (c) =>
    c.json(await disclosures.withdraw(viewer(c), c.req.param('id'))),
  );
}
