import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * NOT A LIVE MEILISEARCH ENGINE. A local HTTP server that checks every request an adapter sends
 * against Meilisearch's own OpenAPI document (../shared/meilisearch/open-api-1.15.2.json): the
 * method and path must be documented, every query parameter must be documented for that
 * operation and match its schema, and a JSON body must match the documented request schema.
 * It answers in the documented response shapes (each answer is itself validated against the
 * documented response schema), keeping documents in memory and treating search as a plain
 * substring filter, so the adapter's requests and its reading of the answers can be checked
 * without a Meilisearch server (none can run on the build machines).
 */
const DOC_PATH = new URL('../../../shared/meilisearch/open-api-1.15.2.json', import.meta.url);

type Json = Record<string, unknown>;
interface Operation { parameters?: Json[]; requestBody?: { content?: Record<string, { schema: Json }> }; responses: Record<string, { content?: Record<string, { schema: Json }> }> }

export interface Violation { method: string; path: string; problem: string }

export interface MeiliOpenApiServer {
  url: string;
  violations: Violation[];
  /** Every request, as "METHOD /path?query" (documented template in brackets). */
  requests: string[];
  indexes: Map<string, Map<string, Json>>;
  close(): Promise<void>;
}

export function meiliOpenApiDocumentExists(): boolean {
  try {
    readFileSync(DOC_PATH);
    return true;
  } catch {
    return false;
  }
}

