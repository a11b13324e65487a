import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

/** Settings read once from the environment at start-up; everything else receives them as arguments. */
const ZEnvironment = z.object({
  MUSUBI_DB: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MUSUBI_TRUST_PROXY: z.string().optional(),
  MUSUBI_SECURE_COOKIES: z.enum(['true', 'false', 'auto', '1', '0']).optional(),
  MUSUBI_SMTP_URL: z.string().min(1).optional(),
  MUSUBI_MAIL_FROM: z.string().min(1).optional(),
  MUSUBI_PUBLIC_URL: z.string().min(1).optional(),
});

/** How `serve` treats proxies and cookies (see the README's Configuration). */
export interface ServeSecurity {
  /** Read the client from X-Forwarded-For (rightmost hop not in `trustedProxies`). */
  trustProxy: boolean;
  trustedProxies: string[];
  /** Secure cookies always (true), never (false), or when the request came over https ('auto'). */
  secureCookies: boolean | 'auto';
}

/**
 * `--trust-proxy` / MUSUBI_TRUST_PROXY: `true`/`1` trusts the peer; a comma list of IP addresses
 * trusts the peer and those further proxies; `false`/`0`/empty trusts nothing.
 */
export function parseTrustProxy(
  value: string | boolean,
  source: string,
): Pick<ServeSecurity, 'trustProxy' | 'trustedProxies'> {
  if (typeof value === 'boolean') return { trustProxy: value, trustedProxies: [] };
  const text = value.trim().toLowerCase();
  if (['', 'false', '0', 'no'].includes(text)) return { trustProxy: false, trustedProxies: [] };
  if (['true', '1', 'yes'].includes(text)) return { trustProxy: true, trustedProxies: [] };
  const addresses = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const wrong = addresses.find((address) => isIP(address) === 0);
  if (wrong !== undefined)
    throw new Error(
      `${source}: "${wrong}" is not an IP address (give true, false, or the proxies' addresses separated by commas)`,
    );
  return { trustProxy: true, trustedProxies: addresses };
}

export function parseSecureCookies(value: string): ServeSecurity['secureCookies'] {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return 'auto';
}

export interface CliConfig {
  /** Database when --db is not given: MUSUBI_DB, else ./data/musubi.sqlite. */
  defaultDatabase: string;
  defaultPort: number;
  /** Proxy and cookie settings of `serve` from the environment (absent: the safe defaults). */
  serve?: ServeSecurity;
  /**
   * Notification mail of `serve` (MUSUBI_SMTP_URL, MUSUBI_MAIL_FROM; the log when absent) and the
   * address its links start with (MUSUBI_PUBLIC_URL).
   */
  mail?: { smtpUrl?: string; mailFrom?: string; publicUrl?: string };
}

export function readConfig(env: NodeJS.ProcessEnv, cwd: string): CliConfig {
  const parsed = ZEnvironment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return {
    defaultDatabase: parsed.data.MUSUBI_DB ?? join(cwd, 'data', 'musubi.sqlite'),
    defaultPort: parsed.data.PORT ?? 3000,
    serve: {
      ...parseTrustProxy(parsed.data.MUSUBI_TRUST_PROXY ?? 'false', 'MUSUBI_TRUST_PROXY'),
      secureCookies: parseSecureCookies(parsed.data.MUSUBI_SECURE_COOKIES ?? 'auto'),
    },
    mail: {
      ...(parsed.data.MUSUBI_SMTP_URL !== undefined
        ? { smtpUrl: parsed.data.MUSUBI_SMTP_URL }
        : {}),
      ...(parsed.data.MUSUBI_MAIL_FROM !== undefined
        ? { mailFrom: parsed.data.MUSUBI_MAIL_FROM }
        : {}),
      ...(parsed.data.MUSUBI_PUBLIC_URL !== undefined
        ? { publicUrl: parsed.data.MUSUBI_PUBLIC_URL }
        : {}),
    },
  };
}
