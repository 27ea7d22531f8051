// 传阅: a serial's routing list — people (from the person picker) or
// departments by name, in order, with the working days each keeps an
// issue; an issue's legs, started, passed on and its slip printed; and the
// legs overdue today, across every serial.

import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { legState, stopName } from '../../lib/periodicals.js';
import { mayChange, officeToday, statusLabel } from '../../lib/vocabulary.js';
import { operatorRole } from '../../lib/operator.js';
import { pickPerson } from '../../components/person-picker.js';
import { toast } from '../../components/toast.js';
import { printRoutingSlip } from './paper.js';

const IN_HAND = ['received', 'partial', 'bound'];

export function mountRouting(el, params) {
  const v = {
    el,
    may: mayChange(operatorRole(), 'serial'),
    serials: [],
    titleId: Number(params.get('title')) || null,
    stops: [],
    dirty: false,
    issues: [],
    issueId: null,
    legs: [],
    overdue: [],
    $: (sel) => el.querySelector(sel),
  };
  el.addEventListener('change', (e) => {
    if (e.target.id === 'routing-serial') chooseSerial(v, Number(e.target.value));
    else if (e.target.id === 'routing-issue') chooseIssue(v, Number(e.target.value));
    else if (e.target.dataset.days !== undefined) {
      v.stops[Number(e.target.dataset.days)].days = Number(e.target.value);
      v.dirty = true;
      drawList(v);
    }
  });
  el.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    const at = Number(e.target.closest('[data-stop]')?.dataset.stop);
    if (act === 'add-person') addPerson(v);
    else if (act === 'up') move(v, at, -1);
    else if (act === 'down') move(v, at, 1);
    else if (act === 'remove') {
      v.stops.splice(at, 1);
      v.dirty = true;
      drawList(v);
    } else if (act === 'save') saveList(v);
    else if (act === 'start') start(v);
    else if (act === 'pass') passOn(v, v.issueId);
    else if (act === 'print') v.legs.length && printRoutingSlip(v.legs);
    else if (act === 'pass-overdue') passOn(v, Number(e.target.closest('[data-issue]').dataset.issue));
  });
  el.addEventListener('submit', (e) => {
    if (e.target.id !== 'routing-add-dept') return;
    e.preventDefault();
    const name = e.target.elements.department.value.trim();
    if (!name) return;
    v.stops.push({ person_id: null, department: name, name: null, days: 2 });
    v.dirty = true;
    drawList(v);
    v.$('#routing-dept').focus();
  });
  render(
    el,
    html`<div class="routing">
      <div class="routing-cols">
        <section class="panel">
          <div class="field"><label for="routing-serial">报刊</label><select id="routing-serial"></select></div>
          <div id="routing-list"></div>
        </section>
        <section class="panel">
          <h2>期次的传阅</h2>
          <div class="field"><label for="routing-issue">期次</label><select id="routing-issue"></select></div>
          <div id="routing-legs"></div>
        </section>
      </div>
      <section class="panel"><h2>传阅逾期 <span class="sub">${officeToday()} 已过应交回日（按工作日计）</span></h2><div id="routing-overdue"></div></section>
    </div>`,
  );
  load(v);
  return {};
}

async function load(v) {
  try {
    const year = Number(officeToday().slice(0, 4));
    const [subs, overdue] = await Promise.all([api.subscriptions(year), api.overdueRouting()]);
    const seen = new Set();
    v.serials = subs.filter((s) => !seen.has(s.title_id) && seen.add(s.title_id));
    v.overdue = overdue;
    // Which serials go round: named in the list, and the first of them opened.
    const lists = await Promise.all(v.serials.map((s) => api.routingList(s.title_id)));
    const routed = new Set(v.serials.filter((_, i) => lists[i].stops.length).map((s) => s.title_id));
    render(
      v.$('#routing-serial'),
      html`${v.serials.map(
        (s) => html`<option value="${s.title_id}">《${s.title}》${s.postal_code ? ` ${s.postal_code}` : ''}${routed.has(s.title_id) ? '（有传阅名单）' : ''}</option>`,
      )}${v.serials.length ? '' : html`<option value="">（今年还没有订阅）</option>`}`,
    );
    drawOverdue(v);
    const first = v.serials.find((s) => s.title_id === v.titleId) ?? v.serials.find((s) => routed.has(s.title_id)) ?? v.serials[0];
    if (first) {
      v.$('#routing-serial').value = String(first.title_id);
      await chooseSerial(v, first.title_id);
    } else {
      drawList(v);
      drawLegs(v);
    }
  } catch (e) {
    toast(e.message, 'error');
  }
}

