//! The core end to end: the sample loads, edits go through the one door with stamps and
//! inverses, the store's chunks persist exactly what changed, the file round-trips, and the
//! derived figures are right on the seed's numbers.

use std::collections::BTreeMap;
use taizhang::calc::{self, Comparability};
use taizhang::format::{read_file, write_file, FormatError};
use taizhang::i18n::ToMessage;
use taizhang::model::{
    Amount, ChangeContext, Dataset, Edit, EditError, Lang, Period, Qualifier, Record, RecordId,
    RecordKind, Value,
};
use taizhang::store::memory::MemoryStore;

fn sample() -> Dataset {
    let loaded = taizhang::sample::load_lucheng_sample().expect("the sample loads");
    assert!(
        loaded.problems.is_empty(),
        "sample problems: {:?}",
        loaded.problems
    );
    loaded.dataset
}

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("well-formed id")
}

fn context(device: &str) -> ChangeContext {
    ChangeContext {
        device: device.to_string(),
        author: "张三".to_string(),
        at: "2026-11-27T10:00:00Z".to_string(),
    }
}

fn amount(text: &str) -> Amount {
    Amount::from_canonical(text).expect("amount")
}

fn investment_indicator(dataset: &Dataset) -> RecordId {
    dataset
        .values()
        .find(|v| v.period == Period::Year(2012) && v.amount == amount("218"))
        .map(|v| v.indicator.clone())
        .expect("investment 2012 = 218")
}

#[test]
fn the_sample_loads_without_problems_and_has_all_eight_areas() {
    let dataset = sample();
    assert_eq!(dataset.areas().len(), 8);
    assert!(dataset.meta.sample);
    assert!(dataset.count(RecordKind::Value) >= 150);
}

#[test]
fn investment_growth_from_2012_to_2016_is_69_72_percent_not_the_stated_170() {
    let dataset = sample();
    let indicator = investment_indicator(&dataset);
    let before = dataset
        .value_at(&indicator, &Period::Year(2012))
        .expect("2012");
    let after = dataset
        .value_at(&indicator, &Period::Year(2016))
        .expect("2016");
    let growth = calc::growth_between(before, after).expect("growth");
    assert_eq!(growth.percent.to_string(), "69.72");
    assert_eq!(growth.comparability, Comparability::Comparable);
    let cagr = calc::cagr_between(before, after).expect("cagr");
    assert_eq!(cagr.years, 4);
    assert!((cagr.percent - 14.13).abs() < 0.01, "{}", cagr.percent);
    let stated = dataset
        .relations()
        .find(|r| r.subject.indicator == indicator)
        .and_then(|r| r.stated)
        .expect("stated growth");
    assert_eq!(stated.canonical(), "170");
}

#[test]
fn a_year_to_date_figure_compared_with_a_full_year_is_marked_partial() {
    let dataset = sample();
    let ytd = dataset
        .values()
        .find(|v| {
            v.period
                == Period::YearToDate {
                    year: 2016,
                    through_month: 9,
                }
                && v.amount == amount("464.2")
        })
        .expect("service value added 2016 Jan-Sep");
    let growth = calc::year_on_year(&dataset, ytd).expect("against 2015");
    assert_eq!(growth.from, Period::Year(2015));
    assert_eq!(growth.comparability, Comparability::Partial);
}

#[test]
fn cumulative_sums_say_which_years_are_missing() {
    let dataset = sample();
    let indicator = investment_indicator(&dataset);
    let total = calc::cumulative(&dataset, &indicator, 2012, 2016);
    assert_eq!(total.total.to_string(), "588");
    assert_eq!(total.years_missing, vec![2013, 2014, 2015]);
}

#[test]
fn shares_and_unit_conversions_are_exact() {
    let dataset = sample();
    assert_eq!(
        calc::share_percent(amount("527").0, amount("1485").0).map(|d| d.to_string()),
        Some("35.49".to_string())
    );
    let yi = dataset.unit_by_symbol("亿元").expect("亿元");
    let wan = dataset.unit_by_symbol("万元").expect("万元");
    assert_eq!(calc::convert(amount("1"), yi, wan), Some(amount("10000")));
    assert_eq!(calc::convert(amount("4600"), wan, yi), Some(amount("0.46")));
    let ge = dataset.unit_by_symbol("个").expect("个");
    assert_eq!(calc::convert(amount("1"), yi, ge), None);
}

