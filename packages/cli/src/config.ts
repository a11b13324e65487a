import { join } from 'node:path';
import { z } from 'zod';

/** Settings read once from the environment at start-up; everything else receives them as arguments. */
const ZEnvironment = z.object({
  MUSUBI_DB: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export interface CliConfig {
  /** Database when --db is not given: MUSUBI_DB, else ./data/musubi.sqlite. */
  defaultDatabase: string;
  defaultPort: number;
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
  };
}
