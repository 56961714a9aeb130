//! Hostile and broken files: each is refused or reported with what and where, and nothing
//! panics. (The app applies a file only when `read_file` returns it without problems, so the
//! stored ledger is untouched in every case here.)

use taizhang::format::{read_file, FormatError, ProblemKind};
use taizhang::model::EditError;

fn sample_json() -> serde_json::Value {
    serde_json::from_str(taizhang::sample::LUCHENG_2012_2016).expect("sample is JSON")
}

/// The problems reading a file reports; read in slices of three records (as the app reads a
/// large file), it reports exactly the same and gives the same ledger.
fn problems_of(file: &serde_json::Value) -> Vec<(String, ProblemKind)> {
    let text = file.to_string();
    let whole = read_file(&text).expect("the file as a whole is readable");
    let mut reader = taizhang::format::sliced::SlicedReader::new(&text);
    let mut steps = 0;
    while !reader.is_done() {
        reader.step(3);
        steps += 1;
    }
    assert!(steps > 10, "the sample is read in many slices");
    let sliced = reader.finish().expect("read in slices");
    assert_eq!(sliced.dataset, whole.dataset, "the same ledger in slices");
    let paths = |loaded: &taizhang::format::Loaded| -> Vec<String> {
        loaded.problems.iter().map(|p| p.path.clone()).collect()
    };
    assert_eq!(paths(&sliced), paths(&whole), "the same problems in slices");
    whole
        .problems
        .into_iter()
        .map(|p| (p.path, p.kind))
        .collect()
}

#[test]
fn not_json_truncated_and_empty_files_say_where_parsing_stopped() {
    for text in [
        "",
        "hello",
        "{\"type\": \"taizhang\", ",
        &taizhang::sample::LUCHENG_2012_2016[..5000],
    ] {
        match read_file(text) {
            Err(FormatError::NotJson { line, column, .. }) => {
                assert!(line >= 1 && column <= text.len() + 1)
            }
            other => panic!("{:?} gave {other:?}", text.get(..20)),
        }
    }
}

#[test]
fn another_programs_json_is_not_a_taizhang_file() {
    for text in [
        r#"{"type":"excalidraw","version":2,"elements":[]}"#,
        r#"{"rows": [1,2,3]}"#,
        "[1,2,3]",
        "42",
        "null",
    ] {
        assert!(
            matches!(read_file(text), Err(FormatError::NotTaizhang { .. })),
            "{text}"
        );
    }
}

#[test]
fn a_file_from_a_newer_taizhang_is_refused_with_both_versions_named() {
    let mut file = sample_json();
    file["format_version"] = serde_json::json!(2);
    assert_eq!(
        read_file(&file.to_string()).err(),
        Some(FormatError::NewerVersion {
            found: 2,
            supported: 1
        })
    );
    file["format_version"] = serde_json::json!("1");
    assert!(matches!(
        read_file(&file.to_string()),
        Err(FormatError::BadShape { .. })
    ));
}

#[test]
fn arrays_nested_100000_deep_are_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(read_file(&nested).is_err());
    let inside = format!(
        r#"{{"type":"taizhang","format_version":1,"deep":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    match read_file(&inside) {
        Err(FormatError::NotJson { detail, .. }) | Err(FormatError::BadShape { detail, .. }) => {
            assert!(detail.contains("recursion limit"), "{detail}")
        }
        other => panic!("expected a refusal naming the recursion limit, got {other:?}"),
    }
}

#[test]
fn a_very_large_file_that_is_not_a_ledger_is_refused_plainly() {
    // 20 MB of numbers (the browser test of a 100 MB file belongs to the worker work).
    let mut big = String::with_capacity(20 * 1024 * 1024);
    big.push('[');
    while big.len() < 20 * 1024 * 1024 {
        big.push_str("1234567890,");
    }
    big.push_str("0]");
    assert!(matches!(
        read_file(&big),
        Err(FormatError::NotTaizhang { .. })
    ));
}

#[test]
fn duplicate_ids_are_reported_at_the_second_occurrence() {
    let mut file = sample_json();
    let first_id = file["values"][0]["id"].clone();
    file["values"][1]["id"] = first_id;
    let problems = problems_of(&file);
    assert!(
        problems.iter().any(|(path, kind)| path == "$.values[1].id"
            && matches!(kind, ProblemKind::DuplicateId { .. })),
        "{problems:?}"
    );
}

