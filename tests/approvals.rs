//! The approvals register: approvals, reminders and joint review meetings are records like the
//! others (rules, files, store, merge, undo), the deadline judgement at its boundaries, the
//! counts a work summary states, and the calendar export.

use std::collections::BTreeMap;
use taizhang::calc::approvals::{
    by_owner, compare_counts, count, due_counts, due_list, judge, DeadlineOptions, DeadlineTable,
    Due, DueCounts,
};
use taizhang::format::merge::{merge, Resolution};
use taizhang::format::{read_file, write_file, ProblemKind};
use taizhang::i18n::ToMessage;
use taizhang::model::approval::{extended, months_later_eve, used_in_time};
use taizhang::model::Lang;
use taizhang::model::{
    Approval, ApprovalStatus, ChangeContext, Dataset, Date, Edit, EditError, Meeting, MeetingItem,
    Milestone, MilestoneStage, Period, Procedure, Project, ProjectStatus, Record, RecordCount,
    RecordId, RecordKind, Reminder, SupervisionItem, SupervisionStatus, Validity,
};
use taizhang::store::memory::MemoryStore;

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("id")
}

fn project(project_id: &str, name: &str) -> Project {
    Project {
        id: id(project_id),
        name: name.to_string(),
        class: "重点建设".to_string(),
        owner: "鹿城区交通局".to_string(),
        ..Project::default()
    }
}

fn day(text: &str) -> Date {
    Date::parse_iso(text).expect("date")
}

fn context() -> ChangeContext {
    ChangeContext {
        device: "d-1".into(),
        author: "张三".into(),
        at: "2026-11-27T10:00:00Z".into(),
    }
}

