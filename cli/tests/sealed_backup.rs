//! A password-protected backup from the command line: SHUXIANG_BACKUP_PASSWORD
//! seals it; restoring needs the same password, and refuses without it.

mod common;

use common::shuxiang;

#[test]
fn a_sealed_backup_restores_only_with_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shuxiang.db");
    let d = db.display().to_string();
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "姓名,类别,电话\n张三,机关干部,13800138000\n").unwrap();
    assert!(
        shuxiang(
            &[
                "--db",
                &d,
                "import",
                "people",
                &people.display().to_string()
            ],
            &[]
        )
        .status
        .success()
    );
    let backup = dir.path().join("备份.sxbk");
    let b = backup.display().to_string();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_shuxiang"));
    let out = cmd
        .args(["--db", &d, "backup", &b])
        .env("SHUXIANG_BACKUP_PASSWORD", "口令123456")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = std::fs::read(&backup).unwrap();
    assert!(
        !raw.windows(11).any(|w| w == b"13800138000"),
        "the phone number is not readable"
    );

    let refused = shuxiang(&["--db", &d, "restore", &b], &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("密码"));
    let wrong = std::process::Command::new(env!("CARGO_BIN_EXE_shuxiang"))
        .args(["--db", &d, "restore", &b])
        .env("SHUXIANG_BACKUP_PASSWORD", "不对的")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(1));
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_shuxiang"))
        .args(["--db", &d, "restore", &b])
        .env("SHUXIANG_BACKUP_PASSWORD", "口令123456")
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(shuxiang(&["--db", &d, "check"], &[]).status.success());
}
