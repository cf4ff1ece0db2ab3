import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { PLAUSIBLE_YEARS } from '../lib/bounds.js';

/**
 * Input every route refuses before it reaches a service, whatever its schema says. These are
 * the shapes that used to turn into 5xx deep inside Postgres or the search engine: NUL bytes
 * (Postgres text cannot hold them), unpaired surrogates (not valid UTF-8), numbers that are
 * not finite (`1e309` parses to Infinity) or beyond 2^53 (`page=99999999999999999999`), and
 * dates in years no record can have (year 0000). Each is a 400 naming the field.
 */

type Problem = { field: string; message: string; zh: string };

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ISO_DATE = /^(\d{4,})-\d{2}-\d{2}(?:$|[T ])/;

export function inputProblem(value: unknown, field: string, depth = 0): Problem | null {
  if (depth > 32) return { field, message: 'is nested too deeply', zh: '嵌套层级过深' };
  if (typeof value === 'string') {
    if (NUL.test(value)) return { field, message: 'must not contain NUL characters', zh: '不能包含 NUL 字符' };
    if (LONE_SURROGATE.test(value)) return { field, message: 'is not valid Unicode text (unpaired surrogate)', zh: '不是有效的 Unicode 文本' };
    const m = ISO_DATE.exec(value);
    if (m) {
      const year = Number(m[1]);
      if (year < PLAUSIBLE_YEARS.min || year > PLAUSIBLE_YEARS.max) {
        return { field, message: `year ${m[1]} is outside ${PLAUSIBLE_YEARS.min}–${PLAUSIBLE_YEARS.max}`, zh: `年份 ${m[1]} 超出 ${PLAUSIBLE_YEARS.min}–${PLAUSIBLE_YEARS.max} 的范围` };
      }
    }
    return null;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { field, message: 'must be a finite number', zh: '必须是有限数值' };
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return { field, message: 'is too large', zh: '数值过大' };
    return null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = inputProblem(value[i], `${field}.${i}`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const keyProblem = inputProblem(k, `${field}.${k}`, depth + 1);
    if (keyProblem && typeof k === 'string' && (NUL.test(k) || LONE_SURROGATE.test(k))) return keyProblem;
    const p = inputProblem(v, `${field}.${k}`, depth + 1);
    if (p) return p;
  }
  return null;
}

function check(req: FastifyRequest): void {
  const parts: [string, unknown][] = [
    ['params', req.params],
    ['query', req.query],
    ['body', req.body],
  ];
  for (const [where, value] of parts) {
    const p = inputProblem(value, where);
    if (p) {
      throw new AppError(400, 'VALIDATION_FAILED', { en: `Invalid request: ${p.field} ${p.message}`, zh: `请求无效：${p.field} ${p.zh}` }, [
        { field: p.field, message: p.message },
      ]);
    }
  }
}

export default fp(
  async (app) => {
    // Before validation, on the raw values (a NUL must not reach a format check or a regex),
    // and again after it, on the coerced ones (`1e309` becomes a number only there).
    app.addHook('preValidation', async (req) => check(req));
    app.addHook('preHandler', async (req) => check(req));
  },
  { name: 'input-guard', dependencies: ['errors'] },
);