async function chooseSerial(v, titleId) {
  v.titleId = titleId;
  const subs = v.serials.filter((s) => s.title_id === titleId);
  try {
    const [list, ...issueLists] = await Promise.all([api.routingList(titleId), ...subs.map((s) => api.subscriptionIssues(s.id))]);
    v.stops = list.stops;
    v.revision = list.revision;
    v.dirty = false;
    v.issues = issueLists.flat().filter((i) => IN_HAND.includes(i.status)).reverse();
  } catch (e) {
    toast(e.message, 'error');
  }
  drawList(v);
  render(
    v.$('#routing-issue'),
    html`${v.issues.map((i) => html`<option value="${i.id}">${i.label}（${statusLabel('issue', i.status)}，${i.received_on ?? ''} 到）</option>`)}${v.issues.length ? '' : html`<option value="">（还没有到刊的期次）</option>`}`,
  );
  await chooseIssue(v, v.issues[0]?.id ?? null);
}

async function chooseIssue(v, issueId) {
  v.issueId = issueId;
  try {
    v.legs = issueId ? await api.issueRouting(issueId) : [];
  } catch (e) {
    toast(e.message, 'error');
  }
  drawLegs(v);
}

function drawList(v) {
  const box = v.$('#routing-list');
  if (!v.titleId) return render(box, html`<p class="hint">先订阅报刊，再为它设传阅名单。</p>`);
  render(
    box,
    html`<h2>传阅名单 <span class="sub">按顺序传，每站的天数为工作日</span></h2>
      ${v.stops.length
        ? html`<table class="grid compact" id="routing-stops" aria-label="传阅名单"><thead><tr><th class="num">序</th><th>传阅人/部门</th><th>天数</th>${v.may ? html`<th></th>` : ''}</tr></thead>
          <tbody>${v.stops.map(
            (s, i) => html`<tr data-stop="${i}"><td class="num">${i + 1}</td><td class="name">${stopName(s)}${s.person_id ? '' : html` <span class="tag">部门</span>`}</td>
              <td>${v.may ? html`<input type="number" min="1" max="30" class="tiny-input" data-days="${i}" value="${s.days}" aria-label="${stopName(s)} 的天数">` : `${s.days} 天`}</td>
              ${v.may
                ? html`<td class="row-actions"><button type="button" class="link" data-act="up" ${i ? '' : html`disabled`} aria-label="上移">↑</button>
                    <button type="button" class="link" data-act="down" ${i < v.stops.length - 1 ? '' : html`disabled`} aria-label="下移">↓</button>
                    <button type="button" class="link" data-act="remove">移除</button></td>`
                : ''}</tr>`,
          )}</tbody></table>`
        : html`<p class="hint">这份报刊没有传阅名单：到刊后留在阅览室。</p>`}
      ${v.may
        ? html`<div class="routing-add"><button type="button" data-act="add-person">加一个人…</button>
            <form id="routing-add-dept" class="inline-form"><label for="routing-dept">或部门</label><input id="routing-dept" name="department" type="text" maxlength="100" autocomplete="off" placeholder="如 研究室"><button type="submit">加入</button></form>
            <button type="button" class="primary" data-act="save" ${v.dirty ? '' : html`disabled`}>保存名单</button></div>`
        : ''}`,
  );
}

async function addPerson(v) {
  const p = await pickPerson({ title: '加入传阅名单', hint: '按顺序排在名单最后；天数可以改。' });
  if (!p) return;
  v.stops.push({ person_id: p.id, name: p.name, department: null, days: 2 });
  v.dirty = true;
  drawList(v);
}

