//! Projects are ordinary records of the ledger: validated by the model, written to and read
//! from files, kept in the store, and merged by their code.

use std::collections::BTreeMap;
use taizhang::format::{read_file, write_file};
use taizhang::model::dataset::Basemap;
use taizhang::model::{
    Amount, Bulletin, ChangeContext, Dataset, Date, Edit, EditError, Milestone, MilestoneStage,
    ProgressReport, Project, ProjectStatus, Record, RecordId, RecordKind, SupervisionItem,
    SupervisionStatus, YearMonth,
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
        completed_on: None,
        milestones: Vec::new(),
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

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("id")
}

fn amount(text: &str) -> Option<Amount> {
    Some(Amount::from_canonical(text).expect("amount"))
}

fn report(report_id: &str, project: &str, year: i32, month: u32) -> ProgressReport {
    ProgressReport {
        id: id(report_id),
        project: id(project),
        month: YearMonth { year, month },
        invested_month: amount("1200"),
        invested_cumulative: amount("5200"),
        progress: "主体结构施工至第12层".to_string(),
        problems: "征迁扫尾".to_string(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    }
}

fn item(item_id: &str, project: &str) -> SupervisionItem {
    SupervisionItem {
        id: id(item_id),
        project: id(project),
        problem: "管线迁改滞后".to_string(),
        responsible: "鹿城区住建局".to_string(),
        raised: Date::new(2016, 9, 1).expect("date"),
        deadline: Some(Date::new(2016, 9, 30).expect("date")),
        status: SupervisionStatus::Open,
        rectification: String::new(),
        meeting: None,
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    }
}

fn bulletin(bulletin_id: &str, projects: &[&str]) -> Bulletin {
    Bulletin {
        id: id(bulletin_id),
        date: Date::new(2016, 10, 8).expect("date"),
        title: "2016年第三季度重点项目推进情况通报".to_string(),
        body: "三季度完成投资……".to_string(),
        projects: projects.iter().map(|p| id(p)).collect(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    }
}

/// A boundary file made here: a square around central Lucheng, as the app keeps it (a JSON
/// value's text).
fn square_geojson() -> String {
    serde_json::json!({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": {"name": "测试区"},
            "geometry": {"type": "Polygon", "coordinates": [[
                [120.55, 27.95], [120.75, 27.95], [120.75, 28.08], [120.55, 28.08], [120.55, 27.95]
            ]]}
        }]
    })
    .to_string()
}

/// The sample plus one project with a report, a supervision item, a bulletin and a basemap.
fn with_project_records() -> Dataset {
    let mut dataset = sample();
    let edit = Edit::Batch(vec![
        Edit::Put(Record::Project(project(
            "p-1",
            "温州金融科技文化中心",
            "1606-330302-48-01-00001X",
        ))),
        Edit::Put(Record::Report(report("r-1", "p-1", 2016, 9))),
        Edit::Put(Record::Supervision(item("s-1", "p-1"))),
        Edit::Put(Record::Bulletin(bulletin("b-1", &["p-1"]))),
    ]);
    dataset.apply(edit, &context()).expect("added");
    dataset.basemap = Some(Basemap {
        name: "鹿城区（测试）".to_string(),
        geojson: square_geojson(),
    });
    dataset
}

#[test]
fn reports_supervision_items_bulletins_and_the_basemap_round_trip_through_file_and_store() {
    let dataset = with_project_records();
    let reread = read_file(&write_file(&dataset, None)).expect("reads");
    assert!(reread.problems.is_empty(), "{:?}", reread.problems);
    assert_eq!(reread.dataset, dataset);
    let sliced = {
        let text = write_file(&dataset, None);
        let mut reader = taizhang::format::sliced::SlicedReader::new(&text);
        while !reader.is_done() {
            reader.step(2);
        }
        reader.finish().expect("reads in slices")
    };
    assert_eq!(sliced.dataset, dataset);
    let mut store = MemoryStore::default();
    store.save_all(&dataset);
    assert_eq!(
        store.load().expect("loads").expect("stored").dataset,
        dataset
    );
    assert_eq!(dataset.reports_of(&id("p-1")).len(), 1);
    assert_eq!(dataset.supervision_of(&id("p-1")).len(), 1);
    assert_eq!(dataset.bulletins_of(&id("p-1")).len(), 1);
}

