//! The architecture invariants of ARCHITECTURE.md, checked on the source: the core never imports
//! egui, and only the library module holds SQL.

use std::path::{Path, PathBuf};

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

fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Lines of code, without comments.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.starts_with("//"))
}

#[test]
fn the_core_never_uses_egui_or_eframe() {
    let mut offenders = Vec::new();
    for (file, text) in sources() {
        if file.starts_with("app/") || file == "main.rs" {
            continue;
        }
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
    let mut offenders = Vec::new();
    for (file, text) in sources() {
        if file.starts_with("library/") {
            continue;
        }
        for line in code_lines(&text) {
            if keywords.iter().any(|k| line.contains(k)) {
                offenders.push(format!("{file}: {line}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL outside src/library:\n{}",
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
    for (file, text) in sources() {
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
