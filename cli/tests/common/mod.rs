#![allow(dead_code)]
//! Running the built `shuxiang` command and reading its JSON, for the CLI tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub mod serve;

pub fn shuxiang(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shuxiang"));
    cmd.args(args)
        .env_remove("SHUXIANG_DB")
        .env_remove("SHUXIANG_HOME");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("shuxiang runs")
}

pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is one JSON document ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

pub fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

pub fn shared_sample(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/samples")
        .join(path)
        .display()
        .to_string()
}
