import type { Logger } from 'pino';

/**
 * Outgoing SMS / e-mail. Production plugs a provider in here; development and tests use the
 * log sender, which writes each message as a log line and keeps the last ones in memory.
 */
export interface Notifier {
  send(message: { channel: string; to: string | null; text: string; ref: string }): Promise<void>;
}

export function createLogNotifier(logger: Logger): Notifier & { sent: { channel: string; to: string | null; text: string; ref: string }[] } {
  const sent: { channel: string; to: string | null; text: string; ref: string }[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      if (sent.length > 1000) sent.shift();
      // The recipient is masked in the log: logs are read by operators.
      logger.info({ channel: message.channel, to: message.to ? `${message.to.slice(0, 3)}****${message.to.slice(-2)}` : null, ref: message.ref }, `notification: ${message.text}`);
    },
  };
}
