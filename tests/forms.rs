//! The project pages' forms read as a clerk fills them in: money in 万元 or 亿元, dates and
//! months as typed, every unreadable field named, and what the model refuses named by field.

use taizhang::model::{
    ChangeContext, Date, Edit, MilestoneStage, ProjectStatus, Record, RecordId, YearMonth,
};
use taizhang::workspace::forms::{
    blank_project, read_month, read_project, read_report, read_supervision_item, ProjectInput,
    ReportInput, SupervisionInput,
};

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("id")
}

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).expect("date")
}

fn fintech_centre() -> ProjectInput {
    ProjectInput {
        name: "温州金融科技文化中心".into(),
        code: "1606-330302-48-01-00001X".into(),
        lon: "120.6".into(),
        lat: "28.01".into(),
        investment: "22.5亿".into(),
        start: "2016-03-01".into(),
        planned: "2018-12-31".into(),
        status: "newly_started".into(),
        subprojects: "3".into(),
        milestones: [
            "2015-06-01".into(),
            "2015-09-01".into(),
            String::new(),
            "2016-03-01".into(),
        ],
        plans: vec![
            ("2017".into(), "8亿".into()),
            ("2016".into(), "60000".into()),
            (String::new(), String::new()),
        ],
        tags: "PPP、市重点".into(),
        ..ProjectInput::from_project(None)
    }
}

#[test]
fn a_filled_in_project_form_reads_into_the_project_and_back() {
    let project = read_project(&fintech_centre(), blank_project(id("p-1"))).expect("reads");
    assert_eq!(project.class, "重点建设");
    assert_eq!(
        project.total_investment.map(|a| a.canonical()).as_deref(),
        Some("225000")
    );
    assert_eq!(project.status, Some(ProjectStatus::NewlyStarted));
    assert_eq!(project.subprojects, Some(3));
    assert_eq!(
        project
            .annual_plans
            .iter()
            .map(|(y, a)| (*y, a.canonical()))
            .collect::<Vec<_>>(),
        vec![(2016, "60000".to_string()), (2017, "80000".to_string())]
    );
    assert_eq!(
        project
            .milestones
            .iter()
            .map(|m| m.stage)
            .collect::<Vec<_>>(),
        vec![
            MilestoneStage::Approval,
            MilestoneStage::Feasibility,
            MilestoneStage::Start
        ]
    );
    assert_eq!(project.tags, vec!["PPP", "市重点"]);
    // The form filled from the project reads back to the same project.
    let again = read_project(&ProjectInput::from_project(Some(&project)), project.clone())
        .expect("reads again");
    assert_eq!(again, project);
}

#[test]
fn every_unreadable_field_is_named_and_the_model_names_what_it_refuses() {
    let mut input = fintech_centre();
    input.investment = "12个".into();
    input.start = "2016/03/01".into();
    input.lat = "北纬28".into();
    input.plans = vec![("二〇一七".into(), "100".into())];
    input.subprojects = "三".into();
    let problems = read_project(&input, blank_project(id("p-1"))).expect_err("refused");
    let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
    assert_eq!(
        fields,
        vec![
            "total_investment",
            "start",
            "subprojects",
            "location",
            "annual_plans"
        ]
    );

    // Readable, but the model refuses it: a negative plan and a latitude off the Earth, each at
    // its field.
    let mut dataset = taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset;
    let context = ChangeContext {
        device: "d-1".into(),
        author: "张三".into(),
        at: "2026-11-30T10:00:00Z".into(),
    };
    for (change, field) in [
        (("2016", "-500"), "annual_plans"),
        (("1066", "500"), "annual_plans"),
    ] {
        let mut input = fintech_centre();
        input.plans = vec![(change.0.into(), change.1.into())];
        let project = read_project(&input, blank_project(id("p-2"))).expect("reads");
        let refused = dataset
            .apply(Edit::Put(Record::Project(project)), &context)
            .expect_err("refused");
        assert_eq!(refused.field(), Some(field), "{refused}");
    }
    let mut input = fintech_centre();
    input.lat = "128.01".into();
    let project = read_project(&input, blank_project(id("p-3"))).expect("reads");
    let refused = dataset
        .apply(Edit::Put(Record::Project(project)), &context)
        .expect_err("refused");
    assert_eq!(refused.field(), Some("location"));
}

