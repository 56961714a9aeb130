//! The ledger as a workbook: a sheet per work area (indicators × periods, as bureaus lay them
//! out), the indicators' and figures' particulars, the relations the source text states, the
//! units, and the project ledger (projects, monthly reports, supervision items, bulletins), with
//! an 说明 sheet saying what is where.
//!
//! Each fact is written once: a figure's amount in its area sheet (with 约/余 in the column
//! beside it where the figure has one, and its source sentence as the cell's note for reading),
//! its source sentence, scope and note in 数据来源; an indicator's kind, English name,
//! description, scope and targets in 指标信息; each relation (its kind, the figures it names,
//! the stated figure and the sentence) in 核对关系. Work summaries and the file's history travel
//! in the JSON file, not in a workbook.

use super::words::*;
use super::{amount_number, date_serial, display_width, BookSpec, Cell, CellSpec, Range};
use super::{SheetSpec, Style};
use crate::model::{Amount, Dataset, Period, Qualifier, Value};

/// The fixed sheets after the work areas', in order.
const FIXED_SHEETS: [&str; 9] = [
    SHEET_INDICATORS,
    SHEET_SOURCES,
    SHEET_RELATIONS,
    SHEET_UNITS,
    SHEET_PROJECTS,
    SHEET_REPORTS,
    SHEET_SUPERVISION,
    SHEET_BULLETINS,
    SHEET_ABOUT,
];

/// The names the workbook's sheets get, in order: one per work area, then the fixed ones (each
/// made acceptable to Excel and unique) — what a page lists without planning the cells.
pub fn sheet_names(dataset: &Dataset) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let wanted = dataset
        .areas()
        .into_iter()
        .map(|a| a.name.clone())
        .chain(FIXED_SHEETS.iter().map(|s| s.to_string()));
    for name in wanted {
        let name = sheet_name(&name, &names);
        names.push(name);
    }
    names
}

/// The sheets as a page lists them: each sheet's name (as written in the workbook, which is
/// Chinese like the bureau's own) with a label in the page's language — a work area by its
/// name in that language, a fixed sheet by what it holds.
pub fn sheet_choices(dataset: &Dataset, lang: crate::model::Lang) -> Vec<(String, String)> {
    let areas = dataset.areas();
    let labels = areas
        .iter()
        .map(|area| match lang {
            crate::model::Lang::En if !area.name_en.is_empty() => area.name_en.clone(),
            _ => area.name.clone(),
        })
        .chain(FIXED_SHEETS.iter().map(|&sheet| {
            let key = match sheet {
                SHEET_INDICATORS => "sheets.sheet_indicators",
                SHEET_SOURCES => "sheets.sheet_sources",
                SHEET_RELATIONS => "sheets.sheet_relations",
                SHEET_UNITS => "sheets.sheet_units",
                SHEET_PROJECTS => "sheets.sheet_projects",
                SHEET_REPORTS => "sheets.sheet_reports",
                SHEET_SUPERVISION => "sheets.sheet_supervision",
                SHEET_BULLETINS => "sheets.sheet_bulletins",
                _ => "sheets.sheet_about",
            };
            crate::i18n::text(lang, key).to_string()
        }));
    sheet_names(dataset).into_iter().zip(labels).collect()
}

/// The whole ledger as a workbook plan (written to .xlsx by `taizhang_sheets::write`).
pub fn workbook(dataset: &Dataset) -> BookSpec {
    let mut names = sheet_names(dataset).into_iter();
    let mut sheets: Vec<SheetSpec> = dataset
        .areas()
        .iter()
        .map(|area| area_sheet(dataset, &area.id, names.next().unwrap_or_default()))
        .collect();
    let fixed = [
        indicator_sheet(dataset),
        source_sheet(dataset),
        relation_sheet(dataset),
        unit_sheet(dataset),
        project_sheet(dataset),
        report_sheet(dataset),
        supervision_sheet(dataset),
        bulletin_sheet(dataset),
        about_sheet(dataset),
    ];
    for sheet in fixed {
        let name = names.next().unwrap_or_default();
        sheets.push(SheetSpec { name, ..sheet });
    }
    BookSpec {
        sheets,
        title: dataset.meta.name.clone(),
        author: String::new(),
    }
}

