/** zod → OpenAPI pieces shared by the path builders of the API document. */
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** The schema as JSON Schema (the input or the output side of transforms and defaults). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out: JsonSchema = { ...z.toJSONSchema(schema, { io, unrepresentable: 'any' }) };
  delete out['$schema'];
  return out;
}

/** One optional query parameter per property of `schema`, described from `descriptions`. */
export function queryParametersOf(
  schema: z.ZodObject,
  descriptions: Readonly<Record<string, string>>,
  override: (name: string, property: JsonSchema) => JsonSchema = (_, property) => property,
): unknown[] {
  const json = jsonSchemaOf(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    description: descriptions[name] ?? name,
    schema: override(name, property),
  }));
}
