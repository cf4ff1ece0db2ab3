import type { Logger } from 'pino';
import nodemailer from 'nodemailer';

/** One outgoing message. `ref` names what it is about (never personal data) for the log. */
export interface NotifierMessage {
  /** 'email' or 'sms' (other channels are written to the log). */
  channel: string;
  to: string | null;
  text: string;
  ref: string;
  /** E-mail subject line; SMS ignores it. */
  subject?: string;
}

/**
 * Outgoing SMS / e-mail. Production plugs a provider in here; development and tests use the
 * log sender, which writes each message as a log line and keeps the last ones in memory.
 */
export interface Notifier {
  send(message: NotifierMessage): Promise<void>;
}

/** Masked in the log: logs are read by operators. */
const maskTo = (to: string | null) => (to ? `${to.slice(0, 3)}****${to.slice(-2)}` : null);

export function createLogNotifier(logger: Logger): Notifier & { sent: NotifierMessage[] } {
  const sent: NotifierMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      if (sent.length > 1000) sent.shift();
      // The text of a sign-in link is a credential until used: it is not logged, only kept in memory.
      const secret = message.ref.startsWith('account-link:');
      logger.info({ channel: message.channel, to: maskTo(message.to), ref: message.ref }, secret ? 'notification (one-time link, text not logged)' : `notification: ${message.text}`);
    },
  };
}

/**
 * E-mail over SMTP (nodemailer). `url` is smtp://user:pass@host:587 (STARTTLS when offered) or
 * smtps://…:465. Messages without an address are refused: the caller decides whether to fall back.
 */
export function createSmtpNotifier(url: string, from: string): Notifier & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      if (!message.to) throw new Error(`e-mail ${message.ref}: no recipient address`);
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject ?? '公共就业服务 / Public employment service',
        text: message.text,
        headers: { 'X-PES-Ref': message.ref },
      });
    },
    close: () => transport.close(),
  };
}

/**
 * The SMS port. No SMS gateway is wired in: a provider adapter (Aliyun SMS, Tencent Cloud SMS, an
 * operator's CMPP gateway) implements this and is passed to `createNotifier`. Chinese SMS
 * providers send only pre-approved templates, so the adapter maps `ref`'s prefix to a template
 * id and fills its parameters; `text` is the rendered message for providers that take free text.
 *
 *   interface SmsSender { sendSms(to: string, text: string, ref: string): Promise<void> }
 *
 * `to` is a mainland mobile number (11 digits); the adapter throws on a provider refusal so the
 * caller (or its job's retry) sees the failure.
 */
export interface SmsSender {
  sendSms(to: string, text: string, ref: string): Promise<void>;
}

/** Routes by channel: e-mail to SMTP when configured, SMS to an SMS adapter when given, the rest to the log. */
export function createNotifier(deps: { logger: Logger; smtp?: Notifier; sms?: SmsSender }): Notifier & { sent: NotifierMessage[] } {
  const log = createLogNotifier(deps.logger);
  return {
    sent: log.sent,
    async send(message) {
      if (message.channel === 'email' && deps.smtp) return deps.smtp.send(message);
      if (message.channel === 'sms' && deps.sms && message.to) return deps.sms.sendSms(message.to, message.text, message.ref);
      return log.send(message);
    },
  };
}
