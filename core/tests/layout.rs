//! The core's areas depend on each other in one direction only: no module
//! reaches, through others, back to itself. Read from the source as it
//! stands (every `crate::area` outside tests), so a new cycle fails here
//! when it is written, not when someone tries to move a module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sources(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            sources(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs")
        && path.file_name().is_some_and(|n| n != "tests.rs")
    {
        out.push(path.to_owned());
    }
}

#[test]
fn no_area_of_the_core_depends_on_itself_through_others() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let areas: BTreeSet<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            (name != "lib" && (p.is_dir() || p.extension().is_some_and(|e| e == "rs")))
                .then_some(name)
        })
        .collect();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for area in &areas {
        let mut files = Vec::new();
        let dir = src.join(area);
        sources(if dir.is_dir() { &dir } else { &src }, &mut files);
        if !dir.is_dir() {
            files.retain(|f| {
                f.file_stem().is_some_and(|s| s == area.as_str()) && f.parent() == Some(&src)
            });
        }
        let mut to = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for piece in code.split("crate::").skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if name != *area && areas.contains(&name) {
                    to.insert(name);
                }
            }
        }
        uses.insert(area.clone(), to);
    }
    assert!(uses["catalog"].contains("text"), "the scan finds the uses");
    for start in &areas {
        // Everything `start` reaches; it must not be among it.
        let mut seen = BTreeSet::new();
        let mut next: Vec<&String> = uses[start].iter().collect();
        while let Some(area) = next.pop() {
            assert_ne!(area, start, "{start} depends on itself through {seen:?}");
            if seen.insert(area.clone()) {
                next.extend(uses[area].iter());
            }
        }
    }
}
