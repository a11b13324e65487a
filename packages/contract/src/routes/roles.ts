/**
 * Role detection with its basis: star scientists, regional core companies (地域中核企業) and anchor
 * companies, each claim with its status (qualifies, does not, or not decidable on the data), the
 * evidence per criterion, and what it was compared with.
 */
import { z } from 'zod';
import { defineRoute, problemAnswer } from '../route.ts';

export const ROLE_STATUS_NAMES = [
  'qualifies',
  'does_not_qualify',
  'insufficient_evidence',
] as const;

export const ZRolesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  starTop: z.coerce.number().gt(0).max(0.5).optional(),
});

const ZRoleCandidate = z.object({
  id: z.string(),
  name: z.string(),
  prefectureCode: z.string(),
  score: z.number(),
  qualifies: z.boolean(),
  status: z.enum(ROLE_STATUS_NAMES),
  evidence: z.array(
    z.object({
      criterion: z.string(),
      value: z.union([z.number(), z.string()]),
      score: z.number(),
      note: z.string(),
    }),
  ),
  basis: z.object({
    population: z.string(),
    n: z.number(),
    baseline: z.record(z.string(), z.number()),
    thresholds: z.record(z.string(), z.number()),
    insufficient: z.array(z.string()),
    normalisedByCareerAge: z.boolean().optional(),
    method: z.string(),
  }),
});
export type RoleCandidateAnswer = z.infer<typeof ZRoleCandidate>;

export const ZRoles = z.object({
  starScientists: z.array(ZRoleCandidate),
  coreCompanies: z.array(ZRoleCandidate),
  anchorCompanies: z.array(ZRoleCandidate),
  parameters: z.object({
    starTopShare: z.number(),
    coreMinScore: z.number(),
    anchorMinScore: z.number(),
    limit: z.number(),
    asOfYear: z.number(),
  }),
  generatedData: z
    .object({ generated: z.literal(true), share: z.number(), ja: z.string(), en: z.string() })
    .nullable(),
  minimumEvidence: z.object({
    starBaseline: z.number(),
    starPapers: z.number(),
    starCitations: z.number(),
    coreRecordedCriteria: z.number(),
    anchorTies: z.number(),
  }),
});
export type RolesAnswer = z.infer<typeof ZRoles>;

export const roles = defineRoute({
  method: 'get',
  path: '/api/analyses/roles',
  operationId: 'get-analyses-roles',
  summary:
    'Star scientists, regional core companies and anchor companies: each claim with its status, evidence and basis (population, n, baseline, thresholds, what is missing)',
  tags: ['analyses'],
  query: ZRolesQuery,
  queryDescriptions: {
    limit: 'Candidates per role, best first (default 50, at most 500)',
    starTop: 'Star scientists: the top share of their field (default 0.1)',
  },
  responses: {
    200: { description: 'The three roles with their claims', schema: ZRoles, component: 'Roles' },
    422: problemAnswer('A query value out of range'),
  },
});
