//! Replays the fuzzer's corpus (`fuzz/corpus/read_file/`) and every crasher it ever found
//! (`fuzz/regressions/`) through the same property as the fuzz target, on stable, in CI: the
//! reader never panics, and a file read without problems writes back and reads again to the
//! same ledger.

use std::path::Path;

fn replay(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).expect("corpus file readable");
        count += 1;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Ok(loaded) = taizhang::format::read_file(text) {
            if loaded.problems.is_empty() {
                let written = taizhang::format::write_file(&loaded.dataset, loaded.export);
                let again = taizhang::format::read_file(&written).unwrap_or_else(|e| {
                    panic!("{}: written file unreadable: {e}", entry.path().display())
                });
                assert!(again.problems.is_empty(), "{}", entry.path().display());
                assert_eq!(again.dataset, loaded.dataset, "{}", entry.path().display());
            }
        }
    }
    count
}

#[test]
fn the_fuzz_corpus_and_past_crashers_read_without_panic_and_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let corpus = replay(&root.join("corpus/read_file"));
    let regressions = replay(&root.join("regressions"));
    assert!(
        corpus >= 3,
        "the corpus is committed (found {corpus} files)"
    );
    eprintln!("replayed {corpus} corpus files and {regressions} regressions");
}

#[path = "support/merge_property.rs"]
mod merge_property;

#[test]
fn the_merge_fuzz_corpus_keeps_the_merge_properties() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/merge");
    let entries = std::fs::read_dir(&dir).expect("the merge corpus is committed");
    let mut count = 0;
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).expect("corpus file readable");
        merge_property::check_merge(&bytes);
        count += 1;
    }
    assert!(
        count >= 20,
        "the merge corpus is committed (found {count} files)"
    );
    eprintln!("replayed {count} merge corpus inputs");
}
