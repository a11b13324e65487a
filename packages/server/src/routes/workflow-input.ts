/** Parses a JSON body with a zod schema; a failure is a 422 problem naming the first field. */
import type { z } from 'zod';
import { DomainError } from '#core/domain-error.ts';

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    reason: issue.message,
  }));
  const first = errors[0];
  throw new DomainError('validation_failed', `${first?.field}: ${first?.reason}`, {
    field: first?.field,
    errors,
  });
}
