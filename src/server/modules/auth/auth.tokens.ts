import { createHmac, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'ys_sid';
export const CSRF_HEADER = 'x-csrf-token';

export const newToken = (): string => randomBytes(32).toString('base64url');

/** The database keeps only this keyed hash, so a leaked sessions table opens no session. */
export const hashSessionToken = (secret: string, token: string): string =>
  createHmac('sha256', secret).update(token).digest('hex');