fn new_value(indicator: &RecordId, period: Period, text: &str) -> Value {
    Value {
        id: id("r-0000000000000001"),
        indicator: indicator.clone(),
        period,
        amount: amount(text),
        qualifier: Qualifier::Exact,
        source: String::new(),
        scope_note: String::new(),
        note: String::new(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    }
}

#[test]
fn an_edit_stamps_only_the_fields_it_changed_and_its_inverse_undoes_it() {
    let mut dataset = sample();
    let original = dataset.clone();
    let indicator = investment_indicator(&dataset);
    let mut value = dataset
        .value_at(&indicator, &Period::Year(2016))
        .expect("2016")
        .clone();
    value.amount = amount("371");
    let applied = dataset
        .apply(Edit::Put(Record::Value(value.clone())), &context("d-a"))
        .expect("edit applies");
    let stored = dataset.value(&value.id).expect("still there");
    assert_eq!(stored.amount, amount("371"));
    assert_eq!(stored.updated_by, "张三");
    assert_eq!(
        stored.stamps.keys().map(|k| &**k).collect::<Vec<_>>(),
        vec!["amount"]
    );
    assert_eq!(&*stored.stamps["amount"].device, "d-a");
    assert_eq!(applied.touched, vec![(RecordKind::Value, value.id.clone())]);

    dataset
        .apply(applied.inverse, &context("d-a"))
        .expect("undo applies");
    assert_eq!(
        dataset.value(&value.id).map(|v| v.amount),
        Some(amount("370"))
    );
    assert_eq!(
        dataset.count(RecordKind::Value),
        original.count(RecordKind::Value)
    );
}

#[test]
fn two_changes_of_the_same_field_get_increasing_counters() {
    let mut dataset = sample();
    let indicator = investment_indicator(&dataset);
    let mut value = dataset
        .value_at(&indicator, &Period::Year(2016))
        .expect("2016")
        .clone();
    value.amount = amount("371");
    dataset
        .apply(Edit::Put(Record::Value(value.clone())), &context("d-a"))
        .expect("first");
    let first = dataset.value(&value.id).expect("v").stamps["amount"].counter;
    value.amount = amount("372");
    dataset
        .apply(Edit::Put(Record::Value(value.clone())), &context("d-a"))
        .expect("second");
    let second = dataset.value(&value.id).expect("v").stamps["amount"].counter;
    assert!(second > first);
}

#[test]
fn refused_edits_change_nothing_and_say_why() {
    let mut dataset = sample();
    let before = dataset.clone();
    let indicator = investment_indicator(&dataset);

    let duplicate = new_value(&indicator, Period::Year(2016), "1");
    let error = dataset
        .apply(Edit::Put(Record::Value(duplicate)), &context("d-a"))
        .expect_err("a second value for 2016 is refused");
    assert!(matches!(error, EditError::DuplicateValue { .. }));
    assert!(error.to_message().render(Lang::Zh).contains("已有"));

    let negative = new_value(&indicator, Period::Year(2013), "-5");
    assert!(matches!(
        dataset.apply(Edit::Put(Record::Value(negative)), &context("d-a")),
        Err(EditError::NegativeAmount { .. })
    ));

    let orphan = new_value(&id("no-such-indicator"), Period::Year(2013), "5");
    assert!(matches!(
        dataset.apply(Edit::Put(Record::Value(orphan)), &context("d-a")),
        Err(EditError::MissingReference { .. })
    ));

    let mut unnamed = dataset.indicator(&indicator).expect("indicator").clone();
    unnamed.name = "  ".to_string();
    assert!(matches!(
        dataset.apply(Edit::Put(Record::Indicator(unnamed)), &context("d-a")),
        Err(EditError::EmptyName { .. })
    ));
    assert_eq!(dataset, before);
}

#[test]
fn a_failing_batch_is_rolled_back_entirely() {
    let mut dataset = sample();
    let before = dataset.clone();
    let indicator = investment_indicator(&dataset);
    let good = new_value(&indicator, Period::Year(2013), "250");
    let mut bad = new_value(&indicator, Period::Year(2014), "-1");
    bad.id = id("r-0000000000000002");
    let result = dataset.apply(
        Edit::Batch(vec![
            Edit::Put(Record::Value(good)),
            Edit::Put(Record::Value(bad)),
        ]),
        &context("d-a"),
    );
    assert!(result.is_err());
    assert_eq!(dataset.value_at(&indicator, &Period::Year(2013)), None);
    assert_eq!(
        dataset.count(RecordKind::Value),
        before.count(RecordKind::Value)
    );
}

#[test]
fn deleting_an_indicator_removes_its_values_leaves_tombstones_and_undoes() {
    let mut dataset = sample();
    let indicator = investment_indicator(&dataset);
    let value_count = dataset.values_of(&indicator).len();
    assert!(matches!(
        dataset.apply(
            Edit::Delete {
                kind: RecordKind::Indicator,
                id: indicator.clone()
            },
            &context("d-a")
        ),
        Err(EditError::StillUsed { .. })
    ));
    let edit = dataset.delete_indicator_edit(&indicator);
    let applied = dataset
        .apply(edit, &context("d-a"))
        .expect("cascade delete");
    assert!(dataset.indicator(&indicator).is_none());
    assert!(dataset.tombstone(&indicator).is_some());
    assert!(applied.touched.len() > value_count);
    // A deleted id is never reused.
    let reuse = new_value(&indicator, Period::Year(2013), "1");
    let mut reuse_indicator_id = reuse.clone();
    reuse_indicator_id.id = indicator.clone();
    assert!(dataset
        .apply(
            Edit::Put(Record::Value(reuse_indicator_id)),
            &context("d-a")
        )
        .is_err());

    dataset
        .apply(applied.inverse, &context("d-a"))
        .expect("undo");
    assert!(dataset.indicator(&indicator).is_some());
    assert!(dataset.tombstone(&indicator).is_none());
    assert_eq!(dataset.values_of(&indicator).len(), value_count);
}

#[test]
fn the_file_round_trips_to_identical_bytes() {
    let dataset = sample();
    let written = write_file(&dataset, None);
    let reread = read_file(&written).expect("reads back");
    assert!(reread.problems.is_empty());
    assert_eq!(reread.dataset, dataset);
    assert_eq!(write_file(&reread.dataset, None), written);
}

#[test]
fn an_edited_dataset_round_trips_with_its_stamps_and_tombstones() {
    let mut dataset = sample();
    let indicator = investment_indicator(&dataset);
    let mut value = dataset
        .value_at(&indicator, &Period::Year(2016))
        .expect("2016")
        .clone();
    value.amount = amount("371");
    dataset
        .apply(Edit::Put(Record::Value(value)), &context("d-a"))
        .expect("edit");
    let edit = dataset.delete_indicator_edit(&indicator);
    dataset.apply(edit, &context("d-a")).expect("delete");
    let reread = read_file(&write_file(&dataset, None)).expect("reads back");
    assert_eq!(reread.dataset, dataset);
    assert_eq!(reread.dataset.clock, dataset.clock);
}

#[test]
fn bad_files_are_refused_with_what_and_where() {
    assert!(matches!(
        read_file("not json"),
        Err(FormatError::NotJson { .. })
    ));
    assert!(matches!(
        read_file("{\"type\":\"other\"}"),
        Err(FormatError::NotTaizhang { .. })
    ));
    assert!(matches!(
        read_file("[1,2]"),
        Err(FormatError::NotTaizhang { .. })
    ));
    assert!(matches!(
        read_file("{\"type\":\"taizhang\",\"format_version\":99}"),
        Err(FormatError::NewerVersion { found: 99, .. })
    ));
    let truncated = &taizhang::sample::LUCHENG_2012_2016[..1000];
    assert!(matches!(
        read_file(truncated),
        Err(FormatError::NotJson { .. })
    ));
}

#[test]
fn bad_records_are_reported_with_json_paths_and_the_rest_still_loads() {
    let mut file: serde_json::Value =
        serde_json::from_str(taizhang::sample::LUCHENG_2012_2016).expect("json");
    file["values"][3]["amount"] = serde_json::json!("1e999");
    file["values"][5]["period"] = serde_json::json!("2016年13月");
    file["values"][7]["indicator"] = serde_json::json!("missing-indicator");
    let total = file["values"].as_array().map(Vec::len).unwrap_or_default();
    let loaded = read_file(&file.to_string()).expect("the file as a whole is usable");
    let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"$.values[3].amount"), "{paths:?}");
    assert!(paths.contains(&"$.values[5].period"), "{paths:?}");
    assert!(paths.contains(&"$.values[7]"), "{paths:?}");
    assert_eq!(loaded.dataset.count(RecordKind::Value), total - 3);
}

