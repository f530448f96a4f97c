// Pieces several screens share.

import {api} from '../api.js';
import {h, checkbox} from '../ui.js';

export const FACTOR_LABELS = {
  password: 'Password',
  'token:software:totp': 'Authenticator app (TOTP)',
  push: 'Push',
  sms: 'SMS',
  call: 'Voice call',
  email: 'Email',
  question: 'Security question',
  webauthn: 'Security key / biometric (WebAuthn)',
};

export function factorLabel(type) {
  return FACTOR_LABELS[type] || type;
}

/** The factor type catalogue. */
export async function factorTypes() {
  return (await api.get('/factor-types')).body;
}

/** Activated types that can be an MFA method (every active type but password). */
export async function mfaMethods() {
  return (await factorTypes()).filter((t) => t.status === 'ACTIVE' && t.type !== 'password').map((t) => t.type);
}

/**
 * A fieldset of checkboxes, one per method; {@code selected} are ticked (a selected method no longer
 * active is still shown, so that saving does not silently drop it). Returns the element and a reader.
 */
export function methodPicker(legend, methods, selected) {
  const all = [...methods, ...(selected || []).filter((m) => !methods.includes(m))];
  const boxes = all.map((type) => ({type, ...checkbox(factorLabel(type), (selected || []).includes(type), {name: 'method', value: type})}));
  const el = h('fieldset', {class: 'methods'}, h('legend', {}, legend),
    boxes.length === 0 ? h('p', {class: 'muted'}, 'No MFA factor type is active: activate one under Factor types.') : null,
    h('div', {class: 'row'}, ...boxes.map((b) => b.el)));
  return {el, value: () => boxes.filter((b) => b.input.checked).map((b) => b.type)};
}