#[test]
fn a_bad_report_or_supervision_item_is_refused_and_changes_nothing() {
    let mut dataset = with_project_records();
    // The project is completed at the end of September 2016.
    let mut done = dataset.project(&id("p-1")).expect("project").clone();
    done.completed_on = Some(Date::new(2016, 9, 30).expect("date"));
    done.status = Some(ProjectStatus::Completed);
    dataset
        .apply(Edit::Put(Record::Project(done)), &context())
        .expect("completed");
    let before = dataset.clone();
    let refused = |dataset: &mut Dataset, record: Record| {
        dataset
            .apply(Edit::Put(record), &context())
            .expect_err("refused")
    };
    assert!(matches!(
        refused(&mut dataset, Record::Report(report("r-2", "p-1", 2016, 10))),
        EditError::ReportAfterCompletion { ref month, .. } if month == "2016-10"
    ));
    assert!(matches!(
        refused(&mut dataset, Record::Report(report("r-2", "p-1", 2016, 9))),
        EditError::DuplicateReport { ref month, .. } if month == "2016-09"
    ));
    let mut negative = report("r-2", "p-1", 2016, 8);
    negative.invested_month = amount("-5");
    assert!(matches!(
        refused(&mut dataset, Record::Report(negative)),
        EditError::NegativeAmount { .. }
    ));
    let mut below = report("r-2", "p-1", 2016, 8);
    below.invested_cumulative = amount("100");
    assert!(matches!(
        refused(&mut dataset, Record::Report(below)),
        EditError::CumulativeBelowMonth { .. }
    ));
    assert!(matches!(
        refused(
            &mut dataset,
            Record::Report(report("r-2", "p-404", 2016, 8))
        ),
        EditError::MissingReference {
            field: "project",
            ..
        }
    ));
    let mut early = item("s-2", "p-1");
    early.deadline = Some(Date::new(2016, 8, 1).expect("date"));
    assert!(matches!(
        refused(&mut dataset, Record::Supervision(early)),
        EditError::DeadlineBeforeRaised { .. }
    ));
    let mut empty = item("s-2", "p-1");
    empty.problem = "  ".to_string();
    assert!(matches!(
        refused(&mut dataset, Record::Supervision(empty)),
        EditError::EmptyName { field: "problem" }
    ));
    assert!(matches!(
        refused(&mut dataset, Record::Bulletin(bulletin("b-2", &["p-404"]))),
        EditError::MissingReference {
            field: "projects",
            ..
        }
    ));
    // Moving the completion before an existing report is refused as well.
    let mut earlier = dataset.project(&id("p-1")).expect("project").clone();
    earlier.completed_on = Some(Date::new(2016, 8, 31).expect("date"));
    assert!(matches!(
        refused(&mut dataset, Record::Project(earlier)),
        EditError::ReportAfterCompletion { .. }
    ));
    let mut milestones = dataset.project(&id("p-1")).expect("project").clone();
    milestones.milestones = vec![
        Milestone {
            stage: MilestoneStage::Approval,
            date: Date::new(2015, 6, 1).expect("date"),
        },
        Milestone {
            stage: MilestoneStage::Feasibility,
            date: Date::new(2015, 3, 1).expect("date"),
        },
    ];
    assert!(matches!(
        refused(&mut dataset, Record::Project(milestones)),
        EditError::MilestonesOutOfOrder { .. }
    ));
    assert_eq!(dataset, before);
}

