import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '#core/ports.ts';
import { openDatabase } from '#db/open-database.ts';
import { signIn } from '#services/accounts/sign-in.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

const PASSWORD = 'first admin password';

function capture(stdin: string) {
  let out = '';
  let err = '';
  const context: CommandContext = {
    config: { defaultDatabase: '/nonexistent/default.sqlite', defaultPort: 0 },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    readStdin: () => Promise.resolve(stdin),
  };
  return { context, out: () => out, err: () => err };
}

describe('musubi accounts create-admin', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('creates the first administrator once, with the password from standard input', async () => {
    const target = await sqliteTestDatabase.freshTarget();
    const args = ['accounts', 'create-admin', '--db', target, '--email', 'Root@Example.org'];
    const first = capture(`${PASSWORD}\n`);
    expect(await runCli([...args, '--password-stdin', '--json'], first.context)).toBe(0);
    expect(JSON.parse(first.out())).toMatchObject({ email: 'root@example.org', role: 'admin' });

    const database = await openDatabase(target);
    closers.push(() => database.close());
    const signedIn = await signIn(
      database.repos,
      { email: 'root@example.org', password: PASSWORD },
      { clock: systemClock, sessionTtlMs: 60_000 },
    );
    expect(signedIn.account.role).toBe('admin');

    // A second "first" administrator is refused: the command cannot take over an installation.
    const again = capture(`another password\n`);
    const code = await runCli(
      ['accounts', 'create-admin', '--db', target, '--email', 'x@example.org', '--password-stdin'],
      again.context,
    );
    expect(code).toBe(5);
    expect(again.err()).toContain('already has an administrator');
  });

  it('needs --password-stdin and a valid password and e-mail', async () => {
    const target = await sqliteTestDatabase.freshTarget();
    const base = ['accounts', 'create-admin', '--db', target];
    const noStdin = capture(PASSWORD);
    expect(await runCli([...base, '--email', 'a@example.org'], noStdin.context)).toBe(3);
    expect(noStdin.err()).toContain('--password-stdin');
    const short = capture('short\n');
    expect(
      await runCli([...base, '--email', 'a@example.org', '--password-stdin'], short.context),
    ).toBe(3);
    expect(short.err()).toContain('password');
    const badEmail = capture(`${PASSWORD}\n`);
    expect(
      await runCli([...base, '--email', 'not-an-email', '--password-stdin'], badEmail.context),
    ).toBe(3);
    expect(badEmail.err()).toContain('email');
  });
});
