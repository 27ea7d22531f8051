import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restoredLines, size } from '../lib/backup.js';

test('sizes read in KB, and in MB from one MB', () => {
  assert.equal(size(100), '1 KB', 'a tiny file is not 0 KB');
  assert.equal(size(1536), '2 KB');
  assert.equal(size(3 * 1024 * 1024), '3.0 MB');
});

test('a restore says where the old data went, and a backup folder that is not on this PC', () => {
  assert.deepEqual(restoredLines({ restored_version: 16, previous_data_saved_to: '/data/恢复前-1.db', backup_dir_reset: 'E:\\书香备份' }), [
    '已从备份恢复（数据版本 16）。',
    '原来的数据另存于 /data/恢复前-1.db，需要时可以找回。',
    '备份文件夹 E:\\书香备份 在这台电脑上不存在，已改回默认位置。',
  ]);
  assert.deepEqual(restoredLines({ restored_version: 16, previous_data_saved_to: null, backup_dir_reset: null }), ['已从备份恢复（数据版本 16）。']);
});
