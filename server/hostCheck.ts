// Refuses requests whose Host header names a server other than this one (DNS-rebinding defence).
import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import type { Config } from './config.ts';
import { AppError } from '../app/errors.ts';

/** The host name of a Host header, lower case, without port, brackets or a trailing dot; null if unreadable. */
export function hostNameOf(header: string): string | null {
  try {
    const name = new URL(`http://${header}`).hostname;
    return name.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A page on evil.example can point its DNS name at 127.0.0.1 and then script this app as if it were
 * same-origin, but its requests still say `Host: evil.example`. Only a name can be rebound, so any IP
 * literal is fine (its origin is the address itself), and so are localhost, the BASE_URL host, a
 * named HOST and ALLOWED_HOSTS.
 */
export function isAllowedHost(config: Config, name: string): boolean {
  if (isIP(name) !== 0 || name === 'localhost') return true;
  if (config.allowedHosts.includes('*') || config.allowedHosts.includes(name)) return true;
  return hostNameOf(config.host) === name || hostNameOf(new URL(config.baseUrl).host) === name;
}

/**
 * Reads the raw Host header, never X-Forwarded-Host: a rebinding page can set that header itself.
 * The config is read per request because BASE_URL gets the real port only once the server listens.
 * `/api/health` stays open so monitors and load balancers can probe by any name; it reveals only the version.
 */
export function hostCheck(config: Config): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.host;
    // Browsers always send Host; a request without one cannot come from a rebound page.
    if (header === undefined || (req.method === 'GET' && req.path === '/api/health')) return next();
    const name = hostNameOf(header);
    if (name !== null && isAllowedHost(config, name)) return next();
    const shown = JSON.stringify(header.slice(0, 100));
    next(new AppError('FORBIDDEN', `refused a request for host ${shown}: this casewatch answers only to localhost, IP addresses and its BASE_URL host; to serve it under this name, set BASE_URL to its public URL or add the name to ALLOWED_HOSTS`));
  };
}
