//! The three-way merge on the Lucheng sample: two colleagues start from the same file, edit
//! apart, and one imports the other's file.

use std::collections::BTreeMap;
use taizhang::format::merge::{merge, ConflictKind, Resolution};
use taizhang::model::{
    Amount, ChangeContext, Dataset, Edit, Period, Qualifier, Record, RecordId, RecordKind, Value,
};

fn base() -> Dataset {
    taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset
}

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("id")
}

fn amount(text: &str) -> Amount {
    Amount::from_canonical(text).expect("amount")
}

fn by(device: &str) -> ChangeContext {
    ChangeContext {
        device: device.to_string(),
        author: device.to_string(),
        at: "2026-11-27T10:00:00Z".to_string(),
    }
}

const FAI: &str = "ind-fai-total";

fn set_amount(dataset: &mut Dataset, device: &str, period: Period, text: &str) {
    let mut value = dataset.value_at(&id(FAI), &period).expect("value").clone();
    value.amount = amount(text);
    dataset
        .apply(Edit::Put(Record::Value(value)), &by(device))
        .expect("edit");
}

fn new_value(dataset: &mut Dataset, device: &str, value_id: &str, period: Period, text: &str) {
    let value = Value {
        id: id(value_id),
        indicator: id(FAI),
        period,
        amount: amount(text),
        qualifier: Qualifier::Exact,
        source: String::new(),
        scope_note: String::new(),
        note: String::new(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    };
    dataset
        .apply(Edit::Put(Record::Value(value)), &by(device))
        .expect("create");
}

fn amount_of(dataset: &Dataset, period: Period) -> Option<String> {
    dataset
        .value_at(&id(FAI), &period)
        .map(|v| v.amount.canonical())
}

#[test]
fn disjoint_edits_are_both_kept_without_conflict() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    set_amount(&mut ours, "d-ours", Period::Year(2016), "371");
    set_amount(&mut theirs, "d-theirs", Period::Year(2012), "219");
    let plan = merge(&base, &ours, &theirs);
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    assert_eq!(plan.report[&RecordKind::Value].updated, 1);
    let merged = plan.resolve(&[]);
    assert!(merged.rejected.is_empty());
    assert_eq!(
        amount_of(&merged.dataset, Period::Year(2016)).as_deref(),
        Some("371")
    );
    assert_eq!(
        amount_of(&merged.dataset, Period::Year(2012)).as_deref(),
        Some("219")
    );
    let value = merged
        .dataset
        .value_at(&id(FAI), &Period::Year(2012))
        .expect("2012");
    assert_eq!(
        &*value.stamps["amount"].device, "d-theirs",
        "their change keeps its stamp"
    );
}

#[test]
fn identical_edits_on_both_sides_are_one_change() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    set_amount(&mut ours, "d-ours", Period::Year(2016), "371");
    set_amount(&mut theirs, "d-theirs", Period::Year(2016), "371");
    let plan = merge(&base, &ours, &theirs);
    assert!(plan.conflicts.is_empty());
    assert_eq!(
        amount_of(&plan.resolve(&[]).dataset, Period::Year(2016)).as_deref(),
        Some("371")
    );
}

#[test]
fn two_different_changes_of_one_field_are_a_conflict_the_user_decides() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    set_amount(&mut ours, "d-ours", Period::Year(2016), "371");
    set_amount(&mut theirs, "d-theirs", Period::Year(2016), "372");
    let plan = merge(&base, &ours, &theirs);
    assert_eq!(plan.conflicts.len(), 1);
    match &plan.conflicts[0].what {
        ConflictKind::Field {
            field,
            base,
            ours,
            theirs,
        } => {
            assert_eq!(*field, "amount");
            assert_eq!(base.as_deref(), Some("370"));
            assert_eq!(ours, "371");
            assert_eq!(theirs, "372");
        }
        other => panic!("expected a field conflict, got {other:?}"),
    }
    assert_eq!(plan.report[&RecordKind::Value].conflicting, 1);
    let mine = plan.resolve(&[Resolution::KeepMine]);
    assert_eq!(
        amount_of(&mine.dataset, Period::Year(2016)).as_deref(),
        Some("371")
    );
    let theirs = plan.resolve(&[Resolution::TakeTheirs]);
    assert_eq!(
        amount_of(&theirs.dataset, Period::Year(2016)).as_deref(),
        Some("372")
    );
}

