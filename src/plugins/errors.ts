import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Bilingual, type FieldError } from '../lib/errors.js';
import { Type } from '@sinclair/typebox';

/** The response shape of every error; routes reference it in their response schemas. */
export const ErrorResponse = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    details: Type.Optional(Type.Any()),
  },
  { $id: 'ErrorResponse' },
);

export function prefersChinese(req: FastifyRequest): boolean {
  const lang = String(req.headers['accept-language'] ?? '').toLowerCase();
  return lang.startsWith('zh');
}

const FASTIFY_CODES: Record<string, { status: number; code: string; text: Bilingual }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    text: { en: 'Request body is too large', zh: '请求内容过大' },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    text: { en: 'Unsupported content type', zh: '不支持的内容类型' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'EMPTY_BODY',
    text: { en: 'Body cannot be empty when content-type is application/json', zh: '请求体不能为空' },
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    text: { en: 'Body is not valid JSON', zh: '请求体不是有效的 JSON' },
  },
};

function validationDetails(error: FastifyError): FieldError[] {
  // Fastify says "querystring"; people and our docs say "query".
  const where = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
  return (error.validation ?? []).map((v) => {
    const path = v.instancePath.split('/').filter(Boolean);
    const missing = (v.params as { missingProperty?: string })?.missingProperty;
    const extra = (v.params as { additionalProperty?: string })?.additionalProperty;
    if (missing) path.push(missing);
    if (extra) path.push(extra);
    const message = extra ? 'is not an allowed field' : missing ? 'is required' : (v.message ?? 'is invalid');
    return { field: [where, ...path].join('.'), message };
  });
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '57P01', '57P02', '57P03']);

/** A lost database connection is a temporary 503, not a bug (drizzle wraps the driver error in `cause`). */
function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  }
  return false;
}

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  text: Bilingual,
  details?: unknown,
) {
  return reply.status(status).send({
    code,
    message: prefersChinese(req) ? text.zh : text.en,
    requestId: String(req.id),
    ...(details !== undefined ? { details } : {}),
  });
}

/** Fastify's router refuses some URLs before any hook runs (too long a path segment, bad encoding): same error shape. */
const FRAMEWORK_TEXT: Record<string, Bilingual> = {
  FST_ERR_MAX_PARAM_LENGTH: { en: 'A path parameter is too long', zh: '路径参数过长' },
  FST_ERR_BAD_URL: { en: 'The URL is malformed (bad percent-encoding)', zh: 'URL 格式错误（百分号编码无效）' },
};

export function frameworkError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const text = FRAMEWORK_TEXT[error.code] ?? { en: 'The request could not be routed', zh: '请求无法处理' };
  return sendError(req, reply, error.statusCode && error.statusCode < 500 ? error.statusCode : 400, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'PATH_TOO_LONG' : 'BAD_URL', text);
}

export default fp(
  async (app) => {
    app.addSchema(ErrorResponse);

    app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
      if (error instanceof AppError) {
        if (error.statusCode >= 500) req.log.error({ err: error }, 'application error');
        return sendError(req, reply, error.statusCode, error.code, error.text, error.details);
      }
      if (error.validation) {
        const details = validationDetails(error);
        const first = details[0];
        return sendError(
          req,
          reply,
          400,
          'VALIDATION_FAILED',
          {
            en: `Invalid request: ${first ? `${first.field} ${first.message}` : error.message}`,
            zh: `请求无效：${first ? `${first.field} ${first.message}` : error.message}`,
          },
          details,
        );
      }
      if (isDatabaseUnavailable(error)) {
        req.log.error({ err: error }, 'database unavailable');
        reply.header('retry-after', '5');
        return sendError(req, reply, 503, 'SERVICE_UNAVAILABLE', {
          en: 'The database is temporarily unavailable, please retry shortly',
          zh: '数据库暂时不可用，请稍后重试',
        });
      }
      const known = error.code ? FASTIFY_CODES[error.code] : undefined;
      if (known) return sendError(req, reply, known.status, known.code, known.text);
      const status = error.statusCode ?? 500;
      if (status < 500) {
        return sendError(req, reply, status, error.code || 'BAD_REQUEST', { en: error.message, zh: error.message });
      }
      // 5xx: the client gets a masked message with the requestId; the log gets the cause.
      req.log.error({ err: error }, 'unhandled error');
      return sendError(req, reply, status, 'INTERNAL_ERROR', {
        en: 'Internal server error. Quote the requestId when reporting it.',
        zh: '服务器内部错误，请在反馈时提供 requestId。',
      });
    });

    app.setNotFoundHandler((req, reply) =>
      sendError(req, reply, 404, 'ROUTE_NOT_FOUND', {
        en: `Route ${req.method} ${req.url.split('?')[0]} not found`,
        zh: `接口 ${req.method} ${req.url.split('?')[0]} 不存在`,
      }),
    );
  },
  { name: 'errors' },
);
