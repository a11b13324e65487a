/** Moved to the contract room; kept so modules written before the move still compile. */
export * from '#contract/web-data-types.ts';
