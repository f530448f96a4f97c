// DOM helpers: elements built from properties and text nodes (never parsed HTML), labelled fields, the live regions.

let nextId = 0;

/** An element: h('button', {type: 'button', onclick: fn, class: 'x'}, 'text', child...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'checked' || key === 'value' || key === 'disabled' || key === 'selected') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function uid(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled field: the label points at the control (which gets an id when it has none). */
export function field(label, control, hint) {
  if (!control.id) control.id = uid('f');
  const parts = [h('label', {for: control.id}, label), control];
  if (hint) {
    const hintId = uid('hint');
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('span', {id: hintId, class: 'muted'}, hint));
  }
  return h('div', {class: 'field'}, ...parts);
}

export function checkbox(label, checked, attrs = {}) {
  const input = h('input', {type: 'checkbox', checked, ...attrs});
  input.id = uid('c');
  return {input, el: h('label', {for: input.id}, input, ' ', label)};
}

export function select(options, value, attrs = {}) {
  return h('select', attrs, ...options.map(([v, text]) => h('option', {value: v, selected: v === value}, text)));
}

/** Comma-separated text to a list (blank entries dropped). */
export function list(text) {
  return text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Replaces the main area with a screen whose heading is {@code title}; focus moves to it. */
export function screen(title, ...children) {
  const main = document.getElementById('main');
  main.replaceChildren(h('h1', {}, title), ...children.filter((c) => c !== null && c !== undefined && c !== false));
  document.title = `${title} · Sequent admin console`;
  main.focus();
  return main;
}

/** Politely announced status ("Saved."). */
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  clearError();
  window.setTimeout(() => { status.textContent = message; }, 30);
}

export function clearError() {
  const alert = document.getElementById('alert');
  alert.hidden = true;
  alert.replaceChildren();
}

/**
 * Shows an error in the assertive live region: an API problem (title, detail, the offending fields),
 * with a Reload button when the resource changed under the admin (412). {@code context} names what
 * was being done ("Rule 'x'").
 */
export function showError(error, context) {
  const alert = document.getElementById('alert');
  document.getElementById('status').textContent = '';
  const problem = error && error.problem ? error.problem : null;
  const parts = [];
  let title = 'Something went wrong';
  let detail = error && error.message ? error.message : String(error);
  if (error && error.status === 412) {
    title = 'Changed by someone else';
    detail = 'This was changed by someone else since you loaded it. Reload to see the latest version, then make your change again.';
  } else if (problem) {
    title = problem.title || title;
    detail = problem.detail || detail;
  }
  parts.push(h('h2', {}, context ? `${context}: ${title}` : title));
  parts.push(h('p', {class: 'detail'}, detail));
  if (problem && Array.isArray(problem.errors) && problem.errors.length > 0 && error.status !== 412) {
    parts.push(h('ul', {}, ...problem.errors.map((e) => h('li', {}, h('code', {}, e.pointer), ' ', e.detail))));
  }
  const buttons = h('div', {class: 'row'});
  if (error && error.status === 412) {
    buttons.append(h('button', {type: 'button', onclick: () => { clearError(); window.dispatchEvent(new HashChangeEvent('hashchange')); }}, 'Reload'));
  }
  buttons.append(h('button', {type: 'button', class: 'secondary', onclick: clearError}, 'Dismiss'));
  parts.push(buttons);
  alert.replaceChildren(...parts);
  alert.hidden = false;
}

/** The warnings a write answered with (S10, S11, S7), or nothing. */
export function warnings(list) {
  if (!list || list.length === 0) return null;
  return h('div', {class: 'warnings', role: 'note'},
    h('strong', {}, 'Warnings'),
    h('ul', {}, ...list.map((w) => h('li', {}, h('span', {class: 'pill'}, w.rule), ' ', w.detail))));
}

/** Runs an async action with the button disabled; errors go to the alert region. */
export function action(button, fn, context) {
  return async (event) => {
    if (event) event.preventDefault();
    if (button) button.disabled = true;
    try {
      await fn();
    } catch (e) {
      showError(e, typeof context === 'function' ? context() : context);
    } finally {
      if (button) button.disabled = false;
    }
  };
}
