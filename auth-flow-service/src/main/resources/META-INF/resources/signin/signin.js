// The hosted sign-in page: username, then the factors of the sign-on policy one step at a time (factor
// sequencing), all through the Authentication API of this origin. After SUCCESS it goes back to this
// origin's authorize endpoint with the request it came with, or shows that the user is signed in.
import { ApiError, messageFor, pathOf, paths, post } from './api.js';
import { button, el, field, select, submit } from './dom.js';
import { createCredential, getAssertion } from './webauthn.js';

const title = document.getElementById('step-title');
const errorBox = document.getElementById('error');
const statusBox = document.getElementById('status');
const stepBox = document.getElementById('step');

const STATE_KEY = 'sequent.signin.stateToken';
const POLL_MS = 2000;

/** The authorize request this page was sent with (null when opened directly); never its sessionToken. */
const authorizeRequest = (() => {
  const query = new URLSearchParams(window.location.search);
  if (!query.get('client_id')) {
    return null;
  }
  query.delete('sessionToken');
  return query;
})();

const LABELS = {
  'token:software:totp': 'Authenticator app code',
  'token:hotp': 'Hardware token code',
  'token:hardware': 'Hardware token code',
  token: 'Token code',
  sms: 'Text message (SMS)',
  call: 'Voice call',
  email: 'Email',
  push: 'Push notification',
  question: 'Security question',
  password: 'Password',
  webauthn: 'Security key or biometrics',
};
const CODE_TYPES = ['token:software:totp', 'token:hotp', 'token:hardware', 'token'];
const SENT_TYPES = ['sms', 'call', 'email'];
const QUESTIONS = [
  ['first_computer_game', 'What was the first computer game you played?'],
  ['disliked_food', 'What is the food you least liked as a child?'],
  ['name_of_first_plush_toy', 'What is the name of your first stuffed animal?'],
  ['first_award', 'What did you earn your first medal or award for?'],
  ['favorite_movie_quote', 'What is your favourite movie quote?'],
  ['first_music_purchase', 'What music album or song did you first purchase?'],
  ['favorite_vacation_location', 'What is your favourite holiday destination?'],
];

let tx = null;
/** The factor the user picked at the current step (the chooser), by id. */
let chosenFactor = null;
let pollTimer = null;
/** Which screen is up, so a push poll that changes nothing does not redraw it (and move the focus). */
let screenKey = null;
/** Counts the screens shown: an answer to a poll started under an earlier screen is dropped. */
let generation = 0;

// ---------------------------------------------------------------- screens

function screen(key, heading, ...children) {
  stopPolling();
  generation += 1;
  screenKey = key;
  clearError();
  statusBox.textContent = '';
  title.textContent = heading;
  document.title = `${heading} · Sequent`;
  stepBox.replaceChildren(...children.flat().filter(Boolean));
  const focus = stepBox.querySelector('[data-autofocus]') || stepBox.querySelector('input, select') || title;
  focus.focus();
}

function showError(message, input) {
  // the alert region is always rendered (only empty when there is nothing to say), so screen readers
  // announce each new message
  errorBox.textContent = message;
  for (const marked of stepBox.querySelectorAll('[aria-invalid]')) {
    marked.removeAttribute('aria-invalid');
  }
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-errormessage', 'error');
    input.focus();
    if (input.select) {
      input.select();
    }
  }
}

function clearError() {
  errorBox.textContent = '';
}

function announce(text) {
  statusBox.textContent = text;
}

/** A form whose submission runs {@code action} once at a time; API errors are shown beside it. */
function form(action, kind, ...children) {
  const f = el('form', { novalidate: true }, ...children);
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(f); // before run() disables the fields, which FormData would then leave out
    run(f, () => action(data, f), kind);
  });
  return f;
}

/** Runs {@code action} with the controls of {@code scope} disabled; shows what went wrong. */
async function run(scope, action, kind) {
  if (scope.getAttribute('aria-busy') === 'true') {
    return;
  }
  scope.setAttribute('aria-busy', 'true');
  const controls = [...scope.querySelectorAll('button, input, select')];
  controls.forEach((c) => { c.disabled = true; });
  try {
    await action();
  } catch (error) {
    controls.forEach((c) => { c.disabled = false; });
    failed(error, kind, scope);
  } finally {
    scope.removeAttribute('aria-busy');
    if (scope.isConnected) {
      controls.forEach((c) => { c.disabled = false; });
    }
  }
}

