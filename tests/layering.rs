//! The layering of the three crates, held by a test. Each source file is a module; what it imports
//! (`crate::…`, `super::…`, `self::…`, a child module's items) is an arrow to the module that defines
//! the item, seen through `mod.rs` files that only declare and re-export. In the panel, a module
//! imports only from its layer or below (ARCHITECTURE.md, "Layering"); in every crate, no modules
//! import each other in a circle; and nothing in `api` is a view hook.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module, as the names of its path under `src/` (`pages/stats/live.rs` → pages::stats::live).
type Module = Vec<String>;

/// How high a panel module sits: a module imports only from its own layer or below.
fn layer(module: &[String]) -> (u8, &'static str) {
    let names: Vec<&str> = module.iter().map(String::as_str).collect();
    match names.as_slice() {
        ["app" | "embed" | "fatal" | "main" | "lib", ..] => (5, "root"),
        ["pages", ..] => (4, "pages"),
        // A feature's views: above the shared components they are made of.
        ["bulk", "dock"]
        | ["export", "dialog"]
        | ["portfolio", "cards_view" | "settings"]
        | ["client_report", "document" | "branding_dialog"]
        | ["organize", "views" | "dialogs" | "sites"] => (3, "feature views"),
        // The palette's commands are a view hook of the switcher's dialog, a component.
        ["components", ..] | ["palette", "commands"] => (2, "components, view hooks"),
        // What a panel holds for its session, and the features' models and runners.
        ["session" | "many_sites" | "drafts" | "recent" | "bulk" | "export" | "portfolio" | "palette"
        | "client_report" | "organize", ..] => (1, "session state, features' models"),
        _ => (0, "api, i18n, places, router, format, storage and the rest"),
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

fn module_path(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut names: Module = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if names.last().is_some_and(|n| n == "mod") {
        names.pop();
    }
    names
}

/// The code of a file: comments dropped (they may name any module), and its tests (a `#[cfg(test)]`
/// module at the end of the file may import what it tests from anywhere).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap();
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a use tree names: `a::{b, c::{d, e}}` → a::b, a::c::d, a::c::e.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        let path: Vec<String> = tree.split("::").filter(|n| !n.is_empty()).map(str::to_owned).collect();
        return vec![path];
    };
    let prefix: Vec<String> = tree[..open].split("::").filter(|n| !n.is_empty()).map(str::to_owned).collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .flat_map(expand)
        .map(|rest| prefix.iter().cloned().chain(rest).collect())
        .collect()
}

/// A path as written at `at` in the code: up to where a path's characters end (a use tree's braces
/// included).
fn path_at(code: &str, at: usize) -> &str {
    let rest = &code[at..];
    let mut depth = 0;
    for (i, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if depth > 0 || c.is_alphanumeric() || c == '_' || c == ':' => {}
            _ => return &rest[..i],
        }
        if depth == 0 && c == '}' {
            return &rest[..=i];
        }
    }
    rest
}

/// Every path `code` names from `module`, made absolute: `crate::…`, `super::…`, `self::…`, and a
/// `use` of a child module.
fn named_paths(module: &[String], code: &str, children: &BTreeSet<String>) -> Vec<Module> {
    let mut found = Vec::new();
    let word_start =
        |at: usize| at == 0 || !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':');
    for (at, _) in code.match_indices("crate::").filter(|(at, _)| word_start(*at)) {
        found.extend(expand(&path_at(code, at)["crate::".len()..]));
    }
    for (at, _) in code.match_indices("super::").filter(|(at, _)| word_start(*at)) {
        let mut path = path_at(code, at);
        let mut base: Module = module.to_vec();
        while let Some(rest) = path.strip_prefix("super::") {
            base.pop();
            path = rest;
        }
        found.extend(expand(path).into_iter().map(|rest| base.iter().cloned().chain(rest).collect()));
    }
    let mut relative = Vec::new();
    for (at, _) in code.match_indices("self::").filter(|(at, _)| word_start(*at)) {
        relative.push(&path_at(code, at)["self::".len()..]);
    }
    for line in code.lines() {
        let line = line.trim_start().trim_start_matches("pub ").trim_start_matches("pub(crate) ");
        if let Some(tree) = line.strip_prefix("use ") {
            if children.iter().any(|child| tree.starts_with(&format!("{child}::"))) {
                relative.push(tree.trim_end_matches(';'));
            }
        }
    }
    for tree in relative {
        found.extend(expand(tree).into_iter().map(|rest| module.iter().cloned().chain(rest).collect()));
    }
    found
}

