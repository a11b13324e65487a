/**
 * Profile confirmation (EEN-style, issue 11): a profile not confirmed for 12 months is flagged;
 * members of the organisation (and administrators) confirm it is still true.
 */
import { z } from 'zod';
import { ZProfileConfirmation } from '../notification-schemas.ts';
import { defineRoute, problemAnswer } from '../route.ts';

const COMMON = {
  401: problemAnswer('Not signed in'),
  403: problemAnswer('Not allowed for this role, or CSRF token missing/wrong'),
  404: problemAnswer('No such record, or one you may not see (the same answer)'),
  422: problemAnswer('Not valid; `field` names the input'),
};
const params = z.object({ id: z.string() });
const paramDescriptions = { id: 'Actor id' };
const confirmation = {
  description: 'Confirmation',
  schema: ZProfileConfirmation,
  component: 'ProfileConfirmation',
};

export const profileConfirmation = defineRoute({
  method: 'get',
  path: '/api/actors/{id}/confirmation',
  operationId: 'get-profile-confirmation',
  summary: 'When the profile was last confirmed; needsConfirmation after 12 months',
  tags: ['actors'],
  params,
  paramDescriptions,
  responses: { 200: confirmation, ...COMMON },
});

export const confirmProfile = defineRoute({
  method: 'post',
  path: '/api/actors/{id}/confirm',
  operationId: 'confirm-profile',
  summary: 'Confirm the profile is still true today (members of the organisation, administrators)',
  tags: ['actors'],
  params,
  paramDescriptions,
  responses: { 200: confirmation, ...COMMON },
});
