//! End-to-end tests of the real desktop window. Run under a display
//! (`xvfb-run`) with WebKitWebDriver installed; see `.ci/run`.

mod backup;
mod catalog;
mod circulation;
mod harness;
mod inbox;
mod intranet;
mod operators;
mod people;
mod periodicals;
mod purchases;
mod records;
mod screenshots;
mod security;
mod sharing;
mod training;
mod two_windows;
mod welcome;
