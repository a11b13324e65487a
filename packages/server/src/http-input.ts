/** Reading requests: JSON bodies, query strings and If-Match, each refused with a clear problem. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError } from '#core/domain-error.ts';
import { HttpProblem } from './problem.ts';

const JSON_TYPES = /^application\/(json|merge-patch\+json)\s*(;|$)/i;

/** Deepest nesting of arrays and objects a body may have; deeper ones are refused before parsing. */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text nests arrays/objects deeper than `limit` (brackets in strings do not count). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return false;
}

export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPES.test(type))
    throw new DomainError(
      'unsupported_format',
      `send the body as application/json${c.req.method === 'PATCH' ? ' or application/merge-patch+json' : ''} (got ${type.slice(0, 60) || 'no content type'})`,
    );
  const text = await c.req.text();
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    throw new HttpProblem(
      400,
      'invalid_json',
      `the body nests arrays and objects more than ${MAX_JSON_DEPTH} deep`,
      { field: '(body)', limit: MAX_JSON_DEPTH },
    );
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpProblem(
      400,
      'invalid_json',
      `the body is not valid JSON: ${(error as Error).message}`,
      {
        field: '(body)',
      },
    );
  }
}

/** Validates query parameters; the first problem names its parameter. */
export function parseQuery<T extends z.ZodType>(
  schema: T,
  query: Record<string, string>,
): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(query)',
    reason: issue.message,
  }));
  const first = errors[0];
  throw new DomainError('validation_failed', `${first?.field}: ${first?.reason}`, {
    field: first?.field,
    errors,
  });
}

/** The strong ETag of a record version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version an update or delete expects (If-Match); 428 when missing, 412 when it names none. */
export function expectedVersion(c: Context): number {
  const header = c.req.header('if-match');
  if (header === undefined || header.trim() === '')
    throw new HttpProblem(
      428,
      'precondition_required',
      'send If-Match with the ETag you read (GET the record first) so concurrent edits are not overwritten',
      { field: 'If-Match' },
    );
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  if (!match?.[1])
    throw new DomainError(
      'precondition_failed',
      `If-Match ${header.slice(0, 40)} is not an ETag of this API (e.g. "3")`,
      {
        field: 'If-Match',
      },
    );
  return Number(match[1]);
}
