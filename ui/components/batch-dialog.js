// One training batch in a dialog, in tabs: its sessions (added with their
// clashes shown first), its trainees (enrol by hand, by group or from a
// spreadsheet; waitlist; withdraw), attendance (tick or scan cards per
// session; leave is not absence), and results (batch-results.js). Each
// person shows card and delegation beside the name, for two of one name.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { spanText } from '../lib/sharing.js';
import { attendanceMap, groupLabel, heldCount, personTag, repeatedNames } from '../lib/training.js';
import { debounce } from '../lib/timing.js';
import { attendanceMarks, groups, statusLabel, statuses } from '../lib/vocabulary.js';
import { resultsPane } from './batch-results.js';
import { bindScanInput } from './scan-input.js';
import { pickPerson } from './person-picker.js';
import { signupPane } from './signup-pane.js';
import { conflictItems, openTabbedDialog } from './tabbed-dialog.js';
import { toast } from './toast.js';

const TABS = [
  ['info', '信息'],
  ['sessions', '课次'],
  ['trainees', '学员'],
  ['signup', '报名'],
  ['attendance', '考勤'],
  ['results', '结业'],
];

export async function openBatchDialog(batchId, { onChanged = () => {}, tab = 'sessions' } = {}) {
  const ctx = { batchId, detail: null, venues: [], onChanged, session: null, lecturer: null, conflicts: [], scanMsg: null, shell: null };
  try {
    [ctx.detail, ctx.venues] = await Promise.all([api.trainingBatchDetail(batchId), api.venues()]);
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  ctx.reload = async () => {
    ctx.detail = await api.trainingBatchDetail(batchId);
    onChanged();
  };
  ctx.shell = openTabbedDialog({
    prefix: 'bd',
    className: 'batch-dialog',
    tab,
    tabs: () => TABS.map(([key, label]) => ({ key, label })),
    title: () => {
      const b = ctx.detail.batch;
      return html`${b.topic_name} · ${b.name} <span class="sub">${groupLabel(b.professional_group)}班</span>`;
    },
    facts: () => {
      const b = ctx.detail.batch;
      return html`<p class="hint">人数 ${b.enrolled}/${b.capacity}${b.waitlisted ? `，候补 ${b.waitlisted}` : ''}${b.signup_open ? ' · 报名中' : ''} · ${b.venue_name ?? '未定场地'} · ${b.starts_on ?? ''}${b.ends_on ? ` 至 ${b.ends_on}` : ''}${b.trainer ? ` · 负责人 ${b.trainer}` : ''} · 已举行 <span id="bd-held">${heldCount(b)}</span> 次课${b.closed ? html` <span class="tag">已结束</span>` : ''}</p>`;
    },
    panes: { info: infoPane(ctx), sessions: sessionsPane(ctx), trainees: traineesPane(ctx), signup: signupPane(ctx, 'training'), attendance: attendancePane(ctx), results: resultsPane(ctx) },
  });
  ctx.shell.open();
}

/** 信息: the batch's own details. */
function infoPane(ctx) {
  const $ = (sel) => ctx.shell.$(sel);
  return {
    draw(body) {
      const b = ctx.detail.batch;
      render(
        body,
        html`<form id="bd-info" novalidate>
          <div class="field"><label for="bi-name">批次名称</label><input id="bi-name" type="text" maxlength="60" value="${b.name}" autocomplete="off"></div>
          <div class="field"><label for="bi-group">类别</label><select id="bi-group"><option value="">混合班</option>${groups().map((g) => html`<option value="${g}" ${g === b.professional_group ? 'selected' : ''}>${g}</option>`)}</select></div>
          <div class="field"><label for="bi-capacity">人数上限</label><input id="bi-capacity" type="number" min="1" max="500" value="${b.capacity}" class="tiny-input"></div>
          <div class="field"><label for="bi-trainer">带班负责人</label><input id="bi-trainer" type="text" maxlength="60" value="${b.trainer ?? ''}" autocomplete="off"></div>
          <div class="field"><label for="bi-venue">场地</label><select id="bi-venue"><option value="">（未定）</option>${ctx.venues.filter((v) => v.active || v.id === b.venue_id).map((v) => html`<option value="${v.id}" ${v.id === b.venue_id ? 'selected' : ''}>${v.name}</option>`)}</select></div>
          <div class="field"><label for="bi-start">日期</label><span class="rule-row"><input id="bi-start" type="date" value="${b.starts_on ?? ''}"> 至 <input id="bi-end" type="date" value="${b.ends_on ?? ''}" aria-label="结束日期"></span></div>
          <div class="field"><label for="bi-note">备注</label><input id="bi-note" type="text" maxlength="500" value="${b.note ?? ''}" autocomplete="off"></div>
          <div class="dialog-actions"><button type="submit" class="primary">保存</button></div>
        </form>`,
      );
    },
    async submit() {
      await api.updateTrainingBatch(ctx.batchId, {
        topic_id: ctx.detail.batch.topic_id,
        name: $('#bi-name').value,
        professional_group: $('#bi-group').value || null,
        capacity: Number($('#bi-capacity').value),
        trainer: $('#bi-trainer').value || null,
        venue_id: $('#bi-venue').value ? Number($('#bi-venue').value) : null,
        starts_on: $('#bi-start').value || null,
        ends_on: $('#bi-end').value || null,
        note: $('#bi-note').value || null,
        revision: ctx.detail.batch.revision,
      });
      toast('批次信息已保存。');
      await ctx.reload();
      ctx.shell.draw();
    },
  };
}

/** 课次: the batch's sessions, each added with its clashes shown first. */
function sessionsPane(ctx) {
  const $ = (sel) => ctx.shell.$(sel);
  const draft = () => {
    const start = $('#bd-start').value;
    const end = $('#bd-end').value;
    return {
      subject: $('#bd-subject').value,
      starts_at: start,
      ends_at: start && end ? `${start.slice(0, 10)}T${end}` : '',
      venue_id: $('#bd-venue').value ? Number($('#bd-venue').value) : null,
      lecturer_id: ctx.lecturer?.id ?? null,
      lecturer_name: ctx.lecturer ? null : $('#bd-lecturer').value || null,
    };
  };
  const checkConflicts = debounce(async () => {
    if (ctx.shell.tab !== 'sessions') return;
    const s = draft();
    if (!s.starts_at || !s.ends_at) return;
    try {
      ctx.conflicts = await api.trainingSessionConflicts(ctx.batchId, null, { ...s, subject: s.subject || '（未命名）' });
    } catch {
      ctx.conflicts = [];
    }
    const list = $('#bd-conflicts');
    if (list) render(list, conflictItems(ctx.conflicts));
  }, 200);
  return {
    draw(body) {
      render(body, sessionsTable(ctx.detail.sessions, ctx.venues));
    },
    input(e) {
      if (!e.target.closest('#bd-new-session')) return;
      if (e.target.id === 'bd-lecturer') ctx.lecturer = null;
      checkConflicts();
    },
    async change(e) {
      if (!e.target.matches('[data-status]')) return;
      const s = ctx.detail.sessions.find((x) => x.id === Number(e.target.closest('[data-session]').dataset.session));
      try {
        await api.updateTrainingSession(s.id, { subject: s.subject, starts_at: s.starts_at, ends_at: s.ends_at, venue_id: s.venue_id, lecturer_id: s.lecturer_id, lecturer_name: s.lecturer_id ? null : s.lecturer, status: e.target.value, revision: s.revision });
      } catch (err) {
        // Refused (e.g. 已举行 before its day): the select shows what is stored.
        e.target.value = s.status;
        throw err;
      }
      await ctx.reload();
      ctx.shell.draw();
    },
    async submit() {
      const s = await api.addTrainingSession(ctx.batchId, draft());
      toast(`已添加课次：${s.subject}`);
      ctx.lecturer = null;
      await ctx.reload();
      ctx.shell.draw();
    },
    acts: {
      'pick-lecturer': async () => {
        const p = await pickPerson({ title: '选择授课人' });
        if (!p) return;
        ctx.lecturer = { id: p.id, name: p.name };
        $('#bd-lecturer').value = p.name;
        checkConflicts();
      },
    },
  };
}

function sessionsTable(sessions, venues) {
  return html`<table class="grid compact" id="bd-sessions"><thead><tr><th>时间</th><th>课程内容</th><th>授课人</th><th>场地</th><th>状态</th></tr></thead>
      <tbody>${sessions.map(
        (s) => html`<tr data-session="${s.id}" class="${s.status === 'cancelled' ? 'inactive' : ''}"><td class="nowrap">${spanText(s.starts_at, s.ends_at)}</td><td>${s.subject}</td><td>${s.lecturer ?? ''}</td><td>${s.venue_name ?? ''}</td>
          <td><select data-status aria-label="状态">${statuses('session').map((t) => html`<option value="${t.code}" ${t.code === s.status ? 'selected' : ''}>${t.label}</option>`)}</select></td></tr>`,
      )}</tbody></table>
    ${sessions.length ? '' : html`<p class="hint">还没有课次。每个课次会占用场地，并检查授课人和每位学员的时间冲突。</p>`}
    <form id="bd-new-session" class="inline-form" novalidate>
      <input id="bd-subject" type="text" maxlength="200" placeholder="课程内容" autocomplete="off" aria-label="课程内容">
      <input id="bd-start" type="datetime-local" aria-label="开始">
      <input id="bd-end" type="time" aria-label="结束时间">
      <input id="bd-lecturer" type="text" maxlength="60" class="narrow-input" placeholder="授课人" autocomplete="off" aria-label="授课人姓名">
      <button type="button" class="link" data-act="pick-lecturer">从人员中选…</button>
      <select id="bd-venue" aria-label="场地"><option value="">（批次场地）</option>${venues.filter((v) => v.active).map((v) => html`<option value="${v.id}">${v.name}</option>`)}</select>
      <button type="submit">添加课次</button>
    </form>
    <ul id="bd-conflicts" class="conflicts"></ul>`;
}

/** 学员: enrol by name, by group or from a list; the waitlist; withdraw. */
function traineesPane(ctx) {
  const $ = (sel) => ctx.shell.$(sel);
  // After an enrolment: the dialog redrawn, then what happened to whom.
  const enrolled = async (report) => {
    await ctx.reload();
    ctx.shell.draw();
    const box = $('#bd-enrol-report');
    if (box) render(box, enrolReport(report));
  };
  return {
    draw(body) {
      render(body, traineesList(ctx.detail));
    },
    async change(e) {
      if (e.target.id !== 'bd-file' || !e.target.files[0]) return;
      const file = e.target.files[0];
      await enrolled(await api.enrolFromFile(ctx.batchId, file.name, new Uint8Array(await file.arrayBuffer())));
    },
    async submit() {
      const group = $('#bd-group').value;
      if (!group) return toast('请选择专业小组。', 'error');
      await enrolled(await api.enrolDeputies(ctx.batchId, { professional_group: group }));
    },
    acts: {
      'enrol-one': async () => {
        const p = await pickPerson({ title: '点名报名', hint: '只能为人大代表报名；报名前会检查与各课次的时间冲突。' });
        if (!p) return;
        const clashes = await api.enrolCheck(ctx.batchId, p.id);
        if (clashes.length) return toast(`${p.name} 与本批次时间冲突：${clashes.join('；')}`, 'error');
        await enrolled(await api.enrolDeputies(ctx.batchId, { person_ids: [p.id] }));
      },
      withdraw: async (e) => {
        ctx.detail = await api.withdrawEnrolment(ctx.batchId, Number(e.target.closest('[data-person]').dataset.person));
        ctx.onChanged();
        ctx.shell.draw();
      },
    },
  };
}

function traineesList(detail) {
  const enrolled = detail.enrolments.filter((e) => e.status === 'enrolled');
  const waiting = detail.enrolments.filter((e) => e.status === 'waitlisted');
  const twins = repeatedNames(detail.enrolments);
  return html`<form id="bd-enrol" class="inline-form" novalidate>
      <button type="button" data-act="enrol-one">点名报名…</button>
      <select id="bd-group" aria-label="专业小组"><option value="">整组报名：选择专业小组</option>${groups().map((g) => html`<option value="${g}">${g}</option>`)}</select>
      <button type="submit">整组报名</button>
      <label class="file-pick"><input id="bd-file" type="file" accept=".xlsx,.xls,.csv" aria-label="从名单表格导入"><span class="pick-button">从名单导入…</span></label>
    </form>
    <div id="bd-enrol-report"></div>
    <h3>学员 ${enrolled.length}/${detail.batch.capacity}</h3>
    <table class="grid compact" id="bd-trainees"><tbody>${enrolled.map(
      (e, i) => html`<tr data-person="${e.person_id}"><td>${i + 1}</td><td>${e.name}${sameName(twins, e)}</td><td>${e.professional_group ?? ''}</td><td>${e.delegation ?? ''}</td><td class="mono">${e.card_barcode ?? ''}</td>
        <td class="row-actions"><button type="button" class="link" data-act="withdraw">退出</button></td></tr>`,
    )}</tbody></table>
    ${waiting.length ? html`<h3>候补 ${waiting.length}</h3><table class="grid compact"><tbody>${waiting.map(
      (e, i) => html`<tr data-person="${e.person_id}"><td>候补 ${i + 1}</td><td>${e.name}${sameName(twins, e)}</td><td>${e.professional_group ?? ''}</td><td>${e.delegation ?? ''}</td><td class="mono">${e.card_barcode ?? ''}</td><td class="row-actions"><button type="button" class="link" data-act="withdraw">移出</button></td></tr>`,
    )}</tbody></table>` : ''}`;
}

/** A 同名 mark beside a name that occurs twice in the list. */
function sameName(twins, p) {
  return twins.has(p.name) ? html` <span class="tag tone-warn" title="有同名的人：看借书证号和代表团">同名</span>` : '';
}

function enrolReport(r) {
  return html`<p class="notice">报名 ${r.enrolled.length} 人${r.waitlisted.length ? `，候补 ${r.waitlisted.length} 人` : ''}${r.refused.length ? `，未能报名 ${r.refused.length} 人` : ''}。</p>
    ${r.refused.length ? html`<ul class="plain">${r.refused.map(([name, why]) => html`<li>${name}：${why}</li>`)}</ul>` : ''}`;
}

/** 考勤: per session, tick each trainee or scan cards (leave is not absence). */
function attendancePane(ctx) {
  const $ = (sel) => ctx.shell.$(sel);
  const showScan = () => {
    if (ctx.scanMsg) render($('#bd-att-msg'), html`<span class="tone-${ctx.scanMsg.tone}">${ctx.scanMsg.text}</span>`);
  };
  async function scan(code) {
    try {
      const [name, d] = await api.attendanceScan(ctx.session, code);
      ctx.detail = d;
      ctx.scanMsg = { tone: 'ok', text: `${name} 出勤` };
      ctx.onChanged();
      showHeld(ctx);
      const marks = attendanceMap(ctx.detail.attendance);
      for (const row of ctx.shell.dialog.querySelectorAll('#bd-attendance tr[data-person]')) {
        const now = marks.get(`${ctx.session}:${row.dataset.person}`) ?? '';
        for (const r of row.querySelectorAll('input[type=radio]')) r.checked = r.value === now;
      }
    } catch (e) {
      ctx.scanMsg = { tone: 'error', text: e.message };
    }
    showScan();
    $('#bd-att-scan')?.focus();
  }
  return {
    draw(body) {
      const live = ctx.detail.sessions.filter((s) => s.status !== 'cancelled');
      if (!live.some((s) => s.id === ctx.session)) ctx.session = live[0]?.id ?? null;
      render(body, live.length ? attendanceSheet(ctx, live) : html`<p class="hint">先在“课次”中添加课次，再记考勤。</p>`);
      const scanInput = $('#bd-att-scan');
      if (scanInput) {
        bindScanInput(scanInput, scan);
        scanInput.focus();
        showScan();
      }
    },
    async change(e) {
      if (e.target.id === 'bd-att-session') {
        ctx.session = Number(e.target.value);
        ctx.scanMsg = null;
        ctx.shell.drawPane();
      } else if (e.target.matches('#bd-attendance input[type=radio]')) {
        const person = Number(e.target.closest('[data-person]').dataset.person);
        try {
          ctx.detail = await api.markAttendance(ctx.session, person, e.target.value || null);
          ctx.scanMsg = null;
          $('#bd-att-msg')?.replaceChildren();
          ctx.onChanged();
          showHeld(ctx);
        } catch (err) {
          // Refused (e.g. presence before the session's day): said beside the grid.
          ctx.scanMsg = { tone: 'error', text: err.message };
          ctx.shell.drawPane();
        }
      }
    },
  };
}

/** The facts line's held count, after attendance may have held a session. */
function showHeld(ctx) {
  const held = ctx.shell.$('#bd-held');
  if (held) held.textContent = heldCount(ctx.detail.batch);
}

function attendanceSheet({ detail, session }, live) {
  const marks = attendanceMap(detail.attendance);
  const trainees = detail.enrolments.filter((e) => e.status === 'enrolled');
  const twins = repeatedNames(trainees);
  const codes = [...attendanceMarks().map((a) => a.code), ''];
  const label = (code) => (code ? statusLabel('attendance', code) : '未记');
  return html`<div class="scan-row"><label for="bd-att-session" class="scan-label">课次</label>
      <select id="bd-att-session">${live.map((s) => html`<option value="${s.id}" ${s.id === session ? 'selected' : ''}>${spanText(s.starts_at, s.ends_at)} ${s.subject}</option>`)}</select>
      <label for="bd-att-scan" class="scan-label">签到</label><input id="bd-att-scan" class="scan-input" type="text" placeholder="扫描借书证即记为出勤"></div>
    <div id="bd-att-msg" class="desk-message" role="status" aria-live="polite"></div>
    <div class="report-rows"><table class="grid compact" id="bd-attendance"><thead><tr><th>学员</th>${attendanceMarks().map((a) => html`<th>${a.label}</th>`)}<th>未记</th></tr></thead>
    <tbody>${trainees.map((t) => {
      const now = marks.get(`${session}:${t.person_id}`) ?? '';
      return html`<tr data-person="${t.person_id}"><td>${t.name}${sameName(twins, t)} <span class="hint">${personTag({ ...t, delegation: t.delegation ?? t.professional_group })}</span></td>${codes.map(
        (code) => html`<td><input type="radio" name="att-${t.person_id}" value="${code}" ${now === code ? 'checked' : ''} aria-label="${t.name}：${label(code)}"></td>`,
      )}</tr>`;
    })}</tbody></table></div>`;
}