/** An error of the API: the sign-in goes on, or, when it is over, the user starts again. */
function failed(error, kind, scope) {
  if (!(error instanceof ApiError)) {
    showError(error && error.message ? error.message : 'Something went wrong. Please try again.');
    return;
  }
  const message = messageFor(error, kind);
  if (error.code === 'E0000011' || error.code === 'E0000004') {
    forget();
    usernameScreen(message);
    return;
  }
  if (error.code === 'E0000069') {
    forget();
    lockedOutScreen(message);
    return;
  }
  const input = scope && scope.isConnected ? scope.querySelector('input:not([type=hidden])') : null;
  showError(message, input);
}

function cancelButton() {
  const b = button('Cancel and start over', { class: 'link', id: 'cancel' });
  b.addEventListener('click', () => run(stepBox, async () => {
    const token = tx && tx.stateToken;
    forget();
    if (token) {
      try {
        await post(paths.cancel, { stateToken: token });
      } catch (e) {
        // the transaction is abandoned either way
      }
    }
    usernameScreen();
  }));
  return b;
}

function backButton(label) {
  const b = button(label, { class: 'secondary', id: 'back' });
  b.addEventListener('click', () => run(stepBox, async () => {
    show(await post(pathOf(tx._links && tx._links.prev, paths.previous), { stateToken: tx.stateToken }));
  }));
  return b;
}

function actions(...children) {
  return el('div', { class: 'actions' }, ...children);
}

// ---------------------------------------------------------------- the steps

function usernameScreen(error) {
  tx = null;
  chosenFactor = null;
  screen('username', 'Sign in',
    form(async (data) => {
      const username = String(data.get('username') || '').trim();
      if (!username) {
        showError('Enter your username.', stepBox.querySelector('#username'));
        return;
      }
      // as the Sign-In Widget does: after a factor is set up, offer the optional ones left (with "Set up later")
      show(await post(paths.start, { username, options: { multiOptionalFactorEnroll: true } }));
    }, 'username',
    field('Username', { id: 'username', name: 'username', type: 'text', autocomplete: 'username', required: true,
      autocapitalize: 'none', spellcheck: 'false' }),
    actions(submit('Next', { id: 'next' }))));
  if (error) {
    showError(error);
  }
}

function show(transaction) {
  tx = transaction;
  if (tx.stateToken) {
    remember(tx.stateToken);
  }
  switch (tx.status) {
    case 'UNAUTHENTICATED':
    case 'MFA_REQUIRED':
      return factorScreen();
    case 'MFA_CHALLENGE':
      return challengeScreen();
    case 'MFA_ENROLL':
      return enrollScreen();
    case 'MFA_ENROLL_ACTIVATE':
      return activateScreen();
    case 'PASSWORD_EXPIRED':
    case 'PASSWORD_WARN':
      return passwordScreen();
    case 'LOCKED_OUT':
      forget();
      return lockedOutScreen('Your account is locked. Contact your administrator.');
    case 'SUCCESS':
      forget();
      return success();
    default:
      forget();
      return usernameScreen('This sign-in cannot go on here. Please start again.');
  }
}

function labelOf(factor) {
  const base = LABELS[factor.factorType] || factor.factorType;
  const profile = factor.profile || {};
  const where = profile.phoneNumber || profile.email || profile.name || '';
  return where ? `${base}: ${where}` : base;
}

/** UNAUTHENTICATED or MFA_REQUIRED: one of the offered factors, the others in the chooser. */
function factorScreen() {
  const factors = (tx._embedded && tx._embedded.factors) || [];
  if (!factors.length) {
    forget();
    usernameScreen('There is no way to sign you in here. Contact your administrator.');
    return;
  }
  const current = factors.find((f) => f.id === chosenFactor) || factors[0];
  chosenFactor = current.id;
  const user = tx._embedded.user;
  const heading = tx.status === 'UNAUTHENTICATED' ? 'Verify it’s you' : 'Next step';
  let chooser = null;
  if (factors.length > 1) {
    chooser = select('Verify with', { id: 'factor-chooser', name: 'factor' },
      factors.map((f) => ({ value: f.id, label: labelOf(f) })), current.id);
    chooser.querySelector('select').addEventListener('change', (event) => {
      chosenFactor = event.target.value;
      factorScreen();
      stepBox.querySelector('#factor-chooser').focus();
    });
  }
  screen(`factor:${current.id}`, heading,
    user && user.profile ? el('p', { class: 'who' }, `Signing in as ${user.profile.login}`) : null,
    chooser,
    factorForm(current),
    actions(cancelButton()));
}