/// One sheet of the workbook by its name (the first when the name is unknown), planned alone:
/// a CSV export of one work area does not plan the project ledger's sheets.
pub fn one_sheet(dataset: &Dataset, name: &str) -> Option<SheetSpec> {
    let names = sheet_names(dataset);
    let index = names.iter().position(|n| n == name).unwrap_or(0);
    let name = names.get(index)?.clone();
    let areas = dataset.areas();
    let sheet = match areas.get(index) {
        Some(area) => return Some(area_sheet(dataset, &area.id, name)),
        None => match index - areas.len() {
            0 => indicator_sheet(dataset),
            1 => source_sheet(dataset),
            2 => relation_sheet(dataset),
            3 => unit_sheet(dataset),
            4 => project_sheet(dataset),
            5 => report_sheet(dataset),
            6 => supervision_sheet(dataset),
            7 => bulletin_sheet(dataset),
            _ => about_sheet(dataset),
        },
    };
    Some(SheetSpec { name, ..sheet })
}

/// A whole number (a row's 序号, a count) as a number cell.
fn count_cell(n: usize) -> CellSpec {
    CellSpec {
        value: Cell::Number(n as f64),
        style: Style::Number("0".to_string()),
        note: None,
    }
}

/// A sheet name Excel accepts (31 characters at most, none of `[]:*?/\`), unique in the book.
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim();
    let base: String = if cleaned.is_empty() {
        "Sheet".to_string()
    } else {
        cleaned.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!("({n})");
        name = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    name
}

fn header(text: &str) -> CellSpec {
    CellSpec::text(text, Style::Header)
}

fn text(text: &str) -> CellSpec {
    CellSpec::text(text, Style::Text)
}

fn wrap(text: &str) -> CellSpec {
    CellSpec::text(text, Style::Wrap)
}

/// An amount as a number cell shown with its own decimals and the unit, or as exact text when
/// a spreadsheet number cannot hold it.
fn amount_cell(amount: Amount, unit: &str) -> CellSpec {
    match amount_number(amount) {
        Some(number) => {
            let canonical = amount.canonical();
            let decimals = canonical.split_once('.').map_or(0, |(_, f)| f.len());
            let digits = if decimals == 0 {
                "0".to_string()
            } else {
                format!("0.{}", "0".repeat(decimals))
            };
            let format = if unit.is_empty() {
                digits
            } else {
                format!("{digits}\"{}\"", unit.replace('"', ""))
            };
            CellSpec {
                value: Cell::Number(number),
                style: Style::Number(format),
                note: None,
            }
        }
        None => text(&amount.canonical()),
    }
}

fn optional_amount(amount: Option<Amount>, unit: &str) -> CellSpec {
    amount.map_or_else(CellSpec::empty, |a| amount_cell(a, unit))
}

fn date_cell(date: Option<crate::model::Date>) -> CellSpec {
    match date {
        Some(date) => CellSpec {
            value: Cell::Date(date_serial(date)),
            style: Style::Date,
            note: None,
        },
        None => CellSpec::empty(),
    }
}

/// A period as a heading: as people write it ("2016年1—10月"), unless that would read back as
/// another period (a run of months that covers whole years reads as the years), then its code.
pub fn period_heading(period: Period, today: crate::model::Date) -> String {
    let label = period.label(crate::model::Lang::Zh);
    match crate::model::parse_period(&label, today) {
        Ok(read) if read == period => label,
        _ => period.code(),
    }
}

/// How 约/余 read beside a figure.
pub fn qualifier_word(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Exact => "",
        Qualifier::About => "约",
        Qualifier::AtLeast => "余",
    }
}

