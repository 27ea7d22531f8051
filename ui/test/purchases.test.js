import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  arrivalRows,
  budgetView,
  draftTotal,
  fenOf,
  lineDraft,
  orderDraft,
  orderSummary,
  rateText,
  receiptValues,
  renewalAgainstBudget,
  renewalConfirmText,
  renewalGroups,
  yuan,
} from '../lib/purchases.js';

test('fen read as yuan with thousands marked, negatives and nothing too', () => {
  assert.equal(yuan(123456), '1,234.56', 'thousands get a comma, fen two digits');
  assert.equal(yuan(5), '0.05', 'a few fen keep the leading zero');
  assert.equal(yuan(-15000), '-150.00', 'an overspend reads negative');
  assert.equal(yuan(null), '—', 'no amount is a dash, not 0.00');
});

test('amounts typed as people write them are read for the running total only', () => {
  assert.equal(fenOf('45'), 4500);
  assert.equal(fenOf('45.5'), 4550);
  assert.equal(fenOf('¥45.50'), 4550, 'the yuan sign is dropped');
  assert.equal(fenOf('４５元'), 4500, 'full-width digits and 元 read too');
  assert.equal(fenOf('1,200'), 120000, 'a thousands comma is not a decimal point');
  assert.equal(fenOf('四十五'), null, 'words are left to the core to refuse');
  assert.equal(fenOf(''), null);
});

test('a budget reads ok, near at 90 % and over past it, the core’s warning kept', () => {
  const ok = budgetView({ year: 2027, kind: 'books', amount_fen: 100000, committed_fen: 30000, spent_fen: 20000, percent: 50, warning: null });
  assert.equal(ok.tone, 'ok');
  assert.equal(ok.used, 50000, 'used is committed plus spent');
  assert.equal(ok.left, 50000);
  assert.equal(ok.warning, null);
  const near = budgetView({ year: 2027, kind: 'books', amount_fen: 100000, committed_fen: 90000, spent_fen: 0, percent: 90, warning: '2027年图书购置费已用 90.0%，接近预算。' });
  assert.equal(near.tone, 'warn', '90 % exactly is already a warning');
  assert.match(near.warning, /接近预算/, 'the core’s words are shown as given');
  const over = budgetView({ year: 2027, kind: 'books', amount_fen: 100000, committed_fen: 80000, spent_fen: 40000, percent: 120, warning: '超出' });
  assert.equal(over.tone, 'error');
  assert.equal(over.left, -20000, 'what is over shows as a negative remainder');
  assert.equal(over.bar, 100, 'the bar stops at full');
  const unset = budgetView({ year: 2027, kind: 'periodicals', amount_fen: null, committed_fen: 5000, spent_fen: 0, percent: null, warning: null });
  assert.equal(unset.set, false);
  assert.match(unset.warning, /报刊订阅费预算还未设置/, 'a missing budget says so');
});

test('the 征订单 total is held against next year’s 报刊订阅费', () => {
  const list = { year: 2027, total: 950, lines: [] };
  assert.equal(renewalAgainstBudget(list, null).tone, 'warn', 'no budget: a warning to set one');
  assert.match(renewalAgainstBudget(list, { year: 2027, amount_fen: null }).message, /还未设置/);
  const under = renewalAgainstBudget(list, { year: 2027, amount_fen: 200000 });
  assert.equal(under.tone, 'ok');
  assert.equal(under.leftFen, 105000);
  const near = renewalAgainstBudget(list, { year: 2027, amount_fen: 100000 });
  assert.equal(near.tone, 'warn', '95 % of the budget is near');
  assert.equal(near.percent, 95);
  const over = renewalAgainstBudget(list, { year: 2027, amount_fen: 90000 });
  assert.equal(over.tone, 'error');
  assert.match(over.message, /超出2027年报刊订阅费预算 50\.00 元/, 'says by how much');
});

