//! Spreadsheets in and out, natively: the ledger written as an .xlsx workbook and read back
//! gives the same ledger (the sample, a generated one); the workbook read into the ledger it
//! came from changes nothing; and the layouts bureaus type by hand (tests/sheet_fixtures.rs)
//! read correctly.

use std::collections::BTreeMap;
use taizhang::format::generate::{generate, GenerateOptions};
use taizhang::model::record::Bulletin;
use taizhang::model::{Dataset, Date, IdSource, Lang, Record, RecordKind, SeededIds};
use taizhang::sheet::{export, layout, Book};
use taizhang::workspace::import::{apply_merge, plan_sheet};
use taizhang::workspace::Workspace;

fn sample() -> Dataset {
    taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset
}

/// The ledger as an .xlsx file, read back as the app reads it.
fn through_xlsx(dataset: &Dataset) -> (Vec<u8>, Book) {
    let spec = export::workbook(dataset);
    let bytes = taizhang_sheets::write::write_xlsx(&spec).expect("written");
    let book = taizhang_sheets::read::read_book(&bytes, "台账.xlsx").expect("read");
    (bytes, book)
}

/// What a workbook carries of a ledger, without ids and stamps: comparable across ledgers.
fn content(d: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    let unit = |id| d.unit(id).map(|u| u.symbol.clone()).unwrap_or_default();
    for u in d.units() {
        out.push(format!(
            "unit {} {} {} {:?}",
            u.symbol, u.name_en, u.dimension, u.factor
        ));
    }
    for area in d.areas() {
        out.push(format!("area {} {}", area.name, area.name_en));
        for (rank, i) in d.indicators_in(&area.id).iter().enumerate() {
            out.push(format!(
                "indicator {} #{rank} {} {} {} {} {} {}",
                area.name,
                i.name,
                i.name_en,
                unit(&i.unit),
                i.kind.code(),
                i.description,
                i.scope_note
            ));
            for t in &i.targets {
                out.push(format!(
                    "target {} {} {} {} {}",
                    area.name,
                    i.name,
                    t.period.code(),
                    t.amount.canonical(),
                    t.note
                ));
            }
            let mut values: Vec<_> = d.values().filter(|v| v.indicator == i.id).collect();
            values.sort_by_key(|v| v.period);
            for v in values {
                out.push(format!(
                    "value {} {} {} {} {} {} {} {}",
                    area.name,
                    i.name,
                    v.period.code(),
                    v.amount.canonical(),
                    v.qualifier.code(),
                    v.source,
                    v.scope_note,
                    v.note
                ));
            }
        }
    }
    // A figure a relation names, by its area, indicator and period.
    let figure = |r: &taizhang::model::ValueRef| {
        let indicator = d.indicator(&r.indicator).expect("indicator");
        let area = d.area(&indicator.area).expect("area");
        format!("{}/{}/{}", area.name, indicator.name, r.period.code())
    };
    for r in d.relations() {
        out.push(format!(
            "relation {} {} {:?} {:?} {} {} {} {}",
            r.kind.code(),
            figure(&r.subject),
            r.base.iter().map(figure).collect::<Vec<_>>(),
            r.stated.map(|a| a.canonical()),
            r.qualifier.code(),
            r.complete,
            r.source,
            r.note
        ));
    }
    let project_name = |id| d.project(id).map(|p| p.name.clone()).unwrap_or_default();
    for p in d.projects() {
        out.push(format!(
            "project {} {} {} {} {:?} {} {} {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {}",
            p.name,
            p.code,
            p.class,
            p.level,
            p.status,
            p.owner,
            p.street,
            p.section,
            p.entered_by,
            p.location.map(|(x, y)| (x.canonical(), y.canonical())),
            p.total_investment.map(|a| a.canonical()),
            p.start,
            p.planned_completion,
            p.completed_on,
            p.subprojects,
            p.milestones,
            p.annual_plans,
            p.tags,
            p.code.is_empty(),
            p.note
        ));
    }
    for r in d.reports() {
        out.push(format!(
            "report {} {:?} {:?} {:?} {} {}",
            project_name(&r.project),
            r.month,
            r.invested_month,
            r.invested_cumulative,
            r.progress,
            r.problems
        ));
    }
    for s in d.supervision_items() {
        out.push(format!(
            "item {} {} {} {} {:?} {:?} {}",
            project_name(&s.project),
            s.problem,
            s.responsible,
            s.raised,
            s.deadline,
            s.status,
            s.rectification
        ));
    }
    for b in d.bulletins() {
        let projects: Vec<String> = b.projects.iter().map(&project_name).collect();
        out.push(format!(
            "bulletin {} {} {} {:?}",
            b.date, b.title, b.body, projects
        ));
    }
    out.sort();
    out
}

