import { z } from 'zod';
import { isIP } from 'node:net';
import type { BucketSettings } from './rate-limit.ts';

const ZBucket = z.object({
  capacity: z.number().int().min(1),
  refillPerSecond: z.number().positive(),
});

/** HTTP settings, validated once at start-up and passed in (tests give their own). */
export const ZServerConfig = z.object({
  /** Mark cookies Secure: always, never, or when the request came over https ('auto'). */
  secureCookies: z.union([z.boolean(), z.literal('auto')]).default('auto'),
  /**
   * Trust X-Forwarded-For / X-Forwarded-Proto from the peer (only behind a reverse proxy you run):
   * the client is then the rightmost X-Forwarded-For address that is not one of `trustedProxies`.
   * Without it X-Forwarded-For is ignored (a client could write anything there).
   */
  trustProxy: z.boolean().default(false),
  /** Further proxies in the chain (their addresses are skipped in X-Forwarded-For). */
  trustedProxies: z
    .array(z.string().refine((value) => isIP(value) !== 0, 'must be an IP address'))
    .default([]),
  /** How long a browser session lasts after sign-in. */
  sessionTtlSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(12 * 3600),
  /** Largest request body accepted (413 beyond). */
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 << 20)
    .default(1 << 20),
  /**
   * SMTP server for notification e-mails (MUSUBI_SMTP_URL, e.g. smtps://user:pass@mail.example.org);
   * without it each mail is written to the server log (recipient and subject only).
   */
  smtpUrl: z
    .string()
    .refine(
      (value) => /^smtps?:\/\/[^\s]+$/.test(value),
      'must be an smtp:// or smtps:// URL (MUSUBI_SMTP_URL)',
    )
    .optional(),
  /**
   * The address people open Musubi at (MUSUBI_PUBLIC_URL, e.g. https://musubi.example.org): links
   * in e-mails start with it, so they open from a mail program; without it they are paths.
   */
  publicUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL (MUSUBI_PUBLIC_URL)' })
    .optional(),
  /** Sender of notification e-mails (MUSUBI_MAIL_FROM). */
  mailFrom: z.string().min(3).max(300).default('Musubi <musubi@localhost>'),
  rateLimits: z
    .object({
      /** Sign-in attempts per client address. */
      signInPerAddress: ZBucket.default({ capacity: 10, refillPerSecond: 1 / 6 }),
      /**
       * Wrong passwords per (account, client) before growing waits. Not per account alone: that
       * would let anyone lock the owner out by failing from elsewhere.
       */
      signInBackoff: z
        .object({
          freeFailures: z.number().int().min(1).max(100),
          baseDelaySeconds: z.number().positive().max(3600),
          maxDelaySeconds: z.number().positive().max(86_400),
          forgetAfterSeconds: z
            .number()
            .positive()
            .max(7 * 86_400),
        })
        .default({
          freeFailures: 5,
          baseDelaySeconds: 1,
          maxDelaySeconds: 900,
          forgetAfterSeconds: 3600,
        }),
      /** Text searches (`?q=`) per account or client address. */
      search: ZBucket.default({ capacity: 600, refillPerSecond: 300 }),
    })
    .prefault({}),
});
export type ServerConfig = z.infer<typeof ZServerConfig>;
export type ServerConfigInput = z.input<typeof ZServerConfig>;
export type RateLimitSettings = Omit<
  Record<keyof ServerConfig['rateLimits'], BucketSettings>,
  'signInBackoff'
>;

export function serverConfig(input: ServerConfigInput = {}): ServerConfig {
  return ZServerConfig.parse(input);
}
