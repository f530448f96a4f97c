// Usage (S12) and the audit log.

import {api} from '../api.js';
import {h, screen, field, select} from '../ui.js';

export async function usageScreen() {
  const {body: u} = await api.get('/usage');
  screen('Usage',
    h('p', {}, `${u.orgsUsingOrgMfa} organization(s) use organization-level MFA; ${u.freeQuota} are free, ${u.billable} billable.`),
    h('table', {}, h('thead', {}, h('tr', {}, ...['Organization', 'Code', 'Using since', 'Billing'].map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, ...u.orgs.map((o) => h('tr', {}, h('td', {}, o.name || o.orgId), h('td', {}, o.code || ''),
        h('td', {}, new Date(o.since).toLocaleString()), h('td', {}, o.billable ? h('span', {class: 'pill'}, 'billable') : h('span', {class: 'pill active'}, 'free')))))));
}

const PAGE = 25;
const TARGETS = [['', 'everything'], ['environment', 'environment'], ['org', 'organizations'], ['factor_type', 'factor types'],
  ['enrollment_policy', 'enrollment policies'], ['policy', 'sign-on policies'], ['rule', 'rules'], ['connection', 'connections']];

export async function auditScreen(offset = 0, targetType = '') {
  const query = new URLSearchParams({offset: String(offset), limit: String(PAGE)});
  if (targetType) query.set('targetType', targetType);
  const {body: entries} = await api.get(`/audit?${query}`);
  const filter = select(TARGETS, targetType);
  filter.addEventListener('change', () => auditScreen(0, filter.value));
  const prev = h('button', {type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => auditScreen(Math.max(0, offset - PAGE), targetType)}, 'Newer');
  const next = h('button', {type: 'button', class: 'secondary', disabled: entries.length < PAGE, onclick: () => auditScreen(offset + PAGE, targetType)}, 'Older');
  screen('Audit log',
    h('div', {class: 'row'}, field('Show changes to', filter)),
    h('table', {}, h('thead', {}, h('tr', {}, ...['When', 'Who', 'What', 'Target', 'Snapshot', 'Change'].map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, ...entries.map((e) => h('tr', {},
        h('td', {}, new Date(e.at).toLocaleString()), h('td', {}, e.actor), h('td', {}, h('code', {}, e.action)),
        h('td', {}, `${e.targetType} ${e.targetId || ''}`), h('td', {}, `v${e.snapshotVersion}`),
        h('td', {}, h('details', {}, h('summary', {}, 'before / after'),
          h('pre', {}, `before: ${JSON.stringify(e.before, null, 2)}\nafter: ${JSON.stringify(e.after, null, 2)}`))))))),
    entries.length === 0 ? h('p', {class: 'muted'}, 'No change recorded.') : null,
    h('div', {class: 'row'}, prev, next));
}
