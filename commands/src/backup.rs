//! Backups (备份): the automatic folder, backups on demand, the backup password, clearing the demo data.

use shuxiang_core::backup::{self};

commands! {
    fn backups(ctx) -> Vec<backup::BackupFile> {
        backup::backups(ctx.db())
    }

    fn backup_folder(ctx) -> Option<String> {
        Ok(backup::backup_dir(ctx.db())?.map(|d| d.display().to_string()))
    }

    fn backup_now(ctx) -> Option<backup::BackupInfo> {
        backup::backup_named(ctx.db(), "手动")
    }

    fn set_backup_password(ctx, password: String) -> bool {
        backup::set_backup_password(
            ctx.db(),
            ctx.actor(),
            &password,
        )
    }

    fn backup_password_set(ctx) -> bool {
        backup::backup_password_set(ctx.db())
    }

    fn daily_backup(ctx) -> Option<backup::BackupInfo> {
        backup::daily_backup(ctx.db())
    }

    /// Clears the records (after trying the demo data), keeping a backup.
    fn clear_all_data(ctx) -> backup::ClearReport {
        backup::clear_all_data(ctx.db(), ctx.actor())
    }
}
