// What a progress bar says about long work, from the core's reports.

const count = (n) => n.toLocaleString('zh-CN');

/**
 * An import's progress ({ stage, done, total } from the core) as the bar's
 * text and how full it is (0–100). `dryRun`: the check before importing.
 */
export function importProgress(progress, dryRun) {
  if (!progress) return { text: '正在读取文件……', percent: 0 };
  const { stage, done, total } = progress;
  const percent = total > 0 ? Math.min(100, Math.round((done * 100) / total)) : 100;
  if (stage === 'finishing') return { text: `已处理 ${count(total)} 行，正在保存……`, percent: 100 };
  return { text: `${dryRun ? '正在检查' : '正在导入'}：${count(done)} / ${count(total)} 行`, percent };
}
