/**
 * Feedback and upkeep routes of the workflow (issue 11): where a seed was proposed and how it was
 * judged (for its owner), profile confirmation (EEN-style: a profile not confirmed for 12 months
 * is flagged), and the stages a consultation may move to (forward, or one back when chosen).
 */
import type { Context, Hono } from 'hono';
import { contract } from '#contract/contract.ts';
import { viewerOf } from '#core/accounts.ts';
import { nextStages, previousStage } from '#core/consultation.ts';
import type { Viewer } from '#core/viewer.ts';
import { listSeedProposals } from '#services/consultations/seed-proposals.ts';
import {
  confirmProfile,
  profileConfirmation,
} from '#services/notifications/profile-confirmation.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { registerRoute } from '../register-route.ts';
import type { WorkflowServices } from '../workflow-services.ts';

const on = { mountedAt: '/api' };

export function registerSeedFeedbackRoutes(
  api: Hono<AppEnv>,
  services: ApiServices,
  workflow: WorkflowServices,
): void {
  const { repos, clock } = services;
  const viewer = (c: Context<AppEnv>): Viewer => viewerOf(c.get('principal'));

  registerRoute(
    api,
    contract.seedProposals,
    async ({ params }, c) => {
      const seedId = params.id;
      c.header('vary', 'Cookie, Authorization');
      return { seedId, items: await listSeedProposals(repos, clock, viewer(c), seedId) };
    },
    on,
  );

  registerRoute(
    api,
    contract.profileConfirmation,
    async ({ params }) => profileConfirmation(repos, clock, params.id),
    on,
  );

  registerRoute(
    api,
    contract.confirmProfile,
    async ({ params }, c) =>
      confirmProfile(repos, { principal: c.get('principal'), clock }, params.id),
    on,
  );

  registerRoute(
    api,
    contract.coordinatorCandidates,
    async ({ params }, c) => {
      const v = viewer(c);
      const accounts = await workflow.consultations.coordinatorCandidates(v, params.id);
      const onCase = new Set(
        (await workflow.consultations.get(v, params.id)).consultation.coordinatorIds,
      );
      c.header('vary', 'Cookie, Authorization');
      return {
        // Only coordinators and administrators can be candidates (the service's rule).
        items: accounts.flatMap((a) =>
          a.role === 'coordinator' || a.role === 'admin'
            ? [{ id: a.id, displayName: a.displayName, role: a.role, onCase: onCase.has(a.id) }]
            : [],
        ),
      };
    },
    on,
  );

  registerRoute(
    api,
    contract.nextStages,
    async ({ params }, c) => {
      const view = await workflow.consultations.get(viewer(c), params.id);
      const stage = view.consultation.stage;
      return { stage, next: nextStages(stage), back: previousStage(stage) ?? null };
    },
    on,
  );
}
