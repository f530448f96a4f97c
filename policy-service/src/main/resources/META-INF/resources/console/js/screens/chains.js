// The factor sequence editor (seed 000): 1..N chains, each an ordered list of distinct factor types.
// Add, remove and reorder chains and the factors within them, by keyboard or mouse.

import {h, select} from '../ui.js';
import {factorLabel} from './common.js';

const MAX_FACTORS = 5;

/** An editor over a copy of {@code initial}; {@code value()} gives the chains as edited. */
export function chainEditor(initial, activeTypes) {
  const chains = (initial || []).map((c) => [...c]);
  const root = h('fieldset', {class: 'chain-editor'}, h('legend', {}, 'Factor sequences'));
  const body = h('div', {});
  root.append(h('p', {class: 'muted'}, 'A user signs in with every factor of one chain, in order, and must be enrolled in the first factor of at least one chain.'), body);

  function move(array, from, to) {
    if (to < 0 || to >= array.length) return;
    const [item] = array.splice(from, 1);
    array.splice(to, 0, item);
  }

  function focusAfter(selector) {
    const el = body.querySelector(selector);
    if (el) el.focus();
  }

  function render() {
    const items = chains.map((chain, ci) => {
      const n = ci + 1;
      const factors = chain.map((type, fi) => h('li', {'data-factor': type},
        h('span', {}, factorLabel(type)), ' ',
        h('button', {type: 'button', class: 'secondary small', disabled: fi === 0, 'aria-label': `Move ${factorLabel(type)} up in chain ${n}`,
          onclick: () => { move(chain, fi, fi - 1); render(); focusAfter(`[data-chain="${ci}"] li:nth-child(${fi}) button`); }}, '↑'), ' ',
        h('button', {type: 'button', class: 'secondary small', disabled: fi === chain.length - 1, 'aria-label': `Move ${factorLabel(type)} down in chain ${n}`,
          onclick: () => { move(chain, fi, fi + 1); render(); focusAfter(`[data-chain="${ci}"] li:nth-child(${fi + 2}) button`); }}, '↓'), ' ',
        h('button', {type: 'button', class: 'danger small', 'aria-label': `Remove ${factorLabel(type)} from chain ${n}`,
          onclick: () => { chain.splice(fi, 1); render(); focusAfter(`[data-chain="${ci}"] select`); }}, 'Remove')));
      const candidates = activeTypes.filter((t) => !chain.includes(t));
      const picker = select(candidates.map((t) => [t, factorLabel(t)]), candidates[0], {'aria-label': `Factor to add to chain ${n}`});
      const add = h('button', {type: 'button', class: 'secondary small', disabled: candidates.length === 0 || chain.length >= MAX_FACTORS,
        'aria-label': `Add factor to chain ${n}`,
        onclick: () => { if (picker.value) { chain.push(picker.value); render(); focusAfter(`[data-chain="${ci}"] select`); } }}, 'Add factor');
      return h('li', {class: 'chain', 'data-chain': ci, 'aria-label': `Chain ${n}`},
        h('div', {class: 'row'}, h('strong', {}, `Chain ${n}`),
          h('span', {class: 'muted'}, chain.length ? chain.map(factorLabel).join(' → ') : 'no factor yet'),
          h('button', {type: 'button', class: 'secondary small', disabled: ci === 0, 'aria-label': `Move chain ${n} up`,
            onclick: () => { move(chains, ci, ci - 1); render(); }}, 'Move up'),
          h('button', {type: 'button', class: 'secondary small', disabled: ci === chains.length - 1, 'aria-label': `Move chain ${n} down`,
            onclick: () => { move(chains, ci, ci + 1); render(); }}, 'Move down'),
          h('button', {type: 'button', class: 'danger small', 'aria-label': `Remove chain ${n}`,
            onclick: () => { chains.splice(ci, 1); render(); focusAfter('button.add-chain'); }}, 'Remove chain')),
        h('ol', {}, ...factors),
        h('div', {class: 'row'}, picker, add));
    });
    body.replaceChildren(
      chains.length === 0 ? h('p', {}, 'No chain yet.') : h('ol', {class: 'chains'}, ...items),
      h('button', {type: 'button', class: 'secondary add-chain',
        onclick: () => { chains.push([]); render(); focusAfter(`[data-chain="${chains.length - 1}"] select`); }}, 'Add chain'));
  }

  render();
  return {el: root, value: () => chains.map((c) => [...c])};
}
