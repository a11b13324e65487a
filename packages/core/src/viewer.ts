/**
 * Who is looking (閲覧者). Every use case that can reveal a need takes a `Viewer` so the HTTP
 * layer can plug its sessions in and the CLI can say who it acts as. There is no "system"
 * viewer: even an operator is an account, so the confidentiality rules have no back door.
 */
import { z } from 'zod';

/** Roles the matching and consultation rules know; other roles are treated as `member`. */
export const VIEWER_ROLES = ['admin', 'coordinator', 'member'] as const;
export type ViewerRole = (typeof VIEWER_ROLES)[number];

export const ZViewer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  z.object({
    kind: z.literal('account'),
    accountId: z.string().min(1),
    role: z.string().min(1),
    /** The actor id of the organisation the account belongs to (null for independent coordinators). */
    organisationId: z.string().min(1).nullable(),
  }),
]);
export type Viewer = z.infer<typeof ZViewer>;
export type AccountViewer = Extract<Viewer, { kind: 'account' }>;

export const ANONYMOUS_VIEWER: Viewer = { kind: 'anonymous' };

/** Coordinators (コーディネーター) and administrators may take consultations. */
export function isCoordinator(viewer: Viewer): boolean {
  return viewer.kind === 'account' && (viewer.role === 'coordinator' || viewer.role === 'admin');
}

/** The account id, or undefined for anonymous viewers. */
export function accountIdOf(viewer: Viewer): string | undefined {
  return viewer.kind === 'account' ? viewer.accountId : undefined;
}
