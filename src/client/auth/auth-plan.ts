/**
 * A URL target's `auth:` block: OAuth 2.1 client credentials (a client secret, or a private-key JWT) or a
 * `tokenCommand` that prints a bearer token. Its syntax, its plan and how a report shows it (every credential and the
 * command hidden). Values usually come from `${ENV}`; every one is a secret (input/redact.ts isSecretPlace).
 */
import { z } from 'zod';
import { field, httpUrl, strict, text } from '../../input/fields.js';
import { REDACTED } from '../../input/redact.js';

/** How the client authenticates at the token endpoint with a secret (RFC 6749 §2.3.1); a private key is always private_key_jwt. */
export const SECRET_METHODS = ['client_secret_basic', 'client_secret_post'] as const;
export type SecretMethod = (typeof SECRET_METHODS)[number];

/** JWS algorithms a private-key assertion may be signed with. */
export const JWT_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
export type JwtAlg = (typeof JWT_ALGS)[number];

export interface ClientCredentialsPlan {
  readonly clientId: string;
  /** Exactly one of clientSecret and privateKey. */
  readonly clientSecret?: string;
  readonly method?: SecretMethod;
  /** A PEM private key: the client authenticates with a signed JWT assertion (RFC 7523, private_key_jwt). */
  readonly privateKey?: string;
  readonly alg?: JwtAlg;
  readonly scope?: string;
  /** The RFC 8707 resource indicator sent with the token request (default: the one the server's metadata names). */
  readonly resource?: string;
  /** The token endpoint; absent: discovered from the server's protected-resource metadata (RFC 9728, RFC 8414). */
  readonly tokenUrl?: string;
}

export type AuthPlan = { readonly clientCredentials: ClientCredentialsPlan } | { readonly tokenCommand: string };

const oneOf = <T extends string>(words: readonly T[]) =>
  field(`one of ${words.join(', ')}`, (value) => {
    const known = words.find((word) => word === value);
    return known !== undefined ? { ok: true, value: known } : { ok: false, expected: `one of ${words.join(', ')}` };
  });

const clientCredentials = () =>
  strict({
    clientId: text(),
    clientSecret: text().optional(),
    method: oneOf(SECRET_METHODS).optional(),
    privateKey: text('a PEM private key (-----BEGIN PRIVATE KEY----- …), usually ${VAR}').optional(),
    alg: oneOf(JWT_ALGS).optional(),
    scope: text().optional(),
    resource: text().optional(),
    tokenUrl: httpUrl().optional(),
  }).superRefine((raw, ctx) => {
    const secret = raw.clientSecret !== undefined;
    const key = raw.privateKey !== undefined;
    if (secret === key) {
      const hint = 'write clientSecret: ${CLIENT_SECRET} (client_secret_basic/post) or privateKey: ${CLIENT_KEY} (private_key_jwt)';
      ctx.addIssue({ code: 'custom', message: secret ? 'clientSecret and privateKey exclude each other' : 'clientCredentials needs clientSecret or privateKey', params: { hint } });
    }
    if (key && raw.method !== undefined) ctx.addIssue({ code: 'custom', path: ['method'], message: 'method applies to clientSecret only (a private key always signs a JWT)', params: { hint: 'drop method, or use clientSecret' } });
    if (secret && raw.alg !== undefined) ctx.addIssue({ code: 'custom', path: ['alg'], message: 'alg applies to privateKey only', params: { hint: 'drop alg, or use privateKey' } });
  });

/** `auth: { clientCredentials: { … } }` or `auth: { tokenCommand: "…" }`: exactly one. */
export const authSchema = () =>
  strict({ clientCredentials: clientCredentials().optional(), tokenCommand: text('a command that prints a bearer token').optional() }).superRefine((raw, ctx) => {
    if ((raw.clientCredentials === undefined) === (raw.tokenCommand === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'auth takes exactly one of clientCredentials and tokenCommand', params: { hint: 'auth: { tokenCommand: "gcloud auth print-access-token" }, or auth: { clientCredentials: { clientId: ${ID}, clientSecret: ${SECRET} } }' } });
    }
  });

type RawAuth = z.infer<ReturnType<typeof authSchema>>;

/** The plan of a validated `auth:` block; absent keys stay absent. */
export function buildAuth(raw: RawAuth): AuthPlan {
  if (raw.tokenCommand !== undefined) return { tokenCommand: raw.tokenCommand };
  const written = raw.clientCredentials as Record<string, unknown>;
  const plan = Object.fromEntries(Object.entries(written).filter(([, value]) => value !== undefined));
  return { clientCredentials: plan as unknown as ClientCredentialsPlan };
}

/**
 * The block as a report shows it: the command hidden, and every value of `clientCredentials` (a key that names a
 * secret, so input/redact.ts hides everything below it in every view: the token URL and scope too).
 */
export function hideAuth(plan: AuthPlan): AuthPlan {
  if ('tokenCommand' in plan) return { tokenCommand: REDACTED };
  const shown = Object.keys(plan.clientCredentials).map((key) => [key, REDACTED]);
  return { clientCredentials: Object.fromEntries(shown) as unknown as ClientCredentialsPlan };
}