/// An empty ledger with the same description (a colleague starting from the workbook alone).
fn empty_like(d: &Dataset) -> Dataset {
    Dataset::new(d.meta.clone())
}

/// Reads a workbook into a ledger through the guessed layout, applying every change.
fn import_into(target: Dataset, book: &Book) -> (Dataset, usize) {
    let today = target.meta.document_date;
    let layout = layout::guess(book, today, "台账");
    let mut ids = SeededIds::new(7);
    let plan = match plan_sheet(&target, "台账.xlsx", book, &layout, &mut ids) {
        Ok(plan) => plan,
        Err(problems) => panic!(
            "problems: {:#?}",
            problems
                .iter()
                .map(|p| p.render(Lang::Zh))
                .collect::<Vec<_>>()
        ),
    };
    let conflicts = plan.merge.conflicts.len();
    let mut workspace = Workspace::new(target, "d-test", "测试");
    let decisions = vec![Some(taizhang::format::merge::Resolution::TakeTheirs); conflicts];
    let outcome = apply_merge(
        &mut workspace,
        &plan,
        &decisions,
        true,
        "2026-12-01T09:00:00Z",
    )
    .expect("applied");
    assert!(outcome.rejected.is_empty(), "{:?}", outcome.rejected);
    (workspace.dataset().clone(), conflicts)
}

#[test]
fn the_sample_goes_out_and_comes_back_the_same() {
    let sample = sample();
    let (bytes, book) = through_xlsx(&sample);
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    // The names a page lists, and one sheet planned alone, are the workbook's own.
    let spec = export::workbook(&sample);
    let planned: Vec<String> = spec.sheets.iter().map(|s| s.name.clone()).collect();
    assert_eq!(export::sheet_names(&sample), planned);
    assert_eq!(
        export::one_sheet(&sample, "督办事项").as_ref(),
        spec.sheets.iter().find(|s| s.name == "督办事项")
    );
    assert_eq!(
        export::one_sheet(&sample, "固定资产投资").as_ref(),
        spec.sheets.iter().find(|s| s.name == "固定资产投资")
    );
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "规划",
            "固定资产投资",
            "重点项目建设",
            "重大前期项目",
            "服务业",
            "经济监测",
            "改革创新",
            "价格管理",
            "指标信息",
            "数据来源",
            "核对关系",
            "单位",
            "项目",
            "月度报送",
            "督办事项",
            "工作简报",
            "说明"
        ]
    );
    let (back, conflicts) = import_into(empty_like(&sample), &book);
    assert_eq!(conflicts, 0);
    assert_eq!(back.values().count(), 163);
    assert_eq!(back.indicators().count(), 136);
    assert_eq!(back.projects().count(), sample.projects().count());
    assert_eq!(back.relations().count(), 49);
    let targets: usize = back.indicators().map(|i| i.targets.len()).sum();
    assert_eq!(targets, 3);
    let (want, got) = (content(&sample), content(&back));
    let missing: Vec<_> = want.iter().filter(|l| !got.contains(l)).collect();
    let extra: Vec<_> = got.iter().filter(|l| !want.contains(l)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
}