#[test]
fn a_deletion_meets_an_edit_as_a_conflict_and_an_untouched_record_stays_deleted() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let v2016 = base
        .value_at(&id(FAI), &Period::Year(2016))
        .expect("2016")
        .id
        .clone();
    let v2012 = base
        .value_at(&id(FAI), &Period::Year(2012))
        .expect("2012")
        .id
        .clone();
    ours.apply(
        Edit::Delete {
            kind: RecordKind::Value,
            id: v2016.clone(),
        },
        &by("d-ours"),
    )
    .expect("delete");
    ours.apply(
        Edit::Delete {
            kind: RecordKind::Value,
            id: v2012.clone(),
        },
        &by("d-ours"),
    )
    .expect("delete");
    set_amount(&mut theirs, "d-theirs", Period::Year(2016), "372");

    let plan = merge(&base, &ours, &theirs);
    assert_eq!(plan.conflicts.len(), 1);
    assert!(matches!(
        plan.conflicts[0].what,
        ConflictKind::DeletedByUs { .. }
    ));
    assert_eq!(plan.conflicts[0].id, v2016);

    let mine = plan.resolve(&[Resolution::KeepMine]);
    assert!(mine.dataset.value(&v2016).is_none());
    assert!(mine.dataset.tombstone(&v2016).is_some());
    // 2012 was deleted by us and untouched by them: the tombstone keeps it deleted.
    assert!(mine.dataset.value(&v2012).is_none());
    assert!(mine.dataset.tombstone(&v2012).is_some());

    let theirs_kept = plan.resolve(&[Resolution::TakeTheirs]);
    assert_eq!(
        amount_of(&theirs_kept.dataset, Period::Year(2016)).as_deref(),
        Some("372")
    );
}

#[test]
fn their_deletion_of_a_record_we_edited_is_a_conflict_too() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let v2016 = base
        .value_at(&id(FAI), &Period::Year(2016))
        .expect("2016")
        .id
        .clone();
    set_amount(&mut ours, "d-ours", Period::Year(2016), "371");
    theirs
        .apply(
            Edit::Delete {
                kind: RecordKind::Value,
                id: v2016.clone(),
            },
            &by("d-theirs"),
        )
        .expect("delete");
    let plan = merge(&base, &ours, &theirs);
    assert!(matches!(
        plan.conflicts[0].what,
        ConflictKind::DeletedByThem { .. }
    ));
    assert!(plan
        .resolve(&[Resolution::KeepMine])
        .dataset
        .value(&v2016)
        .is_some());
    let taken = plan.resolve(&[Resolution::TakeTheirs]);
    assert!(taken.dataset.value(&v2016).is_none());
    assert!(taken.dataset.tombstone(&v2016).is_some());
}

#[test]
fn the_same_figure_entered_separately_is_matched_or_a_conflict() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    new_value(
        &mut ours,
        "d-ours",
        "r-00000000000000a1",
        Period::Year(2013),
        "250",
    );
    new_value(
        &mut theirs,
        "d-theirs",
        "r-00000000000000b2",
        Period::Year(2013),
        "250",
    );
    let plan = merge(&base, &ours, &theirs);
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    assert_eq!(plan.report[&RecordKind::Value].matched, 1);
    let merged = plan.resolve(&[]);
    assert!(merged.rejected.is_empty());
    assert_eq!(
        merged.dataset.values_of(&id(FAI)).len(),
        base.values_of(&id(FAI)).len() + 1
    );

    let mut theirs = base.clone();
    new_value(
        &mut theirs,
        "d-theirs",
        "r-00000000000000b2",
        Period::Year(2013),
        "260",
    );
    let plan = merge(&base, &ours, &theirs);
    assert_eq!(plan.conflicts.len(), 1);
    assert!(matches!(
        plan.conflicts[0].what,
        ConflictKind::SameFigure {
            period: Period::Year(2013),
            ..
        }
    ));
    assert_eq!(
        amount_of(
            &plan.resolve(&[Resolution::KeepMine]).dataset,
            Period::Year(2013)
        )
        .as_deref(),
        Some("250")
    );
    assert_eq!(
        amount_of(
            &plan.resolve(&[Resolution::TakeTheirs]).dataset,
            Period::Year(2013)
        )
        .as_deref(),
        Some("260")
    );
}

