//! README.md, ARCHITECTURE.md and BENCHMARKS.md held to the code by a test: every file they name in
//! backticks exists (by its path, or by its name somewhere in the repository), and every Rust path
//! they name under a module of ours (`organize::Organizer`, `kiubi_wire::open`) names words that
//! are in that module's source. A renamed or removed thing fails here, not in a reader's hands.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

const DOCS: [&str; 3] = ["README.md", "ARCHITECTURE.md", "BENCHMARKS.md"];
/// Files named as another project's: Trunk's pipeline, read to explain why the build does not use it.
const ELSEWHERE: [&str; 1] = ["src/pipelines/rust/mod.rs"];
/// Files the build writes into `dist/` (scripts/build/page.mjs, wasm-split-cli).
const BUILT: [&str; 2] = ["embed.js", "__wasm_split.js"];
const EXTENSIONS: [&str; 12] =
    [".rs", ".mjs", ".js", ".sh", ".toml", ".md", ".json", ".html", ".css", ".png", ".conf", ".svg"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of the repository, but what builds and installs make.
fn files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | "node_modules" | "dist" | ".git") {
                files(&path, found);
            }
        } else {
            found.push(path);
        }
    }
}

/// The texts between backticks of `doc`.
fn quoted(doc: &str) -> Vec<String> {
    doc.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

fn is_file_name(text: &str) -> bool {
    EXTENSIONS.iter().any(|ext| text.ends_with(ext))
        && !text.starts_with('.')
        && !text.contains(['<', '[', '*', ' ', '{', '…'])
        && !BUILT.contains(&text)
        && !text.starts_with('/')
}

/// Where a module path's first segment lives: a panel module (file or folder) or one of our crates.
fn source_of(first: &str) -> Option<PathBuf> {
    let root = root();
    let crate_dir = match first {
        "kiubi_wire" => Some("crates/kiubi-wire/src"),
        "kiubi_server" => Some("crates/server/src"),
        "kiubi_standin" => Some("crates/standin/src"),
        _ => None,
    };
    if let Some(dir) = crate_dir {
        return Some(root.join(dir));
    }
    [root.join("src").join(first), root.join("src").join(format!("{first}.rs"))].into_iter().find(|p| p.exists())
}

fn text_under(path: &Path) -> String {
    if path.is_file() {
        return std::fs::read_to_string(path).unwrap();
    }
    let mut found = Vec::new();
    files(path, &mut found);
    found
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !part(before) && !part(after)
    })
}

/// What is wrong with the names of `doc` (its name, its text), given the repository's files.
fn problems(name: &str, doc: &str, all: &[PathBuf]) -> Vec<String> {
    let root = root();
    let mut wrong = Vec::new();
    for text in quoted(doc) {
        if is_file_name(&text) {
            let found = if text.contains('/') {
                ELSEWHERE.contains(&text.as_str()) || all.iter().any(|p| p.ends_with(&text))
            } else {
                all.iter().any(|p| p.file_name().is_some_and(|f| f.to_string_lossy() == text))
            };
            if !found {
                wrong.push(format!("{name}: no file `{text}`"));
            }
        }
        let segments: Vec<&str> = text.split("::").collect();
        let is_path = segments.len() > 1
            && segments.iter().all(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'));
        if let (true, Some(source)) = (is_path, source_of(segments[0])) {
            let source_text = text_under(&source);
            for word in &segments[1..] {
                if !has_word(&source_text, word) {
                    let shown = source.strip_prefix(&root).unwrap_or(&source).display().to_string();
                    wrong.push(format!("{name}: `{text}`: no `{word}` in {shown}"));
                }
            }
        }
    }
    wrong
}

/// The targets of a doc's relative links (`[text](path)`, `[text](path#part)`): web addresses and
/// anchors in the doc itself aside.
fn link_targets(doc: &str) -> Vec<&str> {
    doc.split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|target| target.split('#').next().unwrap_or_default())
        .filter(|target| !target.is_empty() && !target.contains("://") && !target.starts_with("mailto:"))
        .collect()
}

#[test]
fn the_docs_links_lead_to_files_of_the_repository() {
    let missing: Vec<String> = DOCS
        .iter()
        .flat_map(|name| {
            let doc = std::fs::read_to_string(root().join(name)).unwrap();
            link_targets(&doc)
                .into_iter()
                .filter(|target| !root().join(target).exists())
                .map(|target| format!("{name}: a link to `{target}`"))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(missing.is_empty(), "links that lead nowhere in a clone:\n{}", missing.join("\n"));
    let doc = "[a](docs/x.json) [b](https://a.example) [c](#top) [d](README.md#security)";
    assert_eq!(link_targets(doc), ["docs/x.json", "README.md"]);
}

#[test]
fn the_docs_name_only_files_and_items_that_exist() {
    let mut all = Vec::new();
    files(&root(), &mut all);
    let wrong: Vec<String> = DOCS
        .iter()
        .flat_map(|name| problems(name, &std::fs::read_to_string(root().join(name)).unwrap(), &all))
        .collect();
    assert!(wrong.is_empty(), "names in the docs that the repository does not have:\n{}", wrong.join("\n"));
}

#[test]
fn the_check_finds_a_missing_file_and_a_renamed_item() {
    let all = vec![root().join("src/app.rs")];
    let doc = "See `src/app.rs`, `src/gone.rs`, `i18n.rs`, `organize::Organizer` and `organize::Organiser`.";
    assert_eq!(
        problems("doc", doc, &all),
        [
            "doc: no file `src/gone.rs`",
            "doc: no file `i18n.rs`",
            "doc: `organize::Organiser`: no `Organiser` in src/organize",
        ]
    );
}
