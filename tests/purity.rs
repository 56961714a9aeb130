//! The pure core must stay free of browser crates, so it compiles and is tested natively.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_pure_core_imports_no_browser_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for module in [
        "model",
        "calc",
        "format",
        "charts",
        "report",
        "sheet",
        "workspace",
    ] {
        rust_files(&root.join(module), &mut files);
    }
    rust_files(&root.join("i18n"), &mut files);
    files.push(root.join("sample.rs"));
    files.push(root.join("route.rs"));
    files.push(root.join("store/chunks.rs"));
    files.push(root.join("store/memory.rs"));
    assert!(
        files.len() >= 10,
        "expected the core's files, found {files:?}"
    );
    let forbidden = [
        "leptos",
        "web_sys",
        "js_sys",
        "wasm_bindgen",
        "gloo_storage",
        "gloo_",
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or_default();
            for crate_name in forbidden {
                assert!(
                    !code.contains(&format!("{crate_name}::"))
                        && !code.contains(&format!("use {crate_name}")),
                    "{} imports {crate_name}: {line}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn pages_change_the_ledger_only_through_the_workspace() {
    // Pages and widgets render and call `AppState` (the workspace's wrapper): never the store,
    // never `Dataset::apply`, never a write of the dataset behind the workspace's back.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    rust_files(&root.join("pages"), &mut files);
    rust_files(&root.join("components"), &mut files);
    files.push(root.join("mod.rs"));
    files.push(root.join("sheets.rs"));
    assert!(files.len() > 10, "expected the pages, found {files:?}");
    let forbidden = [
        "BrowserStore",
        "store::browser::load",
        "save_changes",
        "save_all",
        "write_everything",
        "keep_exchange",
        "dataset.update",
        "dataset.set(",
        ".apply(",
        "Workspace::new",
        // The workspace is reached only through `AppState`'s named methods: no page gets it
        // to call its own way (taking in another tab's change, storing everything, loading
        // records past the model's checks).
        "state.change(",
        ".follow(",
        ".absorb(",
        "store_everything",
        "insert_loaded",
        "store::browser::load",
        "store::memory",
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for pattern in forbidden {
                assert!(
                    !code.contains(pattern),
                    "{}:{}: a page calls `{pattern}`: {line}",
                    file.display(),
                    number + 1
                );
            }
        }
    }
}

#[test]
fn the_core_is_layered_without_cycles() {
    // model → format → i18n → {calc, charts, store} → workspace → ui: a module uses only the
    // layers below it (the built-in sample, read through the format, serves tests anywhere).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let layers: [(&str, &[&str]); 9] = [
        ("model", &["model"]),
        ("format", &["model", "format", "sample"]),
        ("i18n", &["model", "format", "i18n"]),
        ("calc", &["model", "i18n", "calc", "sample"]),
        (
            "charts",
            &["model", "format", "i18n", "calc", "charts", "sample"],
        ),
        ("store", &["model", "format", "i18n", "store"]),
        // The report's tables are the charts' tables (one table on the page, in Markdown and
        // in Word), so the report sits above the charts.
        (
            "report",
            &[
                "model", "format", "i18n", "calc", "charts", "report", "sample",
            ],
        ),
        (
            "sheet",
            &["model", "format", "i18n", "calc", "sheet", "sample"],
        ),
        (
            "workspace",
            &[
                "model",
                "format",
                "i18n",
                "calc",
                "store",
                "sheet",
                "workspace",
                "sample",
            ],
        ),
    ];
    let modules = [
        "model",
        "format",
        "i18n",
        "calc",
        "charts",
        "store",
        "report",
        "sheet",
        "workspace",
        "ui",
        "route",
        "sample",
    ];
    for (layer, allowed) in layers {
        let mut files = Vec::new();
        let path = root.join(layer);
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path);
        }
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for module in modules {
                if allowed.contains(&module) {
                    continue;
                }
                for pattern in [format!("crate::{module}::"), format!("crate::{module}}}")] {
                    assert!(
                        !text.contains(&pattern),
                        "{} ({layer}) uses `{pattern}`, a layer above it",
                        file.display()
                    );
                }
            }
        }
    }
}
