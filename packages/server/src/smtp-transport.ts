/** Notification mail through SMTP (nodemailer), from `MUSUBI_SMTP_URL`. */
import { createTransport } from 'nodemailer';
import type { MailTransport } from '#core/notifications.ts';

/** The URL without its password, for the start-up line. */
export function describeSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `SMTP ${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'SMTP';
  }
}

export function createSmtpTransport(url: string, from: string): MailTransport {
  const transporter = createTransport(url);
  return {
    description: describeSmtpUrl(url),
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
