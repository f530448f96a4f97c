// Security > Authentication > Sign On (seed 000): sign-on policies, their rules, and each rule's
// factor sequences. A chain in an application policy is refused by the server (400, S5): the error
// names the rule.

import {api, tag, enc} from '../api.js';
import {h, screen, announce, action, warnings, field, select, list, checkbox, uid} from '../ui.js';
import {factorTypes, methodPicker} from './common.js';
import {chainEditor} from './chains.js';

const KINDS = ['PASSWORD', 'IDP', 'IWA', 'SAML', 'OIDC'];

export async function policiesScreen(saved) {
  const [{body: policies}, types] = await Promise.all([api.get('/policies'), factorTypes()]);
  const active = types.filter((t) => t.status === 'ACTIVE').map((t) => t.type);
  screen('Sign-on policies',
    h('p', {class: 'muted'}, 'Policies are evaluated by priority, and within a policy its rules by priority: the first rule that matches decides.'),
    warnings(saved),
    policies.length === 0 ? h('p', {}, 'No sign-on policy yet.') : null,
    ...policies.map((p, i) => policyCard(p, i, policies, active)),
    newPolicyForm());
}

function newPolicyForm() {
  const name = h('input', {type: 'text', required: true, maxlength: 256});
  const type = select([['ORG', 'Organization (ORG)'], ['APP', 'Application (APP)']], 'ORG');
  const appId = h('input', {type: 'text', maxlength: 256});
  const appField = field('Application id', appId, 'the client application an APP policy applies to');
  appField.hidden = true;
  type.addEventListener('change', () => { appField.hidden = type.value !== 'APP'; });
  const add = h('button', {type: 'submit'}, 'Add sign-on policy');
  const form = h('form', {class: 'card', 'aria-label': 'New sign-on policy'}, h('h2', {}, 'New sign-on policy'),
    h('div', {class: 'row'}, field('Name', name), field('Type', type), appField), h('div', {class: 'row'}, add));
  form.addEventListener('submit', action(add, async () => {
    const body = {name: name.value.trim(), type: type.value};
    if (type.value === 'APP') body.appId = appId.value.trim();
    const result = await api.post('/policies', body);
    await policiesScreen();
    announce(`Sign-on policy ${result.body.name} added.`);
  }, 'New sign-on policy'));
  return form;
}

function policyCard(p, index, all, active) {
  const order = async (to) => {
    const ids = all.map((x) => x.id);
    ids.splice(index, 1);
    ids.splice(to, 0, p.id);
    await api.put('/policies/order', {ids});
    await policiesScreen();
    announce(`Policy ${p.name} moved.`);
  };
  const up = h('button', {type: 'button', class: 'secondary small', disabled: index === 0, 'aria-label': `Move policy ${p.name} up`}, 'Move up');
  const down = h('button', {type: 'button', class: 'secondary small', disabled: index === all.length - 1, 'aria-label': `Move policy ${p.name} down`}, 'Move down');
  const remove = h('button', {type: 'button', class: 'danger small', 'aria-label': `Delete policy ${p.name}`}, 'Delete policy');
  up.addEventListener('click', action(up, () => order(index - 1), `Policy '${p.name}'`));
  down.addEventListener('click', action(down, () => order(index + 1), `Policy '${p.name}'`));
  remove.addEventListener('click', action(remove, async () => {
    if (!window.confirm(`Delete the sign-on policy ${p.name} and its rules?`)) return;
    await api.del(`/policies/${enc(p.id)}`, tag(p.version));
    await policiesScreen();
    announce(`Policy ${p.name} deleted.`);
  }, `Policy '${p.name}'`));
  const rules = h('div', {class: 'rules'});
  const addRule = h('button', {type: 'button', class: 'secondary', 'aria-label': `Add rule to ${p.name}`}, 'Add rule');
  addRule.addEventListener('click', () => {
    const editor = ruleEditor(p, null, active, p.rules);
    rules.append(editor);
    editor.querySelector('input').focus();
    addRule.disabled = true;
  });
  rules.append(...p.rules.map((r) => ruleEditor(p, r, active, p.rules)));
  return h('section', {class: 'card', 'data-policy': p.id, 'aria-label': `Policy ${p.name}`},
    h('h2', {}, `${p.priority}. ${p.name}`),
    h('div', {class: 'row'}, h('span', {class: 'pill'}, p.type), p.appId ? h('span', {}, `application ${p.appId}`) : null,
      p.groups.length ? h('span', {}, `groups: ${p.groups.join(', ')}`) : null, up, down, remove),
    h('h3', {}, 'Rules'), p.rules.length === 0 ? h('p', {class: 'muted'}, 'No rule yet: nobody signs in under this policy.') : null,
    rules, h('div', {class: 'row'}, addRule));
}