function verifyPath(factor) {
  return pathOf(factor._links && factor._links.verify, paths.verify(factor.id));
}

function factorForm(factor) {
  const type = factor.factorType;
  const verify = async (body) => show(await post(verifyPath(factor), { stateToken: tx.stateToken, ...body }));
  if (type === 'password') {
    return form((data) => verify({ password: String(data.get('password') || '') }), 'password',
      field('Password', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password',
        required: true, 'data-autofocus': true }),
      actions(submit('Verify', { id: 'verify' })));
  }
  if (type === 'question') {
    const question = (factor.profile && factor.profile.questionText) || 'Answer your security question';
    return form((data) => verify({ answer: String(data.get('answer') || '') }), 'answer',
      field(question, { id: 'answer', name: 'answer', type: 'text', autocomplete: 'off', required: true,
        'data-autofocus': true }),
      actions(submit('Verify', { id: 'verify' })));
  }
  if (CODE_TYPES.includes(type)) {
    return form((data) => verify({ passCode: String(data.get('passCode') || '').trim() }), 'code',
      codeField('Enter the code from your authenticator app'),
      actions(submit('Verify', { id: 'verify' })));
  }
  if (SENT_TYPES.includes(type)) {
    const label = { sms: 'Send me a code', call: 'Call me with a code', email: 'Email me a code' }[type];
    return form(() => verify({}), 'code',
      el('p', {}, sentIntro(factor)),
      actions(submit(label, { id: 'send', 'data-autofocus': true })));
  }
  if (type === 'push') {
    return form(() => verify({}), 'push',
      el('p', {}, 'We will send a push notification to your device.'),
      actions(submit('Send push', { id: 'send-push', 'data-autofocus': true })));
  }
  if (type === 'webauthn') {
    if (!window.PublicKeyCredential) {
      return el('p', {}, 'This browser cannot use a security key. Choose another factor.');
    }
    return form(() => verify({}), 'webauthn',
      el('p', {}, 'Use your security key or your device’s biometrics.'),
      actions(submit('Use security key', { id: 'webauthn', 'data-autofocus': true })));
  }
  return el('p', {}, 'This factor cannot be used on this page. Choose another one.');
}

function sentIntro(factor) {
  const profile = factor.profile || {};
  const where = profile.phoneNumber || profile.email;
  const how = { sms: 'a text message', call: 'a voice call', email: 'an email' }[factor.factorType];
  return where ? `We will send a code by ${how} to ${where}.` : `We will send a code by ${how}.`;
}

function codeField(label) {
  return field(label, { id: 'passCode', name: 'passCode', type: 'text', inputmode: 'numeric',
    autocomplete: 'one-time-code', pattern: '[0-9]*', maxlength: '10', required: true, 'data-autofocus': true });
}

/** MFA_CHALLENGE: a code was sent, a push waits for the device, or a WebAuthn challenge is up. */
function challengeScreen() {
  const factor = tx._embedded.factor;
  if (factor.factorType === 'push') {
    pushScreen(factor);
    return;
  }
  if (factor.factorType === 'webauthn') {
    webauthnScreen(factor);
    return;
  }
  const resendPath = pathOf(tx._links && tx._links.resend, paths.resend(factor.id));
  const resend = button('Send a new code', { class: 'secondary', id: 'resend' });
  resend.addEventListener('click', () => run(stepBox, async () => {
    tx = await post(resendPath, { stateToken: tx.stateToken });
    announce('A new code is on its way.');
  }, 'code'));
  screen(`challenge:${factor.id}`, 'Enter your code',
    form(async (data) => {
      const passCode = String(data.get('passCode') || '').trim();
      if (!passCode) {
        showError('Enter the code.', stepBox.querySelector('#passCode'));
        return;
      }
      show(await post(pathOf(tx._links && tx._links.next, paths.verify(factor.id)), { stateToken: tx.stateToken, passCode }));
    }, 'code',
    el('p', {}, sentIntro(factor).replace('We will send', 'We sent')),
    codeField('Code'),
    actions(submit('Verify', { id: 'verify' }))),
    actions(resend, backButton('Use another factor'), cancelButton()));
}

