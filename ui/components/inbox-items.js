// One readers' request in 待处理, as an entry: who asked (name, card and
// department or delegation, 同名 when another of that name is in the
// inbox), what they asked, and the decisions a role that makes them may
// take, each one button; a refusal opens a field for the reason the reader
// will see. Each entry keeps a line for what the core answered.

import { html } from '../lib/html.js';
import { REFUSALS, excerpt, whenText, whoTag } from '../lib/inbox.js';
import { officeDate } from '../lib/vocabulary.js';

/** The id an entry of `key` is found by (a sign-up: its event and reader). */
export function itemId(key, item) {
  return key === 'signups' ? `${item.kind}:${item.event_id}:${item.person_id}` : String(item.id);
}

const KIND_WORD = { sharing: '读书分享', training: '履职培训' };

function who(item, twins) {
  const name = item.person_name ?? item.name;
  const tag = whoTag(item);
  return html`<div class="req-who"><b>${name}</b>${tag ? html` <span class="hint">${tag}</span>` : ''}${
    twins.has(name) ? html` <span class="tag tone-warn" title="待处理中有同名的人：看借书证号和部门/代表团">同名</span>` : ''
  }</div>`;
}

function subject(key, it, ctx) {
  switch (key) {
    case 'signups': {
      const place = ctx.places.get(itemId(key, it));
      return html`<div class="req-what"><span class="tag kind-${it.kind}">${KIND_WORD[it.kind]}</span> ${it.event_title}
        <span class="hint">${whenText(it.start)}</span></div>
        <p class="req-meta hint">候补第 ${place ?? '?'} 位 · 报名于 ${officeDate(it.queued_at)}；名额空出时会自动递补，准予参加则超出人数上限。</p>`;
    }
    case 'offers':
      return html`<div class="req-what">想在 <b>${it.session_theme}</b> <span class="hint">${whenText(it.session_starts_at)}</span> 领读${it.book_title ? html`《${it.book_title}》` : html`<span class="hint">（书已不在馆藏中）</span>`}</div>
        <blockquote class="req-body">分享题目：${it.topic}</blockquote>
        <p class="req-meta hint">提交于 ${officeDate(it.created_at)}；接受后即为本次活动的领读人，与组织者添加的一样。</p>`;
    case 'leave':
      return html`<div class="req-what">为 <b>${it.subject}</b> <span class="hint">${it.batch_name} · ${whenText(it.starts_at)}</span> 请假</div>
        <blockquote class="req-body">${it.reason}</blockquote>
        <p class="req-meta hint">提交于 ${officeDate(it.created_at)}；准假后这次课的考勤记为“请假”。</p>`;
    case 'notes': {
      const { head, rest } = excerpt(it.body);
      return html`<div class="req-what">读《${it.book_title}》的心得${it.session_theme ? html` <span class="hint">· 为“${it.session_theme}”而写</span>` : ''}${
        it.featured ? html` <span class="tag tone-ok">精选</span>` : ''
      }</div>
        <div class="req-body note-body">${head}${rest ? html`<details><summary>展开全文（共 ${[...it.body].length} 字）</summary>${rest}</details>` : ''}</div>
        <p class="req-meta hint">提交于 ${officeDate(it.created_at)}${it.decided_at ? ` · 处理于 ${officeDate(it.decided_at)}` : ''}</p>`;
    }
    case 'suggestions':
      return html`<div class="req-what">荐购${it.kind === 'periodical' ? html`<span class="tag">报刊</span> ` : ''}《${it.title}》 <span class="hint">${[it.author, it.publisher, it.isbn ? `ISBN ${it.isbn}` : null].filter(Boolean).join(' · ')}</span></div>
        ${it.reason ? html`<blockquote class="req-body">${it.reason}</blockquote>` : ''}
        <p class="req-meta"><span class="req-check hint" data-check="${it.id}">正在查馆藏…</span> <span class="hint">· 提交于 ${officeDate(it.created_at)}</span></p>`;
    default:
      return '';
  }
}

