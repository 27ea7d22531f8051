// People's pure logic: labels, the form's checks (the same rules the core
// enforces, so mistakes show before a round trip), and the form → record step.

export const KINDS = [
  { code: 'staff', label: '机关干部' },
  { code: 'deputy', label: '人大代表' },
];

export const GROUPS = ['司法监督', '经济发展', '社会建设', '城乡建设与环境保护', '乡村振兴', '预算审计', '教育文化', '卫生健康'];

export function kindLabel(code) {
  return KINDS.find((k) => k.code === code)?.label ?? '';
}

/** 部门 for staff, 代表团 for deputies: the unit a person belongs to. */
export function unitOf(person) {
  return (person.kind === 'deputy' ? person.delegation : person.department) ?? '';
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function foldWidth(text) {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Turns the form's raw values into the record the core takes. */
export function toNewPerson(values) {
  const text = (v) => {
    const t = (v ?? '').trim();
    return t === '' ? null : t;
  };
  const deputy = values.kind === 'deputy';
  return {
    kind: values.kind || null,
    name: (values.name ?? '').trim(),
    department: deputy ? null : text(values.department),
    delegation: deputy ? text(values.delegation) : null,
    professional_group: deputy ? text(values.professional_group) : null,
    card_barcode: text(foldWidth(values.card_barcode ?? '')),
    phone: text(foldWidth(values.phone ?? '')),
    note: text(values.note),
  };
}

/** Every wrong field of the form, as {field: message}; empty when it may be saved. */
export function validatePerson(p) {
  const errors = {};
  if (!p.kind) errors.kind = '请选择人员类别：机关干部或人大代表。';
  if (!p.name) errors.name = '请填写姓名。';
  else if (CONTROL.test(p.name)) errors.name = '姓名含有不可见的控制字符，请重新输入。';
  else if ([...p.name].length > 50) errors.name = '姓名过长（最多 50 个字）。';
  for (const [field, label] of [['department', '部门'], ['delegation', '代表团']]) {
    if (p[field] && [...p[field]].length > 100) errors[field] = `${label}过长（最多 100 个字）。`;
  }
  if (p.professional_group && !GROUPS.includes(p.professional_group)) {
    errors.professional_group = `“${p.professional_group}”不是专业小组。`;
  }
  if (p.card_barcode) {
    if (!/^[A-Za-z0-9-]+$/.test(p.card_barcode)) errors.card_barcode = '借书证号只能包含字母、数字和“-”。';
    else if (p.card_barcode.length > 32) errors.card_barcode = '借书证号过长（最多 32 位）。';
  }
  if (p.phone) {
    const digits = (p.phone.match(/\d/g) ?? []).length;
    if (!/^[\d\s\-+()转分机ext.]+$/.test(p.phone) || digits < 5 || digits > 20) {
      errors.phone = `电话号码“${p.phone}”格式不对，应为 5 到 20 位数字，可带“-”、空格、“+”或“转”分机号。`;
    }
  }
  if (p.note && [...p.note].length > 500) errors.note = '备注过长（最多 500 个字）。';
  return errors;
}

/** "第 51–100 条，共 240 条"; a broad search that stopped counting says "10000+". */
export function pageSummary({ offset, total, items, capped = false }) {
  if (total === 0) return '共 0 条';
  return `第 ${offset + 1}–${offset + items.length} 条，共 ${total}${capped ? '+' : ''} 条`;
}

/** The page offsets for previous/next, or null where there is none. */
export function pageMoves({ offset, limit, total }) {
  return {
    previous: offset > 0 ? Math.max(0, offset - limit) : null,
    next: offset + limit < total ? offset + limit : null,
  };
}
