// WebAuthn through navigator.credentials.get, with the challenge the Authentication API handed out;
// the answer goes back base64url-encoded as clientData, authenticatorData and signatureData.
// Enrollment through navigator.credentials.create, with the creation options of the enroll answer;
// the new credential goes back base64url-encoded as attestation and clientData.

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = window.atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

function toBase64Url(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return window.btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Asks the browser for an assertion over {@code challenge}; the verify body's WebAuthn fields. */
export async function getAssertion(challenge) {
  if (!challenge || !challenge.challenge) {
    throw new Error('no WebAuthn challenge');
  }
  const publicKey = {
    challenge: fromBase64Url(challenge.challenge),
    userVerification: challenge.userVerification || 'preferred',
    timeout: 60000,
    allowCredentials: (challenge.allowCredentials || []).map((c) => ({
      type: 'public-key',
      id: fromBase64Url(c.id),
    })),
  };
  const credential = await navigator.credentials.get({ publicKey });
  if (!credential) {
    throw new Error('no credential');
  }
  return {
    clientData: toBase64Url(credential.response.clientDataJSON),
    authenticatorData: toBase64Url(credential.response.authenticatorData),
    signatureData: toBase64Url(credential.response.signature),
  };
}

/**
 * Asks the browser for a new credential with the PublicKeyCredentialCreationOptions of an enroll answer
 * ({@code _embedded.activation}); the activate body's WebAuthn fields.
 */
export async function createCredential(options) {
  if (!options || !options.challenge || !options.user) {
    throw new Error('no WebAuthn creation options');
  }
  const publicKey = {
    challenge: fromBase64Url(options.challenge),
    rp: options.rp && options.rp.name ? { name: options.rp.name } : { name: document.title },
    user: {
      id: fromBase64Url(options.user.id),
      name: options.user.name,
      displayName: options.user.displayName || options.user.name,
    },
    pubKeyCredParams: options.pubKeyCredParams || [{ type: 'public-key', alg: -7 }],
    attestation: options.attestation || 'none',
    authenticatorSelection: options.authenticatorSelection || { userVerification: 'preferred' },
    excludeCredentials: (options.excludeCredentials || []).map((c) => ({
      type: 'public-key',
      id: fromBase64Url(c.id),
    })),
    timeout: options.timeout || 120000,
  };
  if (options.rp && options.rp.id) {
    publicKey.rp.id = options.rp.id;
  }
  const credential = await navigator.credentials.create({ publicKey });
  if (!credential) {
    throw new Error('no credential');
  }
  return {
    attestation: toBase64Url(credential.response.attestationObject),
    clientData: toBase64Url(credential.response.clientDataJSON),
  };
}
