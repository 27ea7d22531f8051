// 书单's pure logic: the form's values as the core's draft, what a list is
// for in words, a title's availability in words, and moving a title in the
// order.

/** A list's topic or series as the form's one choice: 'topic:3', 'series:2' or ''. */
export function linkValue(list) {
  if (list?.topic_id) return `topic:${list.topic_id}`;
  if (list?.series_id) return `series:${list.series_id}`;
  return '';
}

/** The form's values as the core's ReadingListDraft. */
export function listDraft({ name, description, link, published, items, revision }) {
  const [kind, id] = (link ?? '').split(':');
  return {
    name: name.trim(),
    description: description?.trim() || null,
    topic_id: kind === 'topic' ? Number(id) : null,
    series_id: kind === 'series' ? Number(id) : null,
    published: Boolean(published),
    titles: items.map((t) => ({ title_id: t.title_id, note: t.note?.trim() || null })),
    revision,
  };
}

/** What a list is for: '履职培训专题：预算审查监督', '读书分享系列：…', or ''. */
export function listFor(list) {
  if (list.topic_name) return `履职培训专题：${list.topic_name}`;
  if (list.series_name) return `读书分享系列：${list.series_name}`;
  return '';
}

/** A title's availability: { text, tone } — '在架 2 册（共 3 册）', '全部借出', '无可借复本'. */
export function availability(item) {
  if (!item.copies) return { text: '无可借复本', tone: 'muted' };
  if (item.available > 0) return { text: `在架 ${item.available} 册${item.copies > item.available ? `（共 ${item.copies} 册）` : ''}`, tone: 'ok' };
  return { text: `全部借出（共 ${item.copies} 册）`, tone: 'warn' };
}

/** Moves `items[i]` by `step` (−1 up, 1 down) in place, when it can. */
export function moveItem(items, i, step) {
  const j = i + step;
  if (j < 0 || j >= items.length) return items;
  [items[i], items[j]] = [items[j], items[i]];
  return items;
}