/// Widths that fit each column's longest text (Chinese characters counted twice), within
/// bounds.
fn widths(rows: &[Vec<CellSpec>], skip_rows: usize, min: f64, max: f64) -> Vec<f64> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..columns)
        .map(|col| {
            let widest = rows
                .iter()
                .skip(skip_rows)
                .filter_map(|row| row.get(col))
                .map(|cell| match &cell.value {
                    Cell::Text(t) => display_width(t),
                    Cell::Number(n) => format!("{n}").len() + 4,
                    Cell::Date(_) => 10,
                    _ => 0,
                })
                .max()
                .unwrap_or(0);
            (widest as f64 + 2.0).clamp(min, max)
        })
        .collect()
}

/// A sheet with a title row merged across, a header row, and rows; frozen below the header.
fn table(
    name: &str,
    title: &str,
    headers: Vec<CellSpec>,
    rows: Vec<Vec<CellSpec>>,
    freeze_cols: u16,
) -> SheetSpec {
    let columns = headers.len().max(1);
    let mut all = vec![vec![CellSpec::text(title, Style::Title)], headers];
    all.extend(rows);
    let widths = widths(&all, 1, 6.0, 60.0);
    SheetSpec {
        name: name.to_string(),
        widths,
        freeze_rows: 2,
        freeze_cols,
        merged: vec![Range {
            first_row: 0,
            first_col: 0,
            last_row: 0,
            last_col: columns as u32 - 1,
        }],
        rows: all,
    }
}

/// The periods an area's sheet shows: its added columns and every period one of its
/// indicators has a figure for, in time order.
fn area_periods(dataset: &Dataset, area: &crate::model::RecordId) -> Vec<Period> {
    let mut periods: Vec<Period> = dataset
        .area(area)
        .map(|a| a.columns.clone())
        .unwrap_or_default();
    for indicator in dataset.indicators_in(area) {
        periods.extend(
            dataset
                .values()
                .filter(|v| v.indicator == indicator.id)
                .map(|v| v.period),
        );
    }
    crate::sorting::sort(&mut periods);
    periods.dedup();
    periods
}

fn unit_symbol(dataset: &Dataset, indicator: &crate::model::Indicator) -> String {
    dataset
        .unit(&indicator.unit)
        .map(|u| u.symbol.clone())
        .unwrap_or_default()
}

/// One work area: 序号 | 指标 | 单位 | a column per period (and 约/余 beside it where needed).
fn area_sheet(dataset: &Dataset, area: &crate::model::RecordId, name: String) -> SheetSpec {
    let area_name = dataset
        .area(area)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let indicators = dataset.indicators_in(area);
    let periods = area_periods(dataset, area);
    let value = |indicator: &crate::model::Indicator, period: &Period| -> Option<&Value> {
        dataset.value_at(&indicator.id, period)
    };
    let qualified: Vec<bool> = periods
        .iter()
        .map(|p| {
            indicators
                .iter()
                .any(|i| value(i, p).is_some_and(|v| v.qualifier != Qualifier::Exact))
        })
        .collect();
    let mut headers = vec![header(SEQ[0]), header(INDICATOR[0]), header(UNIT[0])];
    for (period, qualified) in periods.iter().zip(&qualified) {
        let label = period_heading(*period, dataset.meta.document_date);
        headers.push(header(&label));
        if *qualified {
            headers.push(header(&format!("{label}{}", QUALIFIER[0])));
        }
    }
    let rows = indicators
        .iter()
        .enumerate()
        .map(|(index, indicator)| {
            let unit = unit_symbol(dataset, indicator);
            let mut row = vec![count_cell(index + 1), text(&indicator.name), text(&unit)];
            for (period, qualified) in periods.iter().zip(&qualified) {
                match value(indicator, period) {
                    Some(v) => {
                        let mut cell = amount_cell(v.amount, &unit);
                        if !v.source.is_empty() {
                            cell.note = Some(v.source.clone());
                        }
                        row.push(cell);
                        if *qualified {
                            row.push(text(qualifier_word(v.qualifier)));
                        }
                    }
                    None => {
                        row.push(text(""));
                        if *qualified {
                            row.push(text(""));
                        }
                    }
                }
            }
            row
        })
        .collect();
    let title = format!("{} · {}", dataset.meta.name, area_name);
    let mut sheet = table(&name, &title, headers, rows, 2);
    if let Some(width) = sheet.widths.get_mut(0) {
        *width = 6.0;
    }
    sheet
}

