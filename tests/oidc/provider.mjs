// A real OpenID Connect provider (npm `oidc-provider`, pinned in package.json) for the
// tests: tests/common/oidc.rs starts it on loopback, and aisle signs in through it.
//
// Configuration, all from the environment:
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET  the one confidential client (aisle). It may
//                                       authenticate at the token endpoint with
//                                       client_secret_basic or client_secret_post.
//   OIDC_ACCOUNTS                       JSON: { "<login>": { "email": "...",
//                                       "email_verified": true, "name": "...",
//                                       "preferred_username": "..." }, ... }; the login is
//                                       the account's `sub`. Any other login signs in
//                                       as an account with only a `sub`.
//   OIDC_PROVIDER_LOG=1                 (optional) one stderr line per request.
//   OIDC_CLAIMS_IN_USERINFO=1           (optional) the ID token carries only `sub` (and
//                                       the protocol's own claims); email and profile
//                                       come from the userinfo endpoint, as Authelia
//                                       does by default.
//   OIDC_STOP_ON_STDIN_EOF=1            (optional) exit when stdin closes, i.e. when the
//                                       test process that holds the pipe is gone.
//   OIDC_TLS_CERT, OIDC_TLS_KEY         (optional) PEM files: serve HTTPS with them, and
//                                       the issuer is https://.
//
// Protocol: it listens on 127.0.0.1 on a port of the kernel's choosing, prints exactly one
// line `issuer=http://127.0.0.1:<port>` (https:// with TLS) on stdout once listening, and
// serves until killed.
//
// Sign-in is oidc-provider's development interaction: a login form where the login is the
// account id and any password is accepted, then a consent form (one "Continue" button).
// Both are plain HTML forms, so a test can drive them with POSTs or a browser.

import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import process from 'node:process';

import Provider from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`provider.mjs: ${name} is not set\n`);
    process.exit(2);
  }
  return value;
}

const clientId = required('OIDC_CLIENT_ID');
const clientSecret = required('OIDC_CLIENT_SECRET');
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');
const log = process.env.OIDC_PROVIDER_LOG === '1';
const claimsInUserinfo = process.env.OIDC_CLAIMS_IN_USERINFO === '1';

// aisle picks its own port after the provider is up, so its redirect URI is not known
// here: any port on loopback is allowed, for this one path. (oidc-provider's "redirect URI
// wildcards" recipe: override the client's check, register a placeholder.)
const CALLBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?\/login\/sso\/callback$/u;

// The ID tokens' signing key (RS256, the default alg), so oidc-provider does not fall back
// to its development key. A file, not a key made at each start: Node.js 20's
// generateKeyPairSync now and then deadlocks when the garbage collector frees its job
// (seen in one start of six on a busy machine, which then never printed its issuer).
const signingKey = createPrivateKey(readFileSync(new URL('signing-key.pem', import.meta.url)));
const jwk = { ...signingKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'test' };

// Bind first: the issuer names the port.
const tlsCert = process.env.OIDC_TLS_CERT;
const server = tlsCert
  ? createTlsServer({ cert: readFileSync(tlsCert), key: readFileSync(required('OIDC_TLS_KEY')) })
  : createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `${tlsCert ? 'https' : 'http'}://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      // A placeholder: the real check is the override below.
      redirect_uris: ['http://127.0.0.1/login/sso/callback'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    // The standard scopes aisle asks for, and which claims each brings.
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    // The scopes' claims in the ID token itself, or (OIDC_CLAIMS_IN_USERINFO) only at the
    // userinfo endpoint, where aisle then reads them.
    conformIdTokenClaims: claimsInUserinfo,
    // Accounts come from OIDC_ACCOUNTS. Any other login is an account with no claims but
    // `sub` (no email, no name): the dev login form accepts every login, and an account
    // not found here would make oidc-provider fail with a 500 after the login.
    async findAccount(ctx, id) {
      const account = Object.hasOwn(accounts, id) ? accounts[id] : {};
      return {
        accountId: id,
        // oidc-provider keeps only what the granted scopes allow.
        async claims() {
          return { ...account, sub: id };
        },
      };
    },
    features: {
      // The built-in login and consent pages (development only, which these tests are).
      devInteractions: { enabled: true },
    },
    // PKCE: S256 is the only method oidc-provider accepts; aisle always sends it.
    pkce: { required: () => true },
    jwks: { keys: [jwk] },
    // Signs the provider's own cookies (session, interaction); any fixed value will do.
    cookies: { keys: ['aisle-test-cookie-key'] },
  });

  // Any loopback port for aisle's callback path; everything else as oidc-provider says.
  const { redirectUriAllowed } = provider.Client.prototype;
  provider.Client.prototype.redirectUriAllowed = function loopbackAnyPort(uri) {
    return CALLBACK.test(uri) || redirectUriAllowed.call(this, uri);
  };

  if (log) {
    provider.use(async (ctx, next) => {
      await next();
      process.stderr.write(`oidc ${ctx.method} ${ctx.url} -> ${ctx.status}\n`);
    });
    // Errors the provider answers with (invalid_grant, invalid_client...), with why.
    for (const event of ['authorization.error', 'grant.error', 'server_error']) {
      provider.on(event, (ctx, err) => {
        process.stderr.write(`oidc ${event}: ${err.message} ${err.error_description || ''}\n`);
      });
    }
  }

  server.on('request', provider.callback());

  // The one line the tests wait for (a pipe's writes are synchronous on Linux).
  process.stdout.write(`issuer=${issuer}\n`);
});

if (process.env.OIDC_STOP_ON_STDIN_EOF === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
process.on('SIGTERM', () => process.exit(0));
