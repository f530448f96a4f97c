// Organizations and each one's Multi-factor auth page (seed 001, S8, S10): enforce, methods, exempt
// roles and exempt enterprise connections.

import {api, enc} from '../api.js';
import {h, screen, announce, action, warnings, field, checkbox} from '../ui.js';
import {methodPicker, mfaMethods, factorLabel} from './common.js';

export async function orgsScreen() {
  const {body: orgs} = await api.get('/orgs');
  const search = h('input', {type: 'search', placeholder: 'name, code or id'});
  const tbody = h('tbody', {});
  const fill = () => {
    const q = search.value.trim().toLowerCase();
    const shown = orgs.filter((o) => !q || [o.id, o.code, o.name].some((v) => v.toLowerCase().includes(q)));
    tbody.replaceChildren(...shown.map((o) => h('tr', {'data-org': o.id},
      h('td', {}, h('a', {href: `#/orgs/${enc(o.id)}`}, o.name)), h('td', {}, o.code), h('td', {}, h('code', {}, o.id)),
      h('td', {}, o.mfa.enforced ? h('span', {class: 'pill active'}, 'MFA enforced') : h('span', {class: 'pill'}, 'not enforced')))));
    if (shown.length === 0) tbody.append(h('tr', {}, h('td', {colspan: 4, class: 'muted'}, 'No organization matches.')));
  };
  search.addEventListener('input', fill);
  fill();
  const id = h('input', {type: 'text', maxlength: 64});
  const code = h('input', {type: 'text', required: true, maxlength: 64});
  const name = h('input', {type: 'text', required: true, maxlength: 256});
  const add = h('button', {type: 'submit'}, 'Add organization');
  const create = h('form', {class: 'card', 'aria-label': 'New organization'}, h('h2', {}, 'New organization'),
    h('div', {class: 'row'}, field('Id (optional)', id), field('Code', code), field('Name', name)), h('div', {class: 'row'}, add));
  create.addEventListener('submit', action(add, async () => {
    const body = {code: code.value.trim(), name: name.value.trim()};
    if (id.value.trim()) body.id = id.value.trim();
    const result = await api.post('/orgs', body);
    await orgsScreen();
    announce(`Organization ${result.body.name} added.`);
  }, 'New organization'));
  screen('Organizations', field('Search organizations', search),
    h('table', {}, h('thead', {}, h('tr', {}, ...['Name', 'Code', 'Id', 'MFA'].map((t) => h('th', {scope: 'col'}, t)))), tbody),
    create);
}

export async function orgMfaScreen(orgId) {
  const [{body: org, etag}, methods, {body: connections}] = await Promise.all([
    api.get(`/orgs/${enc(orgId)}`), mfaMethods(), api.get('/connections')]);
  render(org, org.mfa, etag, methods, connections, null);
}

