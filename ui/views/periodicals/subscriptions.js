// 订阅: the year's subscriptions (a year picker), added and changed in a form
// with the 刊期 presets and the pattern's exceptions (合刊, 休刊, holidays),
// stopped and resumed, imported from the post office's 订阅清单; and a
// subscription's issues, where an irregular issue or a 增刊 is added by hand,
// an issue marked 缺期 and a range bound into one volume (合订本).

import * as api from '../../api.js';
import { html, render } from '../../lib/html.js';
import { defaultPattern, formatNumbers, formatPairs, formatSkips, formatWeekdays, draftFromForm, parseRange, presetFields } from '../../lib/periodicals.js';
import { frequencies, mayChange, officeToday, statusLabel } from '../../lib/vocabulary.js';
import { operatorRole } from '../../lib/operator.js';
import { formField, onRecordSubmit, saveOrCancel, showRefusal, textField, textInput } from '../../components/form.js';
import { modal } from '../../components/modal.js';
import { confirmDialog } from '../../components/confirm.js';
import { openImportDialog } from '../../components/import-dialog.js';
import { toast } from '../../components/toast.js';

export function mountSubscriptions(el, params) {
  const v = {
    el,
    may: mayChange(operatorRole(), 'serial'),
    year: Number(params.get('year')) || Number(officeToday().slice(0, 4)),
    subs: [],
    $: (sel) => el.querySelector(sel),
  };
  el.addEventListener('click', (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    const sub = v.subs.find((s) => s.id === Number(e.target.closest('[data-id]')?.dataset.id));
    if (act === 'prev-year') setYear(v, v.year - 1);
    else if (act === 'next-year') setYear(v, v.year + 1);
    else if (act === 'add') openSubscriptionForm(v, null);
    else if (act === 'import') importList(v);
    else if (act === 'edit' && sub) openSubscriptionForm(v, sub);
    else if (act === 'stop' && sub) setStopped(v, sub, !sub.stopped);
    else if (act === 'issues' && sub) openIssues(v, sub);
  });
  el.addEventListener('change', (e) => {
    if (e.target.id === 'subs-year' && /^\d{4}$/.test(e.target.value)) setYear(v, Number(e.target.value));
  });
  load(v);
  return {};
}

function setYear(v, year) {
  v.year = year;
  load(v);
}

async function load(v) {
  try {
    v.subs = await api.subscriptions(v.year);
    draw(v);
  } catch (e) {
    toast(e.message, 'error');
  }
}

function period(s) {
  const y = s.starts_on.slice(0, 4);
  return s.starts_on === `${y}-01-01` && s.ends_on === `${y}-12-31` ? `${y} 全年` : `${s.starts_on} 至 ${s.ends_on}`;
}

function pattern(s) {
  const parts = [];
  if (s.weekdays.length) parts.push(`周${formatWeekdays(s.weekdays)}`);
  if (s.months.length) parts.push(`${s.months.join('、')} 月`);
  if (s.days.length) parts.push(`${s.days.join('、')} 日`);
  if (!parts.length && defaultPattern(s.frequency)) parts.push(defaultPattern(s.frequency));
  if (s.combine.length) parts.push(`合刊 ${formatPairs(s.combine)}`);
  if (s.skip.length) parts.push(`休刊 ${formatSkips(s.skip)}`);
  if (s.holiday_pause) parts.push('节假日休刊');
  return parts.join('；');
}

