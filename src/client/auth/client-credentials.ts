/**
 * The OAuth 2.1 client-credentials grant (RFC 6749 §4.4): POST grant_type=client_credentials to the token endpoint
 * (written, or discovered once: discovery.ts), the client authenticated by its secret (client_secret_basic, the default,
 * or client_secret_post) or by a JWT signed with its private key (private_key_jwt, RFC 7523, the SDK's signer). An
 * error names the HTTP status and the OAuth `error` code only: a token endpoint's body may echo what it was sent.
 */
import { createPrivateKeyJwtAuth } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { AuthError } from './auth-error.js';
import type { ClientCredentialsPlan } from './auth-plan.js';
import { discoverTokenEndpoint, resourceMetadataUrl, type TokenEndpoint } from './discovery.js';
import type { AccessToken, TokenFetcher } from './token-source.js';

/** A token request gets no answer within this long: it fails (the session's connect, or the call after a 401). */
export const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

export class ClientCredentialsFetcher implements TokenFetcher {
  private endpoint: TokenEndpoint | null = null;
  private discoveredFrom: string | null = null;

  constructor(
    private readonly plan: ClientCredentialsPlan,
    private readonly serverUrl: string,
  ) {}

  async fetch(challenge: string | null): Promise<AccessToken> {
    const endpoint = await this.tokenEndpoint(challenge);
    const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
    const params = new URLSearchParams({ grant_type: 'client_credentials' });
    if (this.plan.scope !== undefined) params.set('scope', this.plan.scope);
    const resource = this.plan.resource ?? endpoint.resource;
    if (resource !== null) params.set('resource', resource);
    await this.authenticate(headers, params, endpoint);
    let response: Response;
    try {
      response = await fetch(endpoint.tokenUrl, { method: 'POST', headers, body: params, signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new AuthError('token-failed', `the token request to ${new URL(endpoint.tokenUrl).origin} failed: ${(error as Error).name}`);
    }
    return tokenOf(response);
  }

  private async tokenEndpoint(challenge: string | null): Promise<TokenEndpoint> {
    if (this.plan.tokenUrl !== undefined) return { tokenUrl: this.plan.tokenUrl, resource: null, issuer: null };
    const from = resourceMetadataUrl(challenge);
    // Discovered once; again only when a 401 names other resource metadata than the one found before.
    if (this.endpoint === null || (from !== null && from !== this.discoveredFrom)) {
      this.endpoint = await discoverTokenEndpoint(this.serverUrl, challenge);
      this.discoveredFrom = from;
    }
    return this.endpoint;
  }

  private async authenticate(headers: Headers, params: URLSearchParams, endpoint: TokenEndpoint): Promise<void> {
    const { clientId, clientSecret, privateKey } = this.plan;
    if (privateKey !== undefined) {
      const alg = this.plan.alg ?? 'RS256';
      const sign = createPrivateKeyJwtAuth({ issuer: clientId, subject: clientId, privateKey, alg, audience: endpoint.issuer ?? endpoint.tokenUrl });
      try {
        return await sign(headers, params, endpoint.tokenUrl);
      } catch (error) {
        throw new AuthError('token-failed', `could not sign the client assertion with privateKey (${alg}): ${(error as Error).name}`);
      }
    }
    if (this.plan.method === 'client_secret_post') {
      params.set('client_id', clientId);
      params.set('client_secret', clientSecret ?? '');
      return;
    }
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret ?? '')}`).toString('base64');
    headers.set('authorization', `Basic ${basic}`);
  }
}

/** The token of a 200 answer; an AuthError naming the status and OAuth error code otherwise. */
async function tokenOf(response: Response): Promise<AccessToken> {
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    const code = typeof body?.error === 'string' && /^[a-z_]{1,40}$/.test(body.error) ? ` (${body.error})` : '';
    throw new AuthError('token-failed', `the token endpoint answered HTTP ${response.status}${code}`);
  }
  const token = body?.access_token;
  if (typeof token !== 'string' || token === '') throw new AuthError('token-failed', 'the token endpoint answered without an access_token');
  const expiresIn = Number(body?.expires_in);
  return { token, expiresInSec: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : null };
}