// The decisions of each kind: [act, words, primary?]; a refusal's words end in …
function decisions(key, item) {
  switch (key) {
    case 'signups':
      return [['admit', '准予参加（超出名额）', true], ['drop', '移出候补']];
    case 'offers':
      return [['accept', '接受，成为领读人', true], ['refuse', REFUSALS.offers.act]];
    case 'leave':
      return [['approve', '准假', true], ['refuse', REFUSALS.leave.act]];
    case 'notes':
      if (item.status === 'published') {
        return [[item.featured ? 'unfeature' : 'feature', item.featured ? '取消精选' : '设为精选'], ['hide', '隐藏']];
      }
      if (item.status === 'hidden') return [['publish', '重新发表']];
      if (item.status === 'returned') return [];
      return [['publish', '发表', true], ['feature', '发表为精选'], ['refuse', REFUSALS.notes.act], ['hide', '隐藏']];
    case 'suggestions':
      return [['accept', '采纳', true], ['refuse', REFUSALS.suggestions.act]];
    default:
      return [];
  }
}

/** One request as an entry; `ctx`: { decides, twins, places, decider }. */
export function requestItem(key, item, ctx) {
  const id = itemId(key, item);
  const acts = decisions(key, item);
  return html`<article class="request" data-key="${key}" data-id="${id}" tabindex="-1">
    <div class="req-main">${who(item, ctx.twins)}${subject(key, item, ctx)}</div>
    <div class="req-actions">${
      ctx.decides
        ? acts.map(([act, words, primary]) => html`<button type="button" class="${primary ? 'primary' : ''}" data-decide="${act}">${words}</button>`)
        : html`<span class="hint">由${ctx.decider}处理</span>`
    }</div>
    <p class="req-msg" role="status" id="msg-${key}-${id.replace(/:/g, '-')}"></p>
  </article>`;
}

/** The field for a refusal's reason, under its entry; Enter sends, Esc goes back. */
export function reasonForm(key, id) {
  const r = REFUSALS[key];
  return html`<form class="req-reason inline-form" data-reason-for="${id}" novalidate>
    <label>${r.label} <input type="text" name="reason" maxlength="500" class="wide-input" placeholder="${r.hint}" autocomplete="off" required aria-describedby="msg-${key}-${id.replace(/:/g, '-')}"></label>
    <button type="submit" class="primary">${r.act.replace('…', '')}</button>
    <button type="button" data-cancel-reason>取消</button>
    <span class="hint">理由会告诉读者。</span>
  </form>`;
}

/** Accepted suggestions still to arrive, and those arrived lately, each with its reader. */
export function suggestionFollowUp({ waiting, arrived }) {
  const row = (s, what) =>
    html`<tr><td>${s.kind === 'periodical' ? html`<span class="tag">报刊</span> ` : ''}《${s.title}》${s.author ? html` <span class="hint">${s.author}</span>` : ''}</td><td>${s.person_name} <span class="hint">${whoTag(s)}</span></td><td class="nowrap">${what}</td></tr>`;
  return html`${waiting.length ? html`<h4>已采纳，等待到馆（${waiting.length}）</h4><table class="grid compact req-follow" id="inbox-accepted"><tbody>${waiting.map((s) => row(s, `采纳于 ${officeDate(s.decided_at)}`))}</tbody></table>` : ''}
    ${arrived.length ? html`<h4>近 30 天已到馆（${arrived.length}）</h4><table class="grid compact req-follow" id="inbox-arrived"><tbody>${arrived.map((s) => row(s, html`<span class="tag tone-ok">已到馆</span> ${officeDate(s.arrived_at)} · ${s.kind === 'periodical' ? '已订阅' : '已为荐购人预约'}`))}</tbody></table>` : ''}`;
}
