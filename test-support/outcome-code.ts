import { isDomainError } from '#core/domain-error.ts';

/** How a use case ended: 'ok', or the DomainError code it threw (any other error as text). */
export async function outcomeCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return isDomainError(error) ? error.code : String(error);
  }
}
