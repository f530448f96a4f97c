// Settings > Environment > Multi-factor auth (seed 001, S7): No / Yes / Optional and the methods.

import {api} from '../api.js';
import {h, screen, announce, action, warnings, uid} from '../ui.js';
import {methodPicker, mfaMethods} from './common.js';

const MODES = [
  ['NO', 'No', 'MFA only in the organizations that enforce it (set per organization).'],
  ['YES', 'Yes', 'Enforce MFA for all users in all organizations; overrides organization settings.'],
  ['OPTIONAL', 'Optional', 'Allow MFA but do not require it globally; organizations may require it.'],
];

export async function environmentScreen() {
  const [{body: env, etag}, methods] = await Promise.all([api.get('/environment/mfa'), mfaMethods()]);
  render(env, etag, methods, null);
}

function render(env, etag, methods, saved) {
  const name = uid('mode');
  const radios = MODES.map(([value, label, hint]) => {
    const input = h('input', {type: 'radio', name, value, checked: env.mode === value});
    input.id = uid('r');
    const hintId = uid('hint');
    input.setAttribute('aria-describedby', hintId);
    return {input, el: h('div', {class: 'row'}, h('label', {for: input.id}, input, ' ', label), h('span', {id: hintId, class: 'muted'}, hint))};
  });
  const picker = methodPicker('Methods', methods, env.methods);
  const save = h('button', {type: 'submit'}, 'Save');
  const form = h('form', {class: 'card', 'aria-label': 'Environment MFA'},
    h('fieldset', {}, h('legend', {}, 'Require multi-factor authentication'), ...radios.map((r) => r.el)),
    picker.el,
    h('div', {class: 'row'}, save));
  form.addEventListener('submit', action(save, async () => {
    const mode = radios.find((r) => r.input.checked).input.value;
    const chosen = picker.value();
    const result = await api.put('/environment/mfa', {mode, methods: chosen.length ? chosen : null}, etag);
    render(result.body, result.etag, methods, result.body.warnings);
    announce(`Environment MFA saved: ${mode}.`);
  }, 'Environment MFA'));
  screen('Environment multi-factor authentication',
    h('p', {class: 'muted'}, 'Whatever you select here, organizations can still exempt roles and enterprise connections from MFA.'),
    warnings(saved), form);
}
