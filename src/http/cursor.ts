// Opaque pagination cursors: base64url JSON of a route's own shape. A cursor that does not decode
// to that shape (edited, truncated, from another route) is a 400, never a query with odd values.
import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';
import { DomainError } from '../domain/errors.js';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<S extends TSchema>(cursor: string | undefined, shape: S): Static<S> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Value.Check(shape, value))
    throw new DomainError('validation_failed', 'cursor: not a cursor this API gave out (ask again without it to start over)');
  return value;
}

/** A service's page (items and where the next page starts) as the API answers it. */
export function toPage<T>(page: { items: T[]; next: unknown }): { items: T[]; next_cursor: string | null } {
  return { items: page.items, next_cursor: page.next === null || page.next === undefined ? null : encodeCursor(page.next) };
}
