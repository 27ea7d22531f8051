// 欢迎: the first start — where the data will live (changeable, e.g. to D:),
// and how to begin: empty, from a spreadsheet, or with demo data.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { demoSummary } from '../lib/demo.js';
import { toast } from '../components/toast.js';
import { markFirstScreen } from '../lib/timing.js';

export function mountWelcome(host) {
  const root = document.createElement('div');
  root.className = 'view welcome';
  root.dataset.view = 'welcome';
  host.replaceChildren(root);

  async function draw() {
    const info = await api.about();
    render(
      root,
      html`<header class="view-head"><h1>欢迎使用书香</h1></header>
        <p class="lead">书香管理机关阅览室的图书与借还、读书分享活动和代表履职培训。它不联网，所有数据都保存在这台电脑上的一个文件夹里。</p>
        <section class="panel">
          <h3>数据保存在</h3>
          <p class="mono" id="welcome-dir">${info.data_dir ?? '（未确定）'}</p>
          <form id="welcome-move" class="inline-form" novalidate>
            <input id="welcome-new-dir" type="text" class="wide-input" placeholder="例如 D:\\书香数据" autocomplete="off" aria-label="新的数据文件夹">
            <button type="submit">改到这里</button>
            <span class="hint">建议放在不是系统盘的磁盘上；不能放在网络共享文件夹。更改后请重新打开书香。</span>
          </form>
        </section>
        <h3>怎么开始？</h3>
        <div class="choices">
          <button type="button" class="choice" data-act="demo"><b>装入演示数据</b><span>书目、人员、借阅、读书分享、培训都有，先看看软件的全貌（正式使用前，可在“备份”中清空数据重新开始）</span></button>
          <button type="button" class="choice" data-act="books"><b>导入书目表格</b><span>Excel、WPS、CSV 或 MARC 文件，中英文表头均可</span></button>
          <button type="button" class="choice" data-act="people"><b>导入人员名单</b><span>机关干部和人大代表，含借书证号</span></button>
          <button type="button" class="choice" data-act="empty"><b>从空白开始</b><span>逐本录入、逐个登记</span></button>
          <button type="button" class="choice" data-act="host"><b>连接到局域网主机</b><span>数据在阅览室的另一台电脑或单位服务器上：在这台电脑上直接使用它</span></button>
        </div>`,
    );
    markFirstScreen();
  }

  async function done(hash) {
    await api.markWelcomed();
    location.hash = hash;
  }

  root.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const dir = await api.setDataDir(root.querySelector('#welcome-new-dir').value);
      toast(`数据文件夹已改为 ${dir}。请关闭并重新打开书香，之后数据就保存在那里。`);
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  root.addEventListener('click', async (e) => {
    const act = e.target.closest('[data-act]')?.dataset.act;
    try {
      if (act === 'demo') {
        toast(demoSummary(await api.loadDemo()));
        await done('#home');
      } else if (act === 'books') await done('#catalog');
      else if (act === 'people') await done('#people');
      else if (act === 'empty') await done('#home');
      else if (act === 'host') await done('#settings');
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  draw().catch((e) => toast(e.message, 'error'));
  return {};
}
