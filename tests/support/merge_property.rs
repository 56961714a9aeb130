// The three-way merge's properties on ledgers built from arbitrary bytes. Shared by the
// cargo-fuzz target `merge` (fuzz/fuzz_targets/merge.rs, which `include!`s this file) and the
// replay of its corpus in `tests/fuzz_corpus.rs`, so what the fuzzer checks is what CI checks.
//
// The bytes are a script of edits: a few on a small ledger (the sample's 重点项目建设 area) make
// the common base, then each side — ours and theirs — applies its own. The merge of the two
// against the base, resolved every way (all mine, all theirs, alternating), must:
// - not panic, and give a ledger that passes the model's checks (it writes and reads back
//   without problems);
// - keep deleted a record one side deleted while the other left it untouched;
// - and merging a ledger with itself must change nothing.

#[allow(dead_code)]
pub fn check_merge(data: &[u8]) {
    use taizhang::format::merge::{adopt_edit, merge, Resolution};
    use taizhang::format::select::{select, Selection};
    use taizhang::format::{read_file, write_file};
    use taizhang::model::{
        Amount, ChangeContext, Dataset, Edit, Period, Qualifier, Record, RecordId, RecordKind,
        Value,
    };

    fn context(side: &str, step: usize) -> ChangeContext {
        ChangeContext {
            device: format!("d-{side}"),
            author: side.to_string(),
            at: format!("2026-11-30T10:{:02}:00Z", step % 60),
        }
    }

    /// One edit from three bytes; refused edits are simply not applied.
    fn edit(dataset: &mut Dataset, side: &str, step: usize, op: &[u8]) {
        let [code, pick, arg] = [op[0], op[1], op[2]];
        let values: Vec<Value> = dataset.values().cloned().collect();
        let indicators: Vec<RecordId> = dataset.indicators().map(|i| i.id.clone()).collect();
        let nth = |len: usize| usize::from(pick) % len.max(1);
        let edit = match code % 6 {
            0 if !values.is_empty() => {
                let mut value = values[nth(values.len())].clone();
                value.amount = Amount::from_canonical(&u32::from(arg).to_string()).expect("digits");
                Edit::Put(Record::Value(value))
            }
            1 if !values.is_empty() => Edit::Delete {
                kind: RecordKind::Value,
                id: values[nth(values.len())].id.clone(),
            },
            2 if !indicators.is_empty() => Edit::Put(Record::Value(Value {
                id: RecordId::parse(&format!("{side}-{step}")).expect("id"),
                indicator: indicators[nth(indicators.len())].clone(),
                period: Period::Year(2000 + i32::from(arg % 30)),
                amount: Amount::from_canonical(&u32::from(pick).to_string()).expect("digits"),
                qualifier: Qualifier::Exact,
                source: String::new(),
                scope_note: String::new(),
                note: String::new(),
                stamps: Default::default(),
                updated_by: String::new(),
            })),
            3 if !indicators.is_empty() => {
                let mut indicator = dataset
                    .indicator(&indicators[nth(indicators.len())])
                    .expect("indicator")
                    .clone();
                indicator.name_en = format!("{side} {arg}");
                Edit::Put(Record::Indicator(indicator))
            }
            4 if !indicators.is_empty() => {
                dataset.delete_indicator_edit(&indicators[nth(indicators.len())])
            }
            5 => {
                let Some(area) = dataset.areas().first().map(|a| (*a).clone()) else {
                    return;
                };
                Edit::Put(Record::Area(
                    area.with_column(Period::Year(2017 + i32::from(arg % 5))),
                ))
            }
            _ => return,
        };
        let _ = dataset.apply(edit, &context(side, step));
    }

    fn run(dataset: &mut Dataset, side: &str, ops: &[u8]) {
        for (step, op) in ops.chunks_exact(3).enumerate() {
            edit(dataset, side, step, op);
        }
    }

    // The small ledger is read once per process (the fuzzer runs this many times a second).
    static SMALL: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
    let mut base = SMALL
        .get_or_init(|| {
            let sample = taizhang::sample::load_lucheng_sample()
                .expect("sample")
                .dataset;
            let area = RecordId::parse("area-key-projects").expect("id");
            select(
                &sample,
                &Selection {
                    areas: Some([area].into_iter().collect()),
                    ..Selection::everything()
                },
            )
        })
        .clone();
    // The script: [base ops][ours ops][theirs ops], split by the first two bytes.
    let (split_base, split_ours) = match data {
        [a, b, ..] => (usize::from(*a % 8) * 3, usize::from(*b % 16) * 3),
        _ => return,
    };
    let script = &data[2..];
    let base_ops = &script[..split_base.min(script.len())];
    let rest = &script[base_ops.len()..];
    let our_ops = &rest[..split_ours.min(rest.len())];
    let their_ops = &rest[our_ops.len()..];
    run(&mut base, "base", base_ops);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    run(&mut ours, "ours", our_ops);
    run(&mut theirs, "theirs", their_ops);

    let plan = merge(&base, &ours, &theirs);
    let count = plan.conflicts.len();
    for choices in [
        vec![Resolution::KeepMine; count],
        vec![Resolution::TakeTheirs; count],
        (0..count)
            .map(|i| {
                if i % 2 == 0 {
                    Resolution::KeepMine
                } else {
                    Resolution::TakeTheirs
                }
            })
            .collect(),
    ] {
        let merged = plan.resolve(&choices).dataset;
        let reread =
            read_file(&write_file(&merged, None)).expect("the merged ledger writes a file");
        assert!(
            reread.problems.is_empty(),
            "the merged ledger breaks the model's rules: {:?}",
            reread.problems
        );
        // Deleted on one side, untouched on the other: stays deleted.
        for (deleter, keeper) in [(&ours, &theirs), (&theirs, &ours)] {
            for tombstone in deleter.tombstones() {
                let untouched = match (base.record(&tombstone.id), keeper.record(&tombstone.id)) {
                    (Some(before), Some(kept)) => before.fields() == kept.fields(),
                    _ => false,
                };
                if untouched {
                    assert!(
                        merged.record(&tombstone.id).is_none(),
                        "{} was deleted on one side, untouched on the other, and came back",
                        tombstone.id
                    );
                }
            }
        }
    }
    // A ledger merged with itself is unchanged.
    let same = merge(&ours, &ours, &ours);
    assert!(same.conflicts.is_empty(), "{:?}", same.conflicts);
    let itself = same.resolve(&[]).dataset;
    assert_eq!(
        adopt_edit(&ours, &itself),
        Edit::Batch(vec![Edit::Adopt(Vec::new())]),
        "merging a ledger with itself changed it"
    );
}