function pushScreen(factor) {
  const result = tx.factorResult;
  if (result === 'WAITING') {
    const number = factor._embedded && factor._embedded.challenge && factor._embedded.challenge.correctAnswer;
    const key = `push:${factor.id}:waiting`;
    if (screenKey !== key) {
      screen(key, 'Check your device',
        number !== undefined && number !== null
          ? el('div', { class: 'number-match' },
            el('p', { id: 'number-hint' }, 'On your device, pick this number:'),
            el('p', { class: 'number', id: 'correct-answer' }, String(number)))
          : el('p', {}, 'Approve the notification we sent to your device.'),
        actions(backButton('Use another factor'), cancelButton()));
      announce(number !== undefined && number !== null
        ? `Push sent. On your device, pick ${number}.` : 'Push sent. Waiting for your approval.');
    }
    schedulePoll(factor);
    return;
  }
  const message = result === 'REJECTED' ? 'You rejected the push on your device.'
    : result === 'TIMEOUT' ? 'The push expired before it was answered.' : 'The push did not go through.';
  const again = button('Send another push', { class: 'primary', id: 'resend', 'data-autofocus': true });
  again.addEventListener('click', () => run(stepBox, async () => {
    show(await post(pathOf(tx._links && tx._links.resend, paths.resend(factor.id)), { stateToken: tx.stateToken }));
  }, 'push'));
  screen(`push:${factor.id}:${result}`, 'Push not approved',
    actions(again, backButton('Use another factor'), cancelButton()));
  showError(message);
}

function schedulePoll(factor, fallback) {
  stopPolling();
  const token = tx.stateToken;
  const path = pathOf(tx._links && tx._links.next, fallback || paths.verify(factor.id));
  const shownUnder = generation;
  pollTimer = window.setTimeout(async () => {
    pollTimer = null;
    let answer;
    try {
      answer = await post(path, { stateToken: token });
    } catch (error) {
      if (shownUnder === generation) {
        failed(error, 'push', null);
      }
      return;
    }
    if (shownUnder === generation) {
      show(answer);
    }
  }, POLL_MS);
}

function stopPolling() {
  if (pollTimer !== null) {
    window.clearTimeout(pollTimer);
    pollTimer = null;
  }
}

function webauthnScreen(factor) {
  const challenge = factor._embedded && factor._embedded.challenge;
  const start = button('Use security key', { class: 'primary', id: 'webauthn-go', 'data-autofocus': true });
  start.addEventListener('click', () => run(stepBox, async () => {
    let assertion;
    try {
      assertion = await getAssertion(challenge);
    } catch (e) {
      showError('The security key did not answer, or the request was cancelled. Try again or use another factor.');
      return;
    }
    show(await post(pathOf(tx._links && tx._links.next, paths.verify(factor.id)),
      { stateToken: tx.stateToken, ...assertion }));
  }, 'webauthn'));
  screen(`webauthn:${factor.id}`, 'Use your security key',
    el('p', {}, 'Insert or touch your security key, or use your device’s biometrics.'),
    actions(start, backButton('Use another factor'), cancelButton()));
}

/**
 * MFA_ENROLL: the factor types the user may set up now, each marked required or optional, those already set
 * up shown as such; "Set up later" when the transaction offers skip (only optional ones are left).
 */
function enrollScreen() {
  const factors = (tx._embedded && tx._embedded.factors) || [];
  const skipLink = tx._links && tx._links.skip;
  const enroll = async (factorType, profile) => show(await post(paths.enroll, {
    stateToken: tx.stateToken, factorType, provider: factorType === 'webauthn' ? 'FIDO' : 'OKTA',
    ...(profile ? { profile } : {}),
  }));
  let offered = 0;
  const sections = factors.map((factor) => {
    const type = factor.factorType;
    const optional = factor.enrollment === 'OPTIONAL';
    const legend = el('legend', {}, LABELS[type] || type, ' ',
      el('span', { class: 'enrollment' }, optional ? '(optional)' : '(required)'));
    if (factor.status === 'ACTIVE') {
      return el('fieldset', { class: 'enrolled' }, legend, el('p', { class: 'done' }, 'Set up.'));
    }
    const section = enrollForm(type, legend, enroll);
    if (section) {
      offered += 1;
    }
    return section;
  }).filter(Boolean);
  if (!offered && !skipLink) {
    forget();
    usernameScreen('There is no factor you can set up here. Contact your administrator.');
    return;
  }
  let skip = null;
  if (skipLink) {
    skip = button('Set up later', { class: 'secondary', id: 'skip' });
    skip.addEventListener('click', () => run(stepBox, async () => {
      show(await post(pathOf(skipLink, paths.skip), { stateToken: tx.stateToken }));
    }));
  }
  const requiredLeft = factors.some((f) => f.status !== 'ACTIVE' && f.enrollment !== 'OPTIONAL');
  const intro = skipLink ? 'You can set up another factor now, or later.'
    : requiredLeft ? 'Your organization requires the factors marked required. Set them up to continue.'
      : 'Your organization asks for a second factor. Set one up to continue.';
  screen('enroll', 'Set up a factor',
    el('p', {}, intro),
    sections,
    actions(skip, cancelButton()));
  const first = stepBox.querySelector('fieldset button, fieldset input') || skip;
  if (first) {
    first.focus();
  }
}

