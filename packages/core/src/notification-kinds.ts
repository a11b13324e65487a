/**
 * What a notification is about, each kind an event an account may want to hear of (without zod,
 * so the web's main bundle can read the list).
 */
export const NOTIFICATION_KINDS = [
  /** I was added as a coordinator of a case. */
  'case_assigned',
  /** A case I coordinate or requested moved to another stage. */
  'case_moved',
  /** A seed of my organisation was proposed as a candidate. */
  'seed_proposed',
  /** A seed of my organisation was chosen or rejected (with the reason). */
  'seed_judged',
  /** An organisation expressed interest in my need's digest (asks for disclosure). */
  'digest_interest',
  /** The owner accepted my organisation's interest: the need is disclosed to us. */
  'disclosure_accepted',
  /** The owner declined my organisation's interest. */
  'disclosure_declined',
  /** My organisation's profile was not confirmed for 12 months. */
  'profile_unconfirmed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