#[test]
fn an_edit_rewrites_only_the_chunks_it_touched_and_a_reload_gives_it_back() {
    let mut dataset = sample();
    let mut store = MemoryStore::default();
    store.save_all(&dataset);
    let writes_for_everything = store.chunk_writes;
    assert!(writes_for_everything > 10);

    let indicator = investment_indicator(&dataset);
    let mut value = dataset
        .value_at(&indicator, &Period::Year(2016))
        .expect("2016")
        .clone();
    value.amount = amount("371");
    let applied = dataset
        .apply(Edit::Put(Record::Value(value)), &context("d-a"))
        .expect("edit");
    store.save_touched(&dataset, &applied.touched);
    assert_eq!(
        store.chunk_writes - writes_for_everything,
        2,
        "record chunk and tombstone chunk"
    );

    let reloaded = store.load().expect("loads").expect("something stored");
    assert_eq!(reloaded.dataset, dataset);

    let edit = dataset.delete_indicator_edit(&indicator);
    let applied = dataset.apply(edit, &context("d-a")).expect("delete");
    store.save_touched(&dataset, &applied.touched);
    let reloaded = store.load().expect("loads").expect("something stored");
    assert_eq!(reloaded.dataset, dataset);
}

#[test]
fn the_generator_is_deterministic_and_large_enough_for_the_benchmark() {
    use taizhang::format::generate::{generate, GenerateOptions};
    let options = GenerateOptions {
        indicators: 50,
        years: 20,
        seed: 3,
        projects: 300,
        report_months: 36,
        supervision: 120,
        approvals: 8,
    };
    let first = write_file(&generate(&options), None);
    let second = write_file(&generate(&options), None);
    assert_eq!(first, second);
    let loaded = read_file(&first).expect("generated file reads");
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.dataset.count(RecordKind::Value), 1000);
    assert_eq!(loaded.dataset.count(RecordKind::Project), 300);
    // Three years of monthly reports for every project, the supervision items as asked.
    assert_eq!(loaded.dataset.count(RecordKind::Report), 300 * 36);
    assert_eq!(loaded.dataset.count(RecordKind::Supervision), 120);
    // Eight approvals per project, every one standing the model's rules, some of them due.
    assert_eq!(loaded.dataset.count(RecordKind::Approval), 300 * 8);
    let counts = taizhang::calc::approvals::due_counts(
        &loaded.dataset,
        loaded.dataset.meta.document_date,
        &Default::default(),
    );
    assert!(
        counts.expired > 0 && counts.expiring > 0 && counts.long_pending > 0,
        "{counts:?}"
    );
}