#[test]
fn a_status_moves_along_the_life_cycle_or_back_one_step_and_undo_always_works() {
    let mut dataset = sample();
    let mut p = project("p-1", "瓯江路西延伸段", "");
    p.status = Some(ProjectStatus::Preliminary);
    dataset
        .apply(Edit::Put(Record::Project(p.clone())), &context())
        .expect("added");
    let set = |dataset: &mut Dataset, status: ProjectStatus| {
        let mut next = dataset.project(&id("p-1")).expect("project").clone();
        next.status = Some(status);
        dataset.apply(Edit::Put(Record::Project(next)), &context())
    };
    let refused = set(&mut dataset, ProjectStatus::Completed).expect_err("skips two steps");
    assert!(matches!(refused, EditError::StatusMove { .. }));
    let message = taizhang::i18n::ToMessage::to_message(&refused);
    assert!(message
        .render(taizhang::model::Lang::Zh)
        .contains("“前期”直接改为“竣工”"));
    assert!(message
        .render(taizhang::model::Lang::En)
        .contains("from Preliminary to Completed"));
    let mut undo = Vec::new();
    for status in [
        ProjectStatus::NewlyStarted,
        ProjectStatus::Completed,
        ProjectStatus::InService,
    ] {
        undo.push(set(&mut dataset, status).expect("allowed").inverse);
    }
    // Every step undoes, back to 前期, even 竣工 → 新开工 (the reversal of an allowed move).
    for inverse in undo.into_iter().rev() {
        dataset.apply(inverse, &context()).expect("undone");
    }
    assert_eq!(
        dataset.project(&id("p-1")).and_then(|p| p.status),
        Some(ProjectStatus::Preliminary)
    );
    // A file may hold any status: loading does not judge moves.
    let mut loaded = Dataset::new(dataset.meta.clone());
    let mut done = p.clone();
    done.status = Some(ProjectStatus::InService);
    loaded
        .insert_loaded(Record::Project(done))
        .expect("a file's status is taken as it is");
}

#[test]
fn deleting_a_project_takes_its_reports_and_items_and_unlinks_bulletins_in_one_undoable_step() {
    let mut dataset = with_project_records();
    let plain = dataset.apply(
        Edit::Delete {
            kind: RecordKind::Project,
            id: id("p-1"),
        },
        &context(),
    );
    assert!(matches!(plain, Err(EditError::StillUsed { count: 3, .. })));
    let before = dataset.clone();
    let applied = dataset
        .apply(dataset.delete_project_edit(&id("p-1")), &context())
        .expect("deleted");
    assert!(dataset.project(&id("p-1")).is_none());
    assert_eq!(dataset.reports().count(), 0);
    assert_eq!(dataset.supervision_items().count(), 0);
    assert!(dataset
        .bulletin(&id("b-1"))
        .expect("bulletin stays")
        .projects
        .is_empty());
    dataset.apply(applied.inverse, &context()).expect("undone");
    assert_eq!(
        dataset
            .project(&id("p-1"))
            .map(|p| Record::Project(p.clone()).fields()),
        before
            .project(&id("p-1"))
            .map(|p| Record::Project(p.clone()).fields())
    );
    assert_eq!(dataset.reports().count(), 1);
    assert_eq!(dataset.bulletins_of(&id("p-1")).len(), 1);
}

#[test]
fn the_same_months_report_entered_on_both_sides_is_one_report_or_a_conflict() {
    let base = {
        let mut d = sample();
        d.apply(
            Edit::Put(Record::Project(project("p-1", "瓯江路西延伸段", ""))),
            &context(),
        )
        .expect("project");
        d
    };
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.apply(
        Edit::Put(Record::Report(report("r-ours", "p-1", 2016, 9))),
        &context(),
    )
    .expect("ours");
    theirs
        .apply(
            Edit::Put(Record::Report(report("r-theirs", "p-1", 2016, 9))),
            &context(),
        )
        .expect("theirs");
    let plan = taizhang::format::merge::merge(&base, &ours, &theirs);
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    assert_eq!(plan.resolve(&[]).dataset.reports().count(), 1);

    let mut different = report("r-theirs", "p-1", 2016, 9);
    different.invested_month = amount("1500");
    let mut theirs = base.clone();
    theirs
        .apply(Edit::Put(Record::Report(different)), &context())
        .expect("theirs");
    let plan = taizhang::format::merge::merge(&base, &ours, &theirs);
    assert_eq!(plan.conflicts.len(), 1);
    // The preview names the project and month and shows both figures.
    let taizhang::format::merge::ConflictKind::SameFigure {
        ours: mine,
        theirs: other,
        ..
    } = &plan.conflicts[0].what
    else {
        panic!("{:?}", plan.conflicts[0]);
    };
    use taizhang::format::diff::{describe, figure_of};
    assert_eq!(figure_of(mine), "1200 / 5200");
    assert_eq!(figure_of(other), "1500 / 5200");
    assert_eq!(
        describe(&ours, mine, taizhang::model::Lang::Zh),
        "瓯江路西延伸段 2016-09"
    );
    let merged = plan.resolve(&[taizhang::format::merge::Resolution::TakeTheirs]);
    assert!(merged.rejected.is_empty());
    let kept = merged
        .dataset
        .report_at(
            &id("p-1"),
            YearMonth {
                year: 2016,
                month: 9,
            },
        )
        .expect("one report");
    assert_eq!(kept.id, id("r-ours"));
    assert_eq!(kept.invested_month, amount("1500"));
}

