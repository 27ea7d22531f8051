// One reading-share session in a dialog, in four tabs: its details (with
// clashes shown as you edit), presenters and their books (each edition told
// apart), invitations and sign-in (scan a card or tick a name), minutes and
// attachments; and the printed notice (通知) and sign-in sheet (签到表).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { unitOf } from '../lib/people.js';
import { spanText } from '../lib/sharing.js';
import { debounce } from '../lib/timing.js';
import { groups, personKinds, statusLabel, statuses } from '../lib/vocabulary.js';
import { bindScanInput } from './scan-input.js';
import { pickPerson } from './person-picker.js';
import { printNotice, printSheet } from './session-print.js';
import { signupPane } from './signup-pane.js';
import { conflictItems, openTabbedDialog } from './tabbed-dialog.js';
import { toast } from './toast.js';

/** A session's presenters as the core keeps them, to tell whether they changed. */
function presentersKey(presenters) {
  return JSON.stringify(presenters.map((p) => [p.person_id, p.title_id ?? null, p.topic ?? null]));
}

const TABS = [
  ['info', '基本信息'],
  ['presenters', '领读人与书目'],
  ['people', '邀请与签到'],
  ['signup', '报名'],
  ['minutes', '纪要与附件'],
];

/**
 * Opens session `id` (or a new one-off session when `id` is null, with
 * `defaults` such as { starts_at }); `onChanged()` runs after any change.
 */