#[test]
fn nan_infinity_exponents_and_negative_amounts_are_refused_at_their_path() {
    let mut file = sample_json();
    file["values"][0]["amount"] = serde_json::json!("NaN");
    file["values"][1]["amount"] = serde_json::json!("Infinity");
    file["values"][2]["amount"] = serde_json::json!("1e999");
    file["values"][3]["amount"] = serde_json::json!("-5");
    let problems = problems_of(&file);
    for index in 0..3 {
        let path = format!("$.values[{index}].amount");
        assert!(
            problems
                .iter()
                .any(|(p, k)| *p == path && matches!(k, ProblemKind::BadAmount { .. })),
            "{path}: {problems:?}"
        );
    }
    assert!(problems.iter().any(|(p, k)| p == "$.values[3]"
        && matches!(
            k,
            ProblemKind::Refused {
                reason: EditError::NegativeAmount { .. }
            }
        )));
    // JSON itself has no NaN: a bare NaN is not JSON at all.
    let text =
        taizhang::sample::LUCHENG_2012_2016.replacen("\"amount\": \"218\"", "\"amount\": NaN", 1);
    assert!(matches!(read_file(&text), Err(FormatError::NotJson { .. })));
}

#[test]
fn references_to_missing_records_are_reported_and_only_those_records_left_out() {
    let mut file = sample_json();
    file["values"][0]["indicator"] = serde_json::json!("ind-does-not-exist");
    file["indicators"][0]["area"] = serde_json::json!("area-does-not-exist");
    let loaded = read_file(&file.to_string()).expect("readable");
    let refused: Vec<&str> = loaded
        .problems
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                ProblemKind::Refused {
                    reason: EditError::MissingReference { .. }
                }
            )
        })
        .map(|p| p.path.as_str())
        .collect();
    assert!(refused.contains(&"$.values[0]"), "{refused:?}");
    assert!(refused.contains(&"$.indicators[0]"), "{refused:?}");
}

#[test]
fn html_and_script_in_text_stay_plain_text() {
    let mut file = sample_json();
    let hostile = "<img src=x onerror=alert(1)><script>alert('x')</script>";
    file["indicators"][0]["name"] = serde_json::json!(hostile);
    file["values"][0]["note"] = serde_json::json!(hostile);
    let loaded = read_file(&file.to_string()).expect("readable");
    assert!(loaded.problems.is_empty());
    let id = taizhang::model::RecordId::parse(file["indicators"][0]["id"].as_str().expect("id"))
        .expect("id");
    assert_eq!(
        loaded.dataset.indicator(&id).map(|i| i.name.as_str()),
        Some(hostile)
    );
}

#[test]
fn wrong_types_in_a_record_report_the_shape_problem() {
    let mut file = sample_json();
    file["values"][0]["amount"] = serde_json::json!({"nested": true});
    assert!(matches!(
        read_file(&file.to_string()),
        Err(FormatError::BadShape { .. })
    ));
}

#[test]
fn a_newer_file_can_still_be_viewed_as_far_as_this_version_understands_it() {
    let mut file = sample_json();
    file["format_version"] = serde_json::json!(3);
    file["monthly_reports"] =
        serde_json::json!([{"id": "m-1", "project": "p-1", "month": "2016-10"}]);
    let text = file.to_string();
    assert!(matches!(
        read_file(&text),
        Err(FormatError::NewerVersion { found: 3, .. })
    ));
    let viewed = taizhang::format::read_newer_for_viewing(&text).expect("viewable");
    assert!(viewed.problems.is_empty());
    assert_eq!(
        viewed.dataset.count(taizhang::model::RecordKind::Value),
        file["values"].as_array().map(Vec::len).unwrap_or_default()
    );
    assert!(
        viewed.extra.contains_key("monthly_reports"),
        "the unknown section is kept"
    );
}

#[test]
fn a_project_with_a_negative_plan_or_a_place_off_the_earth_is_refused_at_its_path() {
    use taizhang::i18n::ToMessage;
    use taizhang::model::Lang;
    let mut file: serde_json::Value =
        serde_json::from_str(taizhang::sample::LUCHENG_2012_2016).expect("sample is JSON");
    file["projects"][0]["annual_plans"] = serde_json::json!({"2026": "-500"});
    file["projects"][1]["location"] = serde_json::json!(["120.6", "128.01"]);
    file["projects"][2]["annual_plans"] = serde_json::json!({"1066": "10"});
    let loaded = taizhang::format::read_file(&file.to_string()).expect("readable");
    let rendered: Vec<(String, String)> = loaded
        .problems
        .iter()
        .map(|p| (p.path.clone(), p.to_message().render(Lang::En)))
        .collect();
    assert_eq!(rendered.len(), 3, "{rendered:#?}");
    let at = |path: &str| {
        rendered
            .iter()
            .find(|(p, _)| p.starts_with(path))
            .map(|(p, m)| format!("{p}: {m}"))
            .unwrap_or_else(|| panic!("nothing at {path}: {rendered:#?}"))
    };
    assert!(at("$.projects[0]").contains("-500 must not be negative"));
    assert!(at("$.projects[1]").contains("not a place on Earth"));
    assert!(at("$.projects[2].annual_plans.1066").contains("1066"));
    // A refusal of the model names the field it is about, for the form that shows it.
    let fields: Vec<Option<&str>> = loaded
        .problems
        .iter()
        .filter_map(|p| match &p.kind {
            taizhang::format::ProblemKind::Refused { reason } => Some(reason.field()),
            _ => None,
        })
        .collect();
    assert_eq!(fields.len(), 2);
    assert!(fields.contains(&Some("annual_plans")) && fields.contains(&Some("location")));
    // The model refuses a plan year out of range made by an edit as well.
    let mut dataset = taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset;
    let mut project = dataset.projects().next().expect("a project").clone();
    project.annual_plans = vec![(
        1066,
        taizhang::model::Amount::from_canonical("10").expect("amount"),
    )];
    let context = taizhang::model::ChangeContext {
        device: "d".into(),
        author: String::new(),
        at: String::new(),
    };
    assert_eq!(
        dataset.apply(
            taizhang::model::Edit::Put(taizhang::model::Record::Project(project)),
            &context
        ),
        Err(taizhang::model::EditError::BadPlanYear { year: 1066 })
    );
}

