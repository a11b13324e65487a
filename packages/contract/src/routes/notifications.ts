/**
 * The signed-in account's inbox (issue 11): notifications, the unread count, marking read and the
 * e-mail choices; where a seed was proposed and how it was judged; where a consultation may move.
 */
import { z } from 'zod';
import {
  ZNextStages,
  ZCoordinatorCandidates,
  ZNotificationListQuery,
  ZNotificationPage,
  ZNotificationPreferences,
  ZNotificationPreferencesBody,
  ZReadAllResult,
  ZSeedProposals,
  ZUnreadCount,
} from '../notification-schemas.ts';
import { defineRoute, emptyAnswer, problemAnswer } from '../route.ts';

const tags = ['notifications'];
const SIGNED_IN = { 401: problemAnswer('Not signed in') };
const COMMON = {
  ...SIGNED_IN,
  403: problemAnswer('Not allowed for this role, or CSRF token missing/wrong'),
  404: problemAnswer('No such record, or one you may not see (the same answer)'),
  422: problemAnswer('Not valid; `field` names the input'),
};
const id = z.object({ id: z.string() });
const preferences = {
  description: 'Preferences',
  schema: ZNotificationPreferences,
  component: 'NotificationPreferences',
};

export const listNotifications = defineRoute({
  method: 'get',
  path: '/api/notifications',
  operationId: 'list-notifications',
  summary: 'My notifications, newest first, with the unread count',
  description:
    'Events: case_assigned, case_moved, seed_proposed, seed_judged, digest_interest, disclosure_accepted, disclosure_declined, profile_unconfirmed. A confidential need is never named by its text (only “a confidential need” and its digest handle).',
  tags,
  query: ZNotificationListQuery,
  queryDescriptions: {
    limit: 'Page size (default 50)',
    cursor: 'nextCursor of the previous page',
    unread: 'Only unread ones',
  },
  responses: {
    200: { description: 'A page', schema: ZNotificationPage, component: 'NotificationPage' },
    ...COMMON,
  },
});

export const unreadCount = defineRoute({
  method: 'get',
  path: '/api/notifications/unread-count',
  operationId: 'count-unread-notifications',
  summary: 'How many of my notifications are unread (the header badge)',
  tags,
  responses: {
    200: { description: 'Unread count', schema: ZUnreadCount, component: 'UnreadCount' },
    ...SIGNED_IN,
  },
});

export const readNotification = defineRoute({
  method: 'post',
  path: '/api/notifications/{id}/read',
  operationId: 'read-notification',
  summary: 'Mark one of my notifications read',
  tags,
  params: id,
  paramDescriptions: { id: 'Notification id' },
  responses: { 204: emptyAnswer('Marked read'), ...COMMON },
});

export const readAllNotifications = defineRoute({
  method: 'post',
  path: '/api/notifications/read-all',
  operationId: 'read-all-notifications',
  summary: 'Mark all my notifications read',
  tags,
  responses: {
    200: {
      description: 'How many were marked',
      schema: ZReadAllResult,
      component: 'ReadAllResult',
    },
    ...COMMON,
  },
});

export const notificationPreferences = defineRoute({
  method: 'get',
  path: '/api/notification-preferences',
  operationId: 'get-notification-preferences',
  summary: 'Which notifications I get by e-mail (all by default)',
  tags,
  responses: { 200: preferences, ...SIGNED_IN },
});

export const updateNotificationPreferences = defineRoute({
  method: 'put',
  path: '/api/notification-preferences',
  operationId: 'update-notification-preferences',
  summary: 'Choose which notifications I get by e-mail (kinds not named keep their setting)',
  tags,
  body: ZNotificationPreferencesBody,
  bodyComponent: 'NotificationPreferencesUpdate',
  responses: { 200: preferences, ...COMMON },
});

export const seedProposals = defineRoute({
  method: 'get',
  path: '/api/seeds/{id}/proposals',
  operationId: 'list-seed-proposals',
  summary: 'Where a seed was proposed as a candidate, the judgement and the reason',
  description:
    'For members of the seed’s organisation, coordinators and administrators. A need the caller may not see is shown only by its published digest; the free note of a judgement only to those who may see the need.',
  tags: ['seeds'],
  params: id,
  paramDescriptions: { id: 'Seed id' },
  responses: {
    200: {
      description: 'Proposals, newest first',
      schema: ZSeedProposals,
      component: 'SeedProposals',
    },
    ...COMMON,
  },
});

export const nextStages = defineRoute({
  method: 'get',
  path: '/api/consultations/{id}/next-stages',
  operationId: 'next-consultation-stages',
  summary: 'Where a consultation may move: forward stages (offer next[0]) and the one step back',
  description:
    'Going back needs `back: true` and a reason in POST /api/consultations/{id}/moves; a backward move without it is refused (412).',
  tags: ['consultations'],
  params: id,
  paramDescriptions: { id: 'Consultation id' },
  responses: {
    200: { description: 'Stages', schema: ZNextStages, component: 'NextStages' },
    ...COMMON,
  },
});

export const coordinatorCandidates = defineRoute({
  method: 'get',
  path: '/api/consultations/{id}/coordinator-candidates',
  operationId: 'consultation-coordinator-candidates',
  summary: 'The accounts that may coordinate a consultation (`onCase`: on it already)',
  description:
    'Enabled coordinators and administrators who may see the need without the consultation (on a confidential need: assigned to it by its owner). For coordinators who see the case.',
  tags: ['consultations'],
  params: id,
  paramDescriptions: { id: 'Consultation id' },
  responses: {
    200: {
      description: 'Accounts',
      schema: ZCoordinatorCandidates,
      component: 'CoordinatorCandidates',
    },
    ...COMMON,
  },
});