function move(v, at, by) {
  const to = at + by;
  if (to < 0 || to >= v.stops.length) return;
  [v.stops[at], v.stops[to]] = [v.stops[to], v.stops[at]];
  v.dirty = true;
  drawList(v);
  v.$(`[data-stop="${to}"] [data-act=${by < 0 ? 'up' : 'down'}]`)?.focus();
}

async function saveList(v) {
  try {
    const stops = v.stops.map((s) => ({ person_id: s.person_id ?? null, department: s.person_id ? null : s.department, days: s.days }));
    const saved = await api.setRoutingList(v.titleId, stops, v.revision ?? 0);
    v.stops = saved.stops;
    v.revision = saved.revision;
    v.dirty = false;
    const option = v.$('#routing-serial').selectedOptions[0];
    if (option) option.textContent = option.textContent.replace('（有传阅名单）', '') + (v.stops.length ? '（有传阅名单）' : '');
    toast('传阅名单已保存。');
    drawList(v);
  } catch (e) {
    toast(e.message, 'error');
  }
}

const LEG_WORDS = { waiting: '未到', with: '传阅中', back: '已交回' };

function drawLegs(v) {
  const box = v.$('#routing-legs');
  if (!v.issueId) return render(box, html`<p class="hint">选择一期已到的报刊，看它传到了哪里。</p>`);
  const current = v.legs.find((l) => legState(l) === 'with');
  render(
    box,
    html`${v.legs.length
      ? html`<table class="grid compact" id="routing-legs-table" aria-label="传阅进度"><thead><tr><th class="num">序</th><th>传阅人/部门</th><th>收到</th><th>应交回</th><th>交回</th><th>状态</th></tr></thead>
        <tbody>${v.legs.map(
          (l) => html`<tr class="${legState(l) === 'with' ? 'ready' : ''}"><td class="num">${l.position}</td><td class="name">${stopName(l)}</td><td class="nowrap">${l.given_on ?? ''}</td>
            <td class="nowrap">${l.due_on ?? ''}</td><td class="nowrap">${l.returned_on ?? ''}</td><td>${LEG_WORDS[legState(l)]}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="hint">这一期还没有开始传阅。</p>`}
      <div class="actions">${v.may && !v.legs.length && v.stops.length ? html`<button type="button" class="primary" data-act="start">开始传阅并打印传阅单</button>` : ''}
        ${v.may && current ? html`<button type="button" class="primary" data-act="pass">${stopName(current)} 已交回，传下一站</button>` : ''}
        ${v.legs.length ? html`<button type="button" data-act="print">打印传阅单</button>` : ''}</div>`,
  );
}

async function start(v) {
  try {
    v.legs = await api.startRouting(v.issueId);
    drawLegs(v);
    printRoutingSlip(v.legs);
  } catch (e) {
    toast(e.message, 'error');
  }
}

async function passOn(v, issueId) {
  try {
    const legs = await api.passRoutingOn(issueId);
    const next = legs.find((l) => legState(l) === 'with');
    toast(next ? `已交回，传给 ${stopName(next)}。` : '已交回，这一期传阅完毕。');
    if (issueId === v.issueId) {
      v.legs = legs;
      drawLegs(v);
    }
    v.overdue = await api.overdueRouting();
    drawOverdue(v);
  } catch (e) {
    toast(e.message, 'error');
  }
}

function drawOverdue(v) {
  render(
    v.$('#routing-overdue'),
    v.overdue.length
      ? html`<table class="grid compact" id="routing-overdue-table" aria-label="传阅逾期"><thead><tr><th>报刊</th><th>期次</th><th>传阅人/部门</th><th>收到</th><th>应交回</th>${v.may ? html`<th></th>` : ''}</tr></thead>
        <tbody>${v.overdue.map(
          (l) => html`<tr class="overdue" data-issue="${l.issue_id}"><td class="name">《${l.title}》</td><td>${l.label}</td><td>${stopName(l)}</td><td class="nowrap">${l.given_on ?? ''}</td><td class="nowrap">${l.due_on ?? ''}</td>
            ${v.may ? html`<td class="row-actions"><button type="button" class="link" data-act="pass-overdue">已交回，传下一站</button></td>` : ''}</tr>`,
        )}</tbody></table>`
      : html`<p class="hint">没有逾期的传阅。</p>`,
  );
}
