// Small DOM helpers: elements are built, never parsed from strings, so nothing a server or user sends
// is ever taken for markup.

/** An element with attributes (strings; true for a bare attribute; false/null/undefined left out) and children. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

let fieldCount = 0;

/** A labelled input; {@code hint} is read out with it (aria-describedby). */
export function field(label, attributes, hint) {
  fieldCount += 1;
  const id = attributes.id || `field-${fieldCount}`;
  const hintId = hint ? `${id}-hint` : null;
  const input = el('input', { ...attributes, id, 'aria-describedby': hintId });
  return el('div', { class: 'field' },
    el('label', { for: id }, label),
    hint ? el('p', { class: 'hint', id: hintId }, hint) : null,
    input);
}

/** A labelled select of {value, label} options. */
export function select(label, attributes, options, selected) {
  fieldCount += 1;
  const id = attributes.id || `field-${fieldCount}`;
  const box = el('select', { ...attributes, id },
    options.map((o) => el('option', { value: o.value, selected: o.value === selected }, o.label)));
  return el('div', { class: 'field' }, el('label', { for: id }, label), box);
}

export function button(label, attributes = {}) {
  return el('button', { type: 'button', ...attributes }, label);
}

export function submit(label, attributes = {}) {
  return el('button', { type: 'submit', class: 'primary', ...attributes }, label);
}