fn indicator_sheet(dataset: &Dataset) -> SheetSpec {
    let mut headers = [
        AREA[0],
        AREA_EN[0],
        INDICATOR[0],
        UNIT[0],
        KIND[0],
        NAME_EN[0],
        DESCRIPTION[0],
        SCOPE[0],
    ]
    .map(header)
    .to_vec();
    // A pair of columns per period some indicator has a target for: the target, its note.
    let mut target_periods: Vec<Period> = dataset
        .indicators()
        .flat_map(|i| i.targets.iter().map(|t| t.period))
        .collect();
    crate::sorting::sort(&mut target_periods);
    target_periods.dedup();
    let today = dataset.meta.document_date;
    for period in &target_periods {
        let label = period_heading(*period, today);
        headers.push(header(&format!("{label}{TARGET_SUFFIX}")));
        headers.push(header(&format!("{label}{TARGET_NOTE_SUFFIX}")));
    }
    let mut rows = Vec::new();
    for area in dataset.areas() {
        for indicator in dataset.indicators_in(&area.id) {
            let kind = KIND_LABELS
                .iter()
                .find(|(code, _)| *code == indicator.kind.code())
                .map_or("", |(_, label)| label);
            let unit = unit_symbol(dataset, indicator);
            let mut row = vec![
                text(&area.name),
                text(&area.name_en),
                text(&indicator.name),
                text(&unit),
                text(kind),
                text(&indicator.name_en),
                wrap(&indicator.description),
                wrap(&indicator.scope_note),
            ];
            for period in &target_periods {
                match indicator.targets.iter().find(|t| t.period == *period) {
                    Some(target) => {
                        row.push(amount_cell(target.amount, &unit));
                        row.push(wrap(&target.note));
                    }
                    None => row.extend([text(""), text("")]),
                }
            }
            rows.push(row);
        }
    }
    table(SHEET_INDICATORS, SHEET_INDICATORS, headers, rows, 3)
}

/// A figure a relation names, as the 核对关系 sheet writes it: "工作领域 · 指标 · 时期".
pub fn figure_reference(dataset: &Dataset, reference: &crate::model::ValueRef) -> String {
    let indicator = dataset.indicator(&reference.indicator);
    let area = indicator
        .and_then(|i| dataset.area(&i.area))
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let name = indicator.map(|i| i.name.clone()).unwrap_or_default();
    let period = period_heading(reference.period, dataset.meta.document_date);
    [area, name, period].join(REF_SEPARATOR)
}

/// Each relation the source text states: its subject figure, kind, the figures it compares it
/// with (one a line), the stated figure with 约/余, whether the parts are all listed, the
/// sentence and the note.
fn relation_sheet(dataset: &Dataset) -> SheetSpec {
    let headers = [
        AREA[0],
        INDICATOR[0],
        UNIT[0],
        PERIOD[0],
        RELATION_KIND[0],
        BASE[0],
        STATED[0],
        QUALIFIER[0],
        COMPLETE[0],
        SOURCE[0],
        NOTE[0],
    ]
    .map(header)
    .to_vec();
    let today = dataset.meta.document_date;
    let mut relations: Vec<(String, &crate::model::Relation)> = dataset
        .relations()
        .map(|r| (figure_reference(dataset, &r.subject), r))
        .collect();
    crate::sorting::sort_by(&mut relations, |a, b| {
        a.0.cmp(&b.0)
            .then(a.1.kind.code().cmp(b.1.kind.code()))
            .then(a.1.id.cmp(&b.1.id))
    });
    let rows = relations
        .into_iter()
        .map(|(_, r)| {
            let indicator = dataset.indicator(&r.subject.indicator);
            let area = indicator
                .and_then(|i| dataset.area(&i.area))
                .map(|a| a.name.clone())
                .unwrap_or_default();
            let kind = RELATION_LABELS
                .iter()
                .find(|(code, _)| *code == r.kind.code())
                .map_or("", |(_, label)| label);
            let base: Vec<String> = r
                .base
                .iter()
                .map(|b| figure_reference(dataset, b))
                .collect();
            vec![
                text(&area),
                text(&indicator.map(|i| i.name.clone()).unwrap_or_default()),
                text(
                    &indicator
                        .map(|i| unit_symbol(dataset, i))
                        .unwrap_or_default(),
                ),
                text(&period_heading(r.subject.period, today)),
                text(kind),
                wrap(&base.join("\n")),
                optional_amount(r.stated, ""),
                text(qualifier_word(r.qualifier)),
                text(if r.complete { YES[0] } else { "" }),
                wrap(&r.source),
                wrap(&r.note),
            ]
        })
        .collect();
    let mut sheet = table(SHEET_RELATIONS, SHEET_RELATIONS, headers, rows, 2);
    for col in [5, 9, 10] {
        if let Some(width) = sheet.widths.get_mut(col) {
            *width = 50.0;
        }
    }
    sheet
}