#[test]
fn the_generator_made_a_slice_at_a_time_gives_exactly_the_whole_ledger() {
    // The app makes its city-scale demo ledger in slices (the page keeps getting turns): the
    // same options must give the same bytes whatever the slices.
    use taizhang::format::generate::{generate, GenerateOptions, Generation};
    let options = GenerateOptions {
        indicators: 30,
        years: 4,
        seed: 5,
        projects: 40,
        report_months: 6,
        supervision: 9,
        approvals: 3,
    };
    let whole = write_file(&generate(&options), None);
    for budget in [1, 7, 500] {
        let mut generation = Generation::new(&options);
        let mut slices = 1;
        while !generation.step(budget) {
            slices += 1;
        }
        assert!(budget == 500 || slices > 100, "{budget}: {slices} slices");
        assert_eq!(
            write_file(&generation.finish(), None),
            whole,
            "budget {budget}"
        );
    }
}

#[test]
fn the_list_and_the_summary_made_in_one_pass_agree_with_each_project_judged_alone() {
    use taizhang::calc::projects::{project_light, project_row, project_rows, summarize};
    use taizhang::model::project::Light;
    let date = |y, m, d| taizhang::model::Date::new(y, m, d).expect("date");
    // `project_rows` and `summarize` read every project's reports from one pass over the
    // reports; `project_row` and `project_light` read one project's through the index.
    let dataset =
        taizhang::format::generate::generate(&taizhang::format::generate::GenerateOptions {
            indicators: 0,
            years: 1,
            projects: 200,
            report_months: 14,
            ..Default::default()
        });
    let mut seen = (0, 0, 0);
    for as_of in [date(2026, 12, 31), date(2026, 3, 10), date(2025, 7, 1)] {
        let rows = project_rows(&dataset, as_of);
        assert_eq!(rows.len(), 200);
        for row in &rows {
            let project = dataset.project(&row.id).expect("project");
            assert_eq!(*row, project_row(&dataset, project, as_of));
        }
        let lights: Vec<Option<Light>> = dataset
            .projects()
            .map(|p| project_light(&dataset, p, as_of).map(|(light, _)| light))
            .collect();
        let summary = summarize(&dataset, as_of);
        let count = |light: Option<Light>| lights.iter().filter(|l| **l == light).count();
        assert_eq!(summary.red, count(Some(Light::Red)), "{as_of:?}");
        assert_eq!(summary.yellow, count(Some(Light::Yellow)));
        assert_eq!(summary.green, count(Some(Light::Green)));
        assert_eq!(summary.unjudged, count(None));
        seen.0 += summary.red;
        seen.1 += summary.yellow;
        seen.2 += summary.green;
    }
    // Every light comes up over the three dates, so the comparison means something.
    assert!(seen.0 > 0 && seen.1 > 0 && seen.2 > 0, "{seen:?}");
}