/** The form that enrolls one factor type, in its fieldset; null for a type this page cannot set up. */
function enrollForm(type, legend, enroll) {
  if (type === 'token:software:totp') {
    return el('fieldset', {}, legend,
      form(() => enroll(type), 'code',
        el('p', {}, 'Use an authenticator app on your phone.'),
        actions(submit('Set up authenticator app', { id: 'enroll-totp' }))));
  }
  if (type === 'sms' || type === 'call') {
    return el('fieldset', {}, legend,
      form((data) => enroll(type, { phoneNumber: String(data.get('phoneNumber') || '').trim() }), 'enroll',
        field('Phone number', { id: `phone-${type}`, name: 'phoneNumber', type: 'tel', autocomplete: 'tel',
          required: true }, 'With the country code, for example +1 555 555 0100'),
        actions(submit(type === 'sms' ? 'Send code' : 'Call me', { id: `enroll-${type}` }))));
  }
  if (type === 'email') {
    return el('fieldset', {}, legend,
      form((data) => enroll(type, { email: String(data.get('email') || '').trim() }), 'enroll',
        field('Email address', { id: 'email', name: 'email', type: 'email', autocomplete: 'email', required: true }),
        actions(submit('Send code', { id: 'enroll-email' }))));
  }
  if (type === 'push') {
    return el('fieldset', {}, legend,
      form(() => enroll(type), 'enroll',
        el('p', {}, 'Get notifications to approve on your phone, with the Sequent Verify app.'),
        actions(submit('Set up push', { id: 'enroll-push' }))));
  }
  if (type === 'webauthn') {
    if (!window.PublicKeyCredential || !navigator.credentials) {
      return null;
    }
    return el('fieldset', {}, legend,
      form(() => enroll(type), 'enroll',
        el('p', {}, 'Use a security key, or your device’s fingerprint or face recognition.'),
        actions(submit('Set up security key', { id: 'enroll-webauthn' }))));
  }
  if (type === 'question') {
    return el('fieldset', {}, legend,
      form((data) => enroll(type, { question: String(data.get('question')), answer: String(data.get('answer') || '') }),
        'enroll',
        select('Question', { id: 'question', name: 'question' },
          QUESTIONS.map(([value, label]) => ({ value, label })), QUESTIONS[0][0]),
        field('Answer', { id: 'question-answer', name: 'answer', type: 'text', autocomplete: 'off', required: true }),
        actions(submit('Save', { id: 'enroll-question' }))));
  }
  return null;
}

/**
 * MFA_ENROLL_ACTIVATE: the QR code and secret for an authenticator app, the code that was sent, or the
 * security key to register.
 */
