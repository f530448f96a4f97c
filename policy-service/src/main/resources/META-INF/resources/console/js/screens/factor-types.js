// Security > Multifactor > Factor Types (seed 000): activate and deactivate factor types.

import {api, tag, enc} from '../api.js';
import {h, screen, announce, action} from '../ui.js';
import {factorTypes, factorLabel} from './common.js';

export async function factorTypesScreen() {
  render(await factorTypes());
}

function render(types) {
  const rows = types.map((t) => {
    const active = t.status === 'ACTIVE';
    const button = h('button', {type: 'button', class: active ? 'danger small' : 'small',
      'aria-label': `${active ? 'Deactivate' : 'Activate'} ${factorLabel(t.type)}`}, active ? 'Deactivate' : 'Activate');
    button.addEventListener('click', action(button, async () => {
      await api.post(`/factor-types/${enc(t.type)}/lifecycle/${active ? 'deactivate' : 'activate'}`, undefined, tag(t.version));
      render(await factorTypes());
      announce(`${factorLabel(t.type)} ${active ? 'deactivated' : 'activated'}.`);
    }, `${active ? 'Deactivating' : 'Activating'} ${factorLabel(t.type)}`));
    return h('tr', {'data-type': t.type},
      h('td', {}, factorLabel(t.type)), h('td', {}, h('code', {}, t.type)),
      h('td', {}, h('span', {class: active ? 'pill active' : 'pill'}, active ? 'Active' : 'Inactive')),
      h('td', {}, button));
  });
  screen('Factor types',
    h('p', {class: 'muted'}, 'Only active factor types can be used in factor sequences, MFA methods and enrollment.'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Factor'), h('th', {scope: 'col'}, 'Type'),
      h('th', {scope: 'col'}, 'Status'), h('th', {scope: 'col'}, 'Action'))), h('tbody', {}, ...rows)));
}