fn approval(approval_id: &str, project: &str, issued: &str, months: u32) -> Approval {
    Approval {
        id: id(approval_id),
        project: id(project),
        procedure: Procedure::Review,
        item: "可研".to_string(),
        body: "鹿城区发改局".to_string(),
        applied: day("2016-01-04"),
        issued: Some(day(issued)),
        document_no: format!("鹿发改〔2016〕{approval_id}号"),
        validity: Some(Validity::Months(months)),
        status: ApprovalStatus::Done,
        extensions: Vec::new(),
        on_behalf: false,
        note: String::new(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    }
}

fn reminder(reminder_id: &str, approval: &str, date: &str) -> Reminder {
    Reminder {
        id: id(reminder_id),
        approval: id(approval),
        date: day(date),
        note: "电话提醒业主".to_string(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    }
}

/// The sample (which records no approvals) with two projects of two owners.
fn ledger() -> Dataset {
    let mut dataset = taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset;
    let mut second = project("p-2", "七都大桥北汊桥");
    second.owner = "鹿城区交投集团".to_string();
    for p in [project("p-1", "温州金融科技文化中心"), second] {
        dataset
            .apply(Edit::Put(Record::Project(p)), &context())
            .expect("project");
    }
    dataset
}

fn put(dataset: &mut Dataset, record: Record) -> Result<(), EditError> {
    dataset.apply(Edit::Put(record), &context()).map(|_| ())
}

fn rule_of(error: EditError) -> &'static str {
    match error {
        EditError::BadApproval { rule, .. } => rule.code(),
        other => panic!("expected an approval rule, got {other:?}"),
    }
}

#[test]
fn a_validity_of_months_ends_the_day_before_the_same_day_later() {
    assert_eq!(months_later_eve(day("2016-03-01"), 24), day("2018-02-28"));
    assert_eq!(months_later_eve(day("2016-01-31"), 1), day("2016-02-28"));
    assert_eq!(months_later_eve(day("2015-11-15"), 3), day("2016-02-14"));
    assert_eq!(day("2016-02-28").plus_days(2), day("2016-03-01"));
    assert_eq!(day("2016-10-31").days_since(&day("2016-01-01")), 304);
}

#[test]
fn the_rules_refuse_with_the_field_and_leave_the_ledger_unchanged() {
    let mut dataset = ledger();
    put(
        &mut dataset,
        Record::Approval(approval("a-1", "p-1", "2016-02-01", 24)),
    )
    .expect("first approval");
    let before = write_file(&dataset, None);

    let mut early = approval("a-2", "p-1", "2015-12-31", 24);
    early.document_no = String::new();
    let error = put(&mut dataset, Record::Approval(early)).expect_err("issued before applied");
    assert_eq!(error.field(), Some("issued"));
    assert_eq!(
        error.to_message().render(Lang::Zh),
        "批复日期不能早于申请日期"
    );
    assert_eq!(rule_of(error), "issued_before_applied");

    let zero = approval("a-2", "p-1", "2016-02-01", 0);
    assert_eq!(
        rule_of(put(&mut dataset, Record::Approval(zero)).expect_err("zero months")),
        "validity_months"
    );

    let mut until_before = approval("a-2", "p-1", "2016-02-01", 1);
    until_before.validity = Some(Validity::Until(day("2016-01-31")));
    assert_eq!(
        rule_of(put(&mut dataset, Record::Approval(until_before)).expect_err("until")),
        "validity_before_issued"
    );

    let mut pending = approval("a-2", "p-1", "2016-02-01", 24);
    pending.issued = None;
    pending.document_no = String::new();
    let not_issued = extended(&pending, day("2016-05-01"), day("2019-01-01"), "");
    assert_eq!(
        rule_of(put(&mut dataset, Record::Approval(not_issued)).expect_err("not issued")),
        "status_needs_issued"
    );
    let mut extension_of_pending = pending.clone();
    extension_of_pending.status = ApprovalStatus::Pending;
    extension_of_pending.extensions = not_issued_extensions();
    let error = put(&mut dataset, Record::Approval(extension_of_pending)).expect_err("pending ext");
    assert_eq!(error.field(), Some("extensions"));
    assert_eq!(
        error.to_message().render(Lang::Zh),
        "只有已批复的审批才能延期"
    );
    assert_eq!(rule_of(error), "extension_not_issued");

    let issued = dataset.approval(&id("a-1")).expect("a-1").clone();
    // Ends 2018-01-31; an extension must end later.
    let not_later = extended(&issued, day("2017-12-01"), day("2018-01-31"), "");
    let error = put(&mut dataset, Record::Approval(not_later)).expect_err("not later");
    assert_eq!(error.field(), Some("extensions"));
    assert_eq!(rule_of(error), "extension_not_later");

    let mut marked = issued.clone();
    marked.status = ApprovalStatus::Extended;
    assert_eq!(
        rule_of(put(&mut dataset, Record::Approval(marked)).expect_err("no extension")),
        "extended_needs_extension"
    );

    // The same document number from the same body twice; from another body it is another
    // document.
    let mut twin = approval("a-3", "p-2", "2016-03-01", 12);
    twin.document_no = issued.document_no.clone();
    let error = put(&mut dataset, Record::Approval(twin.clone())).expect_err("duplicate number");
    assert_eq!(error.field(), Some("document_no"));
    assert_eq!(
        error.to_message().render(Lang::Zh),
        "文号“鹿发改〔2016〕a-1号”在鹿城区发改局已经登记过"
    );
    assert_eq!(
        error.to_message().render(Lang::En),
        "Document no. “鹿发改〔2016〕a-1号” of 鹿城区发改局 is already recorded"
    );
    assert!(matches!(error, EditError::DuplicateDocumentNo { .. }));
    let mut unknown_project = approval("a-4", "p-9", "2016-03-01", 12);
    unknown_project.document_no = String::new();
    assert!(matches!(
        put(&mut dataset, Record::Approval(unknown_project)),
        Err(EditError::MissingReference {
            field: "project",
            ..
        })
    ));
    assert_eq!(write_file(&dataset, None), before, "nothing stored changed");

    twin.body = "鹿城区住建局".to_string();
    put(&mut dataset, Record::Approval(twin)).expect("another body's number");
}

fn not_issued_extensions() -> Vec<taizhang::model::Extension> {
    vec![taizhang::model::Extension {
        granted: day("2016-05-01"),
        until: day("2019-01-01"),
        note: String::new(),
    }]
}

#[test]
fn the_deadline_judgement_at_its_boundaries() {
    let options = DeadlineOptions::default();
    // Issued 2016-02-01 for 9 months: the last valid day is 2016-10-31.
    let ends_on_the_day = approval("a-1", "p-1", "2016-02-01", 9);
    assert_eq!(ends_on_the_day.end(), Some(day("2016-10-31")));
    let as_of = day("2016-10-31");
    assert_eq!(
        judge(&ends_on_the_day, as_of, &options),
        Some(Due::Expiring { days_left: 0 }),
        "the reporting date itself is still valid and expiring"
    );
    assert_eq!(
        judge(&ends_on_the_day, day("2016-11-01"), &options),
        Some(Due::Expired { days_ago: 1 })
    );
    // Exactly 30 days ahead is within the window; 31 is not.
    let mut exactly = ends_on_the_day.clone();
    exactly.validity = Some(Validity::Until(as_of.plus_days(30)));
    assert_eq!(
        judge(&exactly, as_of, &options),
        Some(Due::Expiring { days_left: 30 })
    );
    exactly.validity = Some(Validity::Until(as_of.plus_days(31)));
    assert_eq!(judge(&exactly, as_of, &options), None);
    // An extension crossing the reporting date: expired as issued, valid after it.
    let lapsed_as_issued = approval("a-2", "p-1", "2016-02-01", 6);
    assert_eq!(
        judge(&lapsed_as_issued, as_of, &options),
        Some(Due::Expired { days_ago: 92 })
    );
    let crossing = extended(&lapsed_as_issued, day("2016-07-20"), day("2016-11-15"), "");
    assert_eq!(
        judge(&crossing, as_of, &options),
        Some(Due::Expiring { days_left: 15 })
    );
    let far = extended(&lapsed_as_issued, day("2016-07-20"), day("2017-07-31"), "");
    assert_eq!(judge(&far, as_of, &options), None);
    // Marked lapsed: no longer followed.
    let mut given_up = lapsed_as_issued.clone();
    given_up.status = ApprovalStatus::Lapsed;
    assert_eq!(judge(&given_up, as_of, &options), None);
    // In progress: more than 60 days is long-running, 60 is not.
    let mut pending = approval("a-3", "p-1", "2016-02-01", 6);
    pending.issued = None;
    pending.status = ApprovalStatus::Pending;
    pending.applied = as_of.plus_days(-60);
    assert_eq!(judge(&pending, as_of, &options), None);
    pending.applied = as_of.plus_days(-61);
    assert_eq!(
        judge(&pending, as_of, &options),
        Some(Due::LongPending { days: 61 })
    );
    // A setting of 7 days narrows the window.
    let narrow = DeadlineOptions {
        expiring_within_days: 7,
        pending_over_days: 60,
    };
    assert_eq!(judge(&crossing, as_of, &narrow), None);

    // As of the reporting date, an extension granted after it has not yet moved the end: still
    // expired 92 days ago then, and valid far ahead from the day it was granted.
    let granted_later = extended(&lapsed_as_issued, day("2016-11-01"), day("2017-07-31"), "");
    assert_eq!(granted_later.end(), Some(day("2017-07-31")));
    assert_eq!(granted_later.end_as_of(as_of), Some(day("2016-07-31")));
    assert_eq!(
        judge(&granted_later, as_of, &options),
        Some(Due::Expired { days_ago: 92 })
    );
    assert_eq!(judge(&granted_later, day("2016-11-01"), &options), None);
    // One granted on the reporting date itself counts.
    let granted_that_day = extended(&lapsed_as_issued, as_of, day("2016-11-15"), "");
    assert_eq!(
        judge(&granted_that_day, as_of, &options),
        Some(Due::Expiring { days_left: 15 })
    );
    // Issued after the reporting date: still in progress on it (applied 2016-01-04, 301 days).
    let issued_later = approval("a-4", "p-1", "2016-11-01", 1);
    assert_eq!(issued_later.end_as_of(as_of), None);
    assert_eq!(
        judge(&issued_later, as_of, &options),
        Some(Due::LongPending { days: 301 })
    );
    // Issued on the reporting date itself: issued, valid a month.
    let issued_that_day = approval("a-5", "p-1", "2016-10-31", 1);
    assert_eq!(
        judge(&issued_that_day, as_of, &options),
        Some(Due::Expiring { days_left: 29 })
    );

    // The register's table judges the same, and lists the end as of the day.
    let mut dataset = ledger();
    for a in [granted_later, issued_later] {
        put(&mut dataset, Record::Approval(a)).expect("approval");
    }
    let listed: Vec<(String, Due, Option<Date>)> = due_list(&dataset, as_of, &options)
        .iter()
        .map(|due| (due.approval.id.to_string(), due.due, due.end))
        .collect();
    assert_eq!(
        listed,
        vec![
            (
                "a-2".to_string(),
                Due::Expired { days_ago: 92 },
                Some(day("2016-07-31"))
            ),
            ("a-4".to_string(), Due::LongPending { days: 301 }, None),
        ]
    );
    assert_eq!(
        due_counts(&dataset, as_of, &options),
        DueCounts {
            expiring: 0,
            expired: 1,
            long_pending: 1,
            owners: 1,
        }
    );
    // A day later the extension holds and the other is issued, ending within the month.
    let next_day: Vec<(String, Due)> = due_list(&dataset, day("2016-11-01"), &options)
        .iter()
        .map(|due| (due.approval.id.to_string(), due.due))
        .collect();
    assert_eq!(
        next_day,
        vec![("a-4".to_string(), Due::Expiring { days_left: 29 })]
    );
}

#[test]
fn an_approval_whose_project_started_building_in_time_is_no_longer_a_deadline() {
    // Issued 2016-02-01 for 6 months: valid through 2016-07-31, expired as of 2016-10-31.
    let ended = approval("a-1", "p-1", "2016-02-01", 6);
    let end = day("2016-07-31");
    let as_of = day("2016-10-31");
    let mut site = project("p-1", "温州金融科技文化中心");
    assert!(!used_in_time(&site, end, as_of), "no start recorded");
    site.start = Some(end);
    assert!(
        used_in_time(&site, end, as_of),
        "started on its last valid day"
    );
    site.start = Some(end.plus_days(1));
    assert!(
        !used_in_time(&site, end, as_of),
        "started after it lapsed: still a lapsed approval"
    );
    site.start = Some(day("2016-05-01"));
    site.status = Some(ProjectStatus::Preliminary);
    assert!(
        !used_in_time(&site, end, as_of),
        "a 前期 project has not started"
    );
    site.status = Some(ProjectStatus::Continuing);
    site.start = None;
    assert!(used_in_time(&site, end, as_of), "续建 with no date started");
    // The 开工 milestone wins over the start date.
    site.start = Some(day("2016-12-01"));
    site.milestones = vec![Milestone {
        stage: MilestoneStage::Start,
        date: day("2016-06-01"),
    }];
    assert!(used_in_time(&site, end, as_of));

    // In the register: the started project's approval leaves the list and the calendar.
    let mut dataset = ledger();
    put(&mut dataset, Record::Approval(ended)).expect("approval");
    let options = DeadlineOptions::default();
    assert_eq!(due_list(&dataset, as_of, &options).len(), 1);
    let mut started = dataset.project(&id("p-1")).expect("p-1").clone();
    started.start = Some(day("2016-06-01"));
    started.status = Some(ProjectStatus::NewlyStarted);
    put(&mut dataset, Record::Project(started)).expect("started");
    assert!(due_list(&dataset, as_of, &options).is_empty());
    assert_eq!(due_counts(&dataset, as_of, &options), DueCounts::default());
}

#[test]
fn the_deadline_table_is_rebuilt_only_when_approvals_or_projects_change() {
    let mut dataset = ledger();
    put(
        &mut dataset,
        Record::Approval(approval("a-1", "p-1", "2016-02-01", 9)),
    )
    .expect("a-1");
    put(
        &mut dataset,
        Record::Approval(approval("a-2", "p-2", "2016-02-01", 6)),
    )
    .expect("a-2");
    let table = DeadlineTable::of(&dataset);
    assert_eq!(table.built_from, DeadlineTable::key(&dataset));
    // A copy of the ledger is the same state; equality of ledgers ignores revisions.
    let copy = dataset.clone();
    assert_eq!(DeadlineTable::key(&copy), table.built_from);
    // A reminder is not in the table: the table still stands.
    put(
        &mut dataset,
        Record::Reminder(reminder("rem-1", "a-1", "2016-10-28")),
    )
    .expect("rem");
    assert_eq!(DeadlineTable::key(&dataset), table.built_from);
    assert_ne!(dataset, copy);
    // The table judges any day and setting the same as a fresh reading of the ledger.
    let as_of = day("2016-10-31");
    for options in [
        DeadlineOptions::default(),
        DeadlineOptions {
            expiring_within_days: 0,
            pending_over_days: 0,
        },
    ] {
        let entries = table.due(as_of, &options);
        let ids: Vec<String> = table
            .approvals(&dataset, &entries)
            .iter()
            .map(|a| a.id.to_string())
            .collect();
        let fresh: Vec<String> = due_list(&dataset, as_of, &options)
            .iter()
            .map(|d| d.approval.id.to_string())
            .collect();
        assert_eq!(ids, fresh);
        assert_eq!(
            table.counts(as_of, &options),
            DueCounts::of_entries(&entries)
        );
    }
    // The owners come in name order: 鹿城区交投集团 (p-2) before 鹿城区交通局 (p-1).
    let entries = table.due(as_of, &DeadlineOptions::default());
    let owners: Vec<&str> = entries.iter().map(|e| table.owner(e)).collect();
    assert_eq!(owners, vec!["鹿城区交投集团", "鹿城区交通局"]);
    // An approval or a project changed: a new state, so the table is built again.
    let mut started = dataset.project(&id("p-2")).expect("p-2").clone();
    started.status = Some(ProjectStatus::NewlyStarted);
    put(&mut dataset, Record::Project(started)).expect("p-2 started");
    assert_ne!(DeadlineTable::key(&dataset), table.built_from);
    let rebuilt = DeadlineTable::of(&dataset);
    let entries = rebuilt.due(as_of, &DeadlineOptions::default());
    assert_eq!(
        entries.iter().map(|e| rebuilt.owner(e)).collect::<Vec<_>>(),
        vec!["鹿城区交通局"],
        "p-2 started building (no date): its approval did its work"
    );
}

#[test]
fn the_due_list_groups_by_owner_with_the_last_reminder_and_counts() {
    let mut dataset = ledger();
    for record in [
        Record::Approval(approval("a-1", "p-1", "2016-02-01", 9)), // ends on the day
        Record::Approval(approval("a-2", "p-1", "2016-02-01", 6)), // expired
        Record::Approval(approval("a-3", "p-2", "2016-02-01", 24)), // not due
        Record::Reminder(reminder("rem-1", "a-1", "2016-10-20")),
        Record::Reminder(reminder("rem-2", "a-1", "2016-10-28")),
    ] {
        put(&mut dataset, record).expect("record");
    }
    let as_of = day("2016-10-31");
    let options = DeadlineOptions::default();
    let list = due_list(&dataset, as_of, &options);
    let groups = by_owner(&list);
    assert_eq!(
        groups.iter().map(|(owner, _)| *owner).collect::<Vec<_>>(),
        vec!["鹿城区交通局"]
    );
    let due = groups[0].1;
    assert_eq!(
        due.iter()
            .map(|d| d.approval.id.to_string())
            .collect::<Vec<_>>(),
        vec!["a-2", "a-1"],
        "expired first"
    );
    assert_eq!(due[1].last_reminded, Some(day("2016-10-28")));
    assert_eq!(due[0].end, Some(day("2016-07-31")));
    let counts = DueCounts::of(&list);
    assert_eq!(
        due_counts(&dataset, as_of, &options),
        counts,
        "the card's counts agree"
    );
    assert_eq!(
        (
            counts.expired,
            counts.expiring,
            counts.long_pending,
            counts.owners
        ),
        (1, 1, 0, 1)
    );
}

#[test]
fn the_counts_come_from_the_records_for_any_period() {
    let mut dataset = ledger();
    let mut filing = approval("a-3", "p-2", "2016-09-10", 24);
    filing.procedure = Procedure::Filing;
    filing.on_behalf = true;
    filing.applied = day("2016-09-01");
    let mut december = approval("a-4", "p-2", "2016-12-05", 24);
    december.applied = day("2016-11-20");
    let extended_one = extended(
        &approval("a-1", "p-1", "2016-02-01", 6),
        day("2016-07-20"),
        day("2016-12-31"),
        "因征迁延期",
    );
    let meeting = Meeting {
        id: id("m-1"),
        date: day("2016-05-12"),
        title: "2016年第5次项目联审会".to_string(),
        attendees: vec!["国土鹿城分局".to_string(), "规划鹿城分局".to_string()],
        items: vec![MeetingItem {
            project: id("p-1"),
            decision: "同意先行开展用地预审".to_string(),
        }],
        note: String::new(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    };
    for record in [
        Record::Approval(extended_one),
        Record::Approval(approval("a-2", "p-1", "2016-03-01", 24)),
        Record::Approval(filing),
        Record::Approval(december),
        Record::Reminder(reminder("rem-1", "a-1", "2016-06-30")),
        Record::Reminder(reminder("rem-2", "a-2", "2016-10-10")), // same owner as rem-1
        Record::Reminder(reminder("rem-3", "a-3", "2016-10-11")),
        Record::Meeting(meeting),
    ] {
        put(&mut dataset, record).expect("record");
    }
    let to_october = Period::from_code("2016-YTD10").expect("period");
    let year = Period::Year(2016);
    let counts = |period: &Period| {
        RecordCount::ALL
            .into_iter()
            .map(|what| count(&dataset, what, period))
            .collect::<Vec<_>>()
    };
    // 办结, 联审会, 到期提醒 owners, 延期 owners, 代办备案.
    assert_eq!(counts(&to_october), vec![3, 1, 2, 1, 1]);
    assert_eq!(counts(&year), vec![4, 1, 2, 1, 1]);
    assert_eq!(
        counts(&Period::from_code("2016-10").expect("month")),
        vec![0, 0, 2, 0, 0]
    );

    // The sample's typed 171 against the records (3 issued to October) is a difference.
    let compared = compare_counts(&dataset);
    let done = compared
        .iter()
        .find(|c| c.what == RecordCount::ApprovalsDone)
        .expect("the sample binds 办结项目审批");
    assert_eq!(done.typed, Some(171.into()));
    assert_eq!(done.counted, Some(3));
    assert!(done.differs());

    // On 数据核对: an error finding per bound figure whose records disagree.
    let findings = taizhang::calc::checks::check_all(&dataset, &Default::default());
    let counted: Vec<String> = findings
        .iter()
        .filter(|f| matches!(f.check, taizhang::calc::checks::Check::RecordCount(_)))
        .map(|f| format!("{:?} {}", f.severity, f.describe(&dataset, Lang::Zh)))
        .collect();
    assert_eq!(counted.len(), 5, "{counted:#?}");
    assert!(
        counted.contains(&"Error 审批台账记录为 3件,填报为 171件,相差 -168件".to_string()),
        "{counted:#?}"
    );
}

#[test]
fn the_sample_binds_its_five_counts_and_records_none() {
    let dataset = ledger();
    let compared = compare_counts(&dataset);
    let mut bound: Vec<(RecordCount, String)> = compared
        .iter()
        .map(|c| (c.what, c.typed.expect("typed").to_string()))
        .collect();
    bound.sort();
    assert_eq!(
        bound,
        vec![
            (RecordCount::ApprovalsDone, "171".to_string()),
            (RecordCount::JointMeetings, "25".to_string()),
            (RecordCount::RemindedOwners, "45".to_string()),
            (RecordCount::ExtensionOwners, "8".to_string()),
            (RecordCount::ProxyFilings, "51".to_string()),
        ]
    );
    assert!(
        compared.iter().all(|c| c.counted.is_none() && !c.differs()),
        "no records kept: nothing to compare, no invented difference"
    );
    assert_eq!(dataset.approvals().count(), 0);
}

#[test]
fn approvals_reminders_and_meetings_round_trip_through_a_file_and_the_store() {
    let mut dataset = ledger();
    let meeting = Meeting {
        id: id("m-1"),
        date: day("2016-05-12"),
        title: "项目联审会".to_string(),
        attendees: vec!["国土鹿城分局".to_string()],
        items: vec![MeetingItem {
            project: id("p-1"),
            decision: "同意".to_string(),
        }],
        note: "5+X".to_string(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    };
    let follow_up = SupervisionItem {
        id: id("s-1"),
        project: id("p-1"),
        problem: "用地预审材料补正".to_string(),
        responsible: "国土鹿城分局".to_string(),
        raised: day("2016-05-12"),
        deadline: Some(day("2016-06-12")),
        status: SupervisionStatus::Open,
        rectification: String::new(),
        meeting: Some(id("m-1")),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    };
    let mut until = extended(
        &approval("a-1", "p-1", "2016-02-01", 6),
        day("2016-07-20"),
        day("2016-12-31"),
        "延期;因征迁",
    );
    until.on_behalf = true;
    until.note = "代办".to_string();
    for record in [
        Record::Meeting(meeting),
        Record::Supervision(follow_up),
        Record::Approval(until),
        Record::Reminder(reminder("rem-1", "a-1", "2016-06-30")),
    ] {
        put(&mut dataset, record).expect("record");
    }
    assert_eq!(dataset.follow_ups_of(&id("m-1")).len(), 1);
    let text = write_file(&dataset, None);
    assert!(text.contains("\"approvals\""), "a collection of its own");
    let reread = read_file(&text).expect("reads");
    assert!(reread.problems.is_empty(), "{:?}", reread.problems);
    assert!(
        reread.dataset == dataset,
        "{:#?}",
        differences(&reread.dataset, &dataset)
    );
    let mut store = MemoryStore::default();
    store.save_all(&dataset);
    let stored = store.load().expect("loads").expect("stored").dataset;
    assert!(stored == dataset, "{:#?}", differences(&stored, &dataset));
}

/// What differs between two ledgers, for a failing assertion's message.
fn differences(a: &Dataset, b: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = taizhang::format::diff::diff(a, b, Lang::En)
        .iter()
        .map(|d| format!("{d:?}"))
        .collect();
    if a.clock != b.clock {
        out.push(format!("clock {} vs {}", a.clock, b.clock));
    }
    out
}

#[test]
fn deleting_a_project_takes_its_approvals_and_reminders_and_undo_brings_them_back() {
    let mut dataset = ledger();
    for record in [
        Record::Approval(approval("a-1", "p-1", "2016-02-01", 6)),
        Record::Reminder(reminder("rem-1", "a-1", "2016-06-30")),
        Record::Meeting(Meeting {
            id: id("m-1"),
            date: day("2016-05-12"),
            title: "项目联审会".to_string(),
            attendees: Vec::new(),
            items: vec![
                MeetingItem {
                    project: id("p-1"),
                    decision: "同意".to_string(),
                },
                MeetingItem {
                    project: id("p-2"),
                    decision: "缓议".to_string(),
                },
            ],
            note: String::new(),
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        }),
    ] {
        put(&mut dataset, record).expect("record");
    }
    let before = write_file(&dataset, None);
    // An approval still reminded about cannot go alone.
    assert!(matches!(
        dataset.apply(
            Edit::Delete {
                kind: RecordKind::Approval,
                id: id("a-1")
            },
            &context()
        ),
        Err(EditError::StillUsed { .. })
    ));
    let edit = dataset.delete_project_edit(&id("p-1"));
    let applied = dataset.apply(edit, &context()).expect("deleted");
    assert_eq!(dataset.approvals().count(), 0);
    assert_eq!(dataset.reminders().count(), 0);
    let meeting = dataset.meeting(&id("m-1")).expect("meeting stays");
    assert_eq!(meeting.items.len(), 1, "the project leaves the meeting");
    dataset.apply(applied.inverse, &context()).expect("undone");
    assert_eq!(dataset.approvals().count(), 1);
    assert_eq!(dataset.reminders().count(), 1);
    assert_eq!(dataset.meeting(&id("m-1")).expect("m").items.len(), 2);
    let restored = read_file(&before).expect("before").dataset;
    assert!(
        taizhang::format::diff::diff(&restored, &dataset, Lang::Zh).is_empty(),
        "undo gives the ledger back"
    );
}

#[test]
fn two_colleagues_reminding_about_one_approval_both_keep_their_reminder() {
    let mut base = ledger();
    put(
        &mut base,
        Record::Approval(approval("a-1", "p-1", "2016-02-01", 9)),
    )
    .expect("approval");
    let mut ours = base.clone();
    let mut theirs = base.clone();
    put(
        &mut ours,
        Record::Reminder(reminder("rem-1", "a-1", "2016-10-20")),
    )
    .expect("ours");
    put(
        &mut theirs,
        Record::Reminder(reminder("rem-2", "a-1", "2016-10-21")),
    )
    .expect("theirs");
    let extended_theirs = extended(
        theirs.approval(&id("a-1")).expect("a-1"),
        day("2016-10-21"),
        day("2017-04-30"),
        "",
    );
    put(&mut theirs, Record::Approval(extended_theirs)).expect("extension");
    let plan = merge(&base, &ours, &theirs);
    assert!(plan.conflicts.is_empty());
    let merged = plan.resolve(&Vec::<Resolution>::new());
    assert_eq!(merged.dataset.reminders().count(), 2);
    assert_eq!(
        merged.dataset.approval(&id("a-1")).expect("a-1").end(),
        Some(day("2017-04-30"))
    );
}

#[test]
fn a_file_with_bad_approvals_says_what_and_where_and_keeps_the_rest() {
    let mut dataset = ledger();
    put(
        &mut dataset,
        Record::Approval(approval("a-1", "p-1", "2016-02-01", 6)),
    )
    .expect("approval");
    let mut file: serde_json::Value =
        serde_json::from_str(&write_file(&dataset, None)).expect("json");
    file.as_object_mut().expect("object").remove("checksum");
    let approvals = file["approvals"].as_array_mut().expect("approvals");
    let mut of_deleted = approvals[0].clone();
    of_deleted["id"] = "a-2".into();
    of_deleted["project"] = "p-gone".into();
    of_deleted["document_no"] = "".into();
    let mut zero = approvals[0].clone();
    zero["id"] = "a-3".into();
    zero["validity_months"] = 0.into();
    zero["document_no"] = "".into();
    let mut early_extension = approvals[0].clone();
    early_extension["id"] = "a-4".into();
    early_extension["document_no"] = "".into();
    early_extension["extensions"] =
        serde_json::json!([{"granted": "2016-03-01", "until": "2016-05-01"}]);
    let mut negative = approvals[0].clone();
    negative["id"] = "a-5".into();
    negative["validity_months"] = (-3).into();
    negative["document_no"] = "".into();
    approvals.extend([of_deleted, zero, early_extension, negative]);
    let read = read_file(&file.to_string()).expect("reads");
    let problems: Vec<(String, String)> = read
        .problems
        .iter()
        .map(|p| {
            let what = match &p.kind {
                ProblemKind::Refused {
                    reason: EditError::MissingReference { field, .. },
                } => format!("missing {field}"),
                ProblemKind::Refused {
                    reason: EditError::BadApproval { rule, .. },
                } => rule.to_string(),
                other => format!("{other:?}"),
            };
            (p.path.clone(), what)
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            ("$.approvals[1]".to_string(), "missing project".to_string()),
            (
                "$.approvals[2].validity_months".to_string(),
                "validity_months".to_string()
            ),
            (
                "$.approvals[3]".to_string(),
                "extension_not_later".to_string()
            ),
            (
                "$.approvals[4].validity_months".to_string(),
                "validity_months".to_string()
            ),
        ]
    );
    assert_eq!(read.dataset.approvals().count(), 1, "the good one is kept");
    assert_eq!(
        read.problems[1].to_message().render(Lang::Zh),
        "$.approvals[2].validity_months:有效期应至少为 1 个月"
    );
    assert_eq!(
        read.problems[3].to_message().render(Lang::Zh),
        "$.approvals[4].validity_months:有效期应至少为 1 个月"
    );
}

#[test]
fn the_calendar_lists_upcoming_expiries_folded_and_escaped() {
    let mut dataset = ledger();
    for record in [
        Record::Approval(approval("a-1", "p-1", "2016-02-01", 9)), // 2016-10-31
        Record::Approval(approval("a-2", "p-1", "2016-02-01", 6)), // expired: left out
        Record::Approval(approval("a-3", "p-2", "2016-02-01", 24)), // 2018-01-31
    ] {
        put(&mut dataset, record).expect("record");
    }
    let events = taizhang::format::ics::expiry_events(&dataset, day("2016-10-31"), |a, p| {
        (
            format!("审批到期:{},{}", p.name, a.item),
            format!("文号 {}", a.document_no),
        )
    });
    assert_eq!(
        events.iter().map(|e| e.day.to_iso()).collect::<Vec<_>>(),
        vec!["2016-10-31", "2018-01-31"]
    );
    let text = taizhang::format::ics::write_ics(&events, "20161031T000000Z", 7);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
    assert!(text.contains("UID:a-1@taizhang\r\n"));
    assert!(text.contains("DTSTART;VALUE=DATE:20161031\r\nDTEND;VALUE=DATE:20161101\r\n"));
    assert!(text.contains("SUMMARY:审批到期:温州金融科技文化中心\\,可研\r\n"));
    assert!(text.contains("TRIGGER:-P7D\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "folded: {line}");
    }
    // Unfolding gives the lines back.
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("DESCRIPTION:文号 鹿发改〔2016〕a-1号\r\n"));
}

#[test]
fn an_approval_item_is_renamed_in_every_approval_as_one_undoable_edit() {
    let mut dataset = ledger();
    let mut other = approval("a-3", "p-2", "2016-03-01", 12);
    other.item = "环评".to_string();
    for a in [
        approval("a-1", "p-1", "2016-02-01", 6),
        approval("a-2", "p-2", "2016-02-01", 6),
        other,
    ] {
        put(&mut dataset, Record::Approval(a)).expect("approval");
    }
    assert_eq!(
        dataset.approval_items(),
        vec![("可研".to_string(), 2), ("环评".to_string(), 1)]
    );
    let before = write_file(&dataset, None);
    let error = dataset
        .rename_approval_item_edit("可研", "  ")
        .expect_err("an empty name");
    assert_eq!(error.field(), Some("item"));
    assert_eq!(
        error.to_message().render(Lang::Zh),
        "请填写审批事项(如立项、可研、环评)"
    );
    assert_eq!(
        dataset
            .rename_approval_item_edit("可研", "可研")
            .expect("same"),
        None
    );
    let edit = dataset
        .rename_approval_item_edit("可研", " 可行性研究 ")
        .expect("rename")
        .expect("an edit");
    let applied = dataset.apply(edit, &context()).expect("renamed");
    assert_eq!(
        dataset.approval_items(),
        vec![("可行性研究".to_string(), 2), ("环评".to_string(), 1)]
    );
    // Renaming onto an item in use merges the two.
    let merge = dataset
        .rename_approval_item_edit("环评", "可行性研究")
        .expect("merge")
        .expect("an edit");
    let merged = dataset.apply(merge, &context()).expect("merged");
    assert_eq!(
        dataset.approval_items(),
        vec![("可行性研究".to_string(), 3)]
    );
    dataset.apply(merged.inverse, &context()).expect("undone");
    dataset.apply(applied.inverse, &context()).expect("undone");
    let restored = read_file(&before).expect("before").dataset;
    assert!(
        taizhang::format::diff::diff(&restored, &dataset, Lang::Zh).is_empty(),
        "one undo per rename gives the ledger back"
    );
}