test('the 征订单 groups by 订阅渠道 with subtotals, readers’ suggestions last', () => {
  const lines = [
    { title: '人民日报', copies: 2, amount: 960, supplier: '邮局', suggestion_id: null },
    { title: '读者', copies: 1, amount: null, supplier: '', suggestion_id: 7, suggested_by: '王芳' },
    { title: '求是', copies: 1, amount: 180, supplier: '邮局', suggestion_id: null },
    { title: '中国人大', copies: 1, amount: 240, supplier: '杂志社', suggestion_id: null },
  ];
  const groups = renewalGroups(lines);
  assert.deepEqual(groups.map((g) => g.name), ['邮局', '杂志社', '读者荐购（新订）']);
  assert.equal(groups[0].amountFen, 114000, 'the post office subtotal in fen');
  assert.equal(groups[0].copies, 3);
  assert.equal(groups[2].unpriced, 1, 'a suggestion has no price yet');
});

test('confirming says what it makes, and that suggested titles are added by hand', () => {
  const text = renewalConfirmText({
    year: 2027,
    lines: [
      { copies: 2, suggestion_id: null },
      { copies: 1, suggestion_id: null },
      { copies: 1, suggestion_id: 4 },
    ],
  });
  assert.match(text, /续订 2 种报刊（共 3 份）/);
  assert.match(text, /合刊和休刊/);
  assert.match(text, /荐购的 1 种新刊不会自动订阅/);
});

test('an order form’s rows become the core’s lines, empty rows left out', () => {
  const draft = orderDraft({
    year: '2027',
    supplier: ' 新华书店 ',
    note: '',
    rows: [
      { title: ' 置身事内 ', authors: '兰小欢', isbn: '978-7-208-17133-5', copies: '2', price: '65' },
      { title: '', authors: '', isbn: '', copies: '1', price: '' },
      { suggestion_id: '12', title: '', copies: '', price: '' },
    ],
  });
  assert.equal(draft.year, 2027);
  assert.equal(draft.supplier, '新华书店');
  assert.equal(draft.note, null);
  assert.equal(draft.lines.length, 2, 'the untouched row is not a line');
  assert.equal(draft.lines[0].isbn, '9787208171335', 'hyphens go');
  assert.equal(draft.lines[0].copies, 2);
  assert.equal(draft.lines[1].suggestion_id, 12, 'a suggestion line needs nothing typed');
  assert.equal(draft.lines[1].title, null, 'the core fills a suggestion’s fields');
  assert.equal(lineDraft({ title: '', copies: '3' }), null, 'copies alone are not a line');
});

test('the running total counts copies and leaves unpriced rows apart', () => {
  const t = draftTotal([
    { title: 'A', copies: '2', price: '45.5' },
    { title: 'B', copies: '', price: '' },
    { title: '', copies: '1', price: '' },
  ]);
  assert.equal(t.fen, 9100);
  assert.equal(t.copies, 3, 'a row without copies is one copy');
  assert.equal(t.unpriced, 1);
});

test('an order’s lines are counted by status with open and received money', () => {
  const s = orderSummary([
    { status: 'ordered', price_fen: 4500, copies: 2 },
    { status: 'received', price_fen: 3000, copies: 1 },
    { status: 'cancelled', price_fen: 9900, copies: 1 },
  ]);
  assert.equal(s.ordered, 1);
  assert.equal(s.openFen, 9000);
  assert.equal(s.receivedFen, 3000, 'a cancelled line costs nothing');
});

test('receiving fills the title form from the line, or from the catalogue’s title', () => {
  const line = { title: '置身事内', authors: '兰小欢', publisher: null, isbn: '9787208171335', price_fen: 6500, copies: 2 };
  const v = receiptValues(line);
  assert.equal(v.title, '置身事内');
  assert.equal(v.publisher, '', 'nothing known is an empty field');
  assert.equal(v.price, '65.00');
  assert.equal(v.source, '采购');
  assert.equal(v.copies, 2);
  const held = receiptValues(line, { title: '置身事内：中国政府与经济发展', clc: 'F123', call_number: 'F123/1' });
  assert.equal(held.clc, 'F123', 'a title already catalogued gives its class');
  assert.equal(held.title, '置身事内：中国政府与经济发展');
});

test('arrival rows put the worst first and nothing-due last', () => {
  const rows = arrivalRows([
    { name: '求是', rate: 100 },
    { name: '人民日报', rate: 92.5 },
    { name: '年鉴', rate: null },
  ]);
  assert.deepEqual(rows.map((r) => r.name), ['人民日报', '求是', '年鉴']);
  assert.equal(rateText(null), '—');
  assert.equal(rateText(92.5), '92.5%');
});
