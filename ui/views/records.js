// 学习档案: one person's record for a period (books borrowed, reading-share
// sessions presented and attended, training completed or missed), printable
// on one page and exportable; and the same figures per department or
// delegation, or per professional group, ranked per head.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { longDate, stillOut } from '../lib/circulation.js';
import { unitOf } from '../lib/people.js';
import { kindLabel, officeToday } from '../lib/vocabulary.js';
import { pickPerson } from '../components/person-picker.js';
import { printPages } from '../components/print.js';
import { toast } from '../components/toast.js';

const MODES = [
  ['person', '个人档案'],
  ['unit', '按部门/代表团'],
  ['group', '按专业小组'],
];

/** A book not yet back, as its row's last cell says it. */
function outNow(dueOn) {
  const out = stillOut(dueOn, officeToday());
  return html`<span class="${out.late ? 'tone-warn' : 'hint'}">${out.text}</span>`;
}

export function mountRecords(host, params = new URLSearchParams()) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'records';
  host.replaceChildren(root);
  const year = officeToday().slice(0, 4);
  const state = { mode: 'person', from: `${year}-01-01`, to: `${year}-12-31`, person: params.get('person') ? Number(params.get('person')) : null, record: null, units: [] };

  render(
    root,
    html`<header class="view-head"><h1>学习档案</h1>
        <div class="actions"><button type="button" data-act="print">打印</button><button type="button" data-act="export">导出 Excel</button></div></header>
      <div class="toolbar">
        <span class="tabs" role="tablist">${MODES.map(([k, l]) => html`<button type="button" role="tab" data-mode="${k}">${l}</button>`)}</span>
        <label>从 <input id="rec-from" type="date" value="${state.from}"></label>
        <label>到 <input id="rec-to" type="date" value="${state.to}"></label>
        <button type="button" data-act="pick" id="rec-pick">选择人员…</button>
      </div>
      <div id="rec-body" class="list-body record-body"></div>`,
  );
  const $ = (sel) => root.querySelector(sel);

  async function load() {
    for (const b of root.querySelectorAll('[data-mode]')) b.setAttribute('aria-selected', String(b.dataset.mode === state.mode));
    $('#rec-pick').hidden = state.mode !== 'person';
    try {
      if (state.mode === 'person') {
        state.record = state.person ? await api.personRecord(state.person, state.from, state.to) : null;
        drawPerson();
      } else {
        state.units = await api.unitFigures(state.mode === 'group', state.from, state.to);
        drawUnits();
      }
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function drawPerson() {
    const r = state.record;
    if (!r) {
      render($('#rec-body'), html`<div class="empty"><h2>选择一位人员</h2><p>学习档案汇总一个人在所选时间内借阅的图书、领读和参加的读书分享、参加的培训及结业情况。</p>
        <div class="actions"><button type="button" class="primary" data-act="pick">选择人员…</button></div></div>`);
      return;
    }
    const p = r.person;
    const t = r.totals;
    render(
      $('#rec-body'),
      html`<article class="record" id="record">
        <h2>${p.name} 的学习档案 <span class="sub">${kindLabel(p.kind)} · ${unitOf(p)}${p.professional_group ? ` · ${p.professional_group}` : ''}</span></h2>
        <p class="hint">${longDate(r.from)} 至 ${longDate(r.to)}</p>
        <div class="stat-row" id="record-totals">
          <div class="stat"><b data-total="borrowed">${t.borrowed}</b><span>借阅图书</span></div>
          <div class="stat"><b data-total="presented">${t.presented}</b><span>领读分享</span></div>
          <div class="stat"><b data-total="attended">${t.attended}</b><span>参加分享</span></div>
          <div class="stat"><b data-total="trainings_completed">${t.trainings_completed}</b><span>培训结业</span></div>
          <div class="stat ${t.trainings_missed ? 'warn' : ''}"><b data-total="trainings_missed">${t.trainings_missed}</b><span>培训未结业</span></div>
        </div>
        <h3>借阅（${r.borrowed.length}）</h3>
        ${r.borrowed.length ? html`<table class="grid compact"><thead><tr><th>借出</th><th>书名</th><th>作者</th><th>归还</th></tr></thead><tbody>${r.borrowed.map((b) => html`<tr><td class="nowrap">${b.borrowed_on}</td><td>《${b.title}》</td><td>${b.authors ?? ''}</td><td class="nowrap">${b.returned_on ?? outNow(b.due_on)}</td></tr>`)}</tbody></table>` : html`<p class="hint">这段时间没有借阅。</p>`}
        <h3>读书分享：领读（${r.presented.length}）、参加（${r.attended.length}）</h3>
        ${r.presented.length || r.attended.length
          ? html`<table class="grid compact"><tbody>${r.presented.map((s) => html`<tr><td class="nowrap">${s.starts_at.slice(0, 10)}</td><td>${s.theme}</td><td><span class="tag">领读</span> ${s.book ? `《${s.book}》` : ''}${s.topic ? ` ${s.topic}` : ''}</td></tr>`)}
              ${r.attended.map((s) => html`<tr><td class="nowrap">${s.starts_at.slice(0, 10)}</td><td>${s.theme}</td><td>参加</td></tr>`)}</tbody></table>`
          : html`<p class="hint">这段时间没有参加读书分享。</p>`}
        <h3>履职培训（${r.trainings.length}）</h3>
        ${r.trainings.length ? html`<table class="grid compact"><tbody>${r.trainings.map((x) => html`<tr><td>${x.topic}</td><td>${x.batch}</td><td class="nowrap">${x.starts_on ?? ''}</td><td>出勤 ${x.present}/${x.held}${x.leave ? `，请假 ${x.leave}` : ''}</td><td>${x.completed ? html`<span class="tone-ok">结业</span>` : x.missed ? html`<span class="tone-warn">未结业</span>` : '进行中'}</td></tr>`)}</tbody></table>` : html`<p class="hint">这段时间没有参加培训。</p>`}
      </article>`,
    );
  }

  function drawUnits() {
    const group = state.mode === 'group';
    render(
      $('#rec-body'),
      state.units.length
        ? html`<article class="record" id="record"><h2>${group ? '各专业小组' : '各部门、代表团'}学习情况 <span class="sub">${longDate(state.from)} 至 ${longDate(state.to)}</span></h2>
            <table class="grid" id="units-table"><thead><tr><th class="num">排名</th><th>${group ? '专业小组' : '部门/代表团'}</th><th class="num">人数</th><th class="num">借阅人数</th><th class="num">借阅</th><th class="num">领读</th><th class="num">参加分享</th><th class="num">培训结业</th><th class="num">人均</th></tr></thead>
            <tbody>${state.units.map((u, i) => html`<tr><td class="num">${i + 1}</td><td>${u.unit}</td><td class="num">${u.people}</td><td class="num">${u.readers}</td><td class="num">${u.borrowed}</td><td class="num">${u.presented}</td><td class="num">${u.attended}</td><td class="num">${u.trainings_completed}</td><td class="num"><b>${u.per_head.toFixed(2)}</b></td></tr>`)}</tbody></table>
            <p class="hint">人均 = （借阅 + 领读 + 参加分享 + 培训结业）÷ 人数。</p></article>`
        : html`<div class="empty"><p>还没有人员。</p></div>`,
    );
  }

  root.addEventListener('click', async (e) => {
    const mode = e.target.closest('[data-mode]')?.dataset.mode;
    if (mode) {
      state.mode = mode;
      return load();
    }
    const act = e.target.closest('[data-act]')?.dataset.act;
    try {
      if (act === 'pick') {
        const p = await pickPerson({ title: '查看学习档案' });
        if (p) {
          state.person = p.id;
          load();
        }
      } else if (act === 'print') {
        const record = $('#record');
        if (!record) return toast('请先选择人员。', 'error');
        const page = document.createElement('section');
        page.className = 'print-flow';
        page.append(record.cloneNode(true));
        printPages([page], { className: 'paper' });
      } else if (act === 'export') {
        if (state.mode === 'person') {
          if (!state.person) return toast('请先选择人员。', 'error');
          toast(`已导出到 ${await api.exportPersonRecord(state.person, state.from, state.to)}`);
        } else toast(`已导出到 ${await api.exportUnitFigures(state.mode === 'group', state.from, state.to)}`);
      }
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  root.addEventListener('change', (e) => {
    if (e.target.id === 'rec-from') state.from = e.target.value;
    else if (e.target.id === 'rec-to') state.to = e.target.value;
    else return;
    if (state.from && state.to) load();
  });
  load();
  return {};
}