#[test]
fn the_workbook_read_into_its_own_ledger_changes_nothing() {
    let sample = sample();
    let (_, book) = through_xlsx(&sample);
    let layout = layout::guess(&book, sample.meta.document_date, "台账");
    let plan =
        plan_sheet(&sample, "台账.xlsx", &book, &layout, &mut SeededIds::new(1)).expect("planned");
    assert!(
        plan.merge.conflicts.is_empty(),
        "{:?}",
        plan.merge.conflicts
    );
    let created: usize = plan.merge.report.values().map(|r| r.created).sum();
    let updated: usize = plan.merge.report.values().map(|r| r.updated).sum();
    assert_eq!((created, updated), (0, 0));
    assert_eq!(
        plan.merge
            .report
            .get(&RecordKind::Value)
            .map(|r| r.unchanged),
        Some(163)
    );
    assert_eq!(
        plan.merge
            .report
            .get(&RecordKind::Relation)
            .map(|r| r.unchanged),
        Some(49)
    );
}

#[test]
fn a_generated_ledger_goes_out_and_comes_back_the_same() {
    let mut generated = generate(&GenerateOptions {
        indicators: 40,
        years: 6,
        seed: 11,
        projects: 60,
        report_months: 14,
        supervision: 25,
        approvals: 0,
    });
    // Two bulletins, one about a single project and one about two.
    let mut projects: Vec<_> = generated.projects().map(|p| p.id.clone()).collect();
    projects.sort();
    let mut ids = SeededIds::new(99);
    let bulletins = [
        (
            "2016-09-30",
            "三季度重点项目推进情况",
            "开工率达到九成。",
            &projects[..1],
        ),
        (
            "2016-10-31",
            "十月项目调度",
            "两个项目提前完成年度计划。\n下月继续调度。",
            &projects[1..3],
        ),
    ];
    for (date, title, body, linked) in bulletins {
        generated
            .insert_loaded(Record::Bulletin(Bulletin {
                id: ids.next_id(),
                date: Date::parse_iso(date).expect("date"),
                title: title.to_string(),
                body: body.to_string(),
                projects: linked.to_vec(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }))
            .expect("bulletin");
    }
    let (_, book) = through_xlsx(&generated);
    let (back, _) = import_into(empty_like(&generated), &book);
    let (want, got) = (content(&generated), content(&back));
    let missing: Vec<_> = want.iter().filter(|l| !got.contains(l)).take(10).collect();
    let extra: Vec<_> = got.iter().filter(|l| !want.contains(l)).take(10).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
    let counts: BTreeMap<&str, usize> = [
        ("values", back.values().count()),
        ("projects", back.projects().count()),
        ("reports", back.reports().count()),
    ]
    .into();
    assert_eq!(counts["values"], generated.values().count());
    assert_eq!(counts["projects"], 60);
    assert_eq!(counts["reports"], generated.reports().count());
    // The bulletins come back with their projects, named as the user sees them.
    let project_names = |d: &Dataset, ids: &[taizhang::model::RecordId]| -> Vec<String> {
        ids.iter()
            .map(|id| d.project(id).expect("project").name.clone())
            .collect()
    };
    let mut bulletins: Vec<(String, String, String, Vec<String>)> = back
        .bulletins()
        .map(|b| {
            (
                b.date.to_iso(),
                b.title.clone(),
                b.body.clone(),
                project_names(&back, &b.projects),
            )
        })
        .collect();
    bulletins.sort();
    assert_eq!(bulletins.len(), 2);
    assert_eq!(bulletins[0].0, "2016-09-30");
    assert_eq!(bulletins[0].1, "三季度重点项目推进情况");
    assert_eq!(bulletins[0].3, project_names(&generated, &projects[..1]));
    assert_eq!(bulletins[1].2, "两个项目提前完成年度计划。\n下月继续调度。");
    assert_eq!(bulletins[1].3, project_names(&generated, &projects[1..3]));
}

#[test]
fn a_title_naming_a_work_area_of_the_ledger_lands_in_that_area() {
    use taizhang::sheet::{Cell, Sheet};
    let sample = sample();
    let text = |t: &str| Cell::Text(t.to_string());
    let book = Book {
        format: "xlsx".into(),
        encoding: None,
        sheets: vec![Sheet {
            name: "Sheet1".into(),
            rows: vec![
                vec![text("2016年鹿城区固定资产投资完成情况表")],
                vec![text("指标"), text("单位"), text("2016年")],
                vec![text("固定资产投资额"), text("亿元"), Cell::Number(370.0)],
            ],
            merged: Vec::new(),
            hidden: false,
        }],
    };
    let mut guessed = layout::guess(&book, sample.meta.document_date, "投资");
    assert_eq!(guessed.sheets[0].area, "2016年鹿城区固定资产投资完成情况表");
    let known: Vec<String> = sample.areas().iter().map(|a| a.name.clone()).collect();
    layout::prefer_known_areas(&mut guessed, &known);
    assert_eq!(guessed.sheets[0].area, "固定资产投资");
    // Read into the sample: the figure is the one the ledger has, nothing new.
    let plan = plan_sheet(
        &sample,
        "投资.xlsx",
        &book,
        &guessed,
        &mut SeededIds::new(2),
    )
    .expect("planned");
    let created: usize = plan.merge.report.values().map(|r| r.created).sum();
    assert_eq!(created, 0);
    assert!(plan.merge.conflicts.is_empty());
}

/// The figure the user sees for 固定资产投资额 in 2016 (亿元).
fn investment_2016(d: &Dataset) -> String {
    let area = d
        .areas()
        .into_iter()
        .find(|a| a.name == "固定资产投资")
        .expect("area")
        .id
        .clone();
    let indicator = d
        .indicators_in(&area)
        .into_iter()
        .find(|i| i.name == "固定资产投资额")
        .expect("indicator")
        .id
        .clone();
    d.value_at(&indicator, &taizhang::model::Period::Year(2016))
        .expect("figure")
        .amount
        .canonical()
}

#[test]
fn a_sheet_saying_371_where_the_ledger_has_370_is_one_conflict_decided_either_way_and_undone() {
    use taizhang::format::merge::{ConflictKind, Resolution};
    use taizhang::sheet::{Cell, Sheet};
    let sample = sample();
    assert_eq!(investment_2016(&sample), "370");
    let text = |t: &str| Cell::Text(t.to_string());
    let book = Book {
        format: "xlsx".into(),
        encoding: None,
        sheets: vec![Sheet {
            name: "固定资产投资".into(),
            rows: vec![
                vec![text("指标"), text("单位"), text("2016年")],
                vec![text("固定资产投资额"), text("亿元"), Cell::Number(371.0)],
            ],
            merged: Vec::new(),
            hidden: false,
        }],
    };
    let layout = layout::guess(&book, sample.meta.document_date, "投资");
    let plan =
        plan_sheet(&sample, "投资.xlsx", &book, &layout, &mut SeededIds::new(3)).expect("planned");
    assert_eq!(plan.merge.conflicts.len(), 1);
    match &plan.merge.conflicts[0].what {
        ConflictKind::Field { ours, theirs, .. } => {
            assert_eq!((ours.as_str(), theirs.as_str()), ("370", "371"))
        }
        other => panic!("not a field conflict: {other:?}"),
    }

    let mut workspace = Workspace::new(sample, "d-test", "测试");
    // Keeping mine leaves 370 …
    apply_merge(
        &mut workspace,
        &plan,
        &[Some(Resolution::KeepMine)],
        true,
        "2026-12-01T09:00:00Z",
    )
    .expect("applied");
    assert_eq!(investment_2016(workspace.dataset()), "370");
    // … and changes nothing else, so there is nothing to undo.
    assert!(!workspace.can_undo());

    // Taking theirs gives 371, and one undo brings 370 back.
    apply_merge(
        &mut workspace,
        &plan,
        &[Some(Resolution::TakeTheirs)],
        true,
        "2026-12-01T09:02:00Z",
    )
    .expect("applied");
    assert_eq!(investment_2016(workspace.dataset()), "371");
    assert!(workspace.undo("2026-12-01T09:03:00Z").expect("undo"));
    assert_eq!(investment_2016(workspace.dataset()), "370");
}

#[test]
fn one_sheet_as_csv_has_a_bom_no_title_row_and_keeps_the_qualifier_column() {
    let sample = sample();
    let sheet = export::one_sheet(&sample, "固定资产投资").expect("sheet");
    let csv = export::sheet_csv(&sheet);
    assert!(
        csv.starts_with('\u{feff}'),
        "Excel needs the BOM to read UTF-8"
    );
    let rows = taizhang_sheets::read::parse_delimited(&csv['\u{feff}'.len_utf8()..]);
    // The first row is the headings: the merged title row is left out.
    assert_eq!(rows[0][..3], ["序号", "指标", "单位"]);
    assert!(
        !csv.contains(" · 固定资产投资"),
        "the title row is left out"
    );
    // 约/余 keeps its own column beside the figure, the figure itself exact.
    let year = rows[0].iter().position(|h| h == "2014年").expect("2014年");
    assert_eq!(rows[0][year + 1], "2014年约/余");
    let subsidy = rows
        .iter()
        .find(|row| row[1] == "获中央预算内投资补助")
        .expect("row");
    assert_eq!(subsidy[2], "万元");
    assert_eq!(
        (subsidy[year].as_str(), subsidy[year + 1].as_str()),
        ("2980", "约")
    );
}

#[test]
fn the_workbook_keeps_its_headings_in_view_and_its_columns_fit_the_chinese_text() {
    let sample = sample();
    let spec = export::workbook(&sample);
    let sheet = |name: &str| {
        spec.sheets
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no sheet {name}"))
    };
    // A work area: the title and heading rows and the 序号 and 指标 columns stay in view.
    let investment = sheet("固定资产投资");
    assert_eq!((investment.freeze_rows, investment.freeze_cols), (2, 2));
    assert_eq!(investment.widths[0], 6.0);
    // The 指标 column fits its longest name, a Chinese character counting two.
    let longest = investment.rows[2..]
        .iter()
        .map(|row| taizhang::sheet::display_width(&taizhang::sheet::cell_text(&row[1].value)))
        .max()
        .expect("rows");
    assert!(longest > 20, "{longest}");
    assert_eq!(investment.widths[1], (longest as f64 + 2.0).min(60.0));
    // The particulars keep the area, name and unit in view; the projects their 序号 and name.
    assert_eq!(
        (sheet("指标信息").freeze_rows, sheet("指标信息").freeze_cols),
        (2, 3)
    );
    assert_eq!(
        (sheet("项目").freeze_rows, sheet("项目").freeze_cols),
        (2, 2)
    );
    assert_eq!(
        (sheet("月度报送").freeze_rows, sheet("月度报送").freeze_cols),
        (2, 1)
    );
    // Long prose gets a wide column: source sentences, the relations' sentences, bulletins.
    assert_eq!(sheet("数据来源").widths[4..7], [50.0, 50.0, 50.0]);
    assert_eq!(sheet("核对关系").widths[9], 50.0);
    assert_eq!(sheet("工作简报").widths[2], 60.0);
    // Every column is at least 6 wide and at most 60, but the 说明 sheet's one wide column,
    // which scrolls with nothing frozen.
    for s in spec.sheets.iter().filter(|s| s.name != "说明") {
        assert!(
            s.widths.iter().all(|w| (6.0..=60.0).contains(w)),
            "{}: {:?}",
            s.name,
            s.widths
        );
    }
    assert_eq!(sheet("说明").widths, [110.0]);
    assert_eq!(
        (sheet("说明").freeze_rows, sheet("说明").freeze_cols),
        (0, 0)
    );
}
