// Whether an error means the database cannot be reached right now (stopped, restarting, the
// network gone), as opposed to a fault in the request or the code. The HTTP layer answers those
// with 503 and Retry-After instead of 500: the request was fine and will work again once the
// database is back, and the pool reconnects by itself.

/** Node's socket errors when the server is down or the connection dropped. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server going away: class 08 (connection exception) and 57P01-57P03
 * (admin_shutdown, crash_shutdown, cannot_connect_now: starting up or shutting down).
 */
const unavailableSqlState = (code: string): boolean => code.startsWith('08') || /^57P0[123]$/.test(code);

/** The pg driver's own messages for a connection lost mid-query or a pool that could not connect. */
const LOST_CONNECTION =
  /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== 'object') return false;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || unavailableSqlState(code))) return true;
    if (typeof message === 'string' && LOST_CONNECTION.test(message)) return true;
    // An AggregateError (a connect attempt over IPv4 and IPv6, say) carries its causes in `errors`.
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}
