// The console's start: configuration, the end of a sign-in, then the screen the URL's hash names.

import {configure, completeSignIn, accessToken, signIn, signOut, who} from './auth.js';
import {whenUnauthorized} from './api.js';
import {h, screen, showError, clearError} from './ui.js';
import {environmentScreen} from './screens/environment.js';
import {factorTypesScreen} from './screens/factor-types.js';
import {enrollmentScreen} from './screens/enrollment.js';
import {policiesScreen} from './screens/policies.js';
import {orgsScreen, orgMfaScreen} from './screens/orgs.js';
import {usageScreen, auditScreen} from './screens/reports.js';
import {simulateScreen} from './screens/simulate.js';

const routes = [
  [/^#\/environment$/, environmentScreen],
  [/^#\/factor-types$/, factorTypesScreen],
  [/^#\/enrollment$/, enrollmentScreen],
  [/^#\/policies$/, policiesScreen],
  [/^#\/orgs$/, orgsScreen],
  [/^#\/orgs\/([^/]+)$/, (id) => orgMfaScreen(decodeURIComponent(id))],
  [/^#\/usage$/, usageScreen],
  [/^#\/audit$/, auditScreen],
  [/^#\/simulate$/, simulateScreen],
];

function signInScreen(reason) {
  document.getElementById('nav').hidden = !accessToken();
  const button = h('button', {type: 'button', onclick: () => signIn().catch((e) => showError(e, 'Sign in'))}, 'Sign in');
  const main = screen('Sign in as an admin',
    h('div', {class: 'card signin'},
      h('p', {}, reason || 'The admin console needs you to sign in with an account that holds the admin role.'),
      button));
  button.focus();
  return main;
}

function showWho() {
  const me = who();
  document.getElementById('who').textContent = me ? `Signed in as ${me.username}` : '';
  document.getElementById('sign-out').hidden = !me;
}

async function route() {
  clearError();
  document.getElementById('status').textContent = ''; // a status belongs to the screen it was said on
  if (!accessToken()) {
    signInScreen();
    return;
  }
  document.getElementById('nav').hidden = false;
  const hash = window.location.hash || '#/environment';
  for (const link of document.querySelectorAll('#nav a')) {
    if (hash.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const [pattern, render] of routes) {
    const match = hash.match(pattern);
    if (match) {
      try {
        await render(...match.slice(1));
      } catch (e) {
        if (e.status !== 401 && e.status !== 403) {
          screen('Could not load this page');
          showError(e);
        }
      }
      return;
    }
  }
  screen('Not found', h('p', {}, 'No such page. Choose a section on the left.'));
}

whenUnauthorized((error) => {
  if (error.status === 403) {
    signInScreen('You are signed in, but your account does not hold the admin role here. Sign in as an admin.');
  } else {
    signOut();
    showWho();
    signInScreen('Your sign-in has expired or was refused. Sign in as an admin.');
  }
});

async function start() {
  document.getElementById('sign-out').addEventListener('click', () => {
    signOut();
    showWho();
    signInScreen('You have signed out.');
  });
  try {
    await configure();
    await completeSignIn();
  } catch (e) {
    showWho();
    signInScreen();
    showError(e, 'Sign in');
    return;
  }
  showWho();
  window.addEventListener('hashchange', route);
  if (!window.location.hash && accessToken()) window.history.replaceState(null, '', '#/environment');
  await route();
}

start();
