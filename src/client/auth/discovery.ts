/**
 * Where to get a token for an MCP server: its protected-resource metadata (RFC 9728) — at the URL a 401's
 * `WWW-Authenticate: Bearer resource_metadata="…"` names, else at its well-known place — names the authorization
 * server, whose metadata (RFC 8414 / OpenID discovery) names the token endpoint. The SDK's discovery does the fetching.
 */
import { discoverOAuthServerInfo } from '@modelcontextprotocol/sdk/client/auth.js';
import { AuthError } from './auth-error.js';

export interface TokenEndpoint {
  readonly tokenUrl: string;
  /** The resource the server's metadata names (RFC 8707 indicator for the token request), when it names one. */
  readonly resource: string | null;
  /** The authorization server's issuer (a private-key JWT's audience). */
  readonly issuer: string | null;
}

/** The `resource_metadata` parameter of a Bearer challenge, or null. */
export function resourceMetadataUrl(challenge: string | null): string | null {
  const found = challenge?.match(/resource_metadata\s*=\s*"([^"]+)"/i) ?? challenge?.match(/resource_metadata\s*=\s*([^\s,]+)/i);
  return found?.[1] ?? null;
}

export async function discoverTokenEndpoint(serverUrl: string, challenge: string | null): Promise<TokenEndpoint> {
  const metadataUrl = resourceMetadataUrl(challenge);
  let info: Awaited<ReturnType<typeof discoverOAuthServerInfo>>;
  try {
    info = await discoverOAuthServerInfo(serverUrl, metadataUrl === null ? {} : { resourceMetadataUrl: new URL(metadataUrl) });
  } catch (error) {
    const why = (error as Error).name === 'ZodError' ? 'the metadata is not RFC 9728 / RFC 8414 metadata' : (error as Error).message.split('\n')[0];
    throw new AuthError('token-failed', `token endpoint discovery failed: ${why}; or write auth.clientCredentials.tokenUrl`);
  }
  const tokenUrl = info.authorizationServerMetadata?.token_endpoint;
  if (!tokenUrl) {
    throw new AuthError('token-failed', `no token endpoint found for ${new URL(serverUrl).origin} (authorization server ${info.authorizationServerUrl}); write auth.clientCredentials.tokenUrl`);
  }
  return { tokenUrl, resource: info.resourceMetadata?.resource ?? null, issuer: info.authorizationServerMetadata?.issuer ?? null };
}
