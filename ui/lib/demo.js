// What the demo data offer says it loaded.

export function demoSummary(r) {
  const l = r.lending ?? {};
  return `已装入演示数据：书目 ${r.titles} 种 ${r.volumes} 册，人员 ${r.staff + r.deputies} 人，近一年借阅 ${l.loans ?? 0} 次（在借 ${l.on_loan ?? 0} 册，逾期 ${l.overdue ?? 0} 册），预约 ${l.holds ?? 0} 条，盘点 ${l.stocktakes ?? 0} 次，读书分享 ${r.sharing?.sessions ?? 0} 次，培训批次 ${r.training?.batches ?? 0} 个（结业 ${r.training?.completed ?? 0} 人次）${takingPart(r.taking_part)}${periodicals(r.periodicals)}。`;
}

// What the demo's readers asked, waiting in 待处理.
function takingPart(t) {
  if (!t?.notes && !t?.suggestions) return '';
  return `；读者报名、请假、读书心得、荐购等已在“待处理”中，书单 ${t.lists ?? 0} 份`;
}

// The periodicals room and the year's purchases: what to look at first.
function periodicals(p) {
  if (!p?.serials) return '';
  return `；报刊 ${p.serials} 种（逾期未到 ${p.late ?? 0} 期，传阅超期 ${p.routing_overdue ?? 0} 站，合订本 ${p.bound ?? 0} 册），图书订单 ${p.order_lines ?? 0} 种，明年征订单已草拟`;
}
