/** The vocabulary of a matching request, shared by the services and the HTTP contract. */

/** Where candidates may be: anywhere, the same or a neighbouring prefecture, the same prefecture. */
export const REGION_SCOPES = ['any', 'near', 'in'] as const;
export type RegionScope = (typeof REGION_SCOPES)[number];

/** Longest query text analysed; longer text is cut (and the result says so). */
export const MAX_QUERY_CHARS = 4_000;

/** The signals next to the text score; each explanation shows every signal's contribution. */
export const SIGNAL_NAMES = [
  'text',
  'field',
  'sdgs',
  'stage',
  'region',
  'network',
  'availability',
  'feedback',
] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];
