// "What would this user get, and why" (S11): auth-flow evaluates a sign-in with the policy in force.

import {api} from '../api.js';
import {h, screen, action, field, clearError} from '../ui.js';
import {factorLabel} from './common.js';

export async function simulateScreen() {
  const user = h('input', {type: 'text', required: true, maxlength: 256});
  const org = h('input', {type: 'text', maxlength: 128});
  const connection = h('input', {type: 'text', maxlength: 128});
  const app = h('input', {type: 'text', maxlength: 128});
  const ip = h('input', {type: 'text', maxlength: 64});
  const run = h('button', {type: 'submit'}, 'Simulate');
  const result = h('section', {'aria-label': 'Simulation result', 'aria-live': 'polite'});
  const form = h('form', {class: 'card', 'aria-label': 'Simulate a sign-in'},
    h('div', {class: 'row'}, field('Username or user id', user), field('Organization id', org),
      field('Enterprise connection id', connection), field('Application id', app), field('Client IP', ip)),
    h('div', {class: 'row'}, run));
  form.addEventListener('submit', action(run, async () => {
    clearError();
    const u = user.value.trim();
    const request = /^[0-9a-f-]{36}$/i.test(u) ? {userId: u} : {username: u};
    for (const [key, input] of [['orgId', org], ['connectionId', connection], ['appId', app], ['ip', ip]]) {
      if (input.value.trim()) request[key] = input.value.trim();
    }
    const {body} = await api.simulate(request);
    result.replaceChildren(...show(body));
  }, 'Simulation'));
  screen('Simulate a sign-in', h('p', {class: 'muted'}, 'Evaluates the policy in force for a user and a sign-in context; nothing is signed in.'),
    form, result);
}

function show(d) {
  const out = [h('h2', {}, 'Decision: ', h('span', {class: `decision-${d.decision}`, 'data-decision': d.decision}, d.decision))];
  const facts = [['User', `${d.username} (${d.userId})`], ['Policy snapshot', `v${d.snapshotVersion}`]];
  if (d.refusal) facts.push(['Refused because', `${d.refusal} (${d.refusalRule})`]);
  if (d.policyId) facts.push(['Policy / rule', `${d.policyId} / ${d.ruleId}`]);
  const plan = d.plan;
  if (plan) {
    facts.push(['Organization', plan.orgId || 'none'], ['Primary', plan.primary], ['Connection', plan.connectionKind],
      ['MFA required', plan.mfaRequired ? `yes: ${plan.mfaMethods.map(factorLabel).join(', ')}` : 'no'],
      ['Enrolled', plan.enrolledTypes.map(factorLabel).join(', ') || 'nothing'],
      ['Session lifetime', `${plan.sessionLifetimeSeconds} s`]);
  }
  out.push(h('dl', {class: 'card'}, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
  if (plan && plan.chains && plan.chains.length) {
    out.push(h('h3', {}, 'Factor sequences'),
      h('ol', {class: 'simulated-chains'}, ...plan.chains.map((c) => h('li', {'data-chain': c.join(',')}, c.map(factorLabel).join(' → ')))));
  }
  out.push(h('h3', {}, 'Why'),
    h('table', {}, h('thead', {}, h('tr', {}, ...['Rule', 'Code', 'Detail'].map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, ...(d.reasons || []).map((r) => h('tr', {}, h('td', {}, r.rule), h('td', {}, h('code', {}, r.code)), h('td', {}, r.detail))))));
  return out;
}
