// A long table drawn only where it is seen: the rows in view plus a margin, spacer rows standing
// for the others. A 2,000-row list then costs the memory of a few dozen rows. Screen readers
// still count the whole list (aria-rowcount on the table, aria-rowindex on each row), and the
// keyboard reaches every row: ArrowUp/Down, PageUp/Down, Home and End move through the list,
// drawing as they go.

import { h, main } from './dom.js';

// Rows drawn beyond the visible ones, above and below: a quick scroll shows rows, not a gap.
const MARGIN = 15;
// Before the first row is measured (every row has the same height: cells do not wrap).
const GUESS_ROW_PX = 41;

// `makeRow(item, index)` returns a `tr` (focusable, tabindex 0); `open(item)` is Enter/Space.
// Returns `{ scrollTo(index), focusRow(index), detach() }` (detach before drawing the table
// again); the table gets `data-complete` once drawn.
export function listWindow(table, tbody, items, makeRow, open, columns) {
  const scroller = main();
  const top = spacer(columns);
  const bottom = spacer(columns);
  let rowPx = GUESS_ROW_PX;
  let measured = false;
  // index -> its row, for the rows drawn now.
  let drawn = new Map();
  let from = 0;
  let to = 0;
  // The row the keyboard is on, kept when it scrolls out of view (the table holds the focus
  // meanwhile, and the next arrow key comes back to it).
  const keyboard = { current: -1 };

  table.setAttribute('aria-rowcount', String(items.length + 1));
  tbody.replaceChildren(top, bottom);

  const bodyTop = () => tbody.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;

  const update = () => {
    if (!tbody.isConnected) { detach(); return; }
    const offset = scroller.scrollTop - bodyTop();
    const first = Math.max(0, Math.floor(offset / rowPx) - MARGIN);
    const last = Math.min(items.length, Math.ceil((offset + scroller.clientHeight) / rowPx) + MARGIN);
    drawRange(first, Math.max(first, last));
  };

  const drawRange = (first, last) => {
    if (first === from && last === to && drawn.size === last - first) return;
    const next = new Map();
    const active = document.activeElement;
    for (const [i, row] of drawn) {
      if (i >= first && i < last) { next.set(i, row); continue; }
      // The focused row leaves the page: the table keeps the focus, the index is kept.
      if (row.contains(active)) { keyboard.current = i; table.focus({ preventScroll: true }); }
      row.remove();
    }
    let before = bottom;
    for (let i = last - 1; i >= first; i--) {
      let row = next.get(i);
      if (!row) {
        row = makeRow(items[i], i);
        row.setAttribute('aria-rowindex', String(i + 2));
        row.dataset.index = String(i);
        next.set(i, row);
        before.before(row);
      }
      before = row;
    }
    drawn = next;
    from = first;
    to = last;
    if (!measured && drawn.size) {
      const height = drawn.values().next().value.getBoundingClientRect().height;
      if (height > 0) { measured = true; rowPx = height; }
    }
    top.firstChild.style.height = `${from * rowPx}px`;
    bottom.firstChild.style.height = `${(items.length - to) * rowPx}px`;
    top.hidden = from === 0;
    bottom.hidden = to === items.length;
  };

  // Brings row `index` into view (the least scroll that shows it whole) and draws around it.
  const scrollTo = (index) => {
    const rowTop = bodyTop() + index * rowPx;
    const head = table.tHead ? table.tHead.getBoundingClientRect().height : 0;
    if (rowTop - head < scroller.scrollTop) scroller.scrollTop = rowTop - head;
    else if (rowTop + rowPx > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = rowTop + rowPx - scroller.clientHeight;
    update();
    return drawn.get(index);
  };

  const focusRow = (index) => {
    const i = Math.max(0, Math.min(items.length - 1, index));
    keyboard.current = i;
    scrollTo(i)?.focus({ preventScroll: true });
  };

  const pageRows = () => Math.max(1, Math.floor(scroller.clientHeight / rowPx) - 1);
  const keys = keysFor(table, items, open, keyboard, focusRow, pageRows);

  let queued = false;
  const onScroll = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; update(); });
  };
  const detach = () => {
    scroller.removeEventListener('scroll', onScroll);
    window.removeEventListener('resize', onScroll);
    keys.detach();
  };
  scroller.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', onScroll);
  update();
  // Once the first rows are measured, the range and the spacers follow their real height.
  update();
  table.dataset.complete = 'true';
  return { scrollTo, focusRow, detach };
}

// The keyboard on the table: Enter or Space opens the row, the arrows, Page Up/Down, Home and
// End move through the whole list (`focusRow` draws as it goes). `keyboard.current` is the row
// the keyboard is on.
function keysFor(table, items, open, keyboard, focusRow, pageRows) {
  const onKey = (e) => {
    const row = e.target.closest ? e.target.closest('tr[data-index]') : null;
    const at = row ? Number(row.dataset.index) : keyboard.current;
    if (e.target !== table && e.target !== row) return;
    if (at < 0) return;
    if ((e.key === 'Enter' || e.key === ' ') && row) { e.preventDefault(); open(items[at]); return; }
    const moves = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + pageRows(), PageUp: at - pageRows(), Home: 0, End: items.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    // From the table (its row scrolled away), any move first comes back to that row.
    focusRow(row ? moves[e.key] : at);
  };
  const onFocus = (e) => {
    const row = e.target.closest ? e.target.closest('tr[data-index]') : null;
    if (row) keyboard.current = Number(row.dataset.index);
  };
  table.addEventListener('keydown', onKey);
  table.addEventListener('focusin', onFocus);
  table.setAttribute('tabindex', '-1');
  return {
    detach: () => {
      table.removeEventListener('keydown', onKey);
      table.removeEventListener('focusin', onFocus);
    },
  };
}

function spacer(columns) {
  return h('tr', { class: 'spacer', 'aria-hidden': 'true' }, h('td', { colspan: String(columns) }));
}
