import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { generate, generateSecret, generateURI, verify as totpVerify } from 'otplib';
import QRCode from 'qrcode';
import type { AccountsConfig } from '../../config.js';

// ── passwords ─────────────────────────────────────────────────────────────────────────────────

/** argon2id with the OWASP minimum (19 MiB, t=2, p=1): about 25 ms a hash on the build machine. */
const ARGON = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argonHash(password, ARGON);

/** A hash of nothing anyone knows: unknown user names cost the same time as known ones. */
let dummyHash: Promise<string> | null = null;
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= argonHash(randomBytes(16).toString('hex'), ARGON);
    await argonVerify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argonVerify(hash, password).catch(() => false);
}

const CLASSES: [RegExp, string, string][] = [
  [/[a-z]/, 'lower-case letters', '小写字母'],
  [/[A-Z]/, 'upper-case letters', '大写字母'],
  [/[0-9]/, 'digits', '数字'],
  [/[^A-Za-z0-9]/, 'symbols', '符号'],
];

/** The configured policy (默认：至少 8 位，含 4 类字符中的 3 类); null when the password passes. */
export function passwordProblem(cfg: AccountsConfig, password: string, username?: string): { en: string; zh: string } | null {
  if (password.length < cfg.passwordMinLength) {
    return { en: `must be at least ${cfg.passwordMinLength} characters`, zh: `至少 ${cfg.passwordMinLength} 个字符` };
  }
  if (password.length > 256) return { en: 'must be at most 256 characters', zh: '最多 256 个字符' };
  const held = CLASSES.filter(([re]) => re.test(password)).length;
  if (held < cfg.passwordMinClasses) {
    return {
      en: `must mix at least ${cfg.passwordMinClasses} of: ${CLASSES.map((c) => c[1]).join(', ')}`,
      zh: `须包含以下至少 ${cfg.passwordMinClasses} 类：${CLASSES.map((c) => c[2]).join('、')}`,
    };
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    return { en: 'must not contain the user name', zh: '不得包含用户名' };
  }
  return null;
}

/** A one-time password that passes the default policy: shown once, changed at first sign-in. */
export function oneTimePassword(): string {
  const body = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  return `${body}-Aa7`;
}

// ── TOTP (RFC 6238) ─────────────────────────────────────────────────────────────────────────

function totpKey(hashSecret: string): Buffer {
  return createHash('sha256').update(`${hashSecret}:totp-secret`).digest();
}

/** The TOTP secret is encrypted at rest: a copy of the accounts table alone gives no codes. */
export function sealSecret(hashSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', totpKey(hashSecret), iv);
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function openSecret(hashSecret: string, sealed: string): string {
  const [, iv, tag, ct] = sealed.split('.');
  const decipher = createDecipheriv('aes-256-gcm', totpKey(hashSecret), Buffer.from(iv!, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct!, 'base64url')), decipher.final()]).toString('utf8');
}

export const newTotpSecret = () => generateSecret();

export async function totpEnrolment(secret: string, label: string): Promise<{ otpauthUrl: string; qrSvg: string }> {
  const otpauthUrl = generateURI({ issuer: 'PES 公共就业服务', label, secret });
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUrl, qrSvg };
}

/**
 * Checks a 6-digit code, one step either side for clock drift. Returns the accepted time step
 * (stored, so the same code cannot be replayed) or null.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const r = await totpVerify({
    secret,
    token: code,
    epoch: Math.floor(now / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  }).catch(() => null);
  if (!r || !r.valid) return null;
  return (r as { timeStep?: number }).timeStep ?? Math.floor(now / 30_000);
}

/** For tests and the demo: the current code of a secret. */
export const totpNow = (secret: string, now = Date.now()) => generate({ secret, epoch: Math.floor(now / 1000) });

// ── recovery codes and link tokens ──────────────────────────────────────────────────────────

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function recoveryCode(): string {
  const b = randomBytes(10);
  const s = [...b].map((x) => ALPHABET[x % ALPHABET.length]).join('');
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}
export const normaliseRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/\s+/g, '');

export const randomToken = () => randomBytes(32).toString('base64url');
