import type { z } from 'zod';
import { DomainError } from '#core/domain-error.ts';

/** Parses use-case input; a failure is a `validation_failed` DomainError naming each field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new DomainError(
    'validation_failed',
    `${what}: ${issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ')}`,
    { issues },
  );
}
