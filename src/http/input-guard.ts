// Input the database cannot take is refused at the door with a 400 that names the field, rather
// than reaching a query and failing there as a 500: text with a NUL byte (PostgreSQL cannot store
// it), and numbers that coercion made infinite (`?limit=1e309` passes the schema's bounds as
// Infinity, a quirk of the validator's string-to-number coercion).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';

/** The path of the first value inside `value` that `bad` finds, or null. */
function find(value: unknown, path: string, bad: (leaf: unknown) => boolean): string | null {
  if (bad(value)) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = find(value[i], `${path}[${i}]`, bad);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = bad(key) ? `${path}.(a key)` : find(inner, `${path}.${key}`, bad);
      if (found) return found;
    }
  }
  return null;
}

const hasNul = (leaf: unknown): boolean => typeof leaf === 'string' && leaf.includes('\u0000');
const isInfinite = (leaf: unknown): boolean => typeof leaf === 'number' && !Number.isFinite(leaf);

function refuse(request: FastifyRequest, bad: (leaf: unknown) => boolean, why: string): void {
  const parts = { params: request.params, query: request.query, body: request.body } as const;
  for (const [part, value] of Object.entries(parts)) {
    const found = find(value, part, bad);
    if (found) throw new DomainError('validation_failed', `${found}: ${why}`);
  }
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => refuse(request, hasNul, 'contains a NUL byte, which no field accepts'));
  app.addHook('preHandler', async (request) => refuse(request, isInfinite, 'is not a finite number'));
}