function activateScreen() {
  const factor = tx._embedded.factor;
  const activation = factor._embedded && factor._embedded.activation;
  const activatePath = pathOf(tx._links && tx._links.next, paths.activate(factor.id));
  if (factor.factorType === 'webauthn') {
    webauthnEnrollScreen(factor, activation, activatePath);
    return;
  }
  if (factor.factorType === 'push') {
    pushEnrollScreen(factor, activation);
    return;
  }
  const activateForm = form(async (data) => {
    const passCode = String(data.get('passCode') || '').trim();
    if (!passCode) {
      showError('Enter the code.', stepBox.querySelector('#passCode'));
      return;
    }
    show(await post(activatePath, { stateToken: tx.stateToken, passCode }));
  }, 'code', codeField(factor.factorType === 'token:software:totp' ? 'Code from your app' : 'Code'),
  actions(submit('Activate', { id: 'activate' })));

  if (factor.factorType === 'token:software:totp' && activation) {
    const qr = activation._links && activation._links.qrcode && activation._links.qrcode.href;
    screen(`activate:${factor.id}`, 'Set up your authenticator app',
      el('ol', { class: 'steps' },
        el('li', {}, 'Scan this QR code with your authenticator app.'),
        el('li', {}, 'Enter the 6-digit code the app shows.')),
      qr && qr.startsWith('data:image/png;base64,')
        ? el('img', { src: qr, id: 'qrcode', class: 'qrcode', width: '200', height: '200',
          alt: 'QR code to scan with your authenticator app' }) : null,
      el('p', {}, 'Cannot scan it? Enter this key in the app instead:'),
      el('p', {}, el('code', { id: 'shared-secret', class: 'secret' }, activation.sharedSecret || '')),
      activateForm,
      actions(backButton('Choose another factor'), cancelButton()));
    return;
  }
  const resend = button('Send a new code', { class: 'secondary', id: 'resend' });
  resend.addEventListener('click', () => run(stepBox, async () => {
    tx = await post(pathOf(tx._links && tx._links.resend, paths.activationResend(factor.id)), { stateToken: tx.stateToken });
    announce('A new code is on its way.');
  }, 'code'));
  screen(`activate:${factor.id}`, 'Enter your code',
    el('p', {}, sentIntro(factor).replace('We will send', 'We sent')),
    activateForm,
    actions(resend, backButton('Choose another factor'), cancelButton()));
}

/** The push activation of the enroll answer, kept while the page polls (the poll answers do not repeat it). */
let pushActivation = null;

/**
 * MFA_ENROLL_ACTIVATE for push: the QR code (and link) for the device app, polled until the device has
 * registered; on TIMEOUT the user goes back and sets push up again.
 */
function pushEnrollScreen(factor, activation) {
  if (activation && activation.activationUri) {
    pushActivation = { factorId: factor.id, ...activation };
  }
  const shown = pushActivation && pushActivation.factorId === factor.id ? pushActivation : null;
  if (tx.factorResult === 'WAITING' && shown) {
    const key = `activate:${factor.id}:waiting`;
    if (screenKey !== key) {
      const qr = shown._links && shown._links.qrcode && shown._links.qrcode.href;
      screen(key, 'Set up push on your device',
        el('ol', { class: 'steps' },
          el('li', {}, 'Open the Sequent Verify app on your device.'),
          el('li', {}, 'Scan this QR code with it. This page goes on by itself once the device is set up.')),
        qr && qr.startsWith('data:image/png;base64,')
          ? el('img', { src: qr, id: 'qrcode', class: 'qrcode', width: '200', height: '200',
            alt: 'QR code to scan with the Sequent Verify app' }) : null,
        el('p', {}, 'Cannot scan it? Give the app this activation link instead:'),
        el('p', {}, el('code', { id: 'activation-uri', class: 'secret' }, shown.activationUri)),
        actions(backButton('Choose another factor'), cancelButton()));
      announce('Waiting for your device to be set up.');
    }
    schedulePoll(factor, paths.activationPoll(factor.id));
    return;
  }
  pushActivation = null;
  screen(`activate:${factor.id}:${tx.factorResult || 'lost'}`, 'Set up push on your device',
    el('p', {}, tx.factorResult === 'TIMEOUT' ? 'The activation expired before the device was set up.'
      : 'This setup was interrupted.'),
    el('p', {}, 'Go back and set up push again.'),
    actions(backButton('Choose another factor'), cancelButton()));
}

/**
 * MFA_ENROLL_ACTIVATE for webauthn: the browser makes the credential for the enroll answer's options. Those
 * options come only with the enroll answer; after a reload the user goes back and sets the key up again.
 */