#[test]
fn the_shipped_sample_is_already_in_canonical_form() {
    let written = write_file(&sample(), None);
    assert!(
        written == taizhang::sample::LUCHENG_2012_2016,
        "public/samples/lucheng-2012-2016.json is not canonical; regenerate it with write_file"
    );
}

#[test]
fn an_exported_file_carries_a_checksum_that_notices_changes() {
    use taizhang::format::ChecksumStatus;
    let loaded = taizhang::sample::load_lucheng_sample().expect("sample");
    assert_eq!(loaded.checksum, ChecksumStatus::Valid);

    let altered = taizhang::sample::LUCHENG_2012_2016.replacen("\"218\"", "\"219\"", 1);
    assert_eq!(
        read_file(&altered).expect("still readable").checksum,
        ChecksumStatus::Mismatch
    );

    let mut unsigned: serde_json::Value =
        serde_json::from_str(taizhang::sample::LUCHENG_2012_2016).expect("json");
    unsigned.as_object_mut().expect("object").remove("checksum");
    assert_eq!(
        read_file(&unsigned.to_string()).expect("readable").checksum,
        ChecksumStatus::Missing
    );
}

#[test]
fn export_file_names_follow_the_pattern_and_are_safe_for_any_file_system() {
    use taizhang::format::export_file_name;
    assert_eq!(
        export_file_name("鹿城区发改局台账", "2026-11-27T10:00:00.000Z"),
        "台账-鹿城区发改局台账-2026-11-27.json"
    );
    assert_eq!(
        export_file_name("a/b:c*?", "2026-11-27"),
        "台账-a_b_c__-2026-11-27.json"
    );
    assert_eq!(
        export_file_name("  ", "2026-11-27"),
        "台账-ledger-2026-11-27.json"
    );
}

#[test]
fn keys_this_app_does_not_know_survive_reading_storing_merging_and_writing() {
    let mut file: serde_json::Value =
        serde_json::from_str(taizhang::sample::LUCHENG_2012_2016).expect("json");
    file["future_section"] = serde_json::json!({"projects": [1, 2]});
    file["dataset"]["region_code"] = serde_json::json!("330302");
    file["values"][0]["confidence"] = serde_json::json!("high");
    file["indicators"][0]["chart_hint"] = serde_json::json!({"type": "bar"});
    let loaded = read_file(&file.to_string()).expect("reads");
    assert!(loaded.problems.is_empty());

    let check = |text: &str| {
        let written: serde_json::Value = serde_json::from_str(text).expect("json");
        assert_eq!(written["future_section"], file["future_section"]);
        assert_eq!(written["dataset"]["region_code"], "330302");
        let value_id = &file["values"][0]["id"];
        let value = written["values"]
            .as_array()
            .expect("values")
            .iter()
            .find(|v| &v["id"] == value_id)
            .expect("value");
        assert_eq!(value["confidence"], "high");
        let indicator_id = &file["indicators"][0]["id"];
        let indicator = written["indicators"]
            .as_array()
            .expect("i")
            .iter()
            .find(|i| &i["id"] == indicator_id)
            .expect("i");
        assert_eq!(indicator["chart_hint"]["type"], "bar");
    };
    check(&write_file(&loaded.dataset, None));

    let mut store = MemoryStore::default();
    store.save_all(&loaded.dataset);
    let from_store = store.load().expect("loads").expect("stored");
    check(&write_file(&from_store.dataset, None));

    let plan = taizhang::format::merge::merge(&loaded.dataset, &loaded.dataset, &sample());
    check(&write_file(&plan.resolve(&[]).dataset, None));
}

