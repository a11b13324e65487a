/**
 * The matching store across threads: `serveMatchingStore` answers a worker's requests with the
 * real repositories (in the thread that holds the database connection), `connectMatchingStore`
 * is the `MatchingStore` the worker's matching service uses. Each request names one repository
 * method; an `iterate` becomes open / next / close so rows travel in the batches they are read in.
 */
import type { MessagePort } from 'node:worker_threads';
import type { AuditEntry, ConsultationFilter, StoredRecord, Versioned } from '#core/ports.ts';
import type { MatchFeedback } from '#core/match-feedback.ts';
import type { MatchingEntity, MatchingStore } from './matching-store.ts';
import { deserializeError, serializeError, type SerializedError } from './thread-errors.ts';

type Fingerprinted = 'seeds' | 'needs' | 'actors' | 'relations';

export type StoreRequest =
  | { readonly op: 'get'; readonly entity: MatchingEntity; readonly key: string }
  | { readonly op: 'getMany'; readonly entity: MatchingEntity; readonly keys: readonly string[] }
  | {
      readonly op: 'upsertMany';
      readonly entity: MatchingEntity;
      readonly records: readonly StoredRecord[];
    }
  | { readonly op: 'delete'; readonly entity: MatchingEntity; readonly key: string }
  | { readonly op: 'iterateOpen'; readonly entity: MatchingEntity; readonly batchSize?: number }
  | { readonly op: 'iterateNext'; readonly iterator: number }
  | { readonly op: 'iterateClose'; readonly iterator: number }
  | { readonly op: 'addFeedback'; readonly feedback: MatchFeedback; readonly audit?: AuditEntry }
  | { readonly op: 'listFeedback' }
  | {
      readonly op: 'judgedNeedIds';
      readonly where: { seedId: string } | { needId: string };
    }
  | { readonly op: 'fingerprint'; readonly entity: Fingerprinted }
  | { readonly op: 'versions'; readonly entity: 'seeds' | 'needs' }
  | {
      readonly op: 'saveIndexSnapshot';
      readonly name: string;
      readonly fingerprint: string;
      readonly bytes: Uint8Array;
    }
  | { readonly op: 'loadIndexSnapshot'; readonly name: string }
  | { readonly op: 'needAssignments'; readonly needId: string }
  | { readonly op: 'listConsultations'; readonly filter?: ConsultationFilter }
  | { readonly op: 'acceptedOrganisations'; readonly needIds: readonly string[] };

interface StoreEnvelope {
  readonly id: number;
  readonly request: StoreRequest;
}

type StoreReply =
  | { readonly id: number; readonly value: unknown; readonly error?: undefined }
  | { readonly id: number; readonly error: SerializedError };

/** Answers the worker on the other end of `port` from `store`; returns a function that stops it. */
export function serveMatchingStore(store: MatchingStore, port: MessagePort): () => void {
  const iterators = new Map<number, AsyncIterator<StoredRecord[]>>();
  let nextIterator = 0;

  const answer = async (request: StoreRequest): Promise<unknown> => {
    switch (request.op) {
      case 'get':
        return store.entity(request.entity).get(request.key);
      case 'getMany':
        return store.entity(request.entity).getMany(request.keys);
      case 'upsertMany':
        return store.entity(request.entity).upsertMany(request.records);
      case 'delete':
        return store.entity(request.entity).delete(request.key);
      case 'iterateOpen': {
        const id = nextIterator;
        nextIterator += 1;
        iterators.set(
          id,
          store.entity(request.entity).iterate(request.batchSize)[Symbol.asyncIterator](),
        );
        return id;
      }
      case 'iterateNext': {
        const iterator = iterators.get(request.iterator);
        if (iterator === undefined) return { done: true };
        const step = await iterator.next();
        if (step.done === true) iterators.delete(request.iterator);
        return step.done === true ? { done: true } : { done: false, value: step.value };
      }
      case 'iterateClose': {
        const iterator = iterators.get(request.iterator);
        iterators.delete(request.iterator);
        await iterator?.return?.();
        return undefined;
      }
      case 'addFeedback':
        return store.matching.addFeedback(request.feedback, request.audit);
      case 'listFeedback':
        return store.matching.listFeedback();
      case 'judgedNeedIds':
        return store.matching.judgedNeedIds(request.where);
      case 'fingerprint':
        return store.matching.fingerprint(request.entity);
      case 'versions':
        return store.matching.versions(request.entity);
      case 'saveIndexSnapshot':
        return store.matching.saveIndexSnapshot(request.name, request.fingerprint, request.bytes);
      case 'loadIndexSnapshot':
        return store.matching.loadIndexSnapshot(request.name);
      case 'needAssignments':
        return store.matching.needAssignments(request.needId);
      case 'listConsultations':
        return store.consultations.list(request.filter);
      case 'acceptedOrganisations':
        return store.disclosures.acceptedOrganisations(request.needIds);
    }
  };

  const onMessage = ({ id, request }: StoreEnvelope): void => {
    answer(request).then(
      (value) => {
        const reply: StoreReply = { id, value };
        port.postMessage(reply);
      },
      (error: unknown) => {
        const reply: StoreReply = { id, error: serializeError(error) };
        port.postMessage(reply);
      },
    );
  };
  port.on('message', onMessage);
  return () => {
    port.off('message', onMessage);
    for (const iterator of iterators.values()) void iterator.return?.();
    iterators.clear();
    port.close();
  };
}

