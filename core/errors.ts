/**
 * Errors with one meaning each, so that HTTP status and retry decisions read the class, never the message.
 */

/** Something the caller can act on carries a stable machine-readable code. */
export interface CodedError {
  readonly code: string;
}

/** The request did not prove it came from the channel (bad signature or secret). HTTP 401. */
export class AuthenticityError extends Error implements CodedError {
  readonly code = 'authenticity';
  readonly httpStatus = 401;
}

/** The request is authentic but not something we can read. HTTP 400. */
export class InboundParseError extends Error implements CodedError {
  readonly code = 'parse';
  readonly httpStatus = 400;
}

/** Start-up configuration is missing or invalid; the message says what to fix. */
export class ConfigError extends Error implements CodedError {
  readonly code = 'config';
}

/**
 * The channel's API answered and refused. `retryAfterSeconds` is set when the API asked us to wait
 * (Telegram's `parameters.retry_after`, HTTP 429); `permanent` when retrying cannot help (bad chat id,
 * blocked by user) so the failure is recorded on the message instead.
 */
export class ChannelApiError extends Error implements CodedError {
  readonly code = 'channel_api';
  constructor(
    message: string,
    readonly details: { status?: number; apiCode?: number | string; retryAfterSeconds?: number; permanent: boolean },
  ) {
    super(message);
  }
}

/** The channel's API could not be reached or did not answer in time. Always worth a retry. */
export class ChannelNetworkError extends Error implements CodedError {
  readonly code = 'channel_network';
}

/** The request does not fit the current state of what it names (retrying a delivery that did not fail). HTTP 409. */
export class StateConflictError extends Error implements CodedError {
  readonly code = 'state_conflict';
  readonly httpStatus = 409;
}