#[test]
fn the_reporting_date_is_an_undoable_edit_that_moves_this_year_and_is_stored() {
    use taizhang::model::{parse_period, Date};
    let mut dataset = sample();
    let mut store = taizhang::store::memory::MemoryStore::default();
    store.save_all(&dataset);
    let today = Date::new(2026, 11, 30).expect("date");
    let applied = dataset
        .apply(Edit::SetDocumentDate(today), &context("a"))
        .expect("set");
    assert!(applied.meta_changed);
    store.save_applied(&dataset, &applied);
    assert_eq!(
        parse_period("今年", dataset.meta.document_date),
        Ok(Period::Year(2026))
    );
    assert_eq!(
        parse_period("今年1-9月", dataset.meta.document_date),
        parse_period("2026年1-9月", dataset.meta.document_date)
    );
    let reloaded = store.load().expect("loads").expect("stored").dataset;
    assert_eq!(reloaded.meta.document_date, today);

    let undone = dataset.apply(applied.inverse, &context("a")).expect("undo");
    assert_eq!(dataset.meta.document_date.to_iso(), "2016-10-31");
    store.save_applied(&dataset, &undone);
    let reloaded = store.load().expect("loads").expect("stored").dataset;
    assert_eq!(reloaded.meta.document_date.to_iso(), "2016-10-31");
    // Setting the same date again changes nothing.
    let same = dataset
        .apply(
            Edit::SetDocumentDate(dataset.meta.document_date),
            &context("a"),
        )
        .expect("same");
    assert!(!same.changed_anything());
}

#[test]
fn a_refused_batch_leaves_the_ledger_byte_identical_in_the_file_and_the_store() {
    use taizhang::format::write_file;
    let mut dataset = sample();
    let indicator = investment_indicator(&dataset);
    // Make some history first, so there are stamps and a tombstone to keep exactly.
    let first = new_value(&indicator, Period::Year(2011), "200");
    dataset
        .apply(Edit::Put(Record::Value(first.clone())), &context("d-a"))
        .expect("first");
    dataset
        .apply(
            Edit::Delete {
                kind: RecordKind::Value,
                id: first.id.clone(),
            },
            &context("d-a"),
        )
        .expect("deleted");
    let mut store = taizhang::store::memory::MemoryStore::default();
    store.save_all(&dataset);
    let bytes_before = write_file(&dataset, None);
    let clock_before = dataset.clock;

    // A batch that changes a figure, creates one, deletes one and moves the date, then fails.
    let mut changed = dataset
        .value_at(&indicator, &Period::Year(2016))
        .expect("2016")
        .clone();
    changed.amount = amount("999");
    let created = new_value(&indicator, Period::Year(2010), "150");
    let deleted = dataset
        .value_at(&indicator, &Period::Year(2012))
        .expect("2012")
        .id
        .clone();
    let mut bad = new_value(&indicator, Period::Year(2009), "-1");
    bad.id = id("r-00000000000000bb");
    let refused = dataset.apply(
        Edit::Batch(vec![
            Edit::Put(Record::Value(changed)),
            Edit::Put(Record::Value(created)),
            Edit::Delete {
                kind: RecordKind::Value,
                id: deleted,
            },
            Edit::SetDocumentDate(taizhang::model::Date::new(2020, 1, 1).expect("date")),
            Edit::Put(Record::Value(bad)),
        ]),
        &context("d-b"),
    );
    assert!(refused.is_err());
    assert_eq!(dataset.clock, clock_before);
    assert_eq!(write_file(&dataset, None), bytes_before);
    // Nothing was written, so the store still loads the same bytes.
    let stored = store.load().expect("loads").expect("stored").dataset;
    assert_eq!(write_file(&stored, None), bytes_before);
}

