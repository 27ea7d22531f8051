//! Backups (备份): the automatic folder, backups on demand, the backup password, clearing the demo data.

use shuxiang_core::backup::{self};

commands! {
    see(Backup) fn backups(ctx) -> Vec<backup::BackupFile> {
        backup::backups(ctx.db())
    }

    see(Backup) fn backup_folder(ctx) -> Option<String> {
        Ok(backup::backup_dir(ctx.db())?.map(|d| d.display().to_string()))
    }

    write(Backup) fn backup_now(ctx) -> Option<backup::BackupInfo> {
        backup::backup_now(ctx.db(), ctx.actor())
    }

    write(Backup) fn set_backup_password(ctx, password: String) -> bool {
        backup::set_backup_password(
            ctx.db(),
            ctx.actor(),
            &password,
        )
    }

    see(Backup) fn backup_password_set(ctx) -> bool {
        backup::backup_password_set(ctx.db())
    }

    /// Clears the records (after trying the demo data), keeping a backup.
    write(Database) fn clear_all_data(ctx) -> backup::ClearReport {
        backup::clear_all_data(ctx.db(), ctx.actor())
    }
}
