//! Every text key the UI names exists in the string table (or, for messages, in the message
//! table), in both languages: a typo would otherwise show the raw key to the user. The UI is
//! compiled only for wasm32, so its sources are read as text here.

use std::path::Path;
use taizhang::i18n::{text, Message};
use taizhang::model::Lang;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// String literals that look like keys: `word.word[.word]`, lower case, starting with a letter,
/// no spaces.
fn key_literals(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for piece in source.split('"').skip(1).step_by(2) {
        let looks_like_key = piece.contains('.')
            && piece.starts_with(|c: char| c.is_ascii_lowercase())
            && !piece.ends_with('.')
            && piece
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        if looks_like_key {
            keys.push(piece.to_string());
        }
    }
    keys
}

#[test]
fn every_key_the_ui_names_has_a_text_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 10, "{files:?}");
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).expect("source");
        for key in key_literals(&source) {
            // Preference keys and performance marks are names, not texts.
            if key.starts_with("taizhang.") || key.starts_with("taizhang:") {
                continue;
            }
            checked += 1;
            // The tables take `&'static str` keys; a test may leak a few hundred short strings.
            let key: &'static str = Box::leak(key.into_boxed_str());
            let in_ui = text(Lang::Zh, key) != key && text(Lang::En, key) != key;
            let in_messages = !Message::new(key).render(Lang::Zh).starts_with(key)
                && !Message::new(key).render(Lang::En).starts_with(key);
            if !in_ui && !in_messages {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(
        checked > 200,
        "only {checked} keys found: is the scan still reading the UI?"
    );
    assert!(missing.is_empty(), "keys without a text: {missing:#?}");
}

#[test]
fn every_message_the_code_makes_is_a_message_template() {
    // `Message::new(key)` renders from the message tables only: a UI text's key there shows
    // the key itself ("sheets.encoding encoding=GB18030" once did).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).expect("source");
        for piece in source.split("Message::new(\"").skip(1) {
            let Some(key) = piece.split('"').next() else {
                continue;
            };
            checked += 1;
            let key: &'static str = Box::leak(key.to_string().into_boxed_str());
            let rendered = Message::new(key).render(Lang::En);
            if rendered.starts_with(key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(checked > 100, "only {checked} messages found");
    assert!(
        missing.is_empty(),
        "messages without a template: {missing:#?}"
    );
}