#[test]
fn the_basemap_comes_from_either_side_in_a_merge_and_ours_wins() {
    let base = sample();
    let mut theirs = base.clone();
    theirs.basemap = Some(Basemap {
        name: "theirs".to_string(),
        geojson: "{}".to_string(),
    });
    let merged = taizhang::format::merge::merge(&base, &base, &theirs).resolve(&[]);
    assert_eq!(
        merged.dataset.basemap.as_ref().map(|b| b.name.as_str()),
        Some("theirs")
    );
    let mut ours = base.clone();
    ours.basemap = Some(Basemap {
        name: "ours".to_string(),
        geojson: "{}".to_string(),
    });
    let merged = taizhang::format::merge::merge(&base, &ours, &theirs).resolve(&[]);
    assert_eq!(
        merged.dataset.basemap.as_ref().map(|b| b.name.as_str()),
        Some("ours")
    );
}

#[test]
fn a_bad_boundary_map_in_a_file_is_reported_at_its_path_and_left_out() {
    let dataset = with_project_records();
    let mut file: serde_json::Value =
        serde_json::from_str(&write_file(&dataset, None)).expect("json");
    file["basemap"]["geojson"]["features"][0]["geometry"]["coordinates"][0][1] =
        serde_json::json!([12_000_000.0, 3_000_000.0]);
    let loaded = read_file(&file.to_string()).expect("readable");
    assert!(loaded.dataset.basemap.is_none());
    let problem = loaded
        .problems
        .iter()
        .find(|p| p.path == "$.basemap.geojson")
        .expect("reported");
    // The reason, in either language, says the file may use projected coordinates.
    use taizhang::i18n::ToMessage;
    let english = problem.to_message().render(taizhang::model::Lang::En);
    assert!(english.contains("projected coordinates"), "{english}");
    assert!(
        english.contains("$.basemap.geojson") && english.contains("鹿城区"),
        "{english}"
    );
    let chinese = problem.to_message().render(taizhang::model::Lang::Zh);
    assert!(chinese.contains("投影坐标"), "{chinese}");
    // Everything else of the file is read.
    assert_eq!(loaded.dataset.count(RecordKind::Report), 1);
}

/// Every project's light reason for missing reports, and whether it is on the dashboard's list
/// of missing reports for the due month.
fn lights_and_list(dataset: &Dataset, as_of: Date) -> Vec<(String, Option<u32>, bool)> {
    use taizhang::calc::projects::{due_report_month, missing_reports, project_light};
    use taizhang::model::project::LightReason;
    let listed: Vec<RecordId> = missing_reports(dataset, due_report_month(as_of))
        .into_iter()
        .map(|p| p.id.clone())
        .collect();
    dataset
        .projects()
        .map(|p| {
            let months = project_light(dataset, p, as_of).and_then(|(_, reasons)| {
                reasons.into_iter().find_map(|r| match r {
                    LightReason::MissingReports { months } => Some(months),
                    _ => None,
                })
            });
            (p.name.clone(), months, listed.contains(&p.id))
        })
        .collect()
}