#[test]
fn an_indicator_created_separately_is_matched_by_area_name_and_unit_and_its_values_follow() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let make = |indicator_id: &str| {
        let mut indicator = base.indicator(&id(FAI)).expect("fai").clone();
        indicator.id = id(indicator_id);
        indicator.name = "民间投资额".to_string();
        indicator.stamps = BTreeMap::new();
        indicator
    };
    ours.apply(
        Edit::Put(Record::Indicator(make("r-00000000000000c1"))),
        &by("d-ours"),
    )
    .expect("ours");
    theirs
        .apply(
            Edit::Put(Record::Indicator(make("r-00000000000000c2"))),
            &by("d-theirs"),
        )
        .expect("theirs");
    let mut value = base
        .value_at(&id(FAI), &Period::Year(2016))
        .expect("v")
        .clone();
    value.id = id("r-00000000000000c3");
    value.indicator = id("r-00000000000000c2");
    value.amount = amount("120");
    theirs
        .apply(Edit::Put(Record::Value(value)), &by("d-theirs"))
        .expect("their value");

    let plan = merge(&base, &ours, &theirs);
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    assert_eq!(
        plan.matched.get(&id("r-00000000000000c2")),
        Some(&id("r-00000000000000c1"))
    );
    let merged = plan.resolve(&[]);
    assert!(merged.rejected.is_empty(), "{:?}", merged.rejected);
    assert!(merged
        .dataset
        .indicator(&id("r-00000000000000c2"))
        .is_none());
    let ours_id = id("r-00000000000000c1");
    assert_eq!(
        merged
            .dataset
            .value_at(&ours_id, &Period::Year(2016))
            .map(|v| v.amount.canonical())
            .as_deref(),
        Some("120")
    );
}

#[test]
fn their_new_value_for_an_indicator_we_deleted_is_rejected_with_a_reason_not_forced_in() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let edit = ours.delete_indicator_edit(&id("ind-realestate-investment"));
    ours.apply(edit, &by("d-ours")).expect("delete");
    let mut value = base.values_of(&id("ind-realestate-investment"))[0].clone();
    value.id = id("r-00000000000000d1");
    value.period = Period::Year(2016);
    theirs
        .apply(Edit::Put(Record::Value(value)), &by("d-theirs"))
        .expect("their value");
    let plan = merge(&base, &ours, &theirs);
    let merged = plan.resolve(&vec![Resolution::KeepMine; plan.conflicts.len()]);
    assert!(merged
        .dataset
        .indicator(&id("ind-realestate-investment"))
        .is_none());
    assert!(merged
        .rejected
        .iter()
        .any(|(kind, rejected, _)| *kind == RecordKind::Value
            && rejected == &id("r-00000000000000d1")));
}