function draw(v) {
  const focused = document.activeElement?.id;
  const copies = v.subs.filter((s) => !s.stopped).reduce((n, s) => n + s.copies, 0);
  render(
    v.el,
    html`<div class="subscriptions">
      <div class="view-head">
        <div class="year-pick"><button type="button" data-act="prev-year" aria-label="上一年">‹</button>
          <label for="subs-year" class="scan-label">订阅年度</label><input id="subs-year" type="number" min="1900" max="2200" class="narrow-input" value="${v.year}">
          <button type="button" data-act="next-year" aria-label="下一年">›</button>
          <span class="counts">${v.subs.length} 种，${copies} 份</span></div>
        ${v.may ? html`<div class="actions"><button type="button" data-act="import">导入订阅清单…</button><button type="button" class="primary" data-act="add">新增订阅…</button></div>` : ''}
      </div>
      ${v.subs.length
        ? html`<div class="list-body"><table class="grid compact" id="subs-table" aria-label="${v.year} 年订阅">
          <thead><tr><th>邮发代号</th><th>报刊</th><th>刊期</th><th>出版规律</th><th>订期</th><th class="num">份数</th><th class="num">定价</th><th>订阅渠道</th><th class="num">已到/期数</th><th></th></tr></thead>
          <tbody>${v.subs.map(
            (s) => html`<tr data-id="${s.id}" class="${s.stopped ? 'inactive' : ''}">
              <td class="mono">${s.postal_code ?? ''}</td><td class="name">《${s.title}》${s.stopped ? html` <span class="tag">已停订</span>` : ''}</td>
              <td>${s.frequency}</td><td class="pattern">${pattern(s)}</td><td class="nowrap">${period(s)}</td>
              <td class="num">${s.copies}</td><td class="num">${s.price ?? ''}</td><td>${s.supplier}</td>
              <td class="num">${s.received} / ${s.issues}</td>
              <td class="row-actions"><button type="button" class="link" data-act="issues">期次</button>${v.may
                ? html` <button type="button" class="link" data-act="edit">修改</button> <button type="button" class="link" data-act="stop">${s.stopped ? '恢复订阅' : '停订'}</button>`
                : ''}</td></tr>`,
          )}</tbody></table></div>`
        : html`<p class="hint">${v.year} 年还没有订阅。${v.may ? '可以“新增订阅”，或从邮局的订阅清单导入。' : ''}</p>`}
    </div>`,
  );
  if (focused) v.$(`#${focused}`)?.focus();
}

async function setStopped(v, sub, stopped) {
  if (stopped) {
    const ok = await confirmDialog({
      title: '停订',
      message: `停订《${sub.title}》？停订后不再记到、不再列入明年的征订单；已到的期次保留。可以随时恢复。`,
      confirmLabel: '停订',
    });
    if (!ok) return;
  }
  try {
    await api.setSubscriptionStopped(sub.id, stopped);
    toast(`《${sub.title}》${stopped ? '已停订' : '已恢复订阅'}。`);
    load(v);
  } catch (e) {
    toast(e.message, 'error');
  }
}

function importList(v) {
  openImportDialog(
    {
      title: `导入 ${v.year} 年订阅清单`,
      help: `邮局的订阅清单或自己的表格（Excel 或 CSV），第一行为列名：邮发代号、报刊名称、刊期、份数、全年定价，以及 ISSN、国内统一刊号、主办单位、订阅渠道（可选）。每一行订阅 ${v.year} 年全年。`,
      accept: '.xlsx,.xls,.csv,.txt',
      run: (name, bytes, options) => api.importSubscriptions(name, bytes, options, v.year),
    },
    () => load(v),
  );
}

// ---- the subscription form ----

function patternFields(frequency, values) {
  const f = presetFields(frequency);
  return html`${f.weekdays ? textField('sf', 'weekdays', '星期', values.weekdays, { hint: `如 一,三,五。${f.hint}` }) : ''}
    ${f.days ? textField('sf', 'days', '每月日期', values.days, { hint: `如 5,15,25。${f.months ? '' : f.hint}` }) : ''}
    ${f.months ? textField('sf', 'months', '月份', values.months, { hint: `如 1,4,7,10。${f.hint}` }) : ''}
    ${!f.weekdays && !f.days && f.hint ? html`<p class="hint">${f.hint}</p>` : ''}`;
}