function ruleEditor(policy, rule, active, siblings) {
  const a = rule ? rule.actions : {access: 'ALLOW', primary: 'PASSWORD', chains: [], mfaRequired: false, mfaMethods: [], sessionLifetimeSeconds: 7200};
  const c = rule ? rule.conditions : {groupsInclude: [], groupsExclude: [], rolesInclude: [], rolesExclude: [], orgs: [], connections: [], ipCidrs: []};
  const name = h('input', {type: 'text', required: true, maxlength: 256, value: rule ? rule.name : ''});
  const groupsInclude = h('input', {type: 'text', value: c.groupsInclude.join(', ')});
  const groupsExclude = h('input', {type: 'text', value: c.groupsExclude.join(', ')});
  const rolesInclude = h('input', {type: 'text', value: c.rolesInclude.join(', ')});
  const rolesExclude = h('input', {type: 'text', value: c.rolesExclude.join(', ')});
  const orgs = h('input', {type: 'text', value: c.orgs.join(', ')});
  const ipCidrs = h('input', {type: 'text', value: c.ipCidrs.join(', ')});
  const kinds = KINDS.map((k) => ({k, ...checkbox(k, c.connections.includes(k))}));
  const access = select([['ALLOW', 'Allow'], ['DENY', 'Deny']], a.access);
  const primary = select([['PASSWORD', 'Password'], ['FACTOR_SEQUENCE', 'Factor sequence (no password)']], a.primary);
  const chains = chainEditor(a.chains, active);
  chains.el.hidden = primary.value !== 'FACTOR_SEQUENCE';
  primary.addEventListener('change', () => { chains.el.hidden = primary.value !== 'FACTOR_SEQUENCE'; });
  const mfa = checkbox('Require MFA after the primary authentication', a.mfaRequired);
  const methods = methodPicker('MFA methods (none ticked: the organization\'s or environment\'s)', active.filter((t) => t !== 'password'), a.mfaMethods);
  const lifetime = h('input', {type: 'number', min: 60, value: a.sessionLifetimeSeconds});
  const save = h('button', {type: 'submit'}, rule ? 'Save rule' : 'Create rule');
  const headingId = uid('rule');
  const form = h('form', {class: 'card rule', 'data-rule': rule ? rule.id : 'new', 'aria-labelledby': headingId},
    h('h3', {id: headingId}, rule ? `Rule ${rule.priority}: ${rule.name}` : 'New rule'),
    field('Rule name', name),
    h('fieldset', {}, h('legend', {}, 'Who it applies to (empty: everyone)'),
      h('div', {class: 'row'}, field('Groups', groupsInclude, 'comma-separated'), field('Except groups', groupsExclude),
        field('Roles', rolesInclude), field('Except roles', rolesExclude)),
      h('div', {class: 'row'}, field('Organizations', orgs), field('IP ranges (CIDR)', ipCidrs)),
      h('div', {class: 'row', role: 'group', 'aria-label': 'Sign-in kinds'}, h('span', {class: 'muted'}, 'Sign-in kinds:'), ...kinds.map((x) => x.el))),
    h('fieldset', {}, h('legend', {}, 'Authentication'),
      h('div', {class: 'row'}, field('Access', access), field('Primary authentication', primary), field('Session lifetime (seconds)', lifetime)),
      chains.el, h('div', {class: 'row'}, mfa.el), methods.el));
  const buttons = h('div', {class: 'row'}, save);
  form.append(buttons);
  const context = () => `Rule '${name.value.trim() || (rule ? rule.name : 'new rule')}' of policy '${policy.name}'`;
  form.addEventListener('submit', action(save, async () => {
    const body = {
      name: name.value.trim(),
      conditions: {
        groupsInclude: list(groupsInclude.value), groupsExclude: list(groupsExclude.value),
        rolesInclude: list(rolesInclude.value), rolesExclude: list(rolesExclude.value),
        orgs: list(orgs.value), connections: kinds.filter((x) => x.input.checked).map((x) => x.k), ipCidrs: list(ipCidrs.value),
      },
      actions: {
        access: access.value, primary: primary.value,
        chains: primary.value === 'FACTOR_SEQUENCE' ? chains.value() : [],
        mfaRequired: mfa.input.checked, mfaMethods: methods.value(),
        sessionLifetimeSeconds: Number(lifetime.value) || 7200,
      },
    };
    const result = rule
      ? await api.put(`/policies/${enc(policy.id)}/rules/${enc(rule.id)}`, {...body, priority: rule.priority}, tag(rule.version))
      : await api.post(`/policies/${enc(policy.id)}/rules`, body);
    await policiesScreen(result.body.warnings);
    announce(`Rule ${result.body.name} saved.`);
  }, context));
  if (rule) {
    const index = siblings.findIndex((r) => r.id === rule.id);
    const order = async (to) => {
      const ids = siblings.map((r) => r.id);
      ids.splice(index, 1);
      ids.splice(to, 0, rule.id);
      await api.put(`/policies/${enc(policy.id)}/rules/order`, {ids});
      await policiesScreen();
      announce(`Rule ${rule.name} moved.`);
    };
    const up = h('button', {type: 'button', class: 'secondary', disabled: index === 0, 'aria-label': `Move rule ${rule.name} up`}, 'Move up');
    const down = h('button', {type: 'button', class: 'secondary', disabled: index === siblings.length - 1, 'aria-label': `Move rule ${rule.name} down`}, 'Move down');
    const remove = h('button', {type: 'button', class: 'danger', 'aria-label': `Delete rule ${rule.name}`}, 'Delete rule');
    up.addEventListener('click', action(up, () => order(index - 1), context));
    down.addEventListener('click', action(down, () => order(index + 1), context));
    remove.addEventListener('click', action(remove, async () => {
      if (!window.confirm(`Delete the rule ${rule.name}?`)) return;
      await api.del(`/policies/${enc(policy.id)}/rules/${enc(rule.id)}`, tag(rule.version));
      await policiesScreen();
      announce(`Rule ${rule.name} deleted.`);
    }, context));
    buttons.append(up, down, remove);
  }
  return form;
}
