// Opaque pagination cursors: base64url JSON, decoded leniently (a bad cursor starts over).
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A service's page (items and where the next page starts) as the API answers it. */
export function toPage<T>(page: { items: T[]; next: unknown }): { items: T[]; next_cursor: string | null } {
  return { items: page.items, next_cursor: page.next === null || page.next === undefined ? null : encodeCursor(page.next) };
}
