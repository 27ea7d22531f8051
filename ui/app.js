// The shell: navigation between the areas that exist, the problem banner,
// and the background health check that runs once the window has painted.

import * as api from './api.js';
import { html, render } from './lib/html.js';
import { mountCatalog } from './views/catalog.js';
import { mountDesk, updateNavBadge } from './views/desk.js';
import { mountLabels } from './views/labels.js';
import { mountOverdue } from './views/overdue.js';
import { mountPeople } from './views/people.js';
import { mountSettings } from './views/settings.js';
import { mountSharing } from './views/sharing.js';
import { mountCalendar } from './views/calendar.js';
import { mountTraining } from './views/training.js';
import { mountHome } from './views/home.js';
import { mountRecords } from './views/records.js';
import { mountReports } from './views/reports.js';
import { mountBackup } from './views/backup.js';
import { mountAudit } from './views/audit.js';
import { mountOperators } from './views/operators.js';
import { showLogin } from './components/login.js';
import { mountWelcome } from './views/welcome.js';
import { mountAbout } from './views/about.js';
import { mountStocktake } from './views/stocktake.js';
import { mountInbox, refreshInboxBadge } from './views/inbox.js';
import { mountReadingLists } from './views/reading-lists.js';
import { mountPeriodicals } from './views/periodicals.js';
import { toast } from './components/toast.js';
import { clearPrint } from './components/print.js';
import { roleLabel, setVocabulary } from './lib/vocabulary.js';
import { setOperator } from './lib/operator.js';

const views = {
  home: mountHome,
  desk: mountDesk,
  catalog: mountCatalog,
  people: mountPeople,
  overdue: mountOverdue,
  stocktake: mountStocktake,
  labels: mountLabels,
  sharing: mountSharing,
  training: mountTraining,
  inbox: mountInbox,
  lists: mountReadingLists,
  periodicals: mountPeriodicals,
  calendar: mountCalendar,
  records: mountRecords,
  reports: mountReports,
  backup: mountBackup,
  audit: mountAudit,
  operators: mountOperators,
  welcome: mountWelcome,
  about: mountAbout,
  settings: mountSettings,
};
const viewEl = document.getElementById('view');
const banner = document.getElementById('banner');

function showProblem(message, offerBackup = false) {
  render(banner, html`${message}${offerBackup ? html` <a href="#backup" class="button">打开备份与恢复</a>` : ''}`);
  banner.hidden = false;
}

let current = null;
/** Opens a view by its hash: `#labels?title=12` is the labels view with its parameters. */
function navigate(hash) {
  let [name, query] = hash.split('?');
  if (!views[name]) name = 'home';
  const mount = views[name];
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  current?.unmount?.();
  clearPrint();
  current = mount(viewEl, new URLSearchParams(query ?? ''));
}

window.addEventListener('hashchange', () => navigate(location.hash.slice(1)));
document.addEventListener('keydown', (e) => {
  // Alt+1 … Alt+9, and Alt+0 for the tenth (待处理), as the keyboard's row.
  if (e.altKey && /^[0-9]$/.test(e.key)) {
    const link = document.querySelectorAll('#nav a')[(Number(e.key) + 9) % 10];
    if (link) {
      e.preventDefault();
      location.hash = link.getAttribute('href');
    }
  }
});

// Whether keys or mouse were used since the session was last told.
let working = false;
let loggingIn = null;

function showOperator(who) {
  setOperator(who);
  const box = document.getElementById('operator');
  if (!who) {
    box.hidden = true;
    return;
  }
  const [name, role] = who;
  render(box, html`<span>${name}（${roleLabel(role)}）</span> <button type="button" class="link" id="logout">退出</button>`);
  box.hidden = false;
}

