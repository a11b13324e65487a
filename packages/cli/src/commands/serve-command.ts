import { ZServerConfig, type ServerConfig } from '#server/server-config.ts';
import { startServer } from '#server/start-server.ts';
import { DomainError } from '#core/domain-error.ts';
import { parseTrustProxy, type CliConfig } from '../config.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';

export interface ServeOptions {
  db?: string;
  port?: string;
  host?: string;
  /** `--trust-proxy` alone (true) or with the further proxies' addresses. */
  trustProxy?: string | boolean;
  secureCookies?: boolean;
}

/** The server's proxy and cookie settings: flags over the environment, validated once. */
export function serveConfig(options: ServeOptions, config: CliConfig): ServerConfig {
  const fromEnv = config.serve ?? { trustProxy: false, trustedProxies: [], secureCookies: 'auto' };
  let proxy: Pick<ServerConfig, 'trustProxy' | 'trustedProxies'> = fromEnv;
  try {
    if (options.trustProxy !== undefined)
      proxy = parseTrustProxy(options.trustProxy, '--trust-proxy');
  } catch (error) {
    throw new DomainError('validation_failed', (error as Error).message, { field: 'trustProxy' });
  }
  const parsed = ZServerConfig.safeParse({
    ...proxy,
    ...(config.mail ?? {}),
    secureCookies: options.secureCookies === true ? true : fromEnv.secureCookies,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '(config)';
    throw new DomainError('validation_failed', `${field}: ${issue?.message ?? 'not valid'}`, {
      field,
    });
  }
  return parsed.data;
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DomainError(
      'validation_failed',
      `--port must be a whole number 0..65535, got "${value}"`,
    );
  }
  return port;
}

/** Serves until the process is stopped (SIGINT/SIGTERM close the server and the database). */
export async function runServe(
  options: ServeOptions,
  context: CommandContext,
  before?: (repos: import('#core/ports.ts').Repositories) => Promise<void>,
): Promise<void> {
  const port = parsePort(options.port, context.config.defaultPort);
  const config = serveConfig(options, context.config);
  const database = await openTarget(options.db, context);
  if (before) await before(database.repos);
  const server = await startServer({
    repos: database.repos,
    port,
    config,
    // The analysis worker opens the same database on its own connection.
    database: options.db ?? context.config.defaultDatabase,
    ...(options.host ? { host: options.host } : {}),
  });
  writeLine(context.stdout, `Musubi is serving ${database.location} at ${server.url}`);
  if (server.mail !== undefined)
    writeLine(context.stdout, `Notification mail goes to ${server.mail}`);
  const stop = async () => {
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