fn source_sheet(dataset: &Dataset) -> SheetSpec {
    let headers = [
        AREA[0],
        INDICATOR[0],
        UNIT[0],
        PERIOD[0],
        SOURCE[0],
        SCOPE[0],
        NOTE[0],
    ]
    .map(header)
    .to_vec();
    let mut rows = Vec::new();
    for area in dataset.areas() {
        for indicator in dataset.indicators_in(&area.id) {
            let mut values: Vec<&Value> = dataset
                .values()
                .filter(|v| v.indicator == indicator.id)
                .filter(|v| !(v.source.is_empty() && v.scope_note.is_empty() && v.note.is_empty()))
                .collect();
            crate::sorting::sort_by_key(&mut values, |v| v.period);
            for v in values {
                rows.push(vec![
                    text(&area.name),
                    text(&indicator.name),
                    text(&unit_symbol(dataset, indicator)),
                    text(&period_heading(v.period, dataset.meta.document_date)),
                    wrap(&v.source),
                    wrap(&v.scope_note),
                    wrap(&v.note),
                ]);
            }
        }
    }
    let mut sheet = table(SHEET_SOURCES, SHEET_SOURCES, headers, rows, 2);
    for col in 4..7 {
        if let Some(width) = sheet.widths.get_mut(col) {
            *width = 50.0;
        }
    }
    sheet
}

fn unit_sheet(dataset: &Dataset) -> SheetSpec {
    let headers = [UNIT[0], NAME_EN[0], DIMENSION[0], FACTOR[0]]
        .map(header)
        .to_vec();
    let mut units: Vec<&crate::model::Unit> = dataset.units().collect();
    crate::sorting::sort_by(&mut units, |a, b| {
        a.dimension.cmp(&b.dimension).then(a.symbol.cmp(&b.symbol))
    });
    let rows = units
        .into_iter()
        .map(|u| {
            vec![
                text(&u.symbol),
                text(&u.name_en),
                text(&u.dimension),
                u.factor.map_or_else(|| text(""), |f| text(&f.canonical())),
            ]
        })
        .collect();
    table(SHEET_UNITS, SHEET_UNITS, headers, rows, 1)
}

/// The years any project plans investment for, in order.
fn plan_years(dataset: &Dataset) -> Vec<i32> {
    let mut years: Vec<i32> = dataset
        .projects()
        .flat_map(|p| p.annual_plans.iter().map(|(y, _)| *y))
        .collect();
    crate::sorting::sort(&mut years);
    years.dedup();
    years
}

