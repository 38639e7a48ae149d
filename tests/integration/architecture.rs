//! The architecture invariants of ARCHITECTURE.md, checked on the source and on Cargo.lock: the
//! core draws nothing, only storage holds SQL, storage calls no engine above it, no core module
//! depends on another that depends on it, stored times come from one clock, and every test file
//! is compiled.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The `.rs` files under `dir`, as (path relative to `dir` with `/`, text).
fn sources_in(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The core crate's sources, relative to `crates/core/src`.
fn core_sources() -> Vec<(String, String)> {
    sources_in(&root().join("crates/core/src"))
}

/// The front ends' sources (the app and the command line), relative to `src`.
fn front_end_sources() -> Vec<(String, String)> {
    sources_in(&root().join("src"))
}

/// Lines of code, without comments.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.starts_with("//"))
}

/// The code of a file before its unit tests, without comments.
fn code_before_tests(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string (a URL) is rare in these files; cutting it only loses a
            // line's tail, never adds a dependency.
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every package Cargo.lock says `package` depends on, directly or not (normal, build and dev
/// dependencies alike: the lock file does not tell them apart).
fn dependency_tree(package: &str) -> BTreeSet<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock is readable");
    let mut deps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut name = String::new();
    let mut in_deps = false;
    for line in lock.lines() {
        let line = line.trim();
        if line == "[[package]]" {
            in_deps = false;
        } else if let Some(n) = line.strip_prefix("name = ") {
            name = n.trim_matches('"').to_string();
            deps.entry(name.clone()).or_default();
        } else if line.starts_with("dependencies = [") {
            in_deps = true;
        } else if in_deps && line == "]" {
            in_deps = false;
        } else if in_deps {
            // "egui 0.37.0" or "egui": the name is the first word.
            let dep = line.trim_matches(|c| c == '"' || c == ',');
            let dep = dep.split(' ').next().unwrap_or(dep).to_string();
            deps.entry(name.clone()).or_default().push(dep);
        }
    }
    let mut seen = BTreeSet::new();
    let mut todo = vec![package.to_string()];
    while let Some(p) = todo.pop() {
        for d in deps.get(&p).into_iter().flatten() {
            if seen.insert(d.clone()) {
                todo.push(d.clone());
            }
        }
    }
    seen
}

#[test]
fn the_core_has_no_window_crate_in_its_dependency_tree() {
    let tree = dependency_tree("triangulate-core");
    assert!(
        tree.contains("rusqlite"),
        "Cargo.lock was not read right: {tree:?}"
    );
    let window = [
        "egui",
        "eframe",
        "egui_extras",
        "egui_plot",
        "egui_kittest",
        "rfd",
        "winit",
    ];
    let found: Vec<&str> = window
        .iter()
        .copied()
        .filter(|w| tree.contains(*w))
        .collect();
    assert!(found.is_empty(), "the core depends on {found:?}");
    // And the app does, so the check above could fail.
    assert!(dependency_tree("triangulate").contains("egui"));
}

#[test]
fn the_core_never_names_egui_or_eframe() {
    let mut offenders = Vec::new();
    for (file, text) in core_sources() {
        for line in code_lines(&text) {
            if line.contains("egui") || line.contains("eframe") {
                offenders.push(format!("{file}: {line}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the core uses the UI:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn only_the_library_module_holds_sql() {
    let keywords = [
        "SELECT ",
        "INSERT INTO",
        "UPDATE ",
        "DELETE FROM",
        "CREATE TABLE",
        "PRAGMA ",
    ];
    let core = core_sources()
        .into_iter()
        .filter(|(file, _)| !file.starts_with("library/"))
        .map(|(file, text)| (format!("crates/core/src/{file}"), text));
    let front = front_end_sources()
        .into_iter()
        .map(|(file, text)| (format!("src/{file}"), text));
    let mut offenders = Vec::new();
    for (file, text) in core.chain(front) {
        for line in code_lines(&text) {
            if keywords.iter().any(|k| line.contains(k)) {
                offenders.push(format!("{file}: {line}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL outside crates/core/src/library:\n{}",
        offenders.join("\n")
    );
}

/// No SQL is put together from strings at run time: statements are string literals with `?N`
/// parameters, or `&'static str` fragments joined by the browse module's `Sql` builder. What is
/// looked for: `format!`, `push_str` or `+` building text that holds a SQL keyword. The one
/// exception, `EXPLAIN QUERY PLAN` over a statement of ours, is named.
#[test]
fn no_sql_is_built_by_formatting_strings() {
    let keywords = ["SELECT", "INSERT", "UPDATE ", "DELETE", "WHERE", "ORDER BY"];
    let allowed = ["format!(\"EXPLAIN QUERY PLAN {sql}\")"];
    let mut offenders = Vec::new();
    for (file, text) in core_sources() {
        if !file.starts_with("library/") {
            continue;
        }
        let lines: Vec<&str> = code_lines(&text).collect();
        for (i, line) in lines.iter().enumerate() {
            let builds = line.contains("format!(") || line.contains("push_str(");
            if !builds || allowed.iter().any(|a| line.contains(a)) {
                continue;
            }
            // The formatted text may start on the next line.
            let window = lines[i..(i + 2).min(lines.len())].join(" ");
            if keywords.iter().any(|k| window.contains(k)) {
                offenders.push(format!("{file}: {line}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL built from strings:\n{}",
        offenders.join("\n")
    );
}

/// A module's path from its file: `library/notes.rs` is `library::notes`, `compare/mod.rs` is
/// `compare`, `lib.rs` is the crate.
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if parts
        .last()
        .is_some_and(|last| last == "mod" || last == "lib")
    {
        parts.pop();
    }
    parts
}

/// The paths a `use` tree names: `a::{b, c::{d, e}}` is `a::b`, `a::c::d`, `a::c::e`.
fn expand_use_tree(tree: &str) -> Vec<Vec<String>> {
    fn split_top(inner: &str) -> Vec<&str> {
        let (mut depth, mut start, mut out) = (0, 0, Vec::new());
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        out.push(&inner[start..]);
        out
    }
    fn walk(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
        let tree = tree.trim();
        if tree.is_empty() {
            return;
        }
        let words = |s: &str| -> Vec<String> {
            s.split("::")
                .map(|w| w.split(" as ").next().unwrap_or(w).trim().to_string())
                .filter(|w| !w.is_empty())
                .collect()
        };
        match (tree.find('{'), tree.rfind('}')) {
            (Some(open), Some(close)) => {
                let mut here = prefix.to_vec();
                here.extend(words(&tree[..open]));
                for part in split_top(&tree[open + 1..close]) {
                    walk(&here, part, out);
                }
            }
            _ => {
                let mut path = prefix.to_vec();
                path.extend(words(tree));
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&[], tree, &mut out);
    out
}

/// Which core modules each core module depends on: every `use crate::…`, `use super::…` and
/// inline `crate::…`/`super::…` path outside its unit tests, resolved to the longest module it
/// names. A module naming its own parent (`use super::Library`) is not counted: a parent is the
/// facade its children are written against. Re-exports (`pub use`) are structure, not use.
fn module_graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let sources = core_sources();
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|(f, _)| module_of(f)).collect();
    let resolve = |path: &[String]| -> Option<Vec<String>> {
        (1..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|m| modules.contains(m))
    };
    let absolute = |me: &[String], path: &[String]| -> Vec<String> {
        let mut base = me.to_vec();
        let mut rest = path;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("self") => rest = &rest[1..],
            _ => {}
        }
        while rest.first().is_some_and(|w| w == "super") {
            base.pop();
            rest = &rest[1..];
        }
        base.extend(rest.iter().cloned());
        base
    };
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (file, text) in &sources {
        let me = module_of(file);
        let code = code_before_tests(text);
        let mut paths: Vec<Vec<String>> = Vec::new();
        // `use` statements, which may span lines and stand inside functions.
        for statement in code.split(';') {
            let lines: Vec<&str> = statement.lines().map(str::trim).collect();
            let Some(start) = lines.iter().rposition(|l| l.starts_with("use ")) else {
                continue;
            };
            let joined = lines[start..].join(" ");
            let Some(tree) = joined.strip_prefix("use ") else {
                continue;
            };
            if tree.starts_with("crate") || tree.starts_with("super") || tree.starts_with("self") {
                paths.extend(expand_use_tree(tree));
            }
        }
        // Inline paths: `crate::model::Target::Incident(id)`, `super::trash::keep(…)`.
        for line in code.lines() {
            let line = line.trim();
            if line.starts_with("use ") || line.starts_with("pub use ") || line.starts_with("pub(")
            {
                continue;
            }
            for (i, _) in line
                .match_indices("crate::")
                .chain(line.match_indices("super::"))
            {
                let before = line[..i].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let path: Vec<String> = line[i..]
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .next()
                    .unwrap_or("")
                    .split("::")
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect();
                paths.push(path);
            }
        }
        for path in paths {
            let Some(target) = resolve(&absolute(&me, &path)) else {
                continue;
            };
            let is_ancestor = me.starts_with(&target);
            if target != me && !is_ancestor {
                graph.entry(me.clone()).or_default().insert(target);
            }
        }
    }
    graph
}

/// A cycle of the graph, if it has one: the modules in order, the first repeated at the end.
fn find_cycle(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    fn visit(
        node: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        stack[from..].iter().map(|m| m.join("::")).collect();
                    cycle.push(next.join("::"));
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(next, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node).copied().unwrap_or(0) == 0
            && let Some(c) = visit(node, graph, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_core_module_depends_on_one_that_depends_on_it() {
    let graph = module_graph();
    // The graph was read: import depends on storage.
    assert!(
        graph
            .get(&vec!["import".to_string()])
            .is_some_and(|d| d.contains(&vec!["library".to_string()])),
        "{graph:?}"
    );
    // Between files: library::notes and library::trash may not use each other.
    if let Some(cycle) = find_cycle(&graph) {
        panic!("module cycle: {}", cycle.join(" -> "));
    }
    // Between top-level modules: library -> compare -> library is a cycle even when the files
    // involved differ.
    let mut top: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (from, tos) in &graph {
        for to in tos {
            if from[0] != to[0] {
                top.entry(from[..1].to_vec())
                    .or_default()
                    .insert(to[..1].to_vec());
            }
        }
    }
    if let Some(cycle) = find_cycle(&top) {
        panic!("cycle between top-level modules: {}", cycle.join(" -> "));
    }
}

#[test]
fn a_module_cycle_is_found() {
    let v = |s: &str| vec![s.to_string()];
    let mut graph = BTreeMap::new();
    graph.insert(v("a"), BTreeSet::from([v("b")]));
    graph.insert(v("b"), BTreeSet::from([v("c")]));
    graph.insert(v("c"), BTreeSet::from([v("a")]));
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    graph.insert(v("c"), BTreeSet::new());
    assert_eq!(find_cycle(&graph), None);
    assert_eq!(
        expand_use_tree("crate::a::{b, c::{d as e, f}}"),
        vec![
            vec!["crate", "a", "b"],
            vec!["crate", "a", "c", "d"],
            vec!["crate", "a", "c", "f"]
        ]
    );
}

/// Storage is at the bottom: `library/` knows the model, errors, text and what it stores (grades,
/// axes, the lexicon and gazetteer it keeps), and calls nothing that sits above it.
#[test]
fn storage_calls_no_engine_above_it() {
    let above = ["compare", "report", "linking", "import", "sample", "pager"];
    let graph = module_graph();
    let mut offenders = Vec::new();
    for (from, tos) in &graph {
        if from[0] != "library" {
            continue;
        }
        for to in tos {
            if above.contains(&to[0].as_str()) {
                offenders.push(format!("{} -> {}", from.join("::"), to.join("::")));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "storage calls up:\n{}",
        offenders.join("\n")
    );
}

/// Every time the library stores is taken by `library::clock::now`, to the microsecond: no SQL
/// asks SQLite for the time, and no other core code reads the clock for a stored time.
#[test]
fn stored_times_come_from_one_clock() {
    let mut offenders = Vec::new();
    for (file, text) in core_sources() {
        for line in code_lines(&code_before_tests(&text)) {
            let sql_clock = line.contains("'now'");
            let rust_clock = line.contains("Utc::now") && file != "library/clock.rs";
            if sql_clock || rust_clock {
                offenders.push(format!("{file}: {line}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "a second clock:\n{}",
        offenders.join("\n")
    );
}

/// Each test folder compiles `main.rs` and the modules it names: a file it does not name would
/// never run.
#[test]
fn every_test_file_is_compiled() {
    for folder in ["tests/integration", "tests/ui"] {
        let dir = root().join(folder);
        let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_some_and(|e| e == "rs")
                && stem != "main"
                && !main.contains(&format!("mod {stem};"))
            {
                missing.push(stem.to_string());
            }
        }
        assert!(
            missing.is_empty(),
            "{folder}/main.rs leaves out {missing:?}"
        );
    }
}

/// The app's views never write the library: they send commands, and `app/apply.rs` is the one
/// place that writes (through its `write`) and keeps the undo.
#[test]
fn only_the_apps_applier_writes_and_keeps_undo() {
    let sources = front_end_sources();
    let applier = sources
        .iter()
        .find(|(file, _)| file == "app/apply.rs")
        .map(|(_, text)| text.as_str())
        .unwrap_or_default();
    assert!(
        applier.contains("fn write<") && applier.contains("fn push_undo("),
        "app/apply.rs no longer holds the write path"
    );
    let mut offenders = Vec::new();
    for (file, text) in &sources {
        if !file.starts_with("app/") || file == "app/apply.rs" {
            continue;
        }
        for line in code_lines(text) {
            if line.contains("push_undo(") || line.contains(".write(") || line.contains("fn write")
            {
                offenders.push(format!("{file}: {line}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "writes outside app/apply.rs:\n{}",
        offenders.join("\n")
    );
}

/// The sample's outlets, as its sidecars name them: the invented world's sources.
fn sample_outlets() -> Vec<String> {
    let sample = root().join("assets/sample");
    let mut names = Vec::new();
    for folder in std::fs::read_dir(&sample).expect("assets/sample").flatten() {
        for sidecar in ["outlet.txt", "outlet.toml"] {
            if let Ok(bytes) = std::fs::read(folder.path().join(sidecar))
                && let Some(name) = triangulate_core::import::outlet_from_sidecar(sidecar, &bytes)
                // The broken files' folder names no outlet of the invented world.
                && name != "Unknown"
            {
                names.push(name);
            }
        }
    }
    names
}

#[test]
fn nothing_shipped_for_real_use_holds_the_sample_world() {
    use triangulate_core::library::world;
    let outlets = sample_outlets();
    assert!(
        outlets.len() >= 5,
        "the sample's outlets are read: {outlets:?}"
    );
    // The invented world's own names: its actors, sources and places, and its outlets.
    let mut invented: Vec<String> = world::world_names()
        .expect("the sample's lexicon")
        .into_iter()
        .collect();
    for (place, names) in triangulate_core::analysis::gazetteer::entries(world::WORLD_GAZETTEER)
        .expect("the sample's gazetteer")
    {
        invented.push(place);
        invented.extend(names);
    }
    invented.extend(outlets);
    assert!(invented.len() > 30, "{invented:?}");
    let registry = triangulate_core::analysis::sources::Registry::built_in();
    assert!(!registry.sources().is_empty(), "assets/sources.toml parses");
    for asset in [
        "assets/sources.toml",
        "assets/lexicon.toml",
        "assets/gazetteer.toml",
    ] {
        let text = std::fs::read_to_string(root().join(asset))
            .expect("a shipped asset")
            .to_lowercase();
        for name in &invented {
            assert!(
                !text.contains(&name.to_lowercase()),
                "the sample's invented {name:?} is in {asset}"
            );
        }
        // The invented country and its people, however spelled.
        for root_word in ["qadir", "saadoun"] {
            assert!(!text.contains(root_word), "{root_word:?} is in {asset}");
        }
    }
    for name in &invented {
        assert!(
            registry.by_name(name).is_none(),
            "{name:?} is a registered source"
        );
    }
}
