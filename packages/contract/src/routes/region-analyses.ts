/**
 * Region-level analyses (issue 14, points 5–7): progress of a region's strategy against its KPI
 * targets (地域ビジョン・KPI・PDCA), its money and self-sustainability (地域の資金循環・自立化) and its
 * people (人材育成, local retention, coordinators). Each answers for a prefecture or an
 * Actors-Based Community, money and people also for a named consortium; the answers are in
 * `region-answers.ts`.
 */
import { z } from 'zod';
import { defineRoute, problemAnswer, type ResponseContract } from '../route.ts';
import { ZMoney, ZPeople, ZRegionStrategy } from './region-answers.ts';

const ZPrefecture = z.string().regex(/^\d{2}$/, 'a prefecture code 01..47');
const ZCommunity = z.string().regex(/^c\d+$/, 'a community id like c3');
const ZFiscalYear = z.coerce.number().int().min(1990).max(2100);

/** A consortium's code: the id of the actor standing for it. */
const ZConsortium = z.string().min(1).max(100);

export const ZMoneyQuery = z
  .object({
    prefecture: ZPrefecture.optional(),
    community: ZCommunity.optional(),
    consortium: ZConsortium.optional(),
    asOfFy: ZFiscalYear.optional(),
  })
  .refine(
    (q) => [q.prefecture, q.community, q.consortium].filter((x) => x !== undefined).length === 1,
    { message: 'give exactly one of prefecture, community or consortium', path: ['prefecture'] },
  );

export const ZPeopleQuery = z
  .object({
    prefecture: ZPrefecture.optional(),
    community: ZCommunity.optional(),
    consortium: ZConsortium.optional(),
  })
  .refine(
    (q) => [q.prefecture, q.community, q.consortium].filter((x) => x !== undefined).length === 1,
    { message: 'give exactly one of prefecture, community or consortium', path: ['prefecture'] },
  );

export const ZRegionStrategyQuery = z
  .object({
    prefecture: ZPrefecture.optional(),
    community: ZCommunity.optional(),
    strategy: z.string().min(1).max(200).optional(),
    asOfFy: ZFiscalYear.optional(),
  })
  .refine(
    (q) => [q.prefecture, q.community, q.strategy].filter((x) => x !== undefined).length === 1,
    {
      message: 'give exactly one of prefecture, community or strategy',
      path: ['prefecture'],
    },
  );

const DESCRIPTIONS = {
  prefecture: 'Prefecture code 01..47 (or give community)',
  community: 'Community id from the communities analysis, e.g. c3',
  asOfFy: 'Observation fiscal year (default: the current one)',
};

/** A JSON answer described by `schema`, named `component` in the document. */
const analysis = <S extends z.ZodType>(description: string, schema: S, component: string) =>
  ({ description, schema, component }) satisfies ResponseContract;
const INVALID = { 422: problemAnswer('Not valid; `field` names the parameter') };

export const money = defineRoute({
  method: 'get',
  path: '/api/analyses/money',
  operationId: 'get-analyses-money',
  summary:
    'Money and self-sustainability of a region: flows by source and year, dependency on one programme (share, HHI), each project’s runway after national money',
  tags: ['analyses'],
  query: ZMoneyQuery,
  queryDescriptions: {
    ...DESCRIPTIONS,
    consortium:
      'A named consortium’s code: the id of the actor standing for it; its members are the actors with a membership or participation relation to it',
  },
  responses: {
    200: analysis(
      '{ scope, asOfFy, region: { total, years, bySource, dependency, … }, projects: [{ projectId, nationalEndFy, runwayYears, outlook, factors, reasons }], outlooks, method }',
      ZMoney,
      'Money',
    ),
    404: problemAnswer('No such community, or no such consortium or one without members'),
    ...INVALID,
  },
});

export const regionStrategy = defineRoute({
  method: 'get',
  path: '/api/analyses/region-strategy',
  operationId: 'get-analyses-region-strategy',
  summary:
    'Region strategy progress: each KPI target by year against the measured indicator (on track, behind, no data), and the PDCA log',
  tags: ['analyses'],
  query: ZRegionStrategyQuery,
  queryDescriptions: { ...DESCRIPTIONS, strategy: 'Region strategy id (or give a region)' },
  responses: {
    200: analysis(
      '{ strategies: [{ id, name, vision, targets: [{ metric, value, year, target, actual, status }], pdca, summary }] }',
      ZRegionStrategy,
      'RegionStrategy',
    ),
    404: problemAnswer('No such community or strategy'),
    ...INVALID,
  },
});

export const people = defineRoute({
  method: 'get',
  path: '/api/analyses/people',
  operationId: 'get-analyses-people',
  summary:
    'People of a region: training programmes (人材育成) and their learners, local retention with a 95% interval, coordinator staffing and turnover',
  tags: ['analyses'],
  query: ZPeopleQuery,
  queryDescriptions: { ...DESCRIPTIONS, consortium: 'A named consortium’s code (or a region)' },
  responses: {
    200: analysis(
      '{ scope, programmes: [{ id, name, learners, completed, retention: { rate, ciLow, ciHigh, n } }], retention, coordinators: { years, turnover } }',
      ZPeople,
      'People',
    ),
    404: problemAnswer('No such community'),
    ...INVALID,
  },
});