/** Asks for a login (once at a time), then redraws the screen. */
async function requireLogin(reason) {
  if (loggingIn) return loggingIn;
  loggingIn = showLogin(reason).then((who) => {
    showOperator(who);
    working = false;
    navigate(location.hash.slice(1) || 'home');
    refreshInboxBadge();
    loggingIn = null;
  });
  return loggingIn;
}

window.addEventListener('shuxiang:login-needed', () => requireLogin('请登录后继续。'));

// Working on a host's data: when it cannot be reached, say so and try again
// every few seconds; when it answers, the view is loaded afresh.
let reconnecting = null;
window.addEventListener('shuxiang:disconnected', () => {
  if (reconnecting) return;
  showProblem('与主机的连接已断开，正在重新连接…（请确认主机开着、网络通畅）');
  reconnecting = setInterval(async () => {
    try {
      await api.hostPing();
      clearInterval(reconnecting);
      reconnecting = null;
      banner.hidden = true;
      toast('已重新连接到主机。');
      navigate(location.hash.slice(1) || 'home');
    } catch {
      // still away; the banner stays
    }
  }, 3000);
});
for (const ev of ['keydown', 'mousedown', 'wheel']) document.addEventListener(ev, () => (working = true), { capture: true });
document.addEventListener('click', async (e) => {
  if (e.target.id !== 'logout') return;
  await api.logout();
  showOperator(null);
  requireLogin('已退出登录。');
});

async function start() {
  const info = await api.appInfo();
  // The core's words, limits and office clock, before anything is drawn.
  setVocabulary(info.vocabulary);
  // Where the data is, shown before the login so one knows where one logs in.
  const dir = document.getElementById('data-dir');
  if (info.host) {
    dir.textContent = `主机：${info.host.address}`;
    dir.title = `证书指纹 ${info.host.fingerprint}`;
  } else if (info.data_dir) {
    dir.textContent = `数据：${info.data_dir}`;
    dir.title = info.database ?? '';
  }
  if (info.login_required && !info.operator) await requireLogin('');
  else {
    showOperator(info.operator);
    const first = !location.hash && (await api.firstRun().catch(() => false));
    navigate(first ? 'welcome' : location.hash.slice(1) || 'home');
  }
  // The login's idle rule is the session's: each minute it hears whether
  // someone is working here, and says when the login has ended (idle too
  // long, or the account changed), so an unattended PC is not left open.
  // Readers ask from their browsers at any time: the badge is asked afresh
  // each minute (cheap counts), as is the login's state.
  refreshInboxBadge();
  setInterval(() => loggingIn || refreshInboxBadge(), 60 * 1000);
  setInterval(async () => {
    if (document.getElementById('operator').hidden || loggingIn) return;
    const active = working;
    working = false;
    if (!(await api.sessionState(active).catch(() => true))) {
      showOperator(null);
      requireLogin('登录已结束（长时间没有操作，或账号有变动），请重新登录。');
    }
  }, 60 * 1000);
  // The host checks and backs up its own data.
  if (info.host) return;
  if (info.problem) {
    showProblem(info.problem.message);
    return;
  }
  api.circulationSummary().then((s) => updateNavBadge(s.overdue), () => {});
  // After the first paint: a quick integrity check, then the daily backup,
  // in the background; the backup again every hour for a window left open.
  requestAnimationFrame(() =>
    setTimeout(async () => {
      try {
        const report = await api.checkDatabase();
        if (!report.ok) {
          const good = await api.latestGoodBackup().catch(() => null);
          showProblem(
            `数据检查发现问题：${report.problems.join('；')}。请不要继续录入，` +
              (good ? `可以用 ${good.made_at} 的完好备份恢复。` : '请联系信息中心。'),
            true,
          );
          return;
        }
        await api.dailyBackup();
        setInterval(() => api.dailyBackup().catch((e) => toast(e.message, 'error')), 60 * 60 * 1000);
      } catch (e) {
        toast(e.message, 'error');
      }
    }, 0),
  );
}

start().catch((e) => showProblem(e.message));
