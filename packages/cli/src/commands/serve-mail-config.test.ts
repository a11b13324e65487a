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
          MUSUBI_PUBLIC_URL: 'https://musubi.example.org',
        },
        '/',
      ),
    );
    expect(config).toMatchObject({
      smtpUrl: 'smtp://mail.example.org:587',
      mailFrom: 'Musubi <no-reply@example.org>',
      publicUrl: 'https://musubi.example.org',
    });
    expect(serveConfig({}, readConfig({}, '/')).smtpUrl).toBeUndefined();
    expect(serveConfig({}, readConfig({}, '/')).publicUrl).toBeUndefined();
  });

  it('refuses an SMTP URL that is not one, naming the setting', () => {
    expect(() => serveConfig({}, readConfig({ MUSUBI_SMTP_URL: 'mail.example.org' }, '/'))).toThrow(
      /smtpUrl: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    for (const wrong of ['musubi.example.org', 'ftp://musubi.example.org', 'javascript:alert(1)'])
      expect(() => serveConfig({}, readConfig({ MUSUBI_PUBLIC_URL: wrong }, '/'))).toThrow(
        /publicUrl: must be an http:\/\/ or https:\/\/ URL \(MUSUBI_PUBLIC_URL\)/,
      );
  });
});