/// Whether a `mod.rs` only declares modules and re-exports their items.
fn is_facade(code: &str) -> bool {
    let code: String = code.lines().filter(|line| !line.trim_start().starts_with('#')).collect::<Vec<_>>().join("\n");
    code.split(';')
        .map(str::trim)
        .filter(|statement| !statement.is_empty())
        .all(|statement| ["mod ", "pub mod ", "pub use "].iter().any(|start| statement.starts_with(start)))
}

/// A crate's modules and the arrows between them.
struct Graph {
    modules: BTreeSet<Module>,
    named: BTreeMap<Module, Vec<Module>>,
    /// The `mod.rs` files that only declare and re-export: what they re-export, by name.
    facades: BTreeMap<Module, BTreeMap<String, Module>>,
}

impl Graph {
    fn of(src: &Path) -> Graph {
        let mut files = Vec::new();
        sources(src, &mut files);
        let modules: BTreeSet<Module> = files.iter().map(|file| module_path(src, file)).collect();
        let children = |module: &Module| -> BTreeSet<String> {
            modules
                .iter()
                .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
                .map(|m| m.last().unwrap().clone())
                .collect()
        };
        let (mut named, mut facades) = (BTreeMap::new(), BTreeMap::new());
        for file in &files {
            let module = module_path(src, file);
            let code = code_of(&std::fs::read_to_string(file).unwrap());
            let paths = named_paths(&module, &code, &children(&module));
            let facade = file.ends_with("mod.rs") && is_facade(&code);
            if facade {
                let exported = paths
                    .iter()
                    .filter(|p| p.len() > module.len() + 1)
                    .map(|p| (p.last().unwrap().clone(), p[..module.len() + 1].to_vec()));
                facades.insert(module.clone(), exported.collect());
            }
            named.insert(module, paths);
        }
        Graph { modules, named, facades }
    }

    /// The module that defines what `path` names: its longest known prefix, then through facades.
    fn resolve(&self, path: &[String]) -> Option<Module> {
        let mut module: Module =
            (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|m| self.modules.contains(m))?;
        let mut rest = &path[module.len()..];
        while let (Some(exported), Some(name)) = (self.facades.get(&module), rest.first()) {
            match exported.get(name) {
                Some(defined_in) if *defined_in != module => {
                    module = defined_in.clone();
                    rest = &rest[1..];
                }
                _ => break,
            }
        }
        Some(module)
    }

    /// Arrows between modules, by what each imports (a facade's own re-exports aside).
    fn arrows(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        let mut arrows: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
        for (from, paths) in &self.named {
            if self.facades.contains_key(from) {
                continue;
            }
            let targets = paths.iter().filter_map(|path| self.resolve(path)).filter(|to| to != from);
            arrows.entry(from.clone()).or_default().extend(targets);
        }
        arrows
    }
}