fn project_sheet(dataset: &Dataset) -> SheetSpec {
    let years = plan_years(dataset);
    let mut headers: Vec<CellSpec> = [
        SEQ[0],
        PROJECT[0],
        CODE[0],
        CLASS[0],
        LEVEL[0],
        STATUS[0],
        OWNER[0],
        STREET[0],
        SECTION[0],
        ENTERED_BY[0],
        TOTAL[0],
        START[0],
        PLANNED_END[0],
        COMPLETED[0],
        SUBPROJECTS[0],
        LONGITUDE[0],
        LATITUDE[0],
    ]
    .map(header)
    .to_vec();
    headers.extend(MILESTONES.iter().map(|(_, label)| header(label)));
    headers.extend(years.iter().map(|y| header(&format!("{y}{PLAN_SUFFIX}"))));
    headers.push(header(TAGS[0]));
    headers.push(header(NOTE[0]));
    let rows = projects_in_order(dataset)
        .into_iter()
        .enumerate()
        .map(|(index, p)| {
            let mut row = vec![
                count_cell(index + 1),
                text(&p.name),
                text(&p.code),
                text(&p.class),
                text(&p.level),
                text(p.status.map_or("", |s| s.label_zh())),
                text(&p.owner),
                text(&p.street),
                text(&p.section),
                text(&p.entered_by),
                optional_amount(p.total_investment, "万元"),
                date_cell(p.start),
                date_cell(p.planned_completion),
                date_cell(p.completed_on),
                p.subprojects
                    .map_or_else(|| text(""), |n| count_cell(n as usize)),
                optional_amount(p.location.map(|l| l.0), ""),
                optional_amount(p.location.map(|l| l.1), ""),
            ];
            for (code, _) in MILESTONES {
                let date = p
                    .milestones
                    .iter()
                    .find(|m| m.stage.code() == code)
                    .map(|m| m.date);
                row.push(date_cell(date));
            }
            for year in &years {
                let plan = p
                    .annual_plans
                    .iter()
                    .find(|(y, _)| y == year)
                    .map(|(_, a)| *a);
                row.push(optional_amount(plan, "万元"));
            }
            row.push(text(&p.tags.join("、")));
            row.push(wrap(&p.note));
            row
        })
        .collect();
    let mut sheet = table(SHEET_PROJECTS, SHEET_PROJECTS, headers, rows, 2);
    if let Some(width) = sheet.widths.last_mut() {
        *width = 50.0;
    }
    sheet
}

/// Projects by name, then code, so a project's reports and items find it in the same order.
fn projects_in_order(dataset: &Dataset) -> Vec<&crate::model::Project> {
    let mut projects: Vec<&crate::model::Project> = dataset.projects().collect();
    crate::sorting::sort_by(&mut projects, |a, b| {
        a.name
            .cmp(&b.name)
            .then(a.code.cmp(&b.code))
            .then(a.id.cmp(&b.id))
    });
    projects
}

fn project_name_and_code(dataset: &Dataset, id: &crate::model::RecordId) -> (String, String) {
    dataset
        .project(id)
        .map(|p| (p.name.clone(), p.code.clone()))
        .unwrap_or_default()
}

fn report_sheet(dataset: &Dataset) -> SheetSpec {
    let headers = [
        PROJECT[0],
        CODE[0],
        MONTH[0],
        INVESTED_MONTH[0],
        INVESTED_CUMULATIVE[0],
        PROGRESS[0],
        PROBLEMS[0],
    ]
    .map(header)
    .to_vec();
    let mut reports: Vec<(&crate::model::ProgressReport, (String, String))> = dataset
        .reports()
        .map(|r| (r, project_name_and_code(dataset, &r.project)))
        .collect();
    crate::sorting::sort_by(&mut reports, |a, b| {
        a.1.cmp(&b.1).then(a.0.month.cmp(&b.0.month))
    });
    let rows = reports
        .into_iter()
        .map(|(r, (name, code))| {
            vec![
                text(&name),
                text(&code),
                text(&format!("{}年{}月", r.month.year, r.month.month)),
                optional_amount(r.invested_month, "万元"),
                optional_amount(r.invested_cumulative, "万元"),
                wrap(&r.progress),
                wrap(&r.problems),
            ]
        })
        .collect();
    table(SHEET_REPORTS, SHEET_REPORTS, headers, rows, 1)
}

