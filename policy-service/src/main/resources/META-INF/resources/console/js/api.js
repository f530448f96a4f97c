// The admin APIs: policy-service (same origin) and auth-flow's simulation (the issuer), with the bearer
// token, ETags read and sent back as If-Match, and RFC 9457 problems turned into ApiError.

import {accessToken, issuer} from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `the server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let onUnauthorized = () => {};

/** What to do when a call answers 401 or 403 (the console shows its sign-in screen). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function call(base, method, path, {body, etag} = {}) {
  const token = accessToken();
  if (!token) {
    const error = new ApiError(401, {title: 'Not signed in', detail: 'sign in as an admin'});
    onUnauthorized(error);
    throw error;
  }
  const headers = {Authorization: `Bearer ${token}`, Accept: 'application/json, application/problem+json'};
  if (method === 'PUT' || method === 'POST') headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      parsed = {detail: text.slice(0, 300)};
    }
  }
  if (response.status === 401 || response.status === 403) {
    const error = new ApiError(response.status, parsed);
    onUnauthorized(error);
    throw error;
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return {body: parsed, etag: response.headers.get('ETag'), version: response.headers.get('Sequent-Policy-Version')};
}

/** An ETag as the server writes it, from a version a list answered. */
export function tag(version) {
  return `"${version}"`;
}

export const api = {
  get: (path) => call('', 'GET', `/api/v1${path}`),
  put: (path, body, etag) => call('', 'PUT', `/api/v1${path}`, {body, etag}),
  post: (path, body, etag) => call('', 'POST', `/api/v1${path}`, {body, etag}),
  del: (path, etag) => call('', 'DELETE', `/api/v1${path}`, {etag}),
  /** auth-flow's "what would this user get, and why" (S11). */
  simulate: (request) => call(issuer(), 'POST', '/api/v1/policies/simulate', {body: request}),
};

export function enc(segment) {
  return encodeURIComponent(segment);
}
