/**
 * A need's page calls about its work, on the contract's typed client: the coordinators its owner
 * gives it to, and the cases opened on it.
 */
import { api, type Answer } from '../../api/api-client.ts';
import { send } from '../../api/send-json.tsx';

/** One account the need may be given to (`assigned`: given already). */
export type NeedCoordinatorCandidate =
  Answer<'/api/needs/{id}/coordinator-candidates'>['items'][number];

export const needWorkflowApi = {
  coordinatorCandidates: (needId: string) =>
    api.get('/api/needs/{id}/coordinator-candidates', { params: { id: needId } }),
  assign: (needId: string, accountId: string) =>
    send('put', '/api/needs/{id}/assignments/{accountId}', { params: { id: needId, accountId } }),
  unassign: (needId: string, accountId: string) =>
    send('delete', '/api/needs/{id}/assignments/{accountId}', {
      params: { id: needId, accountId },
    }),
  /** The cases on the need that the person may see (none for the others). */
  consultations: (needId: string) =>
    api.get('/api/consultations', { query: { needId, limit: 100 } }),
};
