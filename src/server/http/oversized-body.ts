import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Above this, an oversized body is not read at all: the connection is closed, as Fastify does. */
const DRAIN_MAX_BYTES = 16 * 1024 * 1024;

/**
 * A request that announces a body over its route's limit is answered 413 *after* its body has been read and
 * discarded. Fastify answers at once and closes the socket, so a client still writing the body often gets a reset
 * (EPIPE) instead of the 413 and cannot tell the user what happened. Multipart uploads keep their own limits.
 */
export function refuseOversizedBodies(defaultLimit: number) {
  return async function refuseOversizedBody(request: FastifyRequest): Promise<void> {
    const length = Number(request.headers['content-length']);
    if (!Number.isFinite(length)) return;
    const limit = request.routeOptions.bodyLimit ?? defaultLimit;
    if (length <= limit || length > DRAIN_MAX_BYTES) return;
    if (/^multipart\//i.test(request.headers['content-type'] ?? '')) return;
    await new Promise<void>((resolve) => {
      request.raw.once('end', resolve).once('error', () => resolve()).once('close', resolve);
      request.raw.resume();
    });
    throw new AppError('PAYLOAD_TOO_LARGE', undefined, { limitBytes: limit });
  };
}