function render(org, mfa, etag, methods, connections, saved) {
  const path = `/orgs/${enc(org.id)}/mfa`;
  const rerender = (result) => render(org, result.body, result.etag, methods, connections, result.body.warnings);

  const enforce = checkbox('Enforce multi-factor authentication for this organization', mfa.enforced, {role: 'switch'});
  const picker = methodPicker('Methods (they replace the environment\'s; none ticked: the environment\'s)', methods, mfa.methods);
  const expiry = checkbox('Check password expiry even for sign-ins without a password', mfa.enforcePasswordExpiryWithoutPassword);
  const save = h('button', {type: 'submit'}, 'Save');
  const form = h('form', {class: 'card', 'aria-label': 'Multi-factor auth'},
    h('div', {class: 'row'}, enforce.el), picker.el, h('div', {class: 'row'}, expiry.el), h('div', {class: 'row'}, save));
  form.addEventListener('submit', action(save, async () => {
    const chosen = picker.value();
    const result = await api.put(path, {
      enforced: enforce.input.checked, methods: chosen.length ? chosen : null,
      exemptRoles: mfa.exemptRoles, exemptConnections: mfa.exemptConnections,
      enforcePasswordExpiryWithoutPassword: expiry.input.checked,
    }, etag);
    rerender(result);
    announce(`Multi-factor auth of ${org.name} saved.`);
  }, `Multi-factor auth of ${org.name}`));

  // exempt roles: added and removed one at a time (each a change of its own)
  const role = h('input', {type: 'text', maxlength: 128, required: true});
  const addRole = h('button', {type: 'submit'}, 'Add exempt role');
  const roleForm = h('form', {class: 'row', 'aria-label': 'Add exempt role'}, field('Exempt role', role), addRole);
  roleForm.addEventListener('submit', action(addRole, async () => {
    const value = role.value.trim();
    rerender(await api.put(`${path}/exempt-roles/${enc(value)}`, undefined, etag));
    announce(`Exempt role ${value} added.`);
  }, `Exempt roles of ${org.name}`));
  const roles = h('ul', {class: 'exempt-roles', 'aria-label': 'Exempt roles'}, ...mfa.exemptRoles.map((r) => {
    const remove = h('button', {type: 'button', class: 'danger small', 'aria-label': `Remove exempt role ${r}`}, 'Remove');
    remove.addEventListener('click', action(remove, async () => {
      rerender(await api.del(`${path}/exempt-roles/${enc(r)}`, etag));
      announce(`Exempt role ${r} removed.`);
    }, `Exempt roles of ${org.name}`));
    return h('li', {'data-role': r}, h('span', {}, r), ' ', remove);
  }));

  // exempt enterprise connections, chosen from the connections there are
  const names = Object.fromEntries(connections.map((c) => [c.id, `${c.name} (${c.kind})`]));
  const candidates = connections.filter((c) => !mfa.exemptConnections.includes(c.id));
  const connection = h('select', {}, ...candidates.map((c) => h('option', {value: c.id}, names[c.id])));
  const addConnection = h('button', {type: 'submit', disabled: candidates.length === 0}, 'Add exempt enterprise connection');
  const connectionForm = h('form', {class: 'row', 'aria-label': 'Add exempt enterprise connection'},
    field('Enterprise connection', connection), addConnection);
  connectionForm.addEventListener('submit', action(addConnection, async () => {
    const value = connection.value;
    rerender(await api.put(`${path}/exempt-connections/${enc(value)}`, undefined, etag));
    announce(`Exempt connection ${names[value] || value} added.`);
  }, `Exempt connections of ${org.name}`));
  const exemptConnections = h('ul', {'aria-label': 'Exempt enterprise connections'}, ...mfa.exemptConnections.map((id) => {
    const label = names[id] || id;
    const remove = h('button', {type: 'button', class: 'danger small', 'aria-label': `Remove exempt connection ${label}`}, 'Remove');
    remove.addEventListener('click', action(remove, async () => {
      rerender(await api.del(`${path}/exempt-connections/${enc(id)}`, etag));
      announce(`Exempt connection ${label} removed.`);
    }, `Exempt connections of ${org.name}`));
    return h('li', {'data-connection': id}, h('span', {}, label), ' ', remove);
  }));

  const effective = mfa.methods && mfa.methods.length ? mfa.methods.map(factorLabel).join(', ') : 'the environment\'s';
  screen(`${org.name}: Multi-factor auth`,
    h('p', {}, h('a', {href: '#/orgs'}, '← Organizations'), ' ', h('span', {class: 'muted'}, `code ${org.code}, id ${org.id}; methods: ${effective}`)),
    warnings(saved), form,
    h('section', {class: 'card', 'aria-label': 'Exempt roles'}, h('h2', {}, 'Exempt roles'),
      h('p', {class: 'muted'}, 'A user whose roles in this organization are all exempt is not asked for MFA; a mix of exempt and other roles is.'),
      mfa.exemptRoles.length ? roles : h('p', {}, 'No exempt role.'), roleForm),
    h('section', {class: 'card', 'aria-label': 'Exempt enterprise connections'}, h('h2', {}, 'Exempt enterprise connections'),
      h('p', {class: 'muted'}, 'Sign-ins through an exempt connection are not asked for MFA (it may be done by the enterprise provider).'),
      mfa.exemptConnections.length ? exemptConnections : h('p', {}, 'No exempt connection.'),
      connections.length ? connectionForm : h('p', {class: 'muted'}, 'No enterprise connection is set up.')));
}
