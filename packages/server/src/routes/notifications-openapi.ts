/**
 * OpenAPI paths of the notification, seed-feedback and next-move routes,
 * generated from the zod schemas in `notifications.schema.ts` (the ones the routes validate with).
 */
import { jsonSchemaOf, queryParametersOf, type JsonSchema } from './openapi-schema.ts';
import {
  ZNextStages,
  ZNotificationListQuery,
  ZNotificationPage,
  ZNotificationPreferences,
  ZNotificationPreferencesBody,
  ZReadAllResult,
  ZSeedProposals,
  ZUnreadCount,
} from '#contract/notification-schemas.ts';

export function notificationSchemas(): Record<string, JsonSchema> {
  return {
    NotificationPage: jsonSchemaOf(ZNotificationPage, 'output'),
    UnreadCount: jsonSchemaOf(ZUnreadCount, 'output'),
    ReadAllResult: jsonSchemaOf(ZReadAllResult, 'output'),
    NotificationPreferences: jsonSchemaOf(ZNotificationPreferences, 'output'),
    NotificationPreferencesUpdate: jsonSchemaOf(ZNotificationPreferencesBody, 'input'),
    SeedProposals: jsonSchemaOf(ZSeedProposals, 'output'),
    NextStages: jsonSchemaOf(ZNextStages, 'output'),
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const json = (description: string, schema: unknown) => ({
  description,
  content: { 'application/json': { schema } },
});
const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const SIGNED_IN = { '401': problem('Not signed in') };
const COMMON = {
  ...SIGNED_IN,
  '403': problem('Not allowed for this role, or CSRF token missing/wrong'),
  '404': problem('No such record, or one you may not see (the same answer)'),
  '422': problem('Not valid; `field` names the input'),
};

export function notificationPaths(): Record<string, Record<string, unknown>> {
  const tags = ['notifications'];
  return {
    '/api/notifications': {
      get: {
        tags,
        operationId: 'list-notifications',
        summary: 'My notifications, newest first, with the unread count',
        description:
          'Events: case_assigned, case_moved, seed_proposed, seed_judged, digest_interest, disclosure_accepted, disclosure_declined, profile_unconfirmed. A confidential need is never named by its text (only “a confidential need” and its digest handle).',
        parameters: queryParametersOf(ZNotificationListQuery, {
          limit: 'Page size (default 50)',
          cursor: 'nextCursor of the previous page',
          unread: 'Only unread ones',
        }),
        responses: { '200': json('A page', ref('NotificationPage')), ...COMMON },
      },
    },
    '/api/notifications/unread-count': {
      get: {
        tags,
        operationId: 'count-unread-notifications',
        summary: 'How many of my notifications are unread (the header badge)',
        responses: { '200': json('Unread count', ref('UnreadCount')), ...SIGNED_IN },
      },
    },
    '/api/notifications/{id}/read': {
      parameters: [path('id', 'Notification id')],
      post: {
        tags,
        operationId: 'read-notification',
        summary: 'Mark one of my notifications read',
        responses: { '204': { description: 'Marked read' }, ...COMMON },
      },
    },
    '/api/notifications/read-all': {
      post: {
        tags,
        operationId: 'read-all-notifications',
        summary: 'Mark all my notifications read',
        responses: { '200': json('How many were marked', ref('ReadAllResult')), ...COMMON },
      },
    },
    '/api/notification-preferences': {
      get: {
        tags,
        operationId: 'get-notification-preferences',
        summary: 'Which notifications I get by e-mail (all by default)',
        responses: { '200': json('Preferences', ref('NotificationPreferences')), ...SIGNED_IN },
      },
      put: {
        tags,
        operationId: 'update-notification-preferences',
        summary: 'Choose which notifications I get by e-mail (kinds not named keep their setting)',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('NotificationPreferencesUpdate') } },
        },
        responses: { '200': json('Preferences', ref('NotificationPreferences')), ...COMMON },
      },
    },
    '/api/seeds/{id}/proposals': {
      parameters: [path('id', 'Seed id')],
      get: {
        tags: ['seeds'],
        operationId: 'list-seed-proposals',
        summary: 'Where a seed was proposed as a candidate, the judgement and the reason',
        description:
          'For members of the seed’s organisation, coordinators and administrators. A need the caller may not see is shown only by its published digest; the free note of a judgement only to those who may see the need.',
        responses: { '200': json('Proposals, newest first', ref('SeedProposals')), ...COMMON },
      },
    },
    '/api/consultations/{id}/next-stages': {
      parameters: [path('id', 'Consultation id')],
      get: {
        tags: ['consultations'],
        operationId: 'next-consultation-stages',
        summary:
          'Where a consultation may move: forward stages (offer next[0]) and the one step back',
        description:
          'Going back needs `back: true` and a reason in POST /api/consultations/{id}/moves; a backward move without it is refused (412).',
        responses: { '200': json('Stages', ref('NextStages')), ...COMMON },
      },
    },
  };
}
