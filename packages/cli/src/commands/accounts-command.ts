import { systemClock } from '#core/ports.ts';
import { DomainError } from '#core/domain-error.ts';
import { createFirstAdmin } from '#services/accounts/create-first-admin.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';

export interface CreateAdminOptions {
  db?: string;
  email: string;
  name?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

/** Reads all of standard input (a password piped in; never an argument, which `ps` would show). */
async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** `musubi accounts create-admin --email … --password-stdin`: the first administrator. */
export async function runCreateAdmin(
  options: CreateAdminOptions,
  context: CommandContext,
): Promise<void> {
  if (options.passwordStdin !== true)
    throw new DomainError(
      'validation_failed',
      '--password-stdin is required: pipe the password in (e.g. printf %s "$PASSWORD" | musubi accounts create-admin …)',
      { field: 'password' },
    );
  const raw = await (context.readStdin ?? readStandardInput)();
  // One line: a trailing newline from echo is not part of the password.
  const password = raw.replace(/\r?\n$/, '');
  if (password.includes('\n'))
    throw new DomainError('validation_failed', 'password: give one line on standard input', {
      field: 'password',
    });
  const database = await openTarget(options.db, context);
  try {
    const account = await createFirstAdmin(
      database.repos,
      {
        email: options.email,
        password,
        ...(options.name !== undefined ? { displayName: options.name } : {}),
      },
      { clock: systemClock },
    );
    if (options.json)
      writeLine(
        context.stdout,
        JSON.stringify({ id: account.id, email: account.email, role: account.role }),
      );
    else
      writeLine(
        context.stdout,
        `administrator ${account.email} created (${account.id}); sign in at /api/auth/sign-in or in the web app`,
      );
  } finally {
    await database.close();
  }
}
