/** Moved to the contract room; kept so route modules written before the move still compile. */
export { jsonSchemaOf, queryParametersOf, type JsonSchema } from '#contract/openapi-schema.ts';
