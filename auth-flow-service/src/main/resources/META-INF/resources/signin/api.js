// The Authentication API (/api/v1/authn) of this page's own origin, and what its errors mean to a person.

const API = '/api/v1/authn';

/** An answer other than 2xx: the Okta error shape (errorCode, errorSummary, errorCauses). */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.errorSummary) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.errorCode;
    this.causes = ((body && body.errorCauses) || []).map((c) => c && c.errorSummary).filter(Boolean);
  }
}

/** POST a JSON body to a path of the Authentication API on this origin; the transaction answered. */
export async function post(path, body) {
  if (!path.startsWith(API)) {
    throw new ApiError(0, { errorSummary: 'not an Authentication API path' });
  }
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { errorSummary: 'network' });
  }
  let json = {};
  try {
    json = await response.json();
  } catch (e) {
    json = {};
  }
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

/**
 * The path of a link of the transaction, on this origin whatever host the link names (the page never
 * talks to another origin); {@code fallback} when the link is missing or not an Authentication API path.
 */
export function pathOf(link, fallback) {
  const href = Array.isArray(link) ? link[0] && link[0].href : link && link.href;
  if (!href) {
    return fallback;
  }
  try {
    const path = new URL(href, window.location.origin).pathname;
    return path.startsWith(API) ? path : fallback;
  } catch (e) {
    return fallback;
  }
}

export const paths = {
  start: API,
  cancel: `${API}/cancel`,
  previous: `${API}/previous`,
  skip: `${API}/skip`,
  enroll: `${API}/factors`,
  changePassword: `${API}/credentials/change_password`,
  verify: (factorId) => `${API}/factors/${encodeURIComponent(factorId)}/verify`,
  resend: (factorId) => `${API}/factors/${encodeURIComponent(factorId)}/verify/resend`,
  activate: (factorId) => `${API}/factors/${encodeURIComponent(factorId)}/lifecycle/activate`,
  activationPoll: (factorId) => `${API}/factors/${encodeURIComponent(factorId)}/lifecycle/activate/poll`,
  activationResend: (factorId) => `${API}/factors/${encodeURIComponent(factorId)}/lifecycle/resend`,
};

/** What went wrong, in words for the person signing in; {@code kind} names what they entered. */
export function messageFor(error, kind) {
  switch (error.code) {
    case 'E0000004':
      return 'Sign-in failed. Check what you entered and try again.';
    case 'E0000011':
      return 'This sign-in has expired or was cancelled. Please start again.';
    case 'E0000068':
      if (kind === 'password') {
        return 'That password is not right. Try again.';
      }
      if (kind === 'answer') {
        return 'That answer is not right. Try again.';
      }
      if (kind === 'webauthn') {
        return 'The security key was not accepted. Try again or use another factor.';
      }
      return 'That code is not right. Check it and try again.';
    case 'E0000082':
      return 'That code was already used. Wait for the next code and try again.';
    case 'E0000069':
      return 'Your account is locked after too many failed attempts. Contact your administrator.';
    case 'E0000079':
      return 'That step is not available now. Go back or start again.';
    case 'E0000047':
      return 'Too many attempts. Wait a minute, then try again.';
    case 'E0000109':
    case 'E0000133':
      return 'A code was sent moments ago. Wait a little before asking for another one.';
    case 'E0000014':
      return ['Your password could not be changed.', ...error.causes].join(' ');
    case 'E0000001':
      return ['Check what you entered.', ...error.causes].join(' ');
    case 'E0000007':
      return 'That factor is not available for this sign-in. Choose another one or start again.';
    default:
      if (error.status === 0 || error.status >= 500) {
        return 'The sign-in service is not available right now. Try again in a moment.';
      }
      return error.message || 'Something went wrong. Please try again.';
  }
}
