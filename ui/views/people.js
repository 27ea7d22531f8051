// 人员: the registry of staff and deputies — search as you type by name,
// pinyin, initials or card; filter; page; add, edit, deactivate; import.

import * as api from '../api.js';
import { html } from '../lib/html.js';
import { unitOf } from '../lib/people.js';
import { openPersonForm } from '../components/person-form.js';
import { openImportDialog } from '../components/import-dialog.js';
import { mountPagedList, noneFound } from '../components/paged-list.js';
import { confirmDialog } from '../components/confirm.js';
import { toast } from '../components/toast.js';
import { demoSummary } from '../lib/demo.js';
import { groups, kindLabel, personKinds } from '../lib/vocabulary.js';

const PEOPLE_IMPORT = {
  title: '导入人员名单',
  help: '支持 Excel（.xlsx、.xls）和 CSV（UTF-8 或 GBK）。第一行为列名：类别、姓名、部门、代表团、专业小组、借书证号、电话，顺序不限。',
  accept: '.xlsx,.xls,.csv,.txt',
  run: api.importPeople,
};

export function mountPeople(host) {
  const list = mountPagedList(host, {
    name: 'people',
    title: '人员',
    label: '人员列表',
    actions: html`
      <button type="button" class="primary" data-act="new" title="Ctrl+N">新增人员</button>
      <button type="button" data-act="import">导入名单</button>`,
    search: { placeholder: '搜索姓名、拼音、首字母或借书证号（按 / 键）', label: '搜索人员' },
    filters: html`
      <select id="people-kind" data-filter="kind" aria-label="人员类别">
        <option value="">全部类别</option>
        ${personKinds().map((k) => html`<option value="${k.code}">${k.label}</option>`)}
      </select>
      <select id="people-group" data-filter="group" aria-label="专业小组">
        <option value="">全部专业小组</option>
        ${groups().map((g) => html`<option value="${g}">${g}</option>`)}
      </select>
      <label class="check"><input id="people-inactive" data-filter="includeInactive" type="checkbox">显示已停用</label>`,
    initial: { kind: '', group: '', includeInactive: false },
    fetch: api.listPeople,
    query: (state) => ({
      text: state.text || null,
      kind: state.kind || null,
      professional_group: state.group || null,
      include_inactive: state.includeInactive,
    }),
    head: html`<tr><th>姓名</th><th>类别</th><th>部门 / 代表团</th><th>专业小组</th><th>借书证号</th><th>电话</th><th class="narrow">状态</th><th class="narrow"></th></tr>`,
    row: (p) => html`<tr tabindex="0" data-id="${p.id}" class="${p.active ? '' : 'inactive'}">
      <td class="name">${p.name}</td>
      <td>${kindLabel(p.kind)}</td>
      <td>${unitOf(p)}</td>
      <td>${p.professional_group ?? ''}</td>
      <td class="mono">${p.card_barcode ?? ''}</td>
      <td class="mono">${p.phone ?? ''}</td>
      <td>${p.active ? '在用' : html`<span class="tag">已停用</span>`}</td>
      <td class="row-actions">
        <button type="button" class="link" data-act="edit">编辑</button>
        ${p.active && p.card_barcode ? html`<button type="button" class="link" data-act="pin" title="读者在局域网查询页面登录用">设 PIN</button>` : ''}
        <button type="button" class="link" data-act="${p.active ? 'deactivate' : 'reactivate'}">${p.active ? '停用' : '恢复'}</button>
      </td>
    </tr>`,
    empty: {
      first: () => html`
        <h2>还没有人员</h2>
        <p>借书、分享活动和培训都从人员开始。可以逐个新增，也可以从 Excel 名单导入；想先看看效果，就装入一套演示数据。</p>
        <div class="actions">
          <button type="button" class="primary" data-act="new">新增人员</button>
          <button type="button" data-act="import">导入名单</button>
          <button type="button" data-act="demo">装入演示数据</button>
        </div>`,
      none: (state) => noneFound(state, '人员', '可以用拼音首字母搜索，例如 zs 查“张三”；或检查上方的筛选条件。'),
    },
    openOn: 'dblclick',
    open: (person) => edit(person),
    onNew: () => edit(null),
    onAction: (act, person) => {
      if (act === 'import') openImportDialog(PEOPLE_IMPORT, () => list.load());
      else if (act === 'demo') demo();
      else if (act === 'edit') edit(person);
      else if (act === 'pin') setPin(person);
      else if (act === 'deactivate') setActive(person, false);
      else if (act === 'reactivate') setActive(person, true);
    },
  });
  const load = list.load;

  async function setActive(person, active) {
    try {
      await api.setPersonActive(person.id, active);
      await load();
      toast(
        active ? `已恢复：${person.name}` : `已停用：${person.name}`,
        'info',
        active ? null : { label: '撤销', run: () => setActive(person, true) },
      );
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  // The PIN a reader signs in with on the intranet pages; setting a new
  // one also clears the count of wrong PINs.
  async function setPin(person) {
    const answer = await confirmDialog({
      title: `为 ${person.name} 设置读者 PIN`,
      message: `读者在局域网查询页面用借书证号 ${person.card_barcode} 和这个 PIN 登录，查看自己的借阅和预约。设置新 PIN 后，这位读者原来的登录都会结束。`,
      confirmLabel: '设置',
      note: { label: 'PIN（4 至 12 位数字）', value: '' },
    });
    if (!answer) return;
    try {
      await api.setReaderPin(person.card_barcode, answer.note.trim());
      toast(`已为 ${person.name} 设置读者 PIN`);
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function edit(person) {
    openPersonForm(person, async (saved) => {
      await load();
      toast(person ? `已保存：${saved.name}` : `已新增：${saved.name}`);
      list.search.focus();
    });
  }

  async function demo() {
    try {
      const r = await api.loadDemo();
      toast(demoSummary(r));
      await load();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  return { unmount: list.unmount };
}