/** Adds (`sub` null) or changes a subscription, in a dialog. */
function openSubscriptionForm(v, sub) {
  const { dialog, close } = modal('form-dialog wide subscription-dialog', { labelledBy: 'sf-heading' });
  const s = sub ?? {};
  const year = sub ? sub.starts_on.slice(0, 4) : String(v.year);
  const wholeYear = !sub || (s.starts_on === `${year}-01-01` && s.ends_on === `${year}-12-31`);
  const values = {
    weekdays: formatWeekdays(s.weekdays),
    days: formatNumbers(s.days),
    months: formatNumbers(s.months),
  };
  render(
    dialog,
    html`<form id="subscription-form" novalidate>
      <h2 id="sf-heading">${sub ? `修改订阅：《${sub.title}》` : '新增订阅'}</h2>
      <div class="two-cols">
        <fieldset><legend>报刊</legend>
          ${sub
            ? html`<p class="hint">《${sub.title}》 ${sub.issn ? `ISSN ${sub.issn}` : ''} ${sub.postal_code ? `邮发代号 ${sub.postal_code}` : ''}</p>`
            : html`${textField('sf', 'title', '报刊名称', '', { maxlength: 200, required: true })}
              ${textField('sf', 'issn', 'ISSN', '', { hint: '如 0529-1399（封面条码 977 开头的即由它而来）' })}
              ${textField('sf', 'cn', '国内统一刊号', '', { hint: '如 11-1000/D；内部资料可不填' })}
              ${textField('sf', 'postal_code', '邮发代号', '', { hint: '如 1-1、2-25' })}
              ${textField('sf', 'sponsor', '主办单位', '', { maxlength: 200 })}`}
          ${formField('sf', 'frequency', '刊期', html`<select id="sf-frequency" name="frequency" aria-describedby="sf-frequency-error">${frequencies().map(
            (f) => html`<option value="${f}" ${f === (s.frequency ?? '月刊') ? html`selected` : ''}>${f}</option>`,
          )}</select>`)}
          <div id="sf-pattern">${patternFields(s.frequency ?? '月刊', values)}</div>
        </fieldset>
        <fieldset><legend>订阅</legend>
          <div class="field" data-field="year"><span class="label">订期</span>
            <div class="radios"><label class="check"><input type="radio" name="period" value="year" ${wholeYear ? html`checked` : ''}> 全年</label>
              <input id="sf-year" name="year" type="number" min="1900" max="2200" class="narrow-input" value="${year}" aria-label="订阅年份" aria-describedby="sf-year-error">
              <label class="check"><input type="radio" name="period" value="range" ${wholeYear ? '' : html`checked`}> 起止日期</label></div>
            <small class="field-error" id="sf-year-error" role="alert"></small></div>
          <div class="field-row">
            ${formField('sf', 'from', '开始', html`<input id="sf-from" name="from" type="date" value="${s.starts_on ?? ''}" aria-describedby="sf-from-error">`)}
            ${formField('sf', 'to', '结束', html`<input id="sf-to" name="to" type="date" value="${s.ends_on ?? ''}" aria-describedby="sf-to-error">`)}
          </div>
          <div class="field-row">
            ${formField('sf', 'copies', '份数', html`<input id="sf-copies" name="copies" type="number" min="1" max="1000" value="${s.copies ?? 1}" aria-describedby="sf-copies-error">`)}
            ${textField('sf', 'price', '全年定价', s.price ?? '', { maxlength: 40 })}
          </div>
          <div class="field-row">
            ${formField('sf', 'first_issue', '起始当年期号', html`<input id="sf-first_issue" name="first_issue" type="number" min="1" value="${s.first_issue ?? ''}" placeholder="1" aria-describedby="sf-first_issue-error">`)}
            ${formField('sf', 'first_total', '起始总期号', html`<input id="sf-first_total" name="first_total" type="number" min="1" value="${s.first_total ?? ''}" placeholder="不编总期号" aria-describedby="sf-first_total-error">`)}
          </div>
          ${textField('sf', 'combine', '合刊', formatPairs(s.combine), { hint: '当年期号，如 7-8（每年的 7、8 期合为一期）；多个用逗号分开' })}
          ${textField('sf', 'skip', '休刊', formatSkips(s.skip), { hint: '日期或范围，如 2027-02-10..2027-02-17' })}
          <div class="field" data-field="holiday_pause"><span class="label"></span><label class="check"><input type="checkbox" name="holiday_pause" ${s.holiday_pause ? html`checked` : ''}> 本单位节假日休刊（报纸）</label></div>
          <div class="field-row">
            ${formField('sf', 'grace', '宽限天数', html`<input id="sf-grace" name="grace_days" type="number" min="0" max="365" value="${s.grace_days ?? ''}" placeholder="15" aria-describedby="sf-grace-error">`)}
            ${formField('sf', 'transit_days', '在途天数', html`<input id="sf-transit_days" name="transit_days" type="number" min="0" max="60" value="${s.transit_days ?? ''}" placeholder="0" aria-describedby="sf-transit_days-error">`)}
          </div>
          ${formField('sf', 'supplier', '订阅渠道', html`${textInput('sf', 'supplier', s.supplier ?? '', { maxlength: 100 })}`, html`<small class="hint">留空为“邮局”</small>`)}
        </fieldset>
      </div>
      ${sub ? html`<p class="hint">修改后，还没有到、也没有催询的期次按新规律重新排；已到、已催询、缺期、已合订的期次不变。</p>` : ''}
      ${saveOrCancel()}
    </form>`,
  );
  const form = dialog.querySelector('form');
  const frequency = () => form.elements.frequency.value;
  form.elements.frequency.addEventListener('change', () => {
    render(dialog.querySelector('#sf-pattern'), patternFields(frequency(), {}));
  });
  for (const name of ['from', 'to']) form.elements[name].addEventListener('input', () => (form.elements.period.value = 'range'));
  form.elements.year.addEventListener('input', () => (form.elements.period.value = 'year'));
  dialog.querySelector('[data-act=cancel]').addEventListener('click', close);
  // The title as sent, for the words after saving.
  let named = sub?.title ?? '';
  onRecordSubmit(
    dialog,
    form,
    (values) => {
      const { draft, errors } = draftFromForm(values);
      if (!sub && !values.title?.trim()) return { errors: { title: '请填写报刊名称。', ...(errors ?? {}) } };
      if (errors) return { errors };
      const serial = sub
        ? null
        : {
            title: values.title.trim(),
            issn: values.issn?.trim() || null,
            cn: values.cn?.trim() || null,
            postal_code: values.postal_code?.trim() || null,
            frequency: draft.frequency,
            sponsor: values.sponsor?.trim() || null,
          };
      named = serial?.title ?? named;
      const save = async () => {
        try {
          // An edit names the revision the form was opened on: another's
          // change in between is refused, not overwritten.
          return sub ? await api.editSubscription(sub.id, { ...draft, revision: sub.revision }) : await api.addSubscription(serial, draft);
        } catch (err) {
          // The engine names weekday mistakes `days`; the form has them under 星期.
          if (err.field === 'days' && presetFields(draft.frequency).weekdays) err.field = 'weekdays';
          throw err;
        }
      };
      return { save };
    },
    (saved) => {
      close();
      toast(sub ? `《${sub.title}》的订阅已修改。` : `已订阅《${named}》，预测 ${saved.issues} 期。`);
      const y = Number((sub ? saved.starts_on : draftYear(form)).slice(0, 4));
      if (y && y !== v.year) v.year = y;
      load(v);
    },
  );
  dialog.showModal();
  (form.elements.title ?? form.elements.frequency).focus();
}

