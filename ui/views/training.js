// 履职培训: topics on the left; the chosen topic's batches (open one for its
// sessions, trainees, attendance and results), new batches, automatic
// assignment; and coverage by professional group.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { groupLabel, heldCount } from '../lib/training.js';
import { groups, officeToday, statusLabel } from '../lib/vocabulary.js';
import { openAssignDialog } from '../components/assign-dialog.js';
import { openBatchDialog } from '../components/batch-dialog.js';
import { pickPerson } from '../components/person-picker.js';
import { toast } from '../components/toast.js';

export function mountTraining(host) {
  const root = document.createElement('div');
  root.className = 'view';
  root.dataset.view = 'training';
  host.replaceChildren(root);
  const year = Number(officeToday().slice(0, 4));
  const state = { topics: [], topic: null, batches: [], venues: [], mode: 'topics', coverage: [] };

  render(
    root,
    html`<header class="view-head"><h1>代表履职培训</h1>
        <div class="actions"><span class="tabs" role="tablist"><button type="button" role="tab" data-mode="topics">专题与批次</button><button type="button" role="tab" data-mode="coverage">覆盖情况</button></span></div>
      </header>
      <div id="training-body" class="training-layout"></div>`,
  );
  const $ = (sel) => root.querySelector(sel);

  async function load() {
    try {
      [state.topics, state.venues] = await Promise.all([api.trainingTopics(), api.venues()]);
      if (!state.topic && state.topics.length) state.topic = state.topics[0].id;
      state.batches = state.topic ? await api.trainingBatches(state.topic) : [];
      if (state.mode === 'coverage') state.coverage = await api.trainingCoverage(year);
      draw();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function draw() {
    for (const b of root.querySelectorAll('[data-mode]')) b.setAttribute('aria-selected', String(b.dataset.mode === state.mode));
    render($('#training-body'), state.mode === 'coverage' ? coveragePanel(year, state.coverage) : html`${topicsAside(state)}${topicMain(state)}`);
  }

  root.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await saveForm(root, state, e.target.id);
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  root.addEventListener('click', (e) => {
    const mode = e.target.closest('[data-mode]')?.dataset.mode;
    const topic = e.target.closest('[data-topic]');
    const row = e.target.closest('tr[data-id]');
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (mode || topic) {
      if (mode) state.mode = mode;
      else state.topic = Number(topic.dataset.topic);
      load();
    } else if (row) openBatchDialog(Number(row.dataset.id), { onChanged: load });
    else if (act === 'edit-topic') {
      const form = $('#training-topic-form');
      form.hidden = !form.hidden;
      if (!form.hidden) $('#te-name').focus();
    } else if (act === 'history') showHistory($('#training-history'));
    else if (act === 'assign') openAssignDialog(state.topics.find((t) => t.id === state.topic), { onConfirmed: load });
  });
  root.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    const topic = e.target.closest('[data-topic]');
    if (topic) topic.click();
    const row = e.target.closest('tr[data-id]');
    if (row && e.target === row) row.click();
  });
  load();
  return {};
}

/** A new topic, a topic's edits or a new batch, from the form `id`. */
async function saveForm(root, state, id) {
  const $ = (sel) => root.querySelector(sel);
  if (id === 'training-new-topic') {
    const t = await api.createTrainingTopic({ name: $('#tt-name').value });
    state.topic = t.id;
    toast(`已新建专题：${t.name}`);
  } else if (id === 'training-topic-form') {
    const shown = state.topics.find((t) => t.id === state.topic);
    await api.updateTrainingTopic(state.topic, {
      revision: shown?.revision ?? null,
      name: $('#te-name').value,
      description: $('#te-desc').value || null,
      target_groups: [...root.querySelectorAll('input[name=te-group]:checked')].map((c) => c.value),
    });
    toast('专题已保存。');
  } else if (id === 'training-new-batch') {
    const b = await api.createTrainingBatch({
      topic_id: state.topic,
      name: $('#tb-name').value,
      professional_group: $('#tb-group').value || null,
      capacity: Number($('#tb-capacity').value) || 30,
      venue_id: $('#tb-venue').value ? Number($('#tb-venue').value) : null,
      starts_on: $('#tb-start').value || null,
      ends_on: $('#tb-end').value || null,
    });
    toast(`已新建批次：${b.name}`);
  }
}

function topicsAside(state) {
  return html`<aside class="panel topics">
    <h3>专题</h3>
    <ul class="pick-list" id="training-topics">${state.topics.map(
      (t) => html`<li tabindex="0" data-topic="${t.id}" class="${t.id === state.topic ? 'chosen' : ''}">${t.name} <span class="hint">${t.batches} 批</span></li>`,
    )}</ul>
    <form id="training-new-topic" novalidate>
      <input id="tt-name" type="text" maxlength="100" placeholder="新专题名称，如 预算审查监督" autocomplete="off" aria-label="新专题名称">
      <button type="submit">新建专题</button>
    </form>
  </aside>`;
}

