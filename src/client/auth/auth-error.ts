/**
 * Why a call or a session was refused for its credentials — its own outcome class (`auth:<code>`), apart from other
 * transport failures and never retried by the retry layer: `unauthorized` (HTTP 401, after one resend with a new
 * token), `forbidden` (HTTP 403: the token is good but not enough), `token-failed` (no token could be got: the token
 * endpoint refused, discovery found none, the token command failed). Messages never carry a token or a secret.
 */
export type AuthFailureCode = 'unauthorized' | 'forbidden' | 'token-failed';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly code: AuthFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** The HTTP statuses with an auth class of their own. */
export function authFailureOfStatus(status: number): AuthFailureCode | null {
  return status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : null;
}

/** `text` without the token of an Authorization value (`Bearer <token>`) it may quote; unchanged without one. */
export function withoutToken(text: string, authorization: string | null): string {
  const token = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  return token === '' || !text.includes(token) ? text : text.split(token).join('[redacted]');
}