function draftYear(form) {
  return form.elements.period.value === 'range' ? form.elements.from.value : String(form.elements.year.value);
}

// ---- a subscription's issues ----

const TONES = { expected: '', received: 'tone-ok', partial: 'tone-warn', claimed: 'tone-warn', missing: 'tone-error', bound: 'tone-muted' };

function openIssues(v, sub) {
  const { dialog, close } = modal('form-dialog wide issues-dialog', { labelledBy: 'iss-title', onClose: () => load(v) });
  const d = { dialog, issues: [], bound: null };
  const redraw = async () => {
    try {
      d.issues = await api.subscriptionIssues(sub.id);
    } catch (e) {
      toast(e.message, 'error');
    }
    drawIssues(v, sub, d);
  };
  dialog.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    if (act === 'close') close();
    else if (act === 'labels' && d.bound) {
      // The bound volume's labels, in 标签 (the dialog closes first).
      close();
      location.hash = `#labels?kind=${e.target.closest('[data-kind]').dataset.kind}&copies=${d.bound.copy_id}`;
    } else if (act === 'missing') {
      const issue = d.issues.find((i) => i.id === Number(e.target.closest('[data-issue]').dataset.issue));
      const ok = await confirmDialog({ title: '记为缺期', message: `《${sub.title}》${issue.label} 记为缺期？不再等待、不再催询。`, confirmLabel: '记为缺期', danger: true });
      if (!ok) return;
      try {
        await api.markIssueMissing(issue.id);
        toast(`${issue.label} 已记为缺期。`);
        redraw();
      } catch (err) {
        toast(err.message, 'error');
      }
    }
  });
  dialog.addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.target;
    if (form.id === 'issue-add') {
      const on = form.elements.published_on.value;
      if (!on) return showRefusal(form, { field: 'published_on', message: '请填写出版日期。' });
      try {
        const issue = await api.addIssue(sub.id, on, form.elements.supplement.checked);
        toast(`已加入 ${issue.label}。`);
        await redraw();
      } catch (err) {
        showRefusal(dialog.querySelector('#issue-add'), err);
      }
    } else if (form.id === 'issue-bind') {
      const range = parseRange(form.elements.range.value);
      if (range.error) return showRefusal(form, { field: 'issues', message: range.error });
      try {
        d.bound = await api.bindIssues(sub.id, range.from, range.to);
        toast(`已合订为 ${d.bound.barcode}。`);
        await redraw();
      } catch (err) {
        showRefusal(dialog.querySelector('#issue-bind'), err);
      }
    }
  });
  drawIssues(v, sub, d);
  dialog.showModal();
  redraw();
}

