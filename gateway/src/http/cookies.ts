import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'tg_session';

/** The value of one cookie of the request, if present. */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** httpOnly so scripts never read it, SameSite=Strict so other sites never send it; Secure behind https. */
export function sessionCookie(token: string, publicUrl: string): string {
  const secure = publicUrl.startsWith('https:') ? '; Secure' : '';
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${secure}`;
}

export const clearedSessionCookie = (publicUrl: string): string => `${sessionCookie('', publicUrl)}; Max-Age=0`;