#[test]
fn every_field_a_record_reports_can_be_copied_by_name() {
    let dataset = base();
    for kind in RecordKind::ALL {
        let record = match kind {
            RecordKind::Area => Record::Area(dataset.areas()[0].clone()),
            RecordKind::Unit => Record::Unit(dataset.units().next().expect("unit").clone()),
            RecordKind::Indicator => {
                Record::Indicator(dataset.indicators().next().expect("i").clone())
            }
            RecordKind::Value => Record::Value(dataset.values().next().expect("v").clone()),
            RecordKind::Relation => {
                Record::Relation(dataset.relations().next().expect("r").clone())
            }
            RecordKind::Project => Record::Project(taizhang::model::Project {
                id: id("p-1"),
                name: "七都大桥".to_string(),
                class: "重点建设".to_string(),
                level: String::new(),
                code: String::new(),
                owner: String::new(),
                section: String::new(),
                entered_by: String::new(),
                street: String::new(),
                location: None,
                total_investment: None,
                start: None,
                planned_completion: None,
                status: Some(taizhang::model::ProjectStatus::InService),
                subprojects: None,
                completed_on: None,
                milestones: Vec::new(),
                annual_plans: Vec::new(),
                tags: Vec::new(),
                note: String::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
            RecordKind::Report => Record::Report(taizhang::model::ProgressReport {
                id: id("r-1"),
                project: id("p-1"),
                month: taizhang::model::YearMonth {
                    year: 2016,
                    month: 9,
                },
                invested_month: None,
                invested_cumulative: None,
                progress: String::new(),
                problems: String::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
            RecordKind::Supervision => Record::Supervision(taizhang::model::SupervisionItem {
                id: id("s-1"),
                project: id("p-1"),
                problem: "征迁".to_string(),
                responsible: String::new(),
                raised: taizhang::model::Date::new(2016, 9, 1).expect("date"),
                deadline: None,
                status: taizhang::model::SupervisionStatus::Open,
                rectification: String::new(),
                meeting: None,
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
            RecordKind::Bulletin => Record::Bulletin(taizhang::model::Bulletin {
                id: id("b-1"),
                date: taizhang::model::Date::new(2016, 9, 1).expect("date"),
                title: "通报".to_string(),
                body: String::new(),
                projects: vec![id("p-1")],
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
            RecordKind::Summary => Record::Summary(taizhang::model::Summary {
                id: id("sum-1"),
                title: "2016年工作总结".to_string(),
                blocks: vec![taizhang::model::summary::Block::Heading {
                    level: 1,
                    number: "一、".to_string(),
                    text: "规划".to_string(),
                }],
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
            RecordKind::Meeting => Record::Meeting(taizhang::model::Meeting {
                id: id("m-1"),
                date: taizhang::model::Date::new(2016, 9, 1).expect("date"),
                title: "项目联审会".to_string(),
                attendees: vec!["国土分局".to_string()],
                items: vec![taizhang::model::MeetingItem {
                    project: id("p-1"),
                    decision: "同意".to_string(),
                }],
                note: String::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
            RecordKind::Approval => Record::Approval(taizhang::model::Approval {
                id: id("a-1"),
                project: id("p-1"),
                procedure: taizhang::model::Procedure::Review,
                item: "可研".to_string(),
                body: "区发改局".to_string(),
                applied: taizhang::model::Date::new(2016, 1, 4).expect("date"),
                issued: Some(taizhang::model::Date::new(2016, 2, 1).expect("date")),
                document_no: "鹿发改〔2016〕1号".to_string(),
                validity: Some(taizhang::model::Validity::Months(24)),
                status: taizhang::model::ApprovalStatus::Done,
                extensions: Vec::new(),
                on_behalf: true,
                note: String::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
            RecordKind::Reminder => Record::Reminder(taizhang::model::Reminder {
                id: id("rem-1"),
                approval: id("a-1"),
                date: taizhang::model::Date::new(2016, 9, 1).expect("date"),
                note: "电话提醒".to_string(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
        };
        let mut copy = record.clone();
        for (name, _) in record.fields() {
            assert!(copy.copy_field_from(&record, name), "{kind:?}.{name}");
        }
        assert!(!copy.copy_field_from(&record, "no_such_field"));
    }
}

#[test]
fn merging_a_ledger_with_itself_changes_nothing() {
    let base = base();
    let plan = merge(&base, &base, &base);
    assert!(plan.conflicts.is_empty());
    let merged = plan.resolve(&[]);
    assert!(merged.rejected.is_empty());
    assert_eq!(merged.dataset, base);
}

#[test]
fn without_a_base_file_the_stamps_tell_who_changed_what() {
    let origin = base();
    let empty = Dataset::new(origin.meta.clone());
    let mut ours = origin.clone();
    let mut theirs = origin.clone();
    set_amount(&mut ours, "d-ours", Period::Year(2016), "371");
    set_amount(&mut theirs, "d-theirs", Period::Year(2012), "219");
    let plan = merge(&empty, &ours, &theirs);
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    let merged = plan.resolve(&[]);
    assert_eq!(
        amount_of(&merged.dataset, Period::Year(2016)).as_deref(),
        Some("371")
    );
    assert_eq!(
        amount_of(&merged.dataset, Period::Year(2012)).as_deref(),
        Some("219")
    );

    // Both changed the same field: still a conflict, never a silent pick.
    set_amount(&mut theirs, "d-theirs", Period::Year(2016), "372");
    let plan = merge(&empty, &ours, &theirs);
    assert_eq!(plan.conflicts.len(), 1);

    // Their deletion of a record we never touched is taken.
    let mut theirs = origin.clone();
    let v2012 = origin
        .value_at(&id(FAI), &Period::Year(2012))
        .expect("2012")
        .id
        .clone();
    theirs
        .apply(
            Edit::Delete {
                kind: RecordKind::Value,
                id: v2012.clone(),
            },
            &by("d-theirs"),
        )
        .expect("delete");
    let plan = merge(&empty, &ours, &theirs);
    assert!(plan.conflicts.is_empty());
    assert!(plan.resolve(&[]).dataset.tombstone(&v2012).is_some());
}

fn add_column(dataset: &mut Dataset, device: &str, period: Period) {
    let area = dataset
        .area(&id("area-investment"))
        .expect("area")
        .with_column(period);
    dataset
        .apply(Edit::Put(Record::Area(area)), &by(device))
        .expect("add column");
}

#[test]
fn period_columns_added_on_two_computers_are_both_kept_and_a_removed_one_stays_removed() {
    let mut base = base();
    add_column(&mut base, "a", Period::Year(2019));
    let mut ours = base.clone();
    let mut theirs = base.clone();
    add_column(&mut ours, "a", Period::Year(2017));
    add_column(&mut theirs, "b", Period::Year(2018));
    // They removed 2019, which both had.
    let area = theirs
        .area(&id("area-investment"))
        .expect("area")
        .without_column(&Period::Year(2019));
    theirs
        .apply(Edit::Put(Record::Area(area)), &by("b"))
        .expect("remove column");

    let plan = merge(&base, &ours, &theirs);
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    let merged = plan.resolve(&[]).dataset;
    assert_eq!(
        merged.area(&id("area-investment")).expect("area").columns,
        vec![Period::Year(2017), Period::Year(2018)]
    );

    // The merged columns survive the file.
    let text = taizhang::format::write_file(&merged, None);
    let read = taizhang::format::read_file(&text).expect("read");
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(
        read.dataset
            .area(&id("area-investment"))
            .expect("area")
            .columns,
        vec![Period::Year(2017), Period::Year(2018)]
    );
}

fn by_at(author: &str, at: &str) -> ChangeContext {
    ChangeContext {
        device: format!("d-{author}"),
        author: author.to_string(),
        at: at.to_string(),
    }
}

#[test]
fn a_conflict_reads_like_a_person_wrote_it_with_who_changed_each_side_and_when() {
    use taizhang::model::Lang;
    use taizhang::workspace::explain::{difference_line, explain_conflict};
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let mut value = base
        .value_at(&id(FAI), &Period::Year(2016))
        .expect("value")
        .clone();
    value.amount = amount("371");
    ours.apply(
        Edit::Put(Record::Value(value.clone())),
        &by_at("王芳", "2026-11-28T09:30:00Z"),
    )
    .expect("ours");
    value.amount = amount("372.5");
    theirs
        .apply(
            Edit::Put(Record::Value(value)),
            &by_at("李强", "2026-11-29T14:05:00Z"),
        )
        .expect("theirs");

    let plan = merge(&base, &ours, &theirs);
    assert_eq!(plan.conflicts.len(), 1);
    let zh = explain_conflict(&plan, &ours, &plan.conflicts[0], Lang::Zh);
    assert_eq!(zh.record, "固定资产投资额 2016年");
    assert_eq!(zh.what, "数值");
    assert_eq!(zh.mine.text, "371 亿元");
    assert_eq!(zh.theirs.text, "372.5 亿元");
    assert_eq!(
        (zh.mine.changed.author.as_str(), zh.mine.changed.at.as_str()),
        ("王芳", "2026-11-28T09:30:00Z")
    );
    assert_eq!(
        (
            zh.theirs.changed.author.as_str(),
            zh.theirs.changed.at.as_str()
        ),
        ("李强", "2026-11-29T14:05:00Z")
    );
    let en = explain_conflict(&plan, &ours, &plan.conflicts[0], Lang::En);
    assert_eq!(en.what, "Value");
    assert!(en.record.ends_with(" 2016"), "{}", en.record);

    // The stamps keep who changed what through a file.
    let reread = taizhang::format::read_file(&taizhang::format::write_file(&theirs, None))
        .expect("read")
        .dataset;
    let stamp = reread
        .value_at(&id(FAI), &Period::Year(2016))
        .and_then(|v| v.stamps.get("amount").cloned())
        .expect("stamp");
    assert_eq!(&*stamp.by, "李强");

    // A difference line names the field and the unit in the reader's language.
    let merged = plan.resolve(&[Resolution::TakeTheirs]).dataset;
    let lines: Vec<String> = taizhang::format::diff::diff(&ours, &merged, Lang::Zh)
        .iter()
        .map(|d| difference_line(&ours, &merged, d, Lang::Zh))
        .collect();
    assert_eq!(
        lines,
        vec!["固定资产投资额 2016年 · 数值: 371 亿元 → 372.5 亿元"]
    );
    let english: Vec<String> = taizhang::format::diff::diff(&ours, &merged, Lang::En)
        .iter()
        .map(|d| difference_line(&ours, &merged, d, Lang::En))
        .collect();
    assert!(
        english[0].contains("Value: 371 亿元 → 372.5 亿元"),
        "{english:?}"
    );
}
