// 报名, a tab of the session dialog and of the batch dialog: open the event
// for readers to sign up on the intranet pages (capacity, last day) or stop
// it, with how many are on the list and waiting; and the readers waiting
// for a place, each taken in beyond the capacity or taken off the list.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { namesakes, oldestFirst, whoTag } from '../lib/inbox.js';
import { signupState, signupTerms } from '../lib/signup.js';
import { operatorRole } from '../lib/operator.js';
import { mayChange, officeDate } from '../lib/vocabulary.js';

// What differs between a session and a batch.
const KINDS = {
  sharing: {
    of: (detail) => detail.session,
    fetch: api.shareSessionDetail,
    lastDay: (e) => e.starts_at.slice(0, 10),
    listed: (e) => e.invited,
    entity: 'share_session',
    listWord: '已在名单',
    listHint: '报名的读者和组织者邀请的人在同一名单中',
    capacityHint: (e) => (e.capacity ? '' : `不填则按场地容量${e.venue_name ? `（${e.venue_name}）` : ''}，没有则不限人数`),
    open: api.openShareSignup,
    decide: api.decideShareWaitlist,
  },
  training: {
    of: (detail) => detail.batch,
    fetch: api.trainingBatchDetail,
    lastDay: (e) => e.ends_on ?? e.starts_on ?? '',
    listed: (e) => e.enrolled,
    entity: 'training_batch',
    listWord: '已报名',
    listHint: '读者报名即为学员，与组织者的报名同一名单，时间冲突照样检查',
    capacityHint: () => '',
    open: api.openBatchSignup,
    decide: api.decideBatchWaitlist,
  },
};

/** The pane for `kind` ('sharing' or 'training'); `ctx` is the dialog's: { detail, reload, shell, onChanged }. */
export function signupPane(ctx, kind) {
  const k = KINDS[kind];
  const $ = (sel) => ctx.shell.$(sel);
  const pane = { event: null, waiting: [], message: null };

  // The event as it stands now: readers sign up while the dialog is open.
  async function fetchState() {
    const e = k.of(ctx.detail);
    const [detail, events, waiting] = await Promise.all([k.fetch(e.id), api.signupEvents(), api.waitingSignups()]);
    ctx.detail = detail;
    pane.event = events.find((x) => x.kind === kind && x.id === e.id) ?? null;
    pane.waiting = oldestFirst(waiting.filter((w) => w.kind === kind && w.event_id === e.id), 'queued_at');
  }

  function draw(body) {
    const e = k.of(ctx.detail);
    const may = mayChange(operatorRole(), k.entity);
    const state = signupState(pane.event);
    const twins = namesakes(pane.waiting);
    render(
      body,
      html`<p class="signup-state" id="su-state"><span class="tag tone-${state.tone}">${{ open: '报名中', full: '已满', closed: '已截止', none: '未开放', past: '已过' }[state.code]}</span> ${state.text}</p>
        <div class="signup-figures">
          <div class="stat"><b id="su-listed">${k.listed(e)}</b><span>${k.listWord}${e.capacity ? `（上限 ${e.capacity}）` : ''}</span></div>
          <div class="stat"><b id="su-waiting">${e.waitlisted ?? 0}</b><span>候补</span></div>
        </div>
        <p class="hint">${k.listHint}。</p>
        <form class="signup-form" id="su-form" novalidate>
          <div class="field"><label for="su-capacity">人数上限</label><input id="su-capacity" type="number" min="1" class="tiny-input" value="${e.capacity ?? ''}">
            ${k.capacityHint(e) ? html`<span class="hint">${k.capacityHint(e)}</span>` : ''}</div>
          <div class="field"><label for="su-until">报名截止</label><input id="su-until" type="date" value="${e.signup_until ?? ''}" max="${k.lastDay(e)}">
            <span class="hint">不填则到活动当天为止；读者在截止日当天仍可报名</span></div>
          <div class="dialog-actions">
            ${!may ? html`<span class="hint">报名由活动组织者开放和停止。</span>` : e.signup_open ? html`<button type="button" data-act="stop-signup">停止报名</button><button type="submit" class="primary">保存报名设置</button>` : html`<button type="submit" class="primary" ${state.code === 'past' ? 'disabled' : ''}>开放报名</button>`}
          </div>
          <p class="req-msg" id="su-msg" role="status"></p>
        </form>
        <h3>读者报名的候补 ${pane.waiting.length ? html`<span class="hint">${pane.waiting.length} 人，按报名先后；名额空出时第一位自动递补</span>` : ''}</h3>
        ${(e.waitlisted ?? 0) > pane.waiting.length ? html`<p class="hint">另有 ${e.waitlisted - pane.waiting.length} 人由组织者排入候补，见“学员”。</p>` : ''}
        ${pane.waiting.length
          ? html`<table class="grid compact" id="su-waitlist"><tbody>${pane.waiting.map(
              (w, i) => html`<tr data-person="${w.person_id}"><td>第 ${i + 1} 位</td><td>${w.person_name}${twins.has(w.person_name) ? html` <span class="tag tone-warn">同名</span>` : ''} <span class="hint">${whoTag(w)}</span></td><td class="hint">报名于 ${officeDate(w.queued_at)}</td>
                <td class="row-actions">${may ? html`<button type="button" class="link" data-act="admit">准予参加（超出名额）</button><button type="button" class="link" data-act="drop">移出候补</button>` : ''}</td></tr>`,
            )}</tbody></table>`
          : html`<p class="hint">没有读者在候补。${e.signup_open ? '名额满后再报名的读者会排在这里。' : ''}</p>`}`,
    );
    if (pane.message) say(pane.message.text, pane.message.tone);
    pane.message = null;
  }

  function say(text, tone) {
    const msg = $('#su-msg');
    if (!msg) return;
    msg.textContent = text;
    msg.className = `req-msg tone-${tone}`;
  }

  async function change(open) {
    const e = k.of(ctx.detail);
    const { until, capacity } = signupTerms($('#su-until').value, $('#su-capacity').value);
    try {
      await k.open(e.id, open, open ? until : null, capacity);
    } catch (err) {
      pane.message = null;
      say(err.message, 'error');
      if (err.field === 'capacity') $('#su-capacity').focus();
      if (err.field === 'until') $('#su-until').focus();
      return;
    }
    pane.message = { text: open ? (e.signup_open ? '报名设置已保存。' : '已开放报名，读者可在局域网页面上报名。') : '已停止报名。', tone: 'ok' };
    await refresh();
  }

  // The dialog redrawn on the event as it now stands (its facts line too).
  async function refresh() {
    await ctx.reload();
    ctx.shell.draw();
  }

  return {
    async draw(body) {
      render(body, html`<p class="hint">正在读取报名情况…</p>`);
      try {
        await fetchState();
      } catch (err) {
        render(body, html`<p class="tone-error">${err.message}</p>`);
        return;
      }
      if (ctx.shell.tab !== 'signup') return;
      ctx.shell.drawFacts();
      draw(body);
    },
    submit: () => change(true),
    acts: {
      'stop-signup': () => change(false),
      admit: (e) => decide(e, true),
      drop: (e) => decide(e, false),
    },
  };

  async function decide(e, admit) {
    const personId = Number(e.target.closest('[data-person]').dataset.person);
    try {
      await k.decide(k.of(ctx.detail).id, personId, admit);
    } catch (err) {
      say(err.message, 'error');
      return;
    }
    const w = pane.waiting.find((x) => x.person_id === personId);
    pane.message = { text: `${w?.person_name ?? ''}${admit ? '已准予参加' : '已移出候补'}。`, tone: 'ok' };
    await refresh();
  }
}
