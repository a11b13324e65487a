/**
 * Lists and searches take a closed set of query parameters: one they do not know is refused with
 * 400 naming it, rather than ignored (a filter silently ignored answers a different question).
 */
import type { z } from 'zod';
import { HttpProblem } from './problem.ts';

/** The parameter names of an object schema. */
export function parameterNames(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}

/** Throws 400 `unsupported_parameter` for the first query parameter not in `allowed`. */
export function rejectUnknownParameters(
  query: Record<string, string>,
  allowed: Iterable<string>,
  where: string,
): void {
  const known = new Set(allowed);
  const unknown = Object.keys(query).find((name) => !known.has(name));
  if (unknown === undefined) return;
  const name = unknown.slice(0, 60);
  throw new HttpProblem(
    400,
    'unsupported_parameter',
    `${name}: ${where} has no parameter ${JSON.stringify(name)} (it takes ${[...known].sort().join(', ')}) / ${where} はパラメータ ${JSON.stringify(name)} に対応していません`,
    { field: name },
  );
}