#[test]
fn months_and_reports_read_as_people_write_them() {
    let reporting = date(2016, 10, 31);
    for typed in ["2016-10", "2016年10月", "2016.10", "今年10月"] {
        assert_eq!(
            read_month(typed, reporting),
            Ok(YearMonth {
                year: 2016,
                month: 10
            }),
            "{typed}"
        );
    }
    assert!(read_month("2016年", reporting).is_err());

    let report = read_report(
        &ReportInput {
            month: "2016年9月".into(),
            invested_month: "1200".into(),
            invested_cumulative: "0.52亿".into(),
            progress: " 主体结构施工至第12层 ".into(),
            problems: String::new(),
        },
        id("r-1"),
        id("p-1"),
        reporting,
    )
    .expect("reads");
    assert_eq!(
        report.month,
        YearMonth {
            year: 2016,
            month: 9
        }
    );
    assert_eq!(
        report.invested_cumulative.map(|a| a.canonical()).as_deref(),
        Some("5200")
    );
    assert_eq!(report.progress, "主体结构施工至第12层");

    let problems = read_report(
        &ReportInput {
            month: "2016年13月".into(),
            invested_month: "abc".into(),
            ..ReportInput::default()
        },
        id("r-2"),
        id("p-1"),
        reporting,
    )
    .expect_err("refused");
    assert_eq!(
        problems.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        vec!["month", "invested_month"]
    );
}

#[test]
fn a_supervision_item_needs_the_day_it_was_raised() {
    let item = read_supervision_item(
        &SupervisionInput {
            problem: "管线迁改滞后".into(),
            responsible: "鹿城区住建局".into(),
            raised: "2016-09-01".into(),
            deadline: "2016-09-30".into(),
        },
        id("s-1"),
        id("p-1"),
    )
    .expect("reads");
    assert_eq!(item.deadline, Some(date(2016, 9, 30)));
    let problems = read_supervision_item(
        &SupervisionInput {
            problem: "管线迁改滞后".into(),
            raised: String::new(),
            deadline: "30/09/2016".into(),
            ..SupervisionInput::default()
        },
        id("s-2"),
        id("p-1"),
    )
    .expect_err("refused");
    assert_eq!(
        problems.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        vec!["raised", "deadline"]
    );
}

mod relations {
    use taizhang::model::{Date, Edit, Period, Record, RecordId, RelationKind};
    use taizhang::workspace::forms::{read_relation, RelationInput};

    fn date() -> Date {
        Date::new(2016, 10, 31).expect("date")
    }

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).expect("id")
    }

    #[test]
    fn a_stated_growth_is_read_from_what_people_type() {
        let input = RelationInput {
            kind: "stated_growth".into(),
            subject_period: "2016年".into(),
            base: vec![
                ("ind-fai-total".into(), "2012".into()),
                (String::new(), String::new()),
            ],
            stated: "170%".into(),
            qualifier: "exact".into(),
            source: " 投资增长了170% ".into(),
            ..RelationInput::default()
        };
        let relation =
            read_relation(&input, id("rel-new"), id("ind-fai-total"), date()).expect("reads");
        assert_eq!(relation.kind, RelationKind::StatedGrowth);
        assert_eq!(relation.subject.period, Period::Year(2016));
        assert_eq!(relation.base.len(), 1, "the empty row is left out");
        assert_eq!(relation.stated.map(|s| s.canonical()), Some("170".into()));
        assert_eq!(relation.source, "投资增长了170%");
        // Round trip through the form.
        let again = RelationInput::from_relation(Some(&relation), "");
        assert_eq!(again.stated, "170");
        assert_eq!(
            again.base,
            vec![("ind-fai-total".to_string(), "2012".to_string())]
        );
    }

    #[test]
    fn each_unreadable_field_is_named() {
        let input = RelationInput {
            kind: "stated_share".into(),
            subject_period: "上个星期".into(),
            base: vec![("ind-fai-total".into(), "2016-13".into())],
            stated: String::new(),
            ..RelationInput::default()
        };
        let problems =
            read_relation(&input, id("rel-new"), id("ind-fai-total"), date()).expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["subject", "base", "stated_pct"]);
        let input = RelationInput {
            kind: "stated_share".into(),
            subject_period: "2016".into(),
            stated: "36亿元".into(),
            ..RelationInput::default()
        };
        let problems = read_relation(&input, id("rel-new"), id("ind-fai-total"), date())
            .expect_err("a unit is not a percentage");
        assert_eq!(problems[0].0, "stated_pct");
    }

    #[test]
    fn the_model_refuses_a_relation_its_kind_does_not_allow_and_changes_nothing() {
        let mut workspace = taizhang::workspace::Workspace::new(
            taizhang::sample::load_lucheng_sample()
                .expect("sample")
                .dataset,
            "device-test",
            "tester",
        );
        let input = RelationInput {
            kind: "stated_difference".into(),
            subject_period: "2016".into(),
            base: vec![("ind-fai-total".into(), "2012".into())],
            ..RelationInput::default()
        };
        let relation =
            read_relation(&input, id("rel-new"), id("ind-fai-total"), date()).expect("reads");
        let before = taizhang::format::write_file(workspace.dataset(), None);
        let refused = workspace
            .apply(
                Edit::Put(Record::Relation(relation)),
                "2016-11-01T00:00:00Z",
            )
            .expect_err("a difference of one figure");
        assert_eq!(refused.field(), Some("base"));
        assert_eq!(
            taizhang::format::write_file(workspace.dataset(), None),
            before
        );
    }
}
