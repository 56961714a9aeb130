//! Projects are ordinary records of the ledger: validated by the model, written to and read
//! from files, kept in the store, and merged by their code.

use std::collections::BTreeMap;
use taizhang::format::{read_file, write_file};
use taizhang::model::{
    Amount, ChangeContext, Dataset, Date, Edit, EditError, Project, ProjectStatus, Record,
    RecordId, RecordKind,
};
use taizhang::store::memory::MemoryStore;

pub fn project(id: &str, name: &str, code: &str) -> Project {
    Project {
        id: RecordId::parse(id).expect("id"),
        name: name.to_string(),
        class: "重点建设".to_string(),
        level: "区重点".to_string(),
        code: code.to_string(),
        owner: "鹿城区交通局".to_string(),
        section: "重点办".to_string(),
        entered_by: "张三".to_string(),
        street: "七都街道".to_string(),
        location: Some((
            Amount::from_canonical("120.6").expect("lon"),
            Amount::from_canonical("28.01").expect("lat"),
        )),
        total_investment: Some(Amount::from_canonical("225000").expect("amount")),
        start: Some(Date::new(2016, 3, 1).expect("date")),
        planned_completion: Some(Date::new(2018, 12, 31).expect("date")),
        status: Some(ProjectStatus::NewlyStarted),
        subprojects: Some(3),
        annual_plans: vec![(2016, Amount::from_canonical("60000").expect("plan"))],
        tags: vec!["PPP".to_string()],
        note: "温州金融科技文化中心".to_string(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    }
}

fn context() -> ChangeContext {
    ChangeContext {
        device: "d-1".into(),
        author: "张三".into(),
        at: "2026-11-27T10:00:00Z".into(),
    }
}

fn sample() -> Dataset {
    taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset
}

#[test]
fn a_project_round_trips_through_a_file_and_the_store() {
    let mut dataset = sample();
    dataset
        .apply(
            Edit::Put(Record::Project(project(
                "p-1",
                "温州金融科技文化中心",
                "1606-330302-48-01-00001X",
            ))),
            &context(),
        )
        .expect("added");
    let reread = read_file(&write_file(&dataset, None)).expect("reads");
    assert!(reread.problems.is_empty(), "{:?}", reread.problems);
    assert_eq!(reread.dataset, dataset);
    let mut store = MemoryStore::default();
    store.save_all(&dataset);
    assert_eq!(
        store.load().expect("loads").expect("stored").dataset,
        dataset
    );
}

#[test]
fn a_bad_code_a_duplicate_code_a_negative_investment_and_an_end_before_start_are_refused() {
    let mut dataset = sample();
    dataset
        .apply(
            Edit::Put(Record::Project(project(
                "p-1",
                "A",
                "1606-330302-48-01-00001X",
            ))),
            &context(),
        )
        .expect("first");
    let before = dataset.clone();
    let refused = |dataset: &mut Dataset, p: Project| {
        dataset
            .apply(Edit::Put(Record::Project(p)), &context())
            .expect_err("refused")
    };
    assert!(matches!(
        refused(
            &mut dataset,
            project("p-2", "B", "1613-330302-48-01-00001X")
        ),
        EditError::BadProjectCode { .. }
    ));
    assert!(matches!(
        refused(
            &mut dataset,
            project("p-2", "B", "1606-330302-48-01-00001X")
        ),
        EditError::DuplicateName { .. }
    ));
    let mut negative = project("p-2", "B", "");
    negative.total_investment = Some(Amount::from_canonical("-1").expect("amount"));
    assert!(matches!(
        refused(&mut dataset, negative),
        EditError::NegativeAmount { .. }
    ));
    let mut backwards = project("p-2", "B", "");
    backwards.planned_completion = Some(Date::new(2015, 1, 1).expect("date"));
    assert!(matches!(
        refused(&mut dataset, backwards),
        EditError::EndBeforeStart { .. }
    ));
    assert!(matches!(
        refused(&mut dataset, project("p-2", " ", "")),
        EditError::EmptyName { .. }
    ));
    assert_eq!(dataset, before);
    // Older free-form codes are accepted.
    dataset
        .apply(
            Edit::Put(Record::Project(project("p-3", "C", "鹿发改投〔2014〕12号"))),
            &context(),
        )
        .expect("free-form");
}

#[test]
fn projects_created_separately_with_the_same_code_are_matched_in_a_merge() {
    let base = sample();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.apply(
        Edit::Put(Record::Project(project(
            "p-ours",
            "瓯江路西延伸段",
            "2016-330302-48-01-000001",
        ))),
        &context(),
    )
    .expect("ours");
    theirs
        .apply(
            Edit::Put(Record::Project(project(
                "p-theirs",
                "瓯江路西延伸段工程",
                "2016-330302-48-01-000001",
            ))),
            &context(),
        )
        .expect("theirs");
    let plan = taizhang::format::merge::merge(&base, &ours, &theirs);
    assert_eq!(
        plan.matched.get(&RecordId::parse("p-theirs").expect("id")),
        Some(&RecordId::parse("p-ours").expect("id"))
    );
    let merged = plan.resolve(&[]);
    assert!(merged.rejected.is_empty());
    assert_eq!(
        merged.dataset.count(RecordKind::Project),
        base.count(RecordKind::Project) + 1
    );
}

#[test]
fn a_bad_project_in_a_file_is_reported_at_its_path() {
    let mut dataset = sample();
    dataset
        .apply(
            Edit::Put(Record::Project(project("p-1", "A", ""))),
            &context(),
        )
        .expect("added");
    let mut file: serde_json::Value =
        serde_json::from_str(&write_file(&dataset, None)).expect("json");
    file["projects"][0]["status"] = serde_json::json!("finished?");
    file["projects"][0]["start"] = serde_json::json!("2016-02-30");
    let loaded = read_file(&file.to_string()).expect("readable");
    let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"$.projects[0].status"), "{paths:?}");
    assert!(paths.contains(&"$.projects[0].start"), "{paths:?}");
    assert_eq!(
        loaded.dataset.count(RecordKind::Project),
        sample().count(RecordKind::Project)
    );
}

