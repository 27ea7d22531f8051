// A dialog in tabs — the shell of a reading-share session and of a training
// batch: a heading, a line of facts, the tabs, the open tab's pane and the
// actions row with 关闭. Each pane says how it draws itself and what its
// buttons (data-act), inputs, changes and forms do; the shell routes the
// events to the open pane, shows a failure as a toast, and closes on Esc.
// `draw()` renders the whole dialog from its state; `drawPane()` only the
// open tab's pane.

import { html, render } from '../lib/html.js';
import { modal } from './modal.js';
import { toast } from './toast.js';

/**
 * spec:
 *  - prefix: ids `<prefix>-title` and `<prefix>-body`; className
 *  - tabs(): [{ key, label, disabled }]; tab: the tab open first
 *  - title(), facts(): the heading's content and the line below it
 *  - actions(): buttons before 关闭 (their data-act go to `acts`)
 *  - panes: { [key]: { draw(body), acts: { [act]: (event) => … },
 *      input(event), change(event), submit(event), leave() } }
 *  - acts: the dialog-wide buttons
 * Returns the shell: { dialog, tab, $, open, draw, drawPane, drawFacts, close }; `open()`
 * draws it and shows it (after the caller has kept the shell where its panes
 * find it).
 */
export function openTabbedDialog(spec) {
  const { dialog, close } = modal(`form-dialog wide ${spec.className}`, { labelledBy: `${spec.prefix}-title` });

  const shell = {
    dialog,
    tab: spec.tab,
    $: (sel) => dialog.querySelector(sel),
    draw() {
      render(
        dialog,
        html`<h2 id="${spec.prefix}-title">${spec.title()}</h2>
          <div id="${spec.prefix}-facts-box">${spec.facts?.() ?? ''}</div>
          <div class="tabs" role="tablist">${spec.tabs().map(
            (t) => html`<button type="button" role="tab" data-tab="${t.key}" aria-selected="${String(shell.tab === t.key)}" ${t.disabled ? 'disabled' : ''}>${t.label}</button>`,
          )}</div>
          <div id="${spec.prefix}-body"></div>
          <div class="dialog-actions">${spec.actions?.() ?? ''}<button type="button" class="primary" data-act="close">关闭</button></div>`,
      );
      shell.drawPane();
    },
    drawPane() {
      pane().draw(shell.$(`#${spec.prefix}-body`));
    },
    /** Only the line of facts, after a pane learned the record afresh. */
    drawFacts() {
      const box = shell.$(`#${spec.prefix}-facts-box`);
      if (box) render(box, html`${spec.facts?.() ?? ''}`);
    },
    close,
    open() {
      shell.draw();
      dialog.showModal();
    },
  };
  const pane = () => spec.panes[shell.tab];
  const guarded = async (run) => {
    try {
      await run();
    } catch (err) {
      toast(err.message, 'error');
    }
  };

  dialog.addEventListener('click', (e) => {
    const tab = e.target.closest('[data-tab]')?.dataset.tab;
    if (tab) {
      pane().leave?.();
      shell.tab = tab;
      shell.draw();
      return;
    }
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'close') shell.close();
    const run = act && (pane().acts?.[act] ?? spec.acts?.[act]);
    if (run) guarded(() => run(e));
  });
  for (const type of ['input', 'change']) {
    dialog.addEventListener(type, (e) => {
      const run = pane()[type];
      if (run) guarded(() => run(e));
    });
  }
  dialog.addEventListener('submit', (e) => {
    e.preventDefault();
    const run = pane().submit;
    if (run) guarded(() => run(e));
  });
  return shell;
}

/** The clashes found for a draft, as the list under its form. */
export function conflictItems(conflicts) {
  return html`${conflicts.map((c) => html`<li class="conflict">⚠ 冲突：${c.message}</li>`)}`;
}
