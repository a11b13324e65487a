/**
 * Brokers from `GET /api/analyses/brokers` (documented as an object for now): the actors who
 * bridge communities, read defensively so a change of the answer shows no broker rather than
 * breaking the view.
 */
export interface Broker {
  actorId: string;
  name: string;
  betweenness: number;
  communitiesBridged: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function readBrokers(answer: unknown): Broker[] {
  if (!isRecord(answer) || !Array.isArray(answer['brokers'])) return [];
  return answer['brokers'].flatMap((b): Broker[] => {
    if (!isRecord(b) || typeof b['actorId'] !== 'string') return [];
    const bridged = Array.isArray(b['communitiesBridged'])
      ? b['communitiesBridged'].filter((c): c is string => typeof c === 'string')
      : [];
    return [
      {
        actorId: b['actorId'],
        name: typeof b['name'] === 'string' ? b['name'] : b['actorId'],
        betweenness: typeof b['betweenness'] === 'number' ? b['betweenness'] : 0,
        communitiesBridged: bridged,
      },
    ];
  });
}