#[test]
fn a_file_with_projects_reads_the_same_in_slices() {
    let mut dataset = sample();
    dataset
        .apply(
            Edit::Put(Record::Project(project(
                "p-1",
                "七都大桥",
                "2016-330302-48-01-000001",
            ))),
            &context(),
        )
        .expect("added");
    let text = write_file(&dataset, None);
    let mut reader = taizhang::format::sliced::SlicedReader::new(&text);
    while !reader.is_done() {
        reader.step(5);
    }
    assert_eq!(reader.finish().expect("sliced").dataset, dataset);
}

#[test]
fn the_yearly_plan_of_key_projects_is_compared_with_the_indicator_ledger() {
    use taizhang::calc::{plan_vs_ledger, PlanMismatch};
    let mut dataset = sample();
    let count = RecordId::parse("ind-key-projects-count").expect("id");
    let total = RecordId::parse("ind-key-projects-planned-investment").expect("id");
    // The ledger says 2015: 16 projects, 60.85亿元. Enter 16 projects whose plans add up to it.
    for i in 0..16 {
        let mut p = project(&format!("p-{i}"), &format!("项目 {i}"), "");
        p.annual_plans = vec![(
            2015,
            Amount::from_canonical(if i == 0 { "38500" } else { "38000" }).expect("plan"),
        )];
        dataset
            .apply(Edit::Put(Record::Project(p)), &context())
            .expect("added");
    }
    let check = plan_vs_ledger(&dataset, "重点建设", 2015, &count, &total);
    assert_eq!(check.projects, 16);
    assert_eq!(
        check
            .planned_total
            .map(|d| d.normalize().to_string())
            .as_deref(),
        Some("60.85")
    );
    assert!(check.mismatches.is_empty(), "{:?}", check.mismatches);

    // One project more and a different total: both are reported, not hidden.
    let mut extra = project("p-extra", "多出的项目", "");
    extra.annual_plans = vec![(2015, Amount::from_canonical("1000").expect("plan"))];
    dataset
        .apply(Edit::Put(Record::Project(extra)), &context())
        .expect("added");
    let check = plan_vs_ledger(&dataset, "重点建设", 2015, &count, &total);
    assert!(check
        .mismatches
        .iter()
        .any(|m| matches!(m, PlanMismatch::Count { projects: 17, .. })));
    assert!(check
        .mismatches
        .iter()
        .any(|m| matches!(m, PlanMismatch::Total { .. })));
}