/** The chosen topic: its batches, its edit form and the new-batch form. */
function topicMain(state) {
  const topic = state.topics.find((t) => t.id === state.topic);
  return html`<section class="panel topic-main">
    ${topic
      ? html`<div class="view-head"><h2>${topic.name} <span class="sub">${topic.target_groups.length ? topic.target_groups.join('、') : '各专业小组'}</span></h2>
          <div class="actions"><button type="button" data-act="edit-topic">编辑专题</button><button type="button" class="primary" data-act="assign" ${state.batches.length ? '' : 'disabled'}>自动编班…</button></div></div>
        <form id="training-topic-form" class="panel" hidden novalidate>
          <div class="field"><label for="te-name">专题名称</label><input id="te-name" type="text" maxlength="100" value="${topic.name}" autocomplete="off"></div>
          <div class="field"><label for="te-desc">说明</label><input id="te-desc" type="text" maxlength="2000" value="${topic.description ?? ''}" autocomplete="off"></div>
          <div class="field"><span class="label">面向</span><span class="scope-choices">${groups().map((g) => html`<label class="check"><input type="checkbox" name="te-group" value="${g}" ${topic.target_groups.includes(g) ? 'checked' : ''}> ${g}</label>`)}</span></div>
          <div class="dialog-actions"><button type="submit" class="primary">保存专题</button></div>
        </form>
        ${topic.description ? html`<p class="hint">${topic.description}</p>` : ''}
        <table class="grid" id="training-batches" aria-label="批次"><thead><tr><th>批次</th><th>类别</th><th class="num">人数</th><th class="num">候补</th><th>日期</th><th>场地</th><th class="num" title="已举行的课次 / 未取消的课次">已举行/课次</th></tr></thead>
          <tbody>${state.batches.map(
            (b) => html`<tr tabindex="0" data-id="${b.id}"><td class="name">${b.name}</td><td>${groupLabel(b.professional_group)}</td><td class="num">${b.enrolled}/${b.capacity}</td><td class="num">${b.waitlisted || ''}</td>
              <td class="nowrap">${b.starts_on ?? ''}${b.ends_on && b.ends_on !== b.starts_on ? ` 至 ${b.ends_on}` : ''}</td><td>${b.venue_name ?? ''}</td><td class="num nowrap">${b.closed ? html`<span class="tag" title="结业名单已按已举行的课次确定">已结束</span> ` : ''}${heldCount(b)}</td></tr>`,
          )}</tbody></table>
        ${state.batches.length ? '' : html`<p class="hint">还没有批次。小班一般 30 人，可按专业小组分班，也可以是混合班。</p>`}
        <form id="training-new-batch" class="inline-form" novalidate>
          <input id="tb-name" type="text" maxlength="60" placeholder="批次名称，如 2026年第1期" autocomplete="off" aria-label="批次名称">
          <select id="tb-group" aria-label="类别"><option value="">混合班</option>${groups().map((g) => html`<option value="${g}">${g}</option>`)}</select>
          <label>人数 <input id="tb-capacity" type="number" min="1" max="500" value="30" class="tiny-input"></label>
          <select id="tb-venue" aria-label="场地"><option value="">场地</option>${state.venues.filter((v) => v.active).map((v) => html`<option value="${v.id}">${v.name}</option>`)}</select>
          <span class="nowrap">日期 <input id="tb-start" type="date" aria-label="开始日期"> 至 <input id="tb-end" type="date" aria-label="结束日期"></span>
          <button type="submit">新建批次</button>
        </form>`
      : html`<div class="empty"><h2>还没有培训专题</h2><p>先新建一个专题（如“预算审查监督”），再为它安排批次和课次，然后报名或自动编班。</p></div>`}
  </section>`;
}

function coveragePanel(year, coverage) {
  const topics = coverage[0]?.topics ?? [];
  return html`<section class="panel coverage">
      <div class="view-head"><h2>${year} 年培训覆盖情况 <span class="sub">按专业小组</span></h2><div class="actions"><button type="button" data-act="history">查代表培训记录…</button></div></div>
      <div id="training-history"></div>
      <table class="grid" id="training-coverage"><thead><tr><th>专业小组</th><th class="num">代表</th>${topics.map((t) => html`<th class="num">${t.topic}<br><span class="hint">结业/在训</span></th>`)}<th class="num">本年未参训</th></tr></thead>
        <tbody>${coverage.map(
          (g) => html`<tr><td>${g.group}</td><td class="num">${g.deputies}</td>${g.topics.map((t) => html`<td class="num">${t.completed} / ${t.enrolled}</td>`)}
            <td class="num"><details><summary>${g.untrained.length} 人</summary>${g.untrained.map((u) => html`<div>${u[1]}<span class="hint"> ${u[2] ?? ''}</span></div>`)}</details></td></tr>`,
        )}</tbody></table></section>`;
}

/** A deputy's training record, picked by name, shown in `box`. */
async function showHistory(box) {
  const p = await pickPerson({ title: '查代表培训记录' });
  if (!p) return;
  try {
    const records = await api.trainingHistory(p.id);
    render(
      box,
      html`<div class="notice"><b>${p.name}</b> 的培训记录：${records.length ? '' : '还没有参加过培训。'}</div>
          ${records.length ? html`<table class="grid compact" id="training-history-table"><thead><tr><th>专题</th><th>批次</th><th>日期</th><th>状态</th><th class="num">出勤</th><th>结业</th></tr></thead>
            <tbody>${records.map((r) => html`<tr><td>${r.batch.topic_name}</td><td>${r.batch.name}</td><td>${r.batch.starts_on ?? ''}</td><td>${statusLabel('enrol', r.status)}</td><td class="num">${r.present}/${r.held}${r.leave ? `（请假 ${r.leave}）` : ''}</td><td>${r.completed ? '结业' : ''}</td></tr>`)}</tbody></table>` : ''}`,
    );
  } catch (e) {
    toast(e.message, 'error');
  }
}
