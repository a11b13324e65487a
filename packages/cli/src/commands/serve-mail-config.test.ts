import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { serveConfig } from './serve-command.ts';

describe('notification mail settings of serve', () => {
  it('reads MUSUBI_SMTP_URL and MUSUBI_MAIL_FROM once into the validated configuration', () => {
    const config = serveConfig(
      {},
      readConfig(
        {
          MUSUBI_SMTP_URL: 'smtp://mail.example.org:587',
          MUSUBI_MAIL_FROM: 'Musubi <no-reply@example.org>',
        },
        '/',
      ),
    );
    expect(config).toMatchObject({
      smtpUrl: 'smtp://mail.example.org:587',
      mailFrom: 'Musubi <no-reply@example.org>',
    });
    expect(serveConfig({}, readConfig({}, '/')).smtpUrl).toBeUndefined();
  });

  it('refuses an SMTP URL that is not one, naming the setting', () => {
    expect(() => serveConfig({}, readConfig({ MUSUBI_SMTP_URL: 'mail.example.org' }, '/'))).toThrow(
      /smtpUrl: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
  });
});
