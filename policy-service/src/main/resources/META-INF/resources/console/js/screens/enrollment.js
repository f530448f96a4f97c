// Security > Multifactor > Factor Enrollment (seed 000, S11): per policy, each factor Required,
// Optional or Disabled.

import {api, tag, enc} from '../api.js';
import {h, screen, announce, action, warnings, field, select, list} from '../ui.js';
import {factorTypes, factorLabel} from './common.js';

const CHOICES = [['REQUIRED', 'Required'], ['OPTIONAL', 'Optional'], ['NOT_ALLOWED', 'Disabled']];

export async function enrollmentScreen(saved) {
  const [{body: policies}, types] = await Promise.all([api.get('/enrollment-policies'), factorTypes()]);
  const active = types.filter((t) => t.status === 'ACTIVE').map((t) => t.type);
  const name = h('input', {type: 'text', required: true, maxlength: 256});
  const add = h('button', {type: 'submit'}, 'Add enrollment policy');
  const create = h('form', {class: 'card', 'aria-label': 'New enrollment policy'},
    h('h2', {}, 'New enrollment policy'), field('Name', name), h('div', {class: 'row'}, add));
  create.addEventListener('submit', action(add, async () => {
    const result = await api.post('/enrollment-policies', {name: name.value.trim(), factors: {}});
    await enrollmentScreen(result.body.warnings);
    announce(`Enrollment policy ${result.body.name} added.`);
  }, 'New enrollment policy'));
  screen('Factor enrollment',
    h('p', {class: 'muted'}, 'For sign-in with factor sequences, every factor of at least one chain must be Required here.'),
    warnings(saved),
    policies.length === 0 ? h('p', {}, 'No enrollment policy yet.') : null,
    ...policies.map((p) => policyCard(p, active)),
    create);
}

function policyCard(p, active) {
  const types = [...active, ...Object.keys(p.factors).filter((t) => !active.includes(t))];
  const selects = types.map((type) => ({type, el: select(CHOICES, p.factors[type] || 'NOT_ALLOWED', {'aria-label': `${factorLabel(type)} enrollment`, 'data-factor': type})}));
  const name = h('input', {type: 'text', value: p.name, maxlength: 256});
  const priority = h('input', {type: 'number', min: 1, value: p.priority});
  const groups = h('input', {type: 'text', value: p.groups.join(', ')});
  const orgs = h('input', {type: 'text', value: p.orgs.join(', ')});
  const save = h('button', {type: 'submit'}, 'Save');
  const remove = h('button', {type: 'button', class: 'danger'}, 'Delete');
  const form = h('form', {class: 'card', 'data-policy': p.id, 'aria-label': `Enrollment policy ${p.name}`},
    h('h2', {}, p.name),
    h('div', {class: 'row'}, field('Name', name), field('Priority', priority),
      field('Groups', groups, 'comma-separated; empty: everyone'), field('Organizations', orgs, 'comma-separated')),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Factor'), h('th', {scope: 'col'}, 'Enrollment'))),
      h('tbody', {}, ...selects.map((s) => h('tr', {}, h('th', {scope: 'row'}, factorLabel(s.type)), h('td', {}, s.el))))),
    h('div', {class: 'row'}, save, remove));
  form.addEventListener('submit', action(save, async () => {
    const factors = {};
    for (const s of selects) factors[s.type] = s.el.value;
    const result = await api.put(`/enrollment-policies/${enc(p.id)}`, {
      name: name.value.trim(), priority: Number(priority.value), groups: list(groups.value), orgs: list(orgs.value), factors,
    }, tag(p.version));
    await enrollmentScreen(result.body.warnings);
    announce(`Enrollment policy ${result.body.name} saved.`);
  }, `Enrollment policy '${p.name}'`));
  remove.addEventListener('click', action(remove, async () => {
    if (!window.confirm(`Delete the enrollment policy ${p.name}?`)) return;
    await api.del(`/enrollment-policies/${enc(p.id)}`, tag(p.version));
    await enrollmentScreen();
    announce(`Enrollment policy ${p.name} deleted.`);
  }, `Enrollment policy '${p.name}'`));
  return form;
}