/// The circles among `arrows` (strongly connected components of more than one module).
fn circles(arrows: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    let reaches = |from: &Module| {
        let (mut seen, mut todo) = (BTreeSet::new(), vec![from.clone()]);
        while let Some(module) = todo.pop() {
            for next in arrows.get(&module).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&Module, BTreeSet<Module>> = arrows.keys().map(|m| (m, reaches(m))).collect();
    let mut found: Vec<Vec<Module>> = Vec::new();
    for (module, reach) in &reached {
        if !reach.contains(*module) || found.iter().any(|c| c.contains(module)) {
            continue;
        }
        let circle =
            reach.iter().filter(|other| reached.get(other).is_some_and(|r| r.contains(*module))).cloned().collect();
        found.push(circle);
    }
    found
}

fn shown(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

fn crate_src(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn each_panel_module_imports_only_from_its_layer_or_below() {
    let graph = Graph::of(&crate_src("src"));
    let mut breaches = Vec::new();
    for (from, targets) in graph.arrows() {
        for to in targets {
            let ((from_layer, _), (to_layer, to_name)) = (layer(&from), layer(&to));
            if to_layer > from_layer {
                breaches.push(format!("{} imports {} ({to_name})", shown(&from), shown(&to)));
            }
        }
    }
    assert!(breaches.is_empty(), "layering broken:\n{}", breaches.join("\n"));
    assert!(graph.modules.len() > 60, "the sources were found ({})", graph.modules.len());
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let mut found = Vec::new();
    for src in ["src", "crates/kiubi-wire/src", "crates/standin/src"] {
        let graph = Graph::of(&crate_src(src));
        found.extend(
            circles(&graph.arrows())
                .iter()
                .map(|circle| format!("{src}: {}", circle.iter().map(|m| shown(m)).collect::<Vec<_>>().join(" ↔ "))),
        );
    }
    assert!(found.is_empty(), "modules in a circle:\n{}", found.join("\n"));
}

/// A folder's `mod.rs` is its face: it declares its modules and re-exports their items, nothing else.
#[test]
fn every_panel_folder_only_declares_and_re_exports() {
    let mut files = Vec::new();
    sources(&crate_src("src"), &mut files);
    let busy: Vec<String> = files
        .iter()
        .filter(|file| file.ends_with("mod.rs"))
        .filter(|file| !is_facade(&code_of(&std::fs::read_to_string(file).unwrap())))
        .map(|file| file.display().to_string())
        .collect();
    assert!(busy.is_empty(), "mod.rs files with code of their own:\n{}", busy.join("\n"));
    assert!(is_facade("mod a;\npub mod b;\npub use a::{X, Y};\n#[cfg(test)]\nmod c;"));
    assert!(!is_facade("mod a;\npub fn helper() {}"));
}

/// The fetch layer holds no view hook: nothing in it reads a component's context or draws.
#[test]
fn the_fetch_layer_holds_no_view_hook() {
    let mut files = Vec::new();
    sources(&crate_src("src/api"), &mut files);
    for file in files {
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for hook in
            ["use_context", "expect_context", "provide_context", "view!", "#[component]", "LocalResource", "Action::"]
        {
            assert!(!code.contains(hook), "{}: {hook} (a view hook belongs above the fetch layer)", file.display());
        }
    }
}

#[test]
fn the_check_sees_arrows_through_facades_and_circles() {
    let module = |path: &str| -> Module { path.split("::").map(str::to_owned).collect() };
    let code = code_of(
        "use crate::{app, i18n::{tr, Key}};\nuse super::super::places::Place;\nuse self::inner::X;\n// crate::pages named in a comment\npub use child::{A, B};\n#[cfg(test)]\nmod tests {\n    use crate::pages::home;\n}",
    );
    let children = BTreeSet::from(["child".to_owned()]);
    let paths = named_paths(&module("components::picking"), &code, &children);
    let shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        shown,
        [
            "app",
            "i18n::tr",
            "i18n::Key",
            "places::Place",
            "components::picking::inner::X",
            "components::picking::child::A",
            "components::picking::child::B"
        ]
    );
    let graph = Graph {
        modules: [module("a"), module("b"), module("b::inner"), module("c")].into(),
        named: BTreeMap::new(),
        facades: [(module("b"), [("Thing".to_owned(), module("b::inner"))].into())].into(),
    };
    assert_eq!(graph.resolve(&module("b::Thing")), Some(module("b::inner")), "through the facade");
    assert_eq!(graph.resolve(&module("c::f")), Some(module("c")));
    let arrows = BTreeMap::from([
        (module("a"), BTreeSet::from([module("b::inner")])),
        (module("b::inner"), BTreeSet::from([module("c")])),
        (module("c"), BTreeSet::from([module("a")])),
        (module("d"), BTreeSet::from([module("a")])),
    ]);
    assert_eq!(circles(&arrows), vec![vec![module("a"), module("b::inner"), module("c")]]);
    assert!(layer(&module("pages::home")).0 > layer(&module("bulk::dock")).0);
    assert!(layer(&module("bulk::dock")).0 > layer(&module("components::modal")).0);
    assert!(layer(&module("components::picking")).0 > layer(&module("bulk::actions")).0);
    assert!(layer(&module("session")).0 > layer(&module("api::client")).0);
}
