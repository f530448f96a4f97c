// Sign-in: OAuth 2 authorization code with PKCE (S256) as the public client the configuration names.
// The access token lives in sessionStorage (this tab only) and is sent as a bearer token.

const PENDING = 'sequent.console.pending';
const TOKEN = 'sequent.console.token';

let settings = null;

/** The issuer and client id (config.json) and the issuer's endpoints (discovery, or the suite's paths). */
export async function configure() {
  const response = await fetch('config.json', {cache: 'no-store'});
  if (!response.ok) throw new Error(`the console configuration could not be read (${response.status})`);
  const config = await response.json();
  let authorize = `${config.issuer}/oauth2/v1/authorize`;
  let token = `${config.issuer}/oauth2/v1/token`;
  try {
    const discovery = await fetch(`${config.issuer}/.well-known/openid-configuration`);
    if (discovery.ok) {
      const doc = await discovery.json();
      authorize = doc.authorization_endpoint || authorize;
      token = doc.token_endpoint || token;
    }
  } catch (e) {
    // discovery not readable from the browser: the suite's own endpoint paths
  }
  settings = {issuer: config.issuer, clientId: config.clientId, authorize, token};
  return settings;
}

export function issuer() {
  return settings.issuer;
}

export function redirectUri() {
  return `${window.location.origin}/console/`;
}

function base64url(bytes) {
  let binary = '';
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(size = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

async function challenge(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** Sends the browser to the issuer's sign-in; it comes back to /console/ with ?code=&state=. */
export async function signIn() {
  const verifier = random(48);
  const state = random();
  const nonce = random();
  sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, nonce, route: window.location.hash || '#/environment'}));
  const params = new URLSearchParams({
    client_id: settings.clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri(),
    state,
    nonce,
    code_challenge: await challenge(verifier),
    code_challenge_method: 'S256',
  });
  window.location.assign(`${settings.authorize}?${params}`);
}

function claimsOf(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(Array.from(atob(payload), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')));
  } catch (e) {
    return {};
  }
}

/**
 * Completes a sign-in when the page was opened by the issuer's redirect: checks state, exchanges the
 * code (with the PKCE verifier) for tokens, checks the ID token's nonce. Returns false when the URL
 * carries no answer; throws with the issuer's error otherwise.
 */
export async function completeSignIn() {
  const query = new URLSearchParams(window.location.search);
  if (!query.has('code') && !query.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  const route = pending && pending.route ? pending.route : '#/environment';
  window.history.replaceState(null, '', `${window.location.pathname}${route}`);
  if (query.has('error')) {
    throw new Error(`sign-in failed: ${query.get('error')}${query.get('error_description') ? ` (${query.get('error_description')})` : ''}`);
  }
  if (!pending || pending.state !== query.get('state')) {
    throw new Error('sign-in failed: the answer does not belong to a sign-in started here (state mismatch); sign in again');
  }
  const response = await fetch(settings.token, {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code'),
      redirect_uri: redirectUri(),
      client_id: settings.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new Error(`sign-in failed: the token exchange answered ${response.status} ${body.error || ''} ${body.error_description || ''}`.trim());
  }
  const id = body.id_token ? claimsOf(body.id_token) : {};
  if (body.id_token && id.nonce !== pending.nonce) {
    throw new Error('sign-in failed: the ID token does not carry this sign-in\'s nonce');
  }
  const expiresAt = Date.now() + 1000 * (Number(body.expires_in) || 600);
  sessionStorage.setItem(TOKEN, JSON.stringify({accessToken: body.access_token, expiresAt, username: id.preferred_username || id.sub}));
  return true;
}

/** The access token, or null when there is none or it expired. */
export function accessToken() {
  const stored = JSON.parse(sessionStorage.getItem(TOKEN) || 'null');
  if (!stored || stored.expiresAt <= Date.now() + 5000) return null;
  return stored.accessToken;
}

/** Who is signed in, and with which roles (as the access token says; the server decides). */
export function who() {
  const stored = JSON.parse(sessionStorage.getItem(TOKEN) || 'null');
  if (!stored) return null;
  const claims = claimsOf(stored.accessToken);
  return {username: stored.username || claims.sub, roles: claims.groups || claims.roles || []};
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(PENDING);
}