/** The store seen from a worker: every call is a request to `serveMatchingStore` on `port`. */
export function connectMatchingStore(port: MessagePort): MatchingStore {
  const pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  let nextId = 0;
  port.on('message', (reply: StoreReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== undefined) waiting?.reject(deserializeError(reply.error));
    else waiting?.resolve(reply.value);
  });

  const ask = (request: StoreRequest): Promise<unknown> => {
    const id = nextId;
    nextId += 1;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const envelope: StoreEnvelope = { id, request };
      port.postMessage(envelope);
    });
  };
  // The host answers each request with what that repository method returns; structured clone
  // keeps its shape (Maps, Sets and byte arrays included). These helpers only name the type.
  const typed =
    <T>() =>
    (request: StoreRequest): Promise<T> =>
      ask(request) as Promise<T>;

  async function* iterate(entity: MatchingEntity, batchSize?: number) {
    const iterator = await typed<number>()({
      op: 'iterateOpen',
      entity,
      ...(batchSize !== undefined ? { batchSize } : {}),
    });
    let finished = false;
    try {
      for (;;) {
        const step = await typed<{ done: boolean; value?: StoredRecord[] }>()({
          op: 'iterateNext',
          iterator,
        });
        if (step.done || step.value === undefined) {
          finished = true;
          return;
        }
        yield step.value;
      }
    } finally {
      if (!finished) await ask({ op: 'iterateClose', iterator });
    }
  }

  return {
    entity: (entity) => ({
      get: (key) => typed<Versioned<StoredRecord> | undefined>()({ op: 'get', entity, key }),
      getMany: (keys) =>
        typed<Map<string, Versioned<StoredRecord>>>()({ op: 'getMany', entity, keys }),
      upsertMany: (records) => typed<number>()({ op: 'upsertMany', entity, records }),
      delete: (key) => typed<boolean>()({ op: 'delete', entity, key }),
      iterate: (batchSize) => iterate(entity, batchSize),
    }),
    matching: {
      addFeedback: (feedback, audit) =>
        typed<void>()({ op: 'addFeedback', feedback, ...(audit !== undefined ? { audit } : {}) }),
      listFeedback: () => typed<MatchFeedback[]>()({ op: 'listFeedback' }),
      judgedNeedIds: (where) => typed<string[]>()({ op: 'judgedNeedIds', where }),
      fingerprint: (entity) => typed<string>()({ op: 'fingerprint', entity }),
      versions: (entity) => typed<Map<string, number>>()({ op: 'versions', entity }),
      saveIndexSnapshot: (name, fingerprint, bytes) =>
        typed<void>()({ op: 'saveIndexSnapshot', name, fingerprint, bytes }),
      loadIndexSnapshot: (name) =>
        typed<{ fingerprint: string; bytes: Uint8Array } | undefined>()({
          op: 'loadIndexSnapshot',
          name,
        }),
      needAssignments: (needId) => typed<string[]>()({ op: 'needAssignments', needId }),
    },
    consultations: {
      list: (filter) =>
        typed<Awaited<ReturnType<MatchingStore['consultations']['list']>>>()({
          op: 'listConsultations',
          ...(filter !== undefined ? { filter } : {}),
        }),
    },
    disclosures: {
      acceptedOrganisations: (needIds) =>
        typed<Map<string, Set<string>>>()({ op: 'acceptedOrganisations', needIds }),
    },
  };
}