#[test]
fn a_light_for_missing_reports_and_the_list_of_missing_reports_agree() {
    let mut dataset = sample();
    let mut later = project("p-2", "2025年开工的项目", "");
    later.start = Some(Date::new(2025, 3, 1).expect("date"));
    later.planned_completion = Some(Date::new(2027, 6, 30).expect("date"));
    let mut silent = project("p-3", "从未报送的项目", "");
    silent.start = Some(Date::new(2016, 7, 15).expect("date"));
    dataset
        .apply(
            Edit::Batch(vec![
                Edit::Put(Record::Project(project(
                    "p-1",
                    "温州金融科技文化中心",
                    "1606-330302-48-01-00001X",
                ))),
                Edit::Put(Record::Report(report("r-1", "p-1", 2016, 9))),
                Edit::Put(Record::Project(later)),
                Edit::Put(Record::Project(silent)),
            ]),
            &context(),
        )
        .expect("added");

    // On 2016-10-31 reports are due for October: p-1 reported September only (yellow, one
    // month), p-3 started in July and never reported (July to October: four months), the
    // project that starts in 2025 owes nothing yet.
    let as_of = Date::new(2016, 10, 31).expect("date");
    let rows = lights_and_list(&dataset, as_of);
    let row = |name: &str| rows.iter().find(|r| r.0 == name).cloned().expect(name);
    assert_eq!(
        row("温州金融科技文化中心"),
        ("温州金融科技文化中心".into(), Some(1), true)
    );
    assert_eq!(
        row("从未报送的项目"),
        ("从未报送的项目".into(), Some(4), true)
    );
    assert_eq!(
        row("2025年开工的项目"),
        ("2025年开工的项目".into(), None, false)
    );
    for (name, months, listed) in &rows {
        assert_eq!(months.is_some(), *listed, "{name}: light and list disagree");
    }

    // Mid-month, October's reports are not due yet: September is the due month.
    let mid_month = Date::new(2016, 10, 15).expect("date");
    let rows = lights_and_list(&dataset, mid_month);
    assert_eq!(
        rows.iter()
            .find(|r| r.0 == "温州金融科技文化中心")
            .map(|r| (r.1, r.2)),
        Some((None, false))
    );
    assert_eq!(
        rows.iter()
            .find(|r| r.0 == "从未报送的项目")
            .map(|r| (r.1, r.2)),
        Some((Some(3), true))
    );
    for (name, months, listed) in &rows {
        assert_eq!(months.is_some(), *listed, "{name}: light and list disagree");
    }
}

#[test]
fn a_reports_check_follows_its_project_through_completion_reopening_deletion_and_undo() {
    // A monthly report's check reads its project's completion from an index of its own: the
    // index must follow every change of the project.
    let mut dataset = with_project_records();
    let october = || Record::Report(report("r-10", "p-1", 2016, 10));
    let mut done = dataset.project(&id("p-1")).expect("project").clone();
    done.completed_on = Some(Date::new(2016, 9, 30).expect("date"));
    done.status = Some(ProjectStatus::Completed);
    let completed = dataset
        .apply(Edit::Put(Record::Project(done)), &context())
        .expect("completed");
    assert!(matches!(
        dataset.check_record(&october()),
        Err(EditError::ReportAfterCompletion { ref month, .. }) if month == "2016-10"
    ));
    // Undone, the project is open again and October's report stands.
    dataset
        .apply(completed.inverse, &context())
        .expect("undone");
    assert_eq!(dataset.check_record(&october()), Ok(()));
    // Deleted, its reports have nowhere to go; restored by undo, they have again.
    let deleted = dataset
        .apply(dataset.delete_project_edit(&id("p-1")), &context())
        .expect("deleted");
    assert!(matches!(
        dataset.check_record(&october()),
        Err(EditError::MissingReference {
            field: "project",
            ..
        })
    ));
    dataset.apply(deleted.inverse, &context()).expect("undone");
    assert_eq!(dataset.check_record(&october()), Ok(()));
    // A second report for a month already reported names the project.
    let september = dataset.reports_of(&id("p-1"))[0].month;
    let again = Record::Report(report("r-11", "p-1", september.year, september.month));
    match dataset.check_record(&again) {
        Err(EditError::DuplicateReport { project, .. }) => {
            assert_eq!(project, dataset.project(&id("p-1")).expect("p").name)
        }
        other => panic!("a second report for the month: {other:?}"),
    }
}