export async function openSessionDialog(id, { onChanged = () => {}, tab = 'info', defaults = {} } = {}) {
  const ctx = { detail: null, venues: [], defaults, onChanged, host: null, presenters: [], conflicts: [], signinMsg: null, shell: null };
  try {
    [ctx.venues, ctx.detail] = await Promise.all([api.venues(), id ? api.shareSessionDetail(id) : Promise.resolve(null)]);
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  if (ctx.detail) {
    const s = ctx.detail.session;
    ctx.host = s.host_id ? { id: s.host_id, name: s.host_name } : null;
    ctx.presenters = ctx.detail.presenters.map((p) => ({ ...p, hold: false }));
    // What the list on screen was read from: a save checks the presenters
    // have not changed elsewhere since (an accepted 我要分享), even after
    // this dialog's own actions have moved the session's revision on.
    ctx.presentersRead = { revision: s.revision, key: presentersKey(ctx.detail.presenters) };
    ctx.minutesRead = { revision: s.revision, text: s.minutes ?? '' };
  }
  ctx.reload = async () => {
    ctx.detail = await api.shareSessionDetail(ctx.detail.session.id);
    onChanged();
  };
  ctx.shell = openTabbedDialog({
    prefix: 'sd',
    className: 'session-dialog',
    tab: id ? tab : 'info',
    tabs: () => TABS.map(([key, label]) => ({ key, label, disabled: !ctx.detail && key !== 'info' })),
    title: () => {
      const s = ctx.detail?.session;
      return s ? html`${s.theme} <span class="sub">${spanText(s.starts_at, s.ends_at)}</span>` : '新建单次分享活动';
    },
    facts: () => (ctx.detail ? html`<p class="hint" id="sd-facts">${factsText(ctx.detail.session)}</p>` : ''),
    actions: () =>
      ctx.detail ? html`<button type="button" data-act="print-notice">打印通知</button><button type="button" data-act="print-sheet">打印签到表</button>` : '',
    acts: {
      'print-notice': () => printNotice(ctx.detail),
      'print-sheet': () => printSheet(ctx.detail),
    },
    panes: { info: infoPane(ctx), presenters: presentersPane(ctx), people: peoplePane(ctx), signup: signupPane(ctx, 'sharing'), minutes: minutesPane(ctx) },
  });
  ctx.shell.open();
  if (ctx.shell.tab === 'people') ctx.shell.$('#sd-signin')?.focus();
}

function factsText(s) {
  const signup = s.signup_open ? ` · 报名中${s.waitlisted ? `，候补 ${s.waitlisted} 人` : ''}` : '';
  return `${s.series_name ? `系列：${s.series_name} · ` : ''}${statusLabel('session', s.status)} · ${s.venue_name ?? '未定场地'} · 邀请 ${s.invited} 人，签到 ${s.signed_in} 人${signup}`;
}

/** 基本信息: the session's details, with its clashes shown as they are edited. */
function infoPane(ctx) {
  const $ = (sel) => ctx.shell.$(sel);
  const drawConflicts = () => {
    const list = $('#sd-conflicts');
    if (list) render(list, conflictItems(ctx.conflicts));
  };
  const draft = () => ({
    theme: $('#sd-theme').value,
    starts_at: $('#sd-start').value,
    ends_at: $('#sd-end').value,
    venue_id: $('#sd-venue').value ? Number($('#sd-venue').value) : null,
    host_id: ctx.host?.id ?? null,
    capacity: $('#sd-capacity').value ? Number($('#sd-capacity').value) : null,
    status: $('#sd-status').value,
    note: $('#sd-note').value || null,
  });
  const checkConflicts = debounce(async () => {
    if (ctx.shell.tab !== 'info') return;
    const d = draft();
    ctx.conflicts = [];
    if (d.starts_at && d.ends_at && d.status !== 'cancelled') {
      try {
        ctx.conflicts = await api.shareSessionConflicts(ctx.detail?.session.id ?? null, { ...d, theme: d.theme || '（未命名）' });
      } catch {
        ctx.conflicts = [];
      }
    }
    drawConflicts();
  }, 200);
  const setHost = (host) => {
    ctx.host = host;
    $('#sd-host').textContent = host?.name ?? '（未定）';
    checkConflicts();
  };
  return {
    draw(body) {
      render(body, infoForm(ctx));
      drawConflicts();
      $('#sd-theme').focus();
    },
    input: checkConflicts,
    change: checkConflicts,
    async submit() {
      const d = draft();
      const detail = ctx.detail;
      const saved = detail ? await api.updateShareSession(detail.session.id, { ...d, revision: detail.session.revision }) : await api.createShareSession(d);
      toast(`已保存：${saved.theme}`);
      ctx.detail = await api.shareSessionDetail(saved.id);
      ctx.onChanged();
      ctx.shell.draw();
    },
    acts: {
      'pick-host': async () => {
        const p = await pickPerson({ title: '选择主持人' });
        if (p) setHost({ id: p.id, name: p.name });
      },
      'clear-host': () => setHost(null),
    },
  };
}

function infoForm({ detail, defaults, venues, host }) {
  const s = detail?.session;
  return html`<form id="sd-form" novalidate>
    <div class="field"><label for="sd-theme">主题</label><input id="sd-theme" type="text" maxlength="200" value="${s?.theme ?? defaults.theme ?? ''}" autocomplete="off"></div>
    <div class="field"><label for="sd-start">开始</label><input id="sd-start" type="datetime-local" value="${s?.starts_at ?? defaults.starts_at ?? ''}"></div>
    <div class="field"><label for="sd-end">结束</label><input id="sd-end" type="datetime-local" value="${s?.ends_at ?? defaults.ends_at ?? ''}"></div>
    <div class="field"><label for="sd-venue">场地</label><select id="sd-venue"><option value="">（未定）</option>${venues.filter((v) => v.active || v.id === s?.venue_id).map(
      (v) => html`<option value="${v.id}" ${v.id === s?.venue_id ? 'selected' : ''}>${v.name}${v.capacity ? `（${v.capacity} 人）` : ''}</option>`,
    )}</select></div>
    <div class="field"><span class="label">主持人</span><span><b id="sd-host">${host?.name ?? '（未定）'}</b> <button type="button" class="link" data-act="pick-host">选择…</button>${host ? html`<button type="button" class="link" data-act="clear-host">清除</button>` : ''}</span></div>
    <div class="field"><label for="sd-capacity">人数上限</label><input id="sd-capacity" type="number" min="1" class="tiny-input" value="${s?.capacity ?? ''}"></div>
    <div class="field"><label for="sd-status">状态</label><select id="sd-status">${statuses('session').map(
      (t) => html`<option value="${t.code}" ${t.code === (s?.status ?? 'planned') ? 'selected' : ''}>${t.label}</option>`,
    )}</select></div>
    <div class="field"><label for="sd-note">备注</label><input id="sd-note" type="text" maxlength="500" value="${s?.note ?? ''}" autocomplete="off"></div>
    <ul id="sd-conflicts" class="conflicts" aria-live="polite"></ul>
    <div class="dialog-actions"><button type="submit" class="primary">${s ? '保存修改' : '创建活动'}</button></div>
  </form>`;
}

/** 领读人与书目: who presents which book, in order, each book held for its presenter if asked. */
function presentersPane(ctx) {
  // The typed topics and ticked holds, kept before the table is redrawn.
  const keepTopics = () => {
    for (const row of ctx.shell.dialog.querySelectorAll('#sd-presenters tr[data-i]')) {
      const p = ctx.presenters[Number(row.dataset.i)];
      p.topic = row.querySelector('[data-topic]').value;
      p.hold = row.querySelector('[data-hold]').checked;
    }
  };
  const rowOf = (e) => Number(e.target.closest('[data-i]').dataset.i);
  const redraw = () => ctx.shell.drawPane();
  return {
    draw(body) {
      render(body, presentersTable(ctx.presenters));
    },
    leave: keepTopics,
    acts: {
      'add-presenter': async () => {
        keepTopics();
        const p = await pickPerson({ title: '添加领读人' });
        if (!p) return;
        ctx.presenters.push({ person_id: p.id, person_name: p.name, unit: unitOf(p), title_id: null, topic: '', hold: false });
        redraw();
      },
      'remove-presenter': (e) => {
        keepTopics();
        ctx.presenters.splice(rowOf(e), 1);
        redraw();
      },
      up: (e) => {
        keepTopics();
        const i = rowOf(e);
        [ctx.presenters[i - 1], ctx.presenters[i]] = [ctx.presenters[i], ctx.presenters[i - 1]];
        redraw();
      },
      'pick-book': (e) => {
        keepTopics();
        const i = rowOf(e);
        pickBook(ctx.shell.$('#sd-book-pick'), ctx.presenters[i].person_name, (book) => {
          Object.assign(ctx.presenters[i], book);
          keepTopics();
          redraw();
        });
      },
      'save-presenters': async () => {
        keepTopics();
        // The session as it is now: its presenters as the list was read
        // (only this dialog's own actions since), it is saved on the
        // session's revision; changed elsewhere, on the one it was read at,
        // which the core refuses as 已被他人修改.
        const now = await api.shareSessionDetail(ctx.detail.session.id);
        const revision = presentersKey(now.presenters) === ctx.presentersRead.key ? now.session.revision : ctx.presentersRead.revision;
        ctx.detail = await api.setSharePresenters(
          ctx.detail.session.id,
          ctx.presenters.map((p) => ({ person_id: p.person_id, title_id: p.title_id, topic: p.topic || null, hold: Boolean(p.hold) })),
          revision,
        );
        ctx.presenters = ctx.detail.presenters.map((p) => ({ ...p, hold: false }));
        ctx.presentersRead = { revision: ctx.detail.session.revision, key: presentersKey(ctx.detail.presenters) };
        toast('领读人已保存。');
        ctx.onChanged();
        ctx.shell.draw();
      },
    },
  };
}

function presentersTable(presenters) {
  return html`<table class="grid compact" id="sd-presenters"><thead><tr><th>顺序</th><th>领读人</th><th>分享的书</th><th>分享题目</th><th>预约此书</th><th></th></tr></thead>
      <tbody>${presenters.map(
        (p, i) => html`<tr data-i="${i}">
          <td>${i + 1}</td><td>${p.person_name}${personHint(p)}</td>
          <td>${p.title_id ? html`《${p.book_title}》 <span class="hint">${editionText({ publisher: p.book_publisher, year: p.book_year, call_number: p.call_number, available: p.available })}</span>` : html`<span class="hint">未选</span>`}
            <button type="button" class="link" data-act="pick-book">选书…</button></td>
          <td><input type="text" data-topic maxlength="200" value="${p.topic ?? ''}" aria-label="分享题目"></td>
          <td><input type="checkbox" data-hold ${p.hold ? 'checked' : ''} ${p.title_id ? '' : 'disabled'} aria-label="为领读人预约此书"></td>
          <td class="row-actions"><button type="button" class="link" data-act="up" ${i === 0 ? 'disabled' : ''}>上移</button><button type="button" class="link" data-act="remove-presenter">移除</button></td>
        </tr>`,
      )}</tbody></table>
    ${presenters.length ? '' : html`<p class="hint">还没有领读人。添加后可为每人选一本馆藏图书，并为他预约。</p>`}
    <div id="sd-book-pick"></div>
    <div class="dialog-actions"><button type="button" data-act="add-presenter">添加领读人…</button><button type="button" class="primary" data-act="save-presenters">保存领读人</button></div>`;
}

/** Who a presenter is beyond the name: unit and card number, for two people of one name. */
function personHint(p) {
  const tag = [p.unit, p.card_barcode].filter(Boolean).join(' · ');
  return tag ? html`<br><span class="hint" title="部门/代表团 · 借书证号">${tag}</span>` : '';
}

/** An edition as the catalogue tells it apart: '人民出版社 · 2018 · D61/12 · 在架 2 册'. */
function editionText(t) {
  const shelf = t.available === null || t.available === undefined ? null : t.available > 0 ? `在架 ${t.available} 册` : '全部借出';
  return [t.publisher, t.year, t.call_number, shelf].filter(Boolean).join(' · ');
}

/** A search of the catalogue in `box` for `name`'s book; `chosen(book)` gets the one picked. */
function pickBook(box, name, chosen) {
  let items = [];
  render(
    box,
    html`<div class="inline-form"><label>为 ${name} 选书 <input id="sd-book-search" type="search" autocomplete="off" placeholder="书名、拼音首字母或 ISBN"></label></div><ul id="sd-book-hits" class="pick-list"></ul>`,
  );
  const input = box.querySelector('#sd-book-search');
  input.focus();
  input.addEventListener(
    'input',
    debounce(async () => {
      const page = await api.listTitles({ text: input.value.trim() || null, limit: 8 });
      items = page.items;
      render(
        box.querySelector('#sd-book-hits'),
        html`${items.map(
          (t) => html`<li tabindex="0" data-book="${t.id}">《${t.title}》${t.subtitle ? html`<span class="sub">：${t.subtitle}</span>` : ''} <span class="hint">${[t.authors, editionText(t)].filter(Boolean).join(' · ')}</span></li>`,
        )}`,
      );
    }, 150),
  );
  box.addEventListener('click', (e) => {
    const t = items.find((x) => x.id === Number(e.target.closest('[data-book]')?.dataset.book));
    if (t) chosen({ title_id: t.id, book_title: t.title, book_publisher: t.publisher, book_year: t.year, call_number: t.call_number, available: t.available });
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') e.target.closest('[data-book]')?.click();
  });
}

/** 邀请与签到: invite by group or by name; sign in by a card scan or a tick. */
function peoplePane(ctx) {
  const $ = (sel) => ctx.shell.$(sel);
  const showSignIn = () => {
    const box = $('#sd-signin-msg');
    if (box && ctx.signinMsg) render(box, html`<span class="tone-${ctx.signinMsg.tone}">${ctx.signinMsg.text}</span>`);
    $('#sd-signin')?.focus();
  };
  async function signIn(code) {
    try {
      const r = await api.shareSignInCard(ctx.detail.session.id, code);
      await ctx.reload();
      drawAttendees(ctx);
      ctx.signinMsg = { tone: 'ok', text: `${r.person.name} ${r.new ? '签到成功' : '已签到过'}${r.invited ? '' : '（未在邀请名单中）'}，共 ${r.signed_in} 人` };
    } catch (e) {
      ctx.signinMsg = { tone: 'error', text: e.message };
    }
    showSignIn();
  }
  return {
    draw(body) {
      render(body, inviteForm());
      drawAttendees(ctx);
      bindScanInput($('#sd-signin'), signIn).focus();
    },
    async change(e) {
      if (!e.target.matches('[data-tick]')) return;
      const personId = Number(e.target.closest('[data-person]').dataset.person);
      try {
        ctx.detail = await api.shareTickSignIn(ctx.detail.session.id, personId, e.target.checked);
        drawAttendees(ctx);
        ctx.onChanged();
      } catch (err) {
        e.target.checked = !e.target.checked;
        throw err;
      }
    },
    async submit() {
      const selection = { kind: $('#sd-inv-kind').value || null, department: $('#sd-inv-dept').value.trim() || null, professional_group: $('#sd-inv-group').value || null };
      if (!selection.kind && !selection.department && !selection.professional_group) {
        toast('请选择类别、部门或专业小组，或点名邀请。', 'error');
        return;
      }
      const r = await api.shareInvite(ctx.detail.session.id, selection);
      toast(`新邀请 ${r.added} 人，共邀请 ${r.invited} 人。`);
      await ctx.reload();
      drawAttendees(ctx);
    },
    acts: {
      'invite-one': async () => {
        const p = await pickPerson({ title: '点名邀请' });
        if (!p) return;
        await api.shareInvite(ctx.detail.session.id, { person_ids: [p.id] });
        await ctx.reload();
        drawAttendees(ctx);
      },
      uninvite: async (e) => {
        ctx.detail = await api.shareUninvite(ctx.detail.session.id, Number(e.target.closest('[data-person]').dataset.person));
        ctx.onChanged();
        drawAttendees(ctx);
      },
    },
  };
}

function inviteForm() {
  return html`<form id="sd-invite" class="inline-form" novalidate>
      <span>按</span>
      <select id="sd-inv-kind" aria-label="类别"><option value="">类别</option>${personKinds().map((k) => html`<option value="${k.code}">${k.label}</option>`)}</select>
      <input id="sd-inv-dept" type="text" class="narrow-input" placeholder="部门" autocomplete="off" aria-label="部门">
      <select id="sd-inv-group" aria-label="专业小组"><option value="">专业小组</option>${groups().map((g) => html`<option value="${g}">${g}</option>`)}</select>
      <button type="submit">邀请</button>
      <button type="button" data-act="invite-one">点名邀请…</button>
    </form>
    <div class="scan-row"><label for="sd-signin" class="scan-label">签到</label><input id="sd-signin" class="scan-input" type="text" placeholder="扫描借书证签到，或在下表中勾选"></div>
    <div id="sd-signin-msg" class="desk-message" role="status" aria-live="polite"></div>
    <div id="sd-people-list"></div>`;
}

/**
 * The invitation and sign-in list, redrawn without touching the scan field;
 * and the facts line (a sign-in on the day makes the session 已举行).
 */
function drawAttendees({ shell, detail }) {
  const box = shell.$('#sd-people-list');
  if (!box) return;
  const s = detail.session;
  const facts = shell.$('#sd-facts');
  if (facts) facts.textContent = factsText(s);
  const invited = detail.attendees.filter((a) => a.invited).length;
  render(
    box,
    html`<p>已邀请 <b>${invited}</b> 人${s.capacity ? `（上限 ${s.capacity} 人）` : ''}，已签到 <b id="sd-signed">${s.signed_in}</b> 人。</p>
      <div class="report-rows"><table class="grid compact" id="sd-attendees"><thead><tr><th>签到</th><th>姓名</th><th>部门/代表团</th><th>借书证</th><th></th></tr></thead>
        <tbody>${detail.attendees.map(
          (a) => html`<tr data-person="${a.person_id}"><td><input type="checkbox" data-tick ${a.signed_at ? 'checked' : ''} aria-label="${a.name}签到"></td>
            <td>${a.name}${a.invited ? '' : html` <span class="tag">未邀请</span>`}</td><td>${a.unit ?? ''}</td><td class="mono">${a.card_barcode ?? ''}</td>
            <td class="row-actions">${a.invited ? html`<button type="button" class="link" data-act="uninvite">取消邀请</button>` : ''}</td></tr>`,
        )}</tbody></table></div>`,
  );
}

/** 纪要与附件: the minutes, and photos and files kept in the database. */
function minutesPane(ctx) {
  const fileOf = (e) => Number(e.target.closest('[data-attachment]').dataset.attachment);
  return {
    draw(body) {
      const { session, attachments } = ctx.detail;
      render(
        body,
        html`<label for="sd-minutes" class="label">纪要</label>
          <textarea id="sd-minutes" rows="9" maxlength="20000" placeholder="活动纪要：分享内容、讨论要点、下一步安排……">${session.minutes ?? ''}</textarea>
          <div class="dialog-actions"><button type="button" class="primary" data-act="save-minutes">保存纪要</button></div>
          <h3>照片与文件</h3>
          <p class="hint">照片和文件保存在数据库中，备份时一并备份。单个文件不超过 20 MB。</p>
          <label class="file-pick"><input id="sd-file" type="file" multiple aria-label="添加照片或文件"><span class="pick-button">添加照片或文件…</span></label>
          <table class="grid compact"><tbody>${attachments.map(
            (f) => html`<tr data-attachment="${f.id}"><td>${f.name}</td><td class="num">${Math.max(1, Math.round(f.size / 1024))} KB</td>
              <td class="row-actions"><button type="button" class="link" data-act="save-file">另存到文档</button><button type="button" class="link" data-act="remove-file">删除</button></td></tr>`,
          )}</tbody></table>`,
      );
    },
    async change(e) {
      if (e.target.id !== 'sd-file') return;
      for (const file of e.target.files) {
        try {
          ctx.detail = await api.addShareAttachment(ctx.detail.session.id, file.name, new Uint8Array(await file.arrayBuffer()));
          toast(`已添加 ${file.name}`);
        } catch (err) {
          toast(err.message, 'error');
        }
      }
      ctx.shell.drawPane();
    },
    acts: {
      'save-minutes': async () => {
        // As the presenters: saved on the session as it is now unless its
        // minutes were changed elsewhere since they were read here.
        const now = await api.shareSessionDetail(ctx.detail.session.id);
        const read = ctx.minutesRead ?? { revision: now.session.revision, text: now.session.minutes ?? '' };
        const revision = (now.session.minutes ?? '') === read.text ? now.session.revision : read.revision;
        const saved = await api.saveShareMinutes(ctx.detail.session.id, ctx.shell.$('#sd-minutes').value, revision);
        ctx.minutesRead = { revision: saved.revision, text: saved.minutes ?? '' };
        await ctx.reload();
        toast('纪要已保存。');
      },
      'save-file': async (e) => toast(`已保存到 ${await api.saveShareAttachment(fileOf(e))}`),
      'remove-file': async (e) => {
        ctx.detail = await api.removeShareAttachment(fileOf(e));
        ctx.shell.drawPane();
      },
    },
  };
}