function drawIssues(v, sub, d) {
  const counts = {};
  for (const i of d.issues) counts[i.status] = (counts[i.status] ?? 0) + 1;
  const last = d.issues.filter((i) => !i.supplement && i.issue_no_to).at(-1)?.issue_no_to ?? '';
  const b = d.bound;
  const today = officeToday();
  render(
    d.dialog,
    html`<h2 id="iss-title">《${sub.title}》的期次 <span class="sub">${period(sub)} · ${sub.frequency} · ${sub.copies} 份</span></h2>
      <p class="counts">${d.issues.length} 期：${Object.entries(counts).map(([code, n]) => `${statusLabel('issue', code)} ${n}`).join('，')}</p>
      ${v.may
        ? html`<div class="issue-forms">
          <form id="issue-add" class="inline-form" novalidate>
            ${formField('ia', 'published_on', '加一期', html`<input id="ia-published_on" name="published_on" type="date" aria-describedby="ia-published_on-error">`)}
            <label class="check"><input type="checkbox" name="supplement"> 增刊（不占期号）</label>
            <button type="submit">加入</button><p class="form-error" role="alert"></p>
          </form>
          <form id="issue-bind" class="inline-form" novalidate>
            ${formField('ib', 'issues', '合订期号', html`<input id="ib-issues" name="range" type="text" class="narrow-input" placeholder="${last ? `1-${last}` : '1-12'}" autocomplete="off" aria-describedby="ib-issues-error">`)}
            <button type="submit">合订为一册</button><p class="form-error" role="alert"></p>
          </form></div>`
        : ''}
      ${b
        ? html`<div class="desk-offer bound-result" role="status"><span>合订本：条码 <b class="mono">${b.barcode}</b>，索书号 <b class="mono">${b.call_number}</b>，${b.issues} 期${b.missing.length ? html`；<span class="tone-warn">缺 ${b.missing.join('、')}</span>` : '，无缺期'}。</span>
          <button type="button" data-act="labels" data-kind="spine">打印书标…</button><button type="button" data-act="labels" data-kind="barcode">打印条码…</button></div>`
        : ''}
      <div class="issues-list"><table class="grid compact" aria-label="期次">
        <thead><tr><th>期次</th><th>出版</th><th>应到</th><th>状态</th><th class="num">已到/应到</th><th>到刊日期</th><th class="num">催询</th>${v.may ? html`<th></th>` : ''}</tr></thead>
        <tbody>${d.issues.map(
          (i) => html`<tr data-issue="${i.id}"><td>${i.label}</td><td class="nowrap">${i.published_on}</td><td class="nowrap">${i.expected_on}</td>
            <td><span class="${TONES[i.status] ?? ''}">${statusLabel('issue', i.status)}</span></td><td class="num">${i.copies_received} / ${i.copies_expected}</td>
            <td class="nowrap">${i.received_on ?? ''}</td><td class="num">${i.claims || ''}</td>
            ${v.may ? html`<td class="row-actions">${['expected', 'partial', 'claimed'].includes(i.status) && i.expected_on <= today ? html`<button type="button" class="link" data-act="missing">记为缺期</button>` : ''}</td>` : ''}</tr>`,
        )}${d.issues.length ? '' : html`<tr><td colspan="8" class="hint">${sub.frequency === '不定期' ? '不定期刊物：每到一期，用上面的“加一期”加入。' : '正在读取…'}</td></tr>`}</tbody></table></div>
      <div class="dialog-actions"><button type="button" class="primary" data-act="close">关闭</button></div>`,
  );
}
