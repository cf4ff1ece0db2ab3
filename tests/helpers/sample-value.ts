import { randomUUID } from 'node:crypto';

/** The JSON Schema subset @fastify/swagger emits for our TypeBox route schemas. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  nullable?: boolean;
}

/** Strings tried, in order, against a pattern. */
const PATTERN_CANDIDATES = ['440106', 'city', 'T01', 'total.csv', '2026-W10', '2026-01', 'abc', 'xx'];

/**
 * A small value the schema accepts: required properties only (one optional one when the object
 * needs at least one), the first enum member or union branch, minimums for numbers and lengths.
 * Enough to pass request validation, so what the server says next is about access, not input.
 */
export function sampleValue(schema: JsonSchema, name = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return sampleValue(union.find((s) => s.type !== 'null') ?? union[0]!, name);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => sampleValue(s, name)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : 'string')) {
    case 'object': {
      const props = schema.properties ?? {};
      const keys = [...(schema.required ?? [])];
      if (keys.length < (schema.minProperties ?? 0)) keys.push(...Object.keys(props).filter((k) => !keys.includes(k)).slice(0, (schema.minProperties ?? 0) - keys.length));
      return Object.fromEntries(keys.map((k) => [k, sampleValue(props[k] ?? {}, k)]));
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleValue(schema.items ?? {}, name));
    case 'integer':
    case 'number': {
      const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : (schema.minimum ?? 1);
      return schema.maximum !== undefined ? Math.min(Math.max(min, 1), schema.maximum) : Math.max(min, 1);
    }
    case 'boolean':
      return false;
    default:
      return sampleString(schema, name);
  }
}

function sampleString(schema: JsonSchema, name: string): string {
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return '2026-12-01';
    case 'date-time':
      return '2026-12-01T09:00:00.000Z';
    case 'email':
      return 'walk@example.org';
    case 'uri':
      return 'https://example.org/';
  }
  const fits = (s: string) =>
    (!schema.pattern || new RegExp(schema.pattern, 'u').test(s)) && s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);
  const named = /code$/i.test(name) ? ['440106'] : [];
  const found = [...named, ...PATTERN_CANDIDATES, 'walk'.padEnd(schema.minLength ?? 0, 'x')].find(fits);
  return found ?? 'x'.repeat(schema.minLength ?? 1);
}
