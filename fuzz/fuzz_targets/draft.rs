//! Any text as a pasted draft, checked with and without the sample ledger: no panic; every
//! figure's byte range lies on char boundaries inside the text and reads as the figure's text,
//! inside its sentence; own findings point at figures of the check; checking paragraph by
//! paragraph gives what checking the whole gives; every mark and finding renders in both
//! languages. `tests/fuzz_corpus.rs` replays this target's corpus through the same property.
//!
//! Run: `cargo +nightly fuzz run draft -- -max_total_time=120 -max_len=4096`.
#![no_main]

use libfuzzer_sys::fuzz_target;
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

fuzz_target!(|data: &[u8]| {
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
});