export async function startMeiliOpenApiServer(): Promise<MeiliOpenApiServer> {
  const doc = JSON.parse(readFileSync(DOC_PATH, 'utf8')) as { paths: Record<string, Record<string, Operation & Json>>; components: Json };
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'meili', components: doc.components });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (schema: Json): ValidateFunction => {
    const text = JSON.stringify(schema).replaceAll('"#/components/', '"meili#/components/');
    let v = compiled.get(text);
    if (!v) compiled.set(text, (v = ajv.compile(JSON.parse(text) as Json)));
    return v;
  };
  const resolve = (p: Json): Json => (typeof p.$ref === 'string' ? resolve(p.$ref.slice(2).split('/').reduce<Json>((o, k) => o[k] as Json, doc as unknown as Json)) : p);

  // Literal segments win over templated ones (/documents/fetch before /documents/{documentId}).
  const templates = Object.keys(doc.paths)
    .map((t) => ({ t, re: new RegExp(`^${t.replace(/\{[^}]+\}/g, '([^/]+)')}$`), params: (t.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params);

  const violations: Violation[] = [];
  const requests: string[] = [];
  const indexes = new Map<string, Map<string, Json>>();
  let taskUid = 0;
  const tasks = new Map<number, Json>();

  const coerce = (raw: string, schema: Json): unknown => {
    const s = resolve(schema);
    const type = Array.isArray(s.type) ? (s.type as string[]).find((x) => x !== 'null') : s.type;
    if (type === 'integer' || type === 'number') return Number(raw);
    if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
    if (type === 'array') return raw.split(',');
    return raw;
  };

  function check(method: string, url: URL, body: unknown, hasBody: boolean): { op: Operation; template: string; params: string[] } | null {
    const path = url.pathname;
    const found = templates.find((x) => x.re.test(path));
    const bad = (problem: string) => (violations.push({ method, path: `${path}${url.search}`, problem }), null);
    if (!found) return bad('path is not in the OpenAPI document');
    const op = doc.paths[found.t]![method.toLowerCase()] as Operation | undefined;
    if (!op) return bad(`${method} is not documented for ${found.t}`);
    const params = (op.parameters ?? []).map(resolve);
    for (const [name, value] of url.searchParams) {
      const p = params.find((x) => x.in === 'query' && x.name === name);
      if (!p) return bad(`query parameter "${name}" is not documented for ${method} ${found.t}`);
      const v = validator(p.schema as Json);
      if (!v(coerce(value, p.schema as Json))) return bad(`query parameter "${name}"=${value}: ${ajv.errorsText(v.errors)}`);
    }
    for (const p of params) if (p.in === 'query' && p.required && !url.searchParams.has(p.name as string)) return bad(`required query parameter "${String(p.name)}" missing`);
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (hasBody && !schema) return bad(`${method} ${found.t} documents no JSON body, one was sent`);
    if (schema) {
      if (!hasBody) return bad(`${method} ${found.t}: JSON body required`);
      const v = validator(schema);
      if (!v(body)) return bad(`body: ${ajv.errorsText(v.errors)} — ${JSON.stringify(body).slice(0, 300)}`);
    }
    return { op, template: found.t, params: path.match(found.re)!.slice(1).map(decodeURIComponent) };
  }

  const enqueue = (indexUid: string | null, type: string) => {
    const uid = taskUid++;
    const now = new Date().toISOString();
    tasks.set(uid, { uid, batchUid: uid, indexUid, status: 'succeeded', type, canceledBy: null, details: {}, error: null, duration: 'PT0.001S', enqueuedAt: now, startedAt: now, finishedAt: now });
    return { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: now };
  };
  const docsOf = (uid: string) => {
    let m = indexes.get(uid);
    if (!m) indexes.set(uid, (m = new Map()));
    return m;
  };
  const pick = (d: Json, fields?: string[]) => (fields && !fields.includes('*') ? Object.fromEntries(Object.entries(d).filter(([k]) => fields.includes(k))) : d);

  function answer(method: string, template: string, params: string[], url: URL, body: Json): [number, unknown] {
    const key = `${method} ${template}`;
    const uid = params[0]!;
    switch (key) {
      case 'GET /health':
        return [200, { status: 'available' }];
      case 'POST /indexes':
        docsOf(String(body.uid));
        return [202, enqueue(String(body.uid), 'indexCreation')];
      case 'DELETE /indexes/{indexUid}':
        indexes.delete(uid);
        return [202, enqueue(uid, 'indexDeletion')];
      case 'PATCH /indexes/{indexUid}/settings':
        return [202, enqueue(uid, 'settingsUpdate')];
      case 'POST /indexes/{indexUid}/documents':
      case 'PUT /indexes/{indexUid}/documents':
        for (const d of body as unknown as Json[]) docsOf(uid).set(String(d.id), { ...(docsOf(uid).get(String(d.id)) ?? {}), ...d });
        return [202, enqueue(uid, 'documentAdditionOrUpdate')];
      case 'POST /indexes/{indexUid}/documents/delete-batch':
        for (const id of body as unknown as string[]) docsOf(uid).delete(String(id));
        return [202, enqueue(uid, 'documentDeletion')];
      case 'GET /indexes/{indexUid}/documents': {
        const all = [...docsOf(uid).values()];
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const fields = url.searchParams.get('fields')?.split(',');
        return [200, { results: all.slice(offset, offset + limit).map((d) => pick(d, fields)), offset, limit, total: all.length }];
      }
      case 'POST /indexes/{indexUid}/documents/fetch': {
        const all = [...docsOf(uid).values()];
        const offset = Number(body.offset ?? 0);
        const limit = Number(body.limit ?? 20);
        return [200, { results: all.slice(offset, offset + limit).map((d) => pick(d, body.fields as string[] | undefined)), offset, limit, total: all.length }];
      }
      case 'POST /indexes/{indexUid}/search': {
        const q = String(body.q ?? '').toLowerCase();
        const on = (body.attributesToSearchOn as string[] | undefined) ?? null;
        const matches = [...docsOf(uid).values()].filter(
          (d) => !q || Object.entries(d).some(([k, v]) => (!on || on.includes(k)) && typeof v === 'string' && v.toLowerCase().includes(q)),
        );
        const offset = Number(body.offset ?? 0);
        const limit = Number(body.limit ?? 20);
        const facetDistribution = Array.isArray(body.facets)
          ? Object.fromEntries((body.facets as string[]).map((f) => [f, matches.reduce<Record<string, number>>((acc, d) => (d[f] === undefined || d[f] === null ? acc : ((acc[String(d[f])] = (acc[String(d[f])] ?? 0) + 1), acc)), {})]))
          : undefined;
        return [200, {
          hits: matches.slice(offset, offset + limit).map((d) => pick(d, body.attributesToRetrieve as string[] | undefined)),
          query: String(body.q ?? ''),
          processingTimeMs: 0,
          limit,
          offset,
          estimatedTotalHits: matches.length,
          ...(facetDistribution ? { facetDistribution, facetStats: {} } : {}),
        }];
      }
      case 'POST /swap-indexes': {
        for (const { indexes: [a, b] } of body as unknown as { indexes: [string, string] }[]) {
          const da = docsOf(a);
          indexes.set(a, docsOf(b));
          indexes.set(b, da);
        }
        return [202, enqueue(null, 'indexSwap')];
      }
      case 'GET /tasks/{taskUid}': {
        const t = tasks.get(Number(uid));
        return t ? [200, t] : [404, { message: `Task \`${uid}\` not found.`, code: 'task_not_found', type: 'invalid_request', link: 'https://docs.meilisearch.com/errors#task_not_found' }];
      }
      default:
        violations.push({ method, path: url.pathname, problem: `documented, but this test server does not answer ${key}` });
        return [501, { message: 'not implemented by the test server', code: 'internal', type: 'internal', link: '' }];
    }
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', 'http://localhost');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      let parsed = true;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          parsed = false;
        }
      }
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      requests.push(`${method} ${url.pathname}${url.search}`);
      if (!parsed) {
        violations.push({ method, path: url.pathname, problem: 'body is not JSON' });
        return send(400, { message: 'malformed JSON', code: 'malformed_payload', type: 'invalid_request', link: '' });
      }
      const ok = check(method, url, body, raw.length > 0);
      if (!ok) return send(400, { message: 'request does not match the OpenAPI document', code: 'bad_request', type: 'invalid_request', link: '' });
      const [status, payload] = answer(method, ok.template, ok.params, url, (body ?? {}) as Json);
      // The answer must itself have the documented shape.
      const documented = ok.op.responses[String(status)]?.content?.['application/json']?.schema;
      if (status < 300 && documented) {
        const v = validator(documented);
        if (!v(payload)) violations.push({ method, path: url.pathname, problem: `test server answer does not match the documented ${status} response: ${ajv.errorsText(v.errors)}` });
      }
      send(status, payload);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, violations, requests, indexes, close: () => new Promise((r) => server.close(() => r())) };
}