/// A small boundary map, its JSON with the keys in order (as the store keeps a map).
fn boundary_map() -> taizhang::model::dataset::Basemap {
    taizhang::model::dataset::Basemap {
        name: "区界".to_string(),
        geojson: serde_json::json!({"type": "FeatureCollection", "features": [{"type": "Feature",
            "properties": {"name": "鹿城区"}, "geometry": {"type": "Polygon",
            "coordinates": [[[120.6, 28.0], [120.7, 28.0], [120.7, 28.1], [120.6, 28.0]]]}}]})
        .to_string(),
    }
}

#[test]
fn every_collection_the_model_knows_is_read_back_from_the_store_none_left_out() {
    use taizhang::store::{chunks, StoreError};
    // The store's reader names the file's collections one by one; a collection it did not name
    // would be left out of every reload. A chunk of each that cannot be a record must therefore
    // be refused, never skipped.
    let meta = chunks::meta_chunk(&sample());
    for collection in taizhang::model::record::collections() {
        let key = format!("{collection}/00");
        let texts = vec![(key.clone(), r#"{"x-1":{"not":"a record"}}"#.to_string())];
        match chunks::file_of_chunk_texts(&meta, &texts) {
            Err(StoreError::Corrupt { detail }) => {
                assert!(detail.starts_with(&format!("chunk {key}: ")), "{detail}")
            }
            other => panic!("{collection}: read as {other:?}, not refused"),
        }
    }
}

#[test]
fn the_store_writes_a_whole_ledger_as_texts_and_reads_it_back_on_the_fast_path() {
    use taizhang::format::generate::{generate, GenerateOptions};
    use taizhang::store::chunks;
    // The sample (relations, a summary, sources) and a generated project ledger (reports,
    // supervision items), with a deleted record, an unknown key and a boundary map.
    let mut dataset = sample();
    let indicator = investment_indicator(&dataset);
    let edit = dataset.delete_indicator_edit(&indicator);
    dataset.apply(edit, &context("d-a")).expect("delete");
    dataset.basemap = Some(boundary_map());
    dataset
        .file_extra
        .insert("x_future".to_string(), serde_json::json!({"kept": true}));
    let mut projects = generate(&GenerateOptions {
        indicators: 3,
        years: 2,
        projects: 40,
        report_months: 6,
        supervision: 10,
        approvals: 3,
        ..GenerateOptions::default()
    });
    let report = projects.reports().nth(7).expect("a report").id.clone();
    projects.set_extra(
        report,
        [("x_note".to_string(), serde_json::json!("kept"))]
            .into_iter()
            .collect(),
    );
    for dataset in [dataset, projects] {
        let mut texts = chunks::all_chunk_texts(&dataset);
        let trees = chunks::all_chunks(&dataset);
        assert_eq!(
            texts.keys().collect::<Vec<_>>(),
            trees.keys().collect::<Vec<_>>(),
            "the same chunks"
        );
        for (key, text) in &texts {
            let parsed: chunks::Chunk = serde_json::from_str(text).expect("a chunk is JSON");
            assert_eq!(&parsed, &trees[key], "chunk {key} says what the tree says");
        }
        let meta = chunks::meta_chunk(&dataset);
        // A damaged chunk says which chunk and what is wrong.
        let (key, text) = texts.last_key_value().expect("chunks");
        let mut damaged = texts.clone();
        let half: String = text.chars().take(text.chars().count() / 2).collect();
        damaged.insert(key.clone(), half);
        match chunks::load_from_chunk_texts(&meta, damaged) {
            Err(taizhang::store::StoreError::Corrupt { detail }) => {
                assert!(detail.starts_with(&format!("chunk {key}: ")), "{detail}")
            }
            other => panic!("a damaged chunk must not load: {other:?}"),
        }
        // A collection of a later version is left out, as a file's would be.
        texts.insert(
            "x_later/00".to_string(),
            r#"{"x-1":{"id":"x-1"}}"#.to_string(),
        );
        let fast = chunks::load_from_chunk_texts(&meta, texts).expect("fast path");
        assert!(fast.problems.is_empty(), "{:?}", fast.problems);
        assert_eq!(fast.dataset, dataset, "the fast path gives the ledger back");
        let slow = chunks::load_from_chunks(&meta, trees).expect("tree path");
        assert_eq!(slow.dataset, fast.dataset, "both paths agree");
        // Made a slice at a time (an import's replacement), the whole ledger is the same.
        let whole = chunks::WholeLedger::of(&dataset);
        for budget in [1, 7, 500] {
            let mut steps = chunks::WholeLedger::steps(&dataset);
            let mut taken = 0;
            while !steps.step(budget) {
                taken += 1;
            }
            assert!(taken > 0 || budget == 500, "budget {budget} took steps");
            assert_eq!(steps.finish(), whole, "budget {budget}");
        }
        assert_eq!(
            write_file(&fast.dataset, None),
            write_file(&dataset, None),
            "byte for byte"
        );
    }
}

#[test]
fn a_read_ledger_keeps_each_distinct_stamp_text_once() {
    let mut dataset = sample();
    let values: Vec<Value> = dataset.values().take(5).cloned().collect();
    for mut value in values {
        value.amount = amount("7");
        dataset
            .apply(Edit::Put(Record::Value(value)), &context("d-a"))
            .expect("edit");
    }
    let text = write_file(&dataset, None);
    let loaded = read_file(&text).expect("reads");
    let stamps: Vec<&taizhang::model::record::Stamp> = loaded
        .dataset
        .values()
        .flat_map(|v| v.stamps.values())
        .collect();
    assert_eq!(stamps.len(), 5, "five values were edited");
    let first = stamps[0];
    let same_device: Vec<_> = stamps.iter().filter(|s| s.device == first.device).collect();
    assert!(same_device.len() > 1);
    assert!(
        same_device
            .iter()
            .all(|s| std::sync::Arc::ptr_eq(&s.device, &first.device)),
        "equal device texts are one shared text"
    );
}

#[test]
fn a_checksum_hashed_in_slices_is_the_checksum_of_the_whole_file() {
    use taizhang::format::generate::{generate, GenerateOptions};
    use taizhang::format::{checksum_of, v1::FileV1, ChecksumSteps};
    let mut with_everything = sample();
    with_everything.basemap = Some(boundary_map());
    with_everything
        .file_extra
        .insert("x_future".to_string(), serde_json::json!([1, "二"]));
    let projects = generate(&GenerateOptions {
        indicators: 3,
        years: 2,
        projects: 30,
        report_months: 4,
        supervision: 8,
        ..GenerateOptions::default()
    });
    let mut exported = sample();
    exported.meta.lineage.push("x-0".to_string());
    let export = taizhang::format::v1::ExportV1 {
        id: "x-1".to_string(),
        exported_at: "2026-12-01T00:00:00Z".to_string(),
        exported_by: "李强".to_string(),
        derived_from: vec!["x-0".to_string()],
    };
    for (dataset, export) in [
        (with_everything, None),
        (projects, None),
        (exported, Some(export)),
    ] {
        let file: FileV1 =
            serde_json::from_str(&taizhang::format::write_file(&dataset, export)).expect("a file");
        let stated = file.checksum.clone().expect("written with its checksum");
        assert_eq!(checksum_of(&file), stated);
        // The definition, computed here: SHA-256 of the compact JSON of the file without its
        // checksum (docs/data-format.md).
        let mut unsigned = file.clone();
        unsigned.checksum = None;
        let digest = {
            use sha2::Digest;
            sha2::Sha256::digest(
                serde_json::to_string(&unsigned)
                    .expect("written")
                    .as_bytes(),
            )
        };
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(stated, format!("sha256:{hex}"));
        for budget in [1, 3, 1000] {
            let mut steps = ChecksumSteps::default();
            let mut rounds = 0;
            let sum = loop {
                rounds += 1;
                if let Some(sum) = steps.step(&file, budget) {
                    break sum;
                }
            };
            assert_eq!(sum, stated, "budget {budget}");
            if budget == 1 {
                assert!(rounds > 10, "sliced into many steps");
            }
        }
    }
}
