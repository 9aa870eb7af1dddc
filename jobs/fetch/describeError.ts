// Maps a thrown connection error to the fetch outcome and the words a person reads on the feed's page.
import { BlockedAddressError } from './addressPolicy.ts';
import { formatSeconds } from './wording.ts';
import type { FetchResult } from './types.ts';

type Described = Extract<FetchResult, { kind: 'networkError' | 'timeout' | 'blocked' }>;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
]);

function errorCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  return typeof err.code === 'string' ? err.code : null;
}

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

/**
 * The outcome for an error thrown while talking to `host`. Errors without a code are not
 * connection failures but bugs, and are thrown again.
 */
export function describeConnectionError(err: unknown, host: string, connectTimeoutMs: number): Described {
  if (err instanceof BlockedAddressError) return { kind: 'blocked', message: err.message };
  const code = errorCode(err);
  if (code === null || !(err instanceof Error)) throw err;
  if (DNS_CODES.has(code)) return { kind: 'networkError', message: `DNS lookup failed for ${host}` };
  if (code === 'ECONNREFUSED') return { kind: 'networkError', message: `connection refused by ${host}` };
  if (RESET_CODES.has(code)) return { kind: 'networkError', message: `connection reset by ${host}` };
  if (UNREACHABLE_CODES.has(code)) return { kind: 'networkError', message: `${host} is unreachable` };
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return { kind: 'timeout', message: `timed out connecting to ${host} after ${formatSeconds(connectTimeoutMs)}` };
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { kind: 'timeout', message: `timed out waiting for ${host}` };
  }
  if (isTlsCode(code)) return { kind: 'networkError', message: `TLS error with ${host}: ${err.message}` };
  if (code.startsWith('HPE_')) return { kind: 'networkError', message: `${host} sent an invalid HTTP response` };
  return { kind: 'networkError', message: `${host}: ${err.message}` };
}
