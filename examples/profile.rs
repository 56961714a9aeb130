//! Times the core's phases on a ledger file natively (release build), to see where the
//! browser's import, reload and edit time goes:
//! `cargo run --release --example profile -- bench-out/ledger-city.json`.
//! Natively only; the browser is measured by `scripts/bench.sh`. `PROFILE_RESTORE=1` stops
//! after the restore and `PROFILE_ROWS=1` times only the project list's rows, for `perf record`
//! on the `profiling` cargo profile.

use std::time::Instant;
use taizhang::model::{ChangeContext, Edit};
use taizhang::store::chunks;

fn time<R>(label: &str, f: impl FnOnce() -> R) -> R {
    let start = Instant::now();
    let result = f();
    println!(
        "{label:<48} {:>9.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    result
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: profile FILE.json");
    let text = std::fs::read_to_string(&path).expect("read the file");
    if std::env::var("PROFILE_ROWS").is_ok() {
        // Only the project list's rows, a few times over (for `perf record`).
        let dataset = taizhang::format::read_file(&text)
            .expect("a ledger")
            .dataset;
        for _ in 0..5 {
            time("calc::projects::project_rows", || {
                taizhang::calc::projects::project_rows(&dataset, dataset.meta.document_date)
            });
        }
        return;
    }
    println!("{path}: {} bytes", text.len());
    let loaded = time("format::read_file (parse + restore)", || {
        taizhang::format::read_file(&text).expect("a ledger")
    });
    let file: taizhang::format::v1::FileV1 = time("serde_json typed FileV1 (parse only)", || {
        serde_json::from_str(&text).unwrap()
    });
    time("format::checksum_of", || {
        taizhang::format::checksum_of(&file)
    });
    let restored = time("format::restore (FileV1 → Dataset)", || {
        taizhang::format::restore(file).unwrap()
    });
    let mut unsigned: taizhang::format::v1::FileV1 = serde_json::from_str(&text).unwrap();
    unsigned.checksum = None;
    let mut restoring = taizhang::format::Restoring::new(unsigned).unwrap();
    let (_, steps) = restoring.progress();
    time("  restore: convert and insert every record", || {
        restoring.step(steps)
    });
    time("  restore: release the file", || restoring.step(usize::MAX));
    time("  restore: finish", || restoring.finish());
    if std::env::var("PROFILE_RESTORE").is_ok() {
        return;
    }
    drop(restored);
    let json: serde_json::Value = time("serde_json::Value of the text (reference)", || {
        serde_json::from_str(&text).unwrap()
    });
    drop(json);
    let dataset = loaded.dataset;
    let texts = time("chunks::all_chunk_texts (import's write)", || {
        chunks::all_chunk_texts(&dataset)
    });
    println!(
        "  {} chunks, {} chars",
        texts.len(),
        texts.values().map(String::len).sum::<usize>()
    );
    let meta = chunks::meta_chunk(&dataset);
    let pairs: Vec<(String, String)> = texts.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let file = time("  of which chunks::file_of_chunk_texts", || {
        chunks::file_of_chunk_texts(&meta, &pairs).unwrap().unwrap()
    });
    if std::env::var("PROFILE_CHUNKS").is_ok() {
        for _ in 0..3 {
            time("  chunks::file_of_chunk_texts again", || {
                chunks::file_of_chunk_texts(&meta, &pairs).unwrap().unwrap()
            });
        }
        return;
    }
    drop(pairs);
    time("  of which format::restore of that", || {
        taizhang::format::restore(file).unwrap()
    });
    let reloaded = time("chunks::load_from_chunk_texts (reload)", || {
        chunks::load_from_chunk_texts(&meta, texts).unwrap()
    });
    assert_eq!(reloaded.dataset, dataset, "the store gives the ledger back");
    drop(reloaded);
    time("chunks::WholeLedger::of (the replace's own part)", || {
        chunks::WholeLedger::of(&dataset)
    });
    time("Dataset::values_by_indicator walk", || {
        dataset
            .values_by_indicator()
            .map(|(_, values)| values.len())
            .sum::<usize>()
    });
    let options = taizhang::calc::checks::CheckOptions::default();
    let findings = time("calc::checks::check_all", || {
        taizhang::calc::checks::check_all(&dataset, &options)
    });
    println!("  {} findings", findings.len());
    if std::env::var("PROFILE_CHECKS").is_ok() {
        for _ in 0..100 {
            std::hint::black_box(taizhang::calc::checks::check_all(&dataset, &options));
        }
        return;
    }
    time(
        "calc::projects::project_rows (the list, once per state)",
        || taizhang::calc::projects::project_rows(&dataset, dataset.meta.document_date),
    );
    time("calc::projects::summarize (the dashboard)", || {
        taizhang::calc::projects::summarize(&dataset, dataset.meta.document_date)
    });
    let deadlines = taizhang::calc::approvals::DeadlineOptions::default();
    let as_of = dataset.meta.document_date;
    let table = time(
        "calc::approvals::DeadlineTable::of (once per state)",
        || taizhang::calc::approvals::DeadlineTable::of(&dataset),
    );
    time("DeadlineTable::of again (warm)", || {
        taizhang::calc::approvals::DeadlineTable::of(&dataset)
    });
    if std::env::var("PROFILE_DEADLINES").is_ok() {
        for _ in 0..100 {
            std::hint::black_box(taizhang::calc::approvals::DeadlineTable::of(&dataset));
        }
        return;
    }
    let due = time("DeadlineTable::due (到期提醒)", || {
        table.due(as_of, &deadlines).len()
    });
    time("DeadlineTable::due again (warm)", || {
        table.due(as_of, &deadlines).len()
    });
    let counts = time("DeadlineTable::counts (dashboard)", || {
        table.counts(as_of, &deadlines)
    });
    println!(
        "  {due} due of {} approvals, {} owners",
        dataset.approvals().count(),
        counts.owners
    );
    let mut copy = time("Dataset::clone", || dataset.clone());
    let value = copy.values().next().unwrap().clone();
    let mut edited = value.clone();
    edited.amount = taizhang::model::Amount::from_canonical("12.5").unwrap();
    let context = ChangeContext {
        device: "d".into(),
        author: "a".into(),
        at: "2026-12-01T00:00:00Z".into(),
    };
    let applied = time("Dataset::apply one value", || {
        copy.apply(Edit::Put(taizhang::model::Record::Value(edited)), &context)
            .unwrap()
    });
    time("chunks::write_for that edit", || {
        chunks::write_for(&copy, &applied)
    });
    time("format::write_file (export)", || {
        taizhang::format::write_file(&copy, None)
    });
}
