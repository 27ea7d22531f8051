// People's pure logic: a person's unit, the form → record step (whether the
// record may be saved is the core's to say), and the lists' paging words.

/** 部门 for staff, 代表团 for deputies: the unit a person belongs to. */
export function unitOf(person) {
  return (person.kind === 'deputy' ? person.delegation : person.department) ?? '';
}

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
