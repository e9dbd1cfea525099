import type { RawRequest } from '../../core/channel-adapter.ts';
import { readHeader } from '../shared/headers.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyHttpChannelSignature } from './signature.ts';

/**
 * Accepts an inbound HTTP-channel request only if it is signed with the inbox's `inboundSecret` and fresh
 * by the injected clock. Pure: the clock is a parameter so tests can move time.
 */
export function verifyHttpChannelRequest(request: RawRequest, settings: { inboundSecret: string }, now: Date): void {
  verifyHttpChannelSignature(
    readHeader(request.headers, TIMESTAMP_HEADER),
    readHeader(request.headers, SIGNATURE_HEADER),
    request.body,
    settings.inboundSecret,
    now,
  );
}
