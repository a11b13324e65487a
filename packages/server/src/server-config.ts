import { z } from 'zod';
import type { BucketSettings } from './rate-limit.ts';

const ZBucket = z.object({
  capacity: z.number().int().min(1),
  refillPerSecond: z.number().positive(),
});

/** HTTP settings, validated once at start-up and passed in (tests give their own). */
export const ZServerConfig = z.object({
  /** Mark cookies Secure: always, never, or when the request came over https ('auto'). */
  secureCookies: z.union([z.boolean(), z.literal('auto')]).default('auto'),
  /** Trust X-Forwarded-For / X-Forwarded-Proto (only behind a reverse proxy you run). */
  trustProxy: z.boolean().default(false),
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
  rateLimits: z
    .object({
      /** Sign-in attempts per client address. */
      signInPerAddress: ZBucket.default({ capacity: 10, refillPerSecond: 1 / 6 }),
      /** Sign-in attempts per e-mail address (slows guessing one account's password from many addresses). */
      signInPerAccount: ZBucket.default({ capacity: 5, refillPerSecond: 1 / 12 }),
      /** Text searches (`?q=`) per account or client address. */
      search: ZBucket.default({ capacity: 600, refillPerSecond: 300 }),
    })
    .prefault({}),
});
export type ServerConfig = z.infer<typeof ZServerConfig>;
export type ServerConfigInput = z.input<typeof ZServerConfig>;
export type RateLimitSettings = Record<keyof ServerConfig['rateLimits'], BucketSettings>;

export function serverConfig(input: ServerConfigInput = {}): ServerConfig {
  return ZServerConfig.parse(input);
}