fn supervision_sheet(dataset: &Dataset) -> SheetSpec {
    let headers = [
        PROJECT[0],
        CODE[0],
        PROBLEM[0],
        RESPONSIBLE[0],
        RAISED[0],
        DEADLINE[0],
        SUPERVISION_STATUS[0],
        RECTIFICATION[0],
    ]
    .map(header)
    .to_vec();
    let mut items: Vec<(&crate::model::SupervisionItem, (String, String))> = dataset
        .supervision_items()
        .map(|s| (s, project_name_and_code(dataset, &s.project)))
        .collect();
    crate::sorting::sort_by(&mut items, |a, b| {
        a.1.cmp(&b.1)
            .then(a.0.raised.cmp(&b.0.raised))
            .then(a.0.problem.cmp(&b.0.problem))
    });
    let rows = items
        .into_iter()
        .map(|(s, (name, code))| {
            let status = SUPERVISION_LABELS
                .iter()
                .find(|(c, _)| *c == s.status.code())
                .map_or("", |(_, l)| l);
            vec![
                text(&name),
                text(&code),
                wrap(&s.problem),
                text(&s.responsible),
                date_cell(Some(s.raised)),
                date_cell(s.deadline),
                text(status),
                wrap(&s.rectification),
            ]
        })
        .collect();
    table(SHEET_SUPERVISION, SHEET_SUPERVISION, headers, rows, 1)
}

fn bulletin_sheet(dataset: &Dataset) -> SheetSpec {
    let headers = [DATE[0], TITLE[0], BODY[0], PROJECTS[0]]
        .map(header)
        .to_vec();
    let mut bulletins: Vec<&crate::model::Bulletin> = dataset.bulletins().collect();
    crate::sorting::sort_by(&mut bulletins, |a, b| {
        a.date.cmp(&b.date).then(a.title.cmp(&b.title))
    });
    let rows = bulletins
        .into_iter()
        .map(|b| {
            let projects: Vec<String> = b
                .projects
                .iter()
                .filter_map(|id| dataset.project(id))
                .map(|p| p.name.clone())
                .collect();
            vec![
                date_cell(Some(b.date)),
                text(&b.title),
                wrap(&b.body),
                text(&projects.join("、")),
            ]
        })
        .collect();
    let mut sheet = table(SHEET_BULLETINS, SHEET_BULLETINS, headers, rows, 1);
    if let Some(width) = sheet.widths.get_mut(2) {
        *width = 60.0;
    }
    sheet
}

fn about_sheet(dataset: &Dataset) -> SheetSpec {
    let lines = [
        format!("台账:{}", dataset.meta.name),
        format!("截至日期:{}", dataset.meta.document_date.to_iso()),
        "每个工作领域一张表:指标为行,时期为列;“约/余”列标注约数与余数,数值本身为精确数;单元格批注为来源原文。".to_string(),
        "“指标信息”“数据来源”“核对关系”“单位”四张表保存指标类型、说明、口径、目标,每个数值的来源,以及原文表述的增长、占比、其中等核对关系,重新导入时一并读回。".to_string(),
        "“项目”“月度报送”“督办事项”“工作简报”为项目台账;金额单位为万元。".to_string(),
        "工作总结与共享记录只保存在台账的 JSON 文件中。".to_string(),
    ];
    let rows: Vec<Vec<CellSpec>> = lines.iter().map(|l| vec![text(l)]).collect();
    let mut sheet = table(SHEET_ABOUT, SHEET_ABOUT, vec![header(SHEET_ABOUT)], rows, 0);
    sheet.widths = vec![110.0];
    sheet.freeze_rows = 0;
    sheet
}

/// One sheet of the workbook as CSV text (UTF-8 with a BOM, as Excel on Chinese Windows
/// expects): the title row left out, numbers as their exact amounts, dates as yyyy-mm-dd.
pub fn sheet_csv(sheet: &SheetSpec) -> String {
    let rows: Vec<Vec<String>> = sheet
        .rows
        .iter()
        .skip(usize::from(
            sheet
                .merged
                .iter()
                .any(|m| m.first_row == 0 && m.last_row == 0),
        ))
        .map(|row| row.iter().map(|c| super::cell_text(&c.value)).collect())
        .collect();
    crate::format::csv::write(&rows)
}