#[test]
fn a_summary_with_an_unreadable_token_is_reported_at_its_path_and_left_out() {
    let mut file: serde_json::Value =
        serde_json::from_str(taizhang::sample::LUCHENG_2012_2016).expect("sample is JSON");
    file["summaries"] = serde_json::json!([{
        "id": "sum-bad",
        "title": "2016年工作总结",
        "blocks": [
            {"heading": {"level": 1, "number": "一、", "text": "固定资产投资"}},
            {"paragraph": [{"text": "2016年投资"}, {"figure": {"indicator": "ind-fai-total", "period": "2016-13"}}]}
        ]
    }]);
    let loaded = taizhang::format::read_file(&file.to_string()).expect("reads");
    let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["$.summaries[0].blocks[1][1].period"]);
    assert_eq!(
        loaded.dataset.count(taizhang::model::RecordKind::Summary),
        0
    );
}

#[test]
fn a_second_figure_for_the_same_period_or_month_is_refused_and_the_first_kept_findable() {
    use taizhang::format::generate::{generate, GenerateOptions};
    use taizhang::model::{Period, RecordId, YearMonth};
    // The restore puts values and monthly reports into their maps at the end (all at once);
    // until then a duplicate is caught by the natural-key indexes alone.
    let dataset = generate(&GenerateOptions {
        indicators: 3,
        years: 2,
        projects: 4,
        report_months: 3,
        ..GenerateOptions::default()
    });
    let mut file: serde_json::Value =
        serde_json::from_str(&taizhang::format::write_file(&dataset, None)).expect("JSON");
    let mut value = file["values"][0].clone();
    value["id"] = serde_json::json!("v-zz-second");
    value["amount"] = serde_json::json!("1");
    let mut report = file["progress_reports"][0].clone();
    report["id"] = serde_json::json!("r-zz-second");
    let values = file["values"].as_array_mut().expect("values");
    values.push(value.clone());
    let value_path = format!("$.values[{}]", values.len() - 1);
    let reports = file["progress_reports"].as_array_mut().expect("reports");
    reports.push(report.clone());
    let report_path = format!("$.progress_reports[{}]", reports.len() - 1);

    let problems = problems_of(&file);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|(p, k)| *p == value_path
        && matches!(
            k,
            ProblemKind::Refused {
                reason: EditError::DuplicateValue { .. }
            }
        )));
    assert!(problems.iter().any(|(p, k)| *p == report_path
        && matches!(
            k,
            ProblemKind::Refused {
                reason: EditError::DuplicateReport { .. }
            }
        )));
    let loaded = read_file(&file.to_string()).expect("readable");
    let first_value = dataset.values().next().expect("a value");
    let first_report = dataset.reports().next().expect("a report");
    let read = &loaded.dataset;
    assert_eq!(read.values().count(), dataset.values().count());
    assert_eq!(read.reports().count(), dataset.reports().count());
    assert!(read
        .value(&RecordId::parse("v-zz-second").expect("id"))
        .is_none());
    assert!(read
        .report(&RecordId::parse("r-zz-second").expect("id"))
        .is_none());
    // The first of each is there by id and by its natural key, with its own figure.
    assert_eq!(read.value(&first_value.id), Some(first_value));
    let at: Period = first_value.period;
    assert_eq!(
        read.value_at(&first_value.indicator, &at).map(|v| &v.id),
        Some(&first_value.id)
    );
    assert_eq!(read.report(&first_report.id), Some(first_report));
    let month: YearMonth = first_report.month;
    assert!(read
        .reports_of(&first_report.project)
        .iter()
        .any(|r| r.id == first_report.id && r.month == month));
}
