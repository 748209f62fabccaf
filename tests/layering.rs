//! The panel's layering, held by a test: pages → components → api / i18n / places / … → wire.
//! `app` (the root) and `embed`/`fatal`/`main` (the entry points) sit above the pages. A module
//! imports only from its own layer or below, and pages never import each other in a circle.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How high a module of `src/` sits: 3 root, 2 pages, 1 components, 0 the rest.
fn layer(module: &str) -> u8 {
    match module {
        "app" | "embed" | "fatal" | "main" | "lib" => 3,
        "pages" => 2,
        "components" => 1,
        _ => 0,
    }
}

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The path of a source file under `src/` as module names: `pages/stats/live.rs` → [pages, stats, live].
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut names: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if names.last().is_some_and(|n| n == "mod") {
        names.pop();
    }
    names
}

/// The modules of the crate that `text` names (`crate::x::…`), as paths of module names.
fn crate_references(text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
        let names: Vec<String> = rest[..end].split("::").filter(|n| !n.is_empty()).map(str::to_owned).collect();
        found.push(names);
    }
    // `use crate::{a, b}` groups.
    for (i, _) in text.match_indices("crate::{") {
        let rest = &text[i + "crate::{".len()..];
        let group = &rest[..rest.find('}').unwrap_or(0)];
        found.extend(group.split(',').map(|n| vec![n.trim().split("::").next().unwrap_or("").to_owned()]));
    }
    found.into_iter().filter(|names| !names.is_empty() && !names[0].is_empty()).collect()
}

fn code_of(text: &str) -> String {
    // Comments may name any module; only code counts.
    text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn each_module_imports_only_from_its_layer_or_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut breaches = Vec::new();
    let mut page_imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module_path(&src, file);
        let text = code_of(&std::fs::read_to_string(file).unwrap());
        for to in crate_references(&text) {
            if layer(&to[0]) > layer(&from[0]) {
                breaches.push(format!("{} uses crate::{}", from.join("::"), to.join("::")));
            }
            if from[0] == "pages" && to[0] == "pages" && from.len() > 1 && to.len() > 1 && from[1] != to[1] {
                page_imports.entry(from[1].clone()).or_default().insert(to[1].clone());
            }
        }
    }
    for (page, imported) in &page_imports {
        for other in imported {
            if page_imports.get(other).is_some_and(|back| back.contains(page)) {
                breaches.push(format!("pages::{page} and pages::{other} import each other"));
            }
        }
    }
    assert!(breaches.is_empty(), "layering broken:\n{}", breaches.join("\n"));
    assert!(files.len() > 40, "the sources were found ({})", files.len());
}

#[test]
fn the_check_sees_a_breach() {
    let text =
        code_of("use crate::pages::home::HomePage;\n// crate::app is named in a comment\nuse crate::{app, i18n};");
    let names: Vec<String> = crate_references(&text).into_iter().map(|n| n[0].clone()).collect();
    assert_eq!(names, ["pages", "app", "i18n"]);
    assert!(
        layer("pages") > layer("components") && layer("app") > layer("pages") && layer("api") < layer("components")
    );
}
