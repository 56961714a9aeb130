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

mod draft_property {
    //! The draft fuzz target's property (`fuzz/fuzz_targets/draft.rs`; keep the two alike):
    //! no panic, figures on char boundaries inside their sentence and the text, own findings
    //! pointing at figures of the check, paragraph by paragraph the same as the whole, and
    //! every mark and finding rendering in both languages.

    use std::sync::OnceLock;
    use taizhang::calc::draft::{paragraphs, DraftCheck, DraftChecker};
    use taizhang::model::{Dataset, Date, Lang};

    fn as_of() -> Date {
        Date::new(2016, 10, 31).expect("a valid date")
    }

    /// The sample, and checkers with and without it, made once per process: indexing the
    /// ledger costs more than checking a short input.
    fn checkers() -> &'static [DraftChecker<'static>; 2] {
        static SAMPLE: OnceLock<Dataset> = OnceLock::new();
        static CHECKERS: OnceLock<[DraftChecker<'static>; 2]> = OnceLock::new();
        CHECKERS.get_or_init(|| {
            let sample = SAMPLE.get_or_init(|| {
                taizhang::sample::load_lucheng_sample()
                    .expect("the embedded sample loads")
                    .dataset
            });
            [
                DraftChecker::new(None, as_of()),
                DraftChecker::new(Some(sample), as_of()),
            ]
        })
    }

    fn check_sound(text: &str, check: &DraftCheck) {
        for figure in &check.figures {
            assert!(figure.start <= figure.end && figure.end <= text.len());
            assert!(text.is_char_boundary(figure.start) && text.is_char_boundary(figure.end));
            assert_eq!(
                text.get(figure.start..figure.end),
                Some(figure.text.as_str())
            );
            assert!(figure.sentence.start <= figure.start && figure.end <= figure.sentence.end);
            assert!(text.get(figure.sentence.clone()).is_some());
            let _ = figure.message().render(Lang::En);
            if let Some(mark) = &figure.mark {
                let _ = (
                    mark.message().render(Lang::Zh),
                    mark.message().render(Lang::En),
                );
            }
        }
        for finding in &check.own {
            assert!(finding.stated.index < check.figures.len());
            assert!(finding.inputs.iter().all(|i| i.index < check.figures.len()));
            let _ = (
                finding.message().render(Lang::Zh),
                finding.message().render(Lang::En),
            );
        }
    }

    pub fn check_draft_property(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        for checker in checkers() {
            let whole = checker.check_draft(text);
            check_sound(text, &whole);
            let mut sliced = DraftCheck::default();
            for range in paragraphs(text) {
                sliced.append(checker.check_paragraph(text, range));
            }
            assert_eq!(sliced, whole, "paragraph by paragraph is the whole");
        }
    }
}

#[test]
fn the_draft_fuzz_corpus_checks_soundly_with_and_without_the_sample_ledger() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/draft");
    let entries = std::fs::read_dir(&dir).expect("the draft corpus is committed");
    let mut count = 0;
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).expect("corpus file readable");
        draft_property::check_draft_property(&bytes);
        count += 1;
    }
    assert!(
        count >= 40,
        "the draft corpus is committed (found {count} files)"
    );
    eprintln!("replayed {count} draft corpus inputs");
}
