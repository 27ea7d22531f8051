//! A `shuxiang serve` process for a test.

/// A `shuxiang serve` started for a test, killed if the test fails before
/// stopping it; `started` is the JSON line it printed.
pub struct ServeProcess {
    child: std::process::Child,
    pub started: serde_json::Value,
}

impl ServeProcess {
    pub fn start(db: &str, args: &[&str]) -> ServeProcess {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shuxiang"))
            .args(["--db", db, "--json", "serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("SHUXIANG_DB")
            .env_remove("SHUXIANG_HOME")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let started = serde_json::from_str(&line).unwrap_or_else(|_| {
            let mut err = String::new();
            use std::io::Read;
            let _ = child.stderr.take().unwrap().read_to_string(&mut err);
            panic!("serve printed {line:?}, {err}")
        });
        ServeProcess { child, started }
    }

    /// `host:port`, from the URL it printed.
    pub fn addr(&self) -> String {
        let url = self.started["url"].as_str().unwrap();
        url.split_once("://")
            .unwrap()
            .1
            .trim_end_matches('/')
            .to_owned()
    }

    /// SIGTERM, as a service manager stops it: it must exit cleanly.
    #[cfg(unix)]
    pub fn stop(mut self) {
        let killed = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        assert!(
            self.child.wait().unwrap().success(),
            "stops cleanly on SIGTERM"
        );
    }

    /// Ended as Windows' Task Scheduler ends a task (TerminateProcess): a
    /// console process has no SIGTERM, and a test cannot press its Ctrl+C.
    #[cfg(windows)]
    pub fn stop(mut self) {
        self.kill();
    }
}

impl ServeProcess {
    /// The URL it printed, without the last `/`.
    pub fn url(&self) -> String {
        self.started["url"]
            .as_str()
            .unwrap()
            .trim_end_matches('/')
            .to_owned()
    }

    /// The certificate's fingerprint it printed (`None` with `--http`).
    pub fn fingerprint(&self) -> Option<String> {
        self.started["fingerprint"].as_str().map(str::to_owned)
    }

    /// The process's id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL, as a power cut or a crash stops it.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
