// Backup's pure logic: a file's size in words, and what a restore did, said
// after the window reloads on the restored data.

/** 1536 → '2 KB'; 3 MB and more in MB. */
export function size(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * What a restore did, line by line: restored, where the data it replaced
 * was kept, and a backup folder of another PC's set back to the default.
 */
export function restoredLines(report) {
  return [
    `已从备份恢复（数据版本 ${report.restored_version}）。`,
    report.previous_data_saved_to ? `原来的数据另存于 ${report.previous_data_saved_to}，需要时可以找回。` : null,
    report.backup_dir_reset ? `备份文件夹 ${report.backup_dir_reset} 在这台电脑上不存在，已改回默认位置。` : null,
  ].filter(Boolean);
}