function webauthnEnrollScreen(factor, options, activatePath) {
  if (!options || !options.challenge) {
    screen(`activate:${factor.id}`, 'Set up your security key',
      el('p', {}, 'This setup was interrupted. Go back and set up the security key again.'),
      actions(backButton('Choose another factor'), cancelButton()));
    return;
  }
  const start = button('Set up security key', { class: 'primary', id: 'webauthn-create', 'data-autofocus': true });
  start.addEventListener('click', () => run(stepBox, async () => {
    let credential;
    try {
      credential = await createCredential(options);
    } catch (e) {
      showError('The security key was not set up: it did not answer, or the request was cancelled. Try again.');
      return;
    }
    show(await post(activatePath, { stateToken: tx.stateToken, ...credential }));
  }, 'webauthn'));
  screen(`activate:${factor.id}`, 'Set up your security key',
    el('p', {}, 'Insert or touch your security key, or use your device’s biometrics, when your browser asks.'),
    actions(start, backButton('Choose another factor'), cancelButton()));
}

/** PASSWORD_EXPIRED (a new password is needed) or PASSWORD_WARN (it may be changed now or later). */
function passwordScreen() {
  const expired = tx.status === 'PASSWORD_EXPIRED';
  const complexity = tx._embedded && tx._embedded.policy && tx._embedded.policy.complexity;
  const hint = complexity && complexity.minLength ? `At least ${complexity.minLength} characters.` : null;
  let skip = null;
  if (!expired) {
    skip = button('Not now', { class: 'secondary', id: 'skip' });
    skip.addEventListener('click', () => run(stepBox, async () => {
      show(await post(pathOf(tx._links && tx._links.skip, paths.skip), { stateToken: tx.stateToken }));
    }));
  }
  screen(`password:${tx.status}`, expired ? 'Your password has expired' : 'Your password expires soon',
    el('p', {}, expired ? 'Choose a new password to continue.' : 'You can change your password now.'),
    form(async (data) => {
      const oldPassword = String(data.get('oldPassword') || '');
      const newPassword = String(data.get('newPassword') || '');
      if (newPassword !== String(data.get('confirmPassword') || '')) {
        showError('The new passwords do not match.', stepBox.querySelector('#confirm-password'));
        return;
      }
      show(await post(pathOf(tx._links && tx._links.next, paths.changePassword),
        { stateToken: tx.stateToken, oldPassword, newPassword }));
    }, 'password',
    field('Current password', { id: 'old-password', name: 'oldPassword', type: 'password',
      autocomplete: 'current-password', required: true }),
    field('New password', { id: 'new-password', name: 'newPassword', type: 'password', autocomplete: 'new-password',
      required: true }, hint),
    field('Confirm new password', { id: 'confirm-password', name: 'confirmPassword', type: 'password',
      autocomplete: 'new-password', required: true }),
    actions(submit('Change password', { id: 'change-password' }), skip)),
    actions(cancelButton()));
}

function lockedOutScreen(message) {
  const again = button('Start again', { class: 'primary', id: 'start-again', 'data-autofocus': true });
  again.addEventListener('click', () => usernameScreen());
  screen('locked', 'Account locked', actions(again));
  showError(message);
}

function success() {
  const user = tx._embedded && tx._embedded.user;
  if (authorizeRequest && tx.sessionToken) {
    // back to this origin's authorize endpoint only, with the request the page came with
    const query = new URLSearchParams(authorizeRequest);
    query.set('sessionToken', tx.sessionToken);
    screen('redirect', 'Signed in', el('p', {}, 'Taking you back to the application…'));
    announce('Signed in. Taking you back to the application.');
    window.location.assign(`/oauth2/v1/authorize?${query.toString()}`);
    return;
  }
  const again = button('Sign in as someone else', { class: 'secondary', id: 'start-again' });
  again.addEventListener('click', () => usernameScreen());
  screen('signed-in', 'You are signed in',
    el('p', { id: 'signed-in-as' }, user && user.profile ? `Signed in as ${user.profile.login}.` : 'Signed in.'),
    actions(again));
  announce('You are signed in.');
}

// ---------------------------------------------------------------- a reload resumes the sign-in

function remember(token) {
  try {
    window.sessionStorage.setItem(STATE_KEY, token);
  } catch (e) {
    // storage may be off; a reload then starts again
  }
}

function forget() {
  stopPolling();
  try {
    window.sessionStorage.removeItem(STATE_KEY);
  } catch (e) {
    // nothing kept
  }
}

async function boot() {
  let token = null;
  try {
    token = window.sessionStorage.getItem(STATE_KEY);
  } catch (e) {
    token = null;
  }
  if (!token) {
    usernameScreen();
    return;
  }
  try {
    show(await post(paths.start, { stateToken: token }));
  } catch (error) {
    forget();
    usernameScreen();
  }
}

boot();
