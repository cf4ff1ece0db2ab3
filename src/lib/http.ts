import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';

/** Schema pieces every route uses, so lists, ids and errors look the same everywhere. */
export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
/** A string enum as a union of literals (keeps the literal types for Static; OpenAPI shows anyOf/const). */
export const lit = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;
/** A string enum that keeps its literal type, as one `enum` schema (Type.Union over a mapped array would widen to string). */
export const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const IsoDateTime = Type.String({ format: 'date-time' });
export const IsoDate = Type.String({ format: 'date' });

/** Response entries for errors: reference the shared ErrorResponse schema. */
export const errorResponses = {
  '4xx': { $ref: 'ErrorResponse#' },
  '5xx': { $ref: 'ErrorResponse#' },
} as const;

export const MAX_PAGE_SIZE = 100;

export const PageQuery = {
  page: Type.Integer({ minimum: 1, default: 1, description: 'page number, from 1' }),
  pageSize: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 }),
  order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' }),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
  });

export const offsetOf = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** Files a page may load from a static folder (by extension); everything else there is 404. */
export function isPageAsset(pathName: string): boolean {
  return /\.(html|js|mjs|css|svg|png|jpg|jpeg|webp|ico|woff2?|json|map)$/i.test(pathName);
}
