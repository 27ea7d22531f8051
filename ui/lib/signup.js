// Sign-up (报名) as the organizer sets it in a session's or a batch's
// dialog: the state in words from the readers' events (signup_events), and
// the form's terms as the command takes them.

/**
 * The sign-up state in words, { code, text, tone }, from the event as
 * readers see it (null when it is no longer listed: past, held or over).
 */
export function signupState(event) {
  if (!event) return { code: 'past', text: '活动已过或已结束，不能报名。', tone: 'muted' };
  const until = event.until ? `，${event.until} 截止` : '';
  switch (event.signup) {
    case 'open':
      return { code: 'open', text: `正在报名${until}${event.places_left === null || event.places_left === undefined ? '，不限人数' : `，还有 ${event.places_left} 个名额`}。`, tone: 'ok' };
    case 'full':
      return { code: 'full', text: `正在报名${until}，名额已满：新报名的读者进入候补，有人取消时按顺序递补。`, tone: 'warn' };
    case 'closed':
      return { code: 'closed', text: `报名已截止${event.until ? `（${event.until}）` : ''}，读者不能再报名或候补。`, tone: 'muted' };
    default:
      return { code: 'none', text: '未开放报名：读者在局域网页面上只能看到这次活动。', tone: 'muted' };
  }
}

/** The form's terms: { until, capacity } — a blank field is none (capacity: kept as it is). */
export function signupTerms(untilText, capacityText) {
  const capacity = String(capacityText ?? '').trim();
  return { until: String(untilText ?? '').trim() || null, capacity: capacity ? Number(capacity) : null };
}
