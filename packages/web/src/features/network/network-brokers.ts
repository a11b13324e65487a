/**
 * Brokers from `GET /api/analyses/brokers`, as the contract describes them: the actors who bridge
 * communities, with what the network view shows of each.
 */
import type { BrokerAnswer, BrokersAnswer } from '#contract/routes/broker-answers.ts';

export type Broker = Pick<BrokerAnswer, 'actorId' | 'name' | 'betweenness' | 'communitiesBridged'>;

export function readBrokers(answer: BrokersAnswer): Broker[] {
  return answer.brokers.map(({ actorId, name, betweenness, communitiesBridged }) => ({
    actorId,
    name,
    betweenness,
    communitiesBridged,
  }));
}
