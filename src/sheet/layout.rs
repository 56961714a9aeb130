//! Where things are in a workbook: which sheet is a work area's figures (and which area),
//! which is the project list, the monthly reports and so on; which row holds the headings; which
//! column holds the names, the units, each period, 约/余, notes. [`guess`] reads it off the
//! workbook the way a person would; the app shows it as a preview the user corrects, and the
//! CLI takes a corrected one as a JSON mapping file.

use super::words::{self, is};
use super::{cell_text, Book, Cell, Sheet};
use crate::model::{parse_period, Date, Period};
use serde::{Deserialize, Serialize};

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A work area's figures: indicators in rows, periods in columns.
    Figures,
    /// Indicators' particulars (指标信息).
    Indicators,
    /// Figures' source sentences, scopes and notes (数据来源).
    Sources,
    /// The relations the source text states between figures (核对关系).
    Relations,
    Units,
    Projects,
    Reports,
    Supervision,
    Bulletins,
    /// Not read.
    Skip,
}

impl Role {
    pub const ALL: [Role; 10] = [
        Role::Figures,
        Role::Indicators,
        Role::Sources,
        Role::Relations,
        Role::Units,
        Role::Projects,
        Role::Reports,
        Role::Supervision,
        Role::Bulletins,
        Role::Skip,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Figures => "figures",
            Role::Indicators => "indicators",
            Role::Sources => "sources",
            Role::Relations => "relations",
            Role::Units => "units",
            Role::Projects => "projects",
            Role::Reports => "reports",
            Role::Supervision => "supervision",
            Role::Bulletins => "bulletins",
            Role::Skip => "skip",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", content = "of", rename_all = "snake_case")]
pub enum Column {
    Ignore,
    /// A figures sheet's indicator names.
    Name,
    Unit,
    /// A figures sheet's period (its code, e.g. "2016-YTD10").
    Period(String),
    /// 约/余 for the period column before it (the period's code).
    Qualifier(String),
    /// A figures sheet's notes on each indicator (its description).
    Note,
    /// A field of the other sheets (`words`' keys: "name", "code", "plan:2016",
    /// "milestone:approval", "target:2016", "target_note:2016" …).
    Field(String),
}

/// How one sheet is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetLayout {
    pub sheet: String,
    pub role: Role,
    /// The row of the column headings (0-based; the last row when headings take two rows).
    pub header_row: usize,
    /// For figures: the work area the sheet's indicators belong to.
    #[serde(default)]
    pub area: String,
    /// For figures: the unit of rows that name none (a "单位:万元" line above the table).
    #[serde(default)]
    pub unit: String,
    /// What each column holds, from column A.
    pub columns: Vec<Column>,
}

/// How a workbook is read: one layout per sheet, in the workbook's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Layout {
    pub sheets: Vec<SheetLayout>,
}

/// The field keys of the non-figure sheets, with the headings that name them.
fn fields(role: Role) -> Vec<(&'static str, &'static [&'static str])> {
    use words::*;
    match role {
        Role::Indicators => vec![
            ("area", AREA),
            ("area_en", AREA_EN),
            ("name", INDICATOR),
            ("unit", UNIT),
            ("kind", KIND),
            ("name_en", NAME_EN),
            ("description", DESCRIPTION),
            ("scope_note", SCOPE),
        ],
        Role::Sources => vec![
            ("area", AREA),
            ("name", INDICATOR),
            ("unit", UNIT),
            ("period", PERIOD),
            ("source", SOURCE),
            ("scope_note", SCOPE),
            ("note", NOTE),
        ],
        Role::Relations => vec![
            ("area", AREA),
            ("name", INDICATOR),
            ("unit", UNIT),
            ("period", PERIOD),
            ("relation_kind", RELATION_KIND),
            ("base", BASE),
            ("stated", STATED),
            ("qualifier", QUALIFIER),
            ("complete", COMPLETE),
            ("source", SOURCE),
            ("note", NOTE),
        ],
        Role::Units => vec![
            ("symbol", UNIT),
            ("name_en", NAME_EN),
            ("dimension", DIMENSION),
            ("factor", FACTOR),
        ],
        Role::Projects => vec![
            ("seq", SEQ),
            ("name", PROJECT),
            ("code", CODE),
            ("class", CLASS),
            ("level", LEVEL),
            ("status", STATUS),
            ("owner", OWNER),
            ("street", STREET),
            ("section", SECTION),
            ("entered_by", ENTERED_BY),
            ("total_investment", TOTAL),
            ("start", START),
            ("planned_completion", PLANNED_END),
            ("completed_on", COMPLETED),
            ("subprojects", SUBPROJECTS),
            ("longitude", LONGITUDE),
            ("latitude", LATITUDE),
            ("tags", TAGS),
            ("note", NOTE),
        ],
        Role::Reports => vec![
            ("project", PROJECT),
            ("code", CODE),
            ("month", MONTH),
            ("invested_month", INVESTED_MONTH),
            ("invested_cumulative", INVESTED_CUMULATIVE),
            ("progress", PROGRESS),
            ("problems", PROBLEMS),
        ],
        Role::Supervision => vec![
            ("project", PROJECT),
            ("code", CODE),
            ("problem", PROBLEM),
            ("responsible", RESPONSIBLE),
            ("raised", RAISED),
            ("deadline", DEADLINE),
            ("status", SUPERVISION_STATUS),
            ("rectification", RECTIFICATION),
        ],
        Role::Bulletins => vec![
            ("date", DATE),
            ("title", TITLE),
            ("body", BODY),
            ("projects", PROJECTS),
        ],
        Role::Figures | Role::Skip => Vec::new(),
    }
}

/// The field keys a sheet of this role can have, in the order the preview offers them.
pub fn field_keys(role: Role) -> Vec<&'static str> {
    fields(role).into_iter().map(|(key, _)| key).collect()
}

/// The field key a heading names in a sheet of this role, if any.
pub fn field_of(role: Role, heading: &str) -> Option<String> {
    if heading.trim().is_empty() {
        return None;
    }
    if role == Role::Projects {
        for (code, label) in words::MILESTONES {
            if is(heading, &[label]) {
                return Some(format!("milestone:{code}"));
            }
        }
        let squashed = words::squash(heading);
        if let Some(year) = squashed
            .strip_suffix(&words::squash(words::PLAN_SUFFIX))
            .or_else(|| squashed.strip_suffix("年计划投资"))
            .and_then(|y| y.parse::<i32>().ok())
        {
            return Some(format!("plan:{year}"));
        }
    }
    if role == Role::Indicators {
        if let Some(key) = target_field(heading) {
            return Some(key);
        }
    }
    fields(role)
        .into_iter()
        .find(|(_, spellings)| is(heading, spellings))
        .map(|(key, _)| key.to_string())
}

/// "2016年目标" → "target:2016", "2016年目标说明" → "target_note:2016" (and the English
/// "Target 2016", "Target note 2016"): a period that names its year, so no reporting date is
/// needed to read it.
fn target_field(heading: &str) -> Option<String> {
    let heading = heading.trim();
    let (key, period) = if let Some(p) = heading.strip_suffix(words::TARGET_NOTE_SUFFIX) {
        ("target_note", p)
    } else if let Some(p) = heading.strip_suffix(words::TARGET_SUFFIX) {
        ("target", p)
    } else if let Some(p) = heading.strip_prefix(words::TARGET_NOTE_EN) {
        ("target_note", p)
    } else if let Some(p) = heading.strip_prefix(words::TARGET_EN) {
        ("target", p)
    } else {
        return None;
    };
    let period = period.trim();
    if period.chars().filter(char::is_ascii_digit).count() < 4 {
        return None;
    }
    let period = Period::from_code(period)
        .ok()
        .or_else(|| parse_period(period, Date::new(2000, 1, 1).ok()?).ok())?;
    Some(format!("{key}:{}", period.code()))
}

/// How many different fields of a role the headings of a row name (a title merged across the
/// row names one at most).
fn distinct_fields(role: Role, headings: &[String]) -> usize {
    let mut keys: Vec<String> = headings.iter().filter_map(|h| field_of(role, h)).collect();
    crate::sorting::sort(&mut keys);
    keys.dedup();
    keys.len()
}

/// The text a cell shows, with a merged range's text for every cell it covers.
pub fn shown(sheet: &Sheet, row: usize, col: usize) -> String {
    if let Some(range) = sheet.merge_at(row, col) {
        return cell_text(sheet.cell(range.first_row as usize, range.first_col as usize));
    }
    cell_text(sheet.cell(row, col))
}

/// The period a heading names: alone ("2016年1—10月"), or under a year heading above it
/// ("1—9月" under a merged "2016年"). A date cell is its month.
pub fn heading_period(sheet: &Sheet, header_row: usize, col: usize, today: Date) -> Option<Period> {
    let own = sheet.cell(header_row, col);
    if let Cell::Date(serial) = own {
        let date = super::serial_date(*serial)?;
        return Some(Period::Month {
            year: date.year,
            month: date.month,
        });
    }
    let text = shown(sheet, header_row, col);
    if text.is_empty() {
        return None;
    }
    let above = if header_row > 0 {
        shown(sheet, header_row - 1, col)
    } else {
        String::new()
    };
    let has_year = text.chars().filter(char::is_ascii_digit).count() >= 4;
    if !has_year && !above.is_empty() {
        if let Ok(Period::Year(year)) = parse_period(&above, today) {
            let combined = if text.contains("全年") {
                format!("{year}年")
            } else {
                format!("{year}年{text}")
            };
            if let Ok(period) = parse_period(&combined, today) {
                return Some(period);
            }
        }
    }
    if !has_year {
        // "1—9月" alone would be read against the reporting date's year: not a guess to make.
        return None;
    }
    parse_period(&text, today).ok()
}

/// Whether a heading says 约/余 for the column before it.
fn is_qualifier_heading(heading: &str) -> bool {
    let squashed = words::squash(heading);
    words::QUALIFIER
        .iter()
        .any(|q| squashed.ends_with(&words::squash(q)))
}

/// Reads the layout of every sheet off the workbook (a hidden sheet is not read). `file_stem`
/// names the area of a sheet without a name of its own (a CSV file).
pub fn guess(book: &Book, today: Date, file_stem: &str) -> Layout {
    Layout {
        sheets: book
            .sheets
            .iter()
            .map(|sheet| guess_sheet(sheet, today, file_stem))
            .collect(),
    }
}

/// Names the work area of each figures sheet after one the ledger has when its guessed area
/// (a title such as "2016年鹿城区固定资产投资完成情况表") contains that name — the longest one
/// contained — so a bureau's sheet lands in the area it is about instead of a new one.
pub fn prefer_known_areas(layout: &mut Layout, known: &[String]) {
    for sheet in &mut layout.sheets {
        if sheet.role != Role::Figures || known.contains(&sheet.area) {
            continue;
        }
        if let Some(name) = known
            .iter()
            .filter(|name| !name.is_empty() && sheet.area.contains(name.as_str()))
            .max_by_key(|name| name.chars().count())
        {
            sheet.area = name.clone();
        }
    }
}

fn fixed_role(name: &str) -> Option<Role> {
    use words::*;
    [
        (SHEET_INDICATORS, Role::Indicators),
        (SHEET_SOURCES, Role::Sources),
        (SHEET_RELATIONS, Role::Relations),
        (SHEET_UNITS, Role::Units),
        (SHEET_PROJECTS, Role::Projects),
        (SHEET_REPORTS, Role::Reports),
        (SHEET_SUPERVISION, Role::Supervision),
        (SHEET_BULLETINS, Role::Bulletins),
        (SHEET_ABOUT, Role::Skip),
    ]
    .into_iter()
    .find(|(sheet, _)| *sheet == name.trim())
    .map(|(_, role)| role)
}

/// The rows looked at for headings.
const HEADING_ROWS: usize = 12;

/// Guesses one sheet.
pub fn guess_sheet(sheet: &Sheet, today: Date, file_stem: &str) -> SheetLayout {
    let width = sheet.width();
    let rows = sheet.rows.len().min(HEADING_ROWS);
    // The best heading row for each role: the one naming the most of its fields.
    let mut best: Option<(usize, Role, usize)> = None;
    for row in 0..rows {
        let headings: Vec<String> = (0..width).map(|c| shown(sheet, row, c)).collect();
        for role in [
            Role::Projects,
            Role::Reports,
            Role::Supervision,
            Role::Bulletins,
            Role::Indicators,
            Role::Sources,
            Role::Units,
        ] {
            let named = distinct_fields(role, &headings);
            let needed = match role {
                Role::Projects => {
                    headings
                        .iter()
                        .any(|h| field_of(role, h).as_deref() == Some("name"))
                        && named >= 3
                }
                Role::Reports => {
                    headings
                        .iter()
                        .any(|h| field_of(role, h).as_deref() == Some("month"))
                        && named >= 3
                }
                Role::Supervision => {
                    headings
                        .iter()
                        .any(|h| field_of(role, h).as_deref() == Some("problem"))
                        && named >= 3
                }
                Role::Bulletins => {
                    headings
                        .iter()
                        .any(|h| field_of(role, h).as_deref() == Some("title"))
                        && named >= 2
                }
                _ => false,
            };
            if needed && best.is_none_or(|(_, _, n)| named > n) {
                best = Some((row, role, named));
            }
        }
    }
    let fixed = fixed_role(&sheet.name);
    let figures_row = figures_header_row(sheet, today);
    let (role, header_row) = match (fixed, best, figures_row) {
        // A hidden sheet is a clerk's scratch copy or a lookup list, not what the workbook
        // shows: not read unless the user says so.
        _ if sheet.hidden => (Role::Skip, 0),
        (Some(Role::Skip), _, _) => (Role::Skip, 0),
        (Some(role), _, _) if role != Role::Figures => {
            let row = (0..rows)
                .find(|r| {
                    let headings: Vec<String> = (0..width).map(|c| shown(sheet, *r, c)).collect();
                    distinct_fields(role, &headings) >= 2
                })
                .unwrap_or(1);
            (role, row)
        }
        (_, Some((row, role, _)), _) => (role, row),
        (_, None, Some(row)) => (Role::Figures, row),
        _ => (Role::Skip, 0),
    };
    let mut layout = SheetLayout {
        sheet: sheet.name.clone(),
        role,
        header_row,
        area: String::new(),
        unit: String::new(),
        columns: Vec::new(),
    };
    layout.columns = guess_columns(sheet, role, header_row, today);
    if role == Role::Figures {
        layout.area = guess_area(sheet, header_row, file_stem);
        layout.unit = unit_line(sheet, header_row);
    }
    layout
}

/// The columns of a sheet whose role and heading row are known (what the preview recomputes
/// when the user changes either).
pub fn guess_columns(sheet: &Sheet, role: Role, header_row: usize, today: Date) -> Vec<Column> {
    let width = sheet.width();
    let mut columns = Vec::with_capacity(width);
    let mut name_taken = false;
    for col in 0..width {
        let heading = shown(sheet, header_row, col);
        let column = match role {
            Role::Skip => Column::Ignore,
            Role::Figures => {
                if let Some(period) = heading_period(sheet, header_row, col, today) {
                    Column::Period(period.code())
                } else if is_qualifier_heading(&heading) {
                    match columns.last() {
                        Some(Column::Period(code)) => Column::Qualifier(code.clone()),
                        _ => Column::Ignore,
                    }
                } else if is(&heading, words::UNIT) {
                    Column::Unit
                } else if !name_taken && is(&heading, words::INDICATOR) {
                    Column::Name
                } else if is(&heading, words::NOTE) || is(&heading, words::DESCRIPTION) {
                    Column::Note
                } else {
                    Column::Ignore
                }
            }
            _ => field_of(role, &heading).map_or(Column::Ignore, Column::Field),
        };
        if column == Column::Name {
            name_taken = true;
        }
        columns.push(column);
    }
    if role == Role::Figures && !name_taken {
        // No heading says which: the first column of mostly text below the headings.
        if let Some(col) = (0..width).find(|col| {
            matches!(columns[*col], Column::Ignore) && mostly_text(sheet, header_row + 1, *col)
        }) {
            columns[col] = Column::Name;
        }
    }
    columns
}

fn mostly_text(sheet: &Sheet, from_row: usize, col: usize) -> bool {
    let cells: Vec<&Cell> = (from_row..sheet.rows.len())
        .map(|r| sheet.cell(r, col))
        .filter(|c| !c.is_empty())
        .collect();
    let text = cells
        .iter()
        .filter(|c| match c {
            Cell::Text(t) => crate::model::parse_amount_input(t).is_err(),
            _ => false,
        })
        .count();
    !cells.is_empty() && text * 2 > cells.len()
}

/// The heading row of a figures sheet: the first of the top rows with the most different
/// period headings. Different ones, because a year merged across two columns ("2016年" over
/// "1—9月" and "1-10月") shows in both and would otherwise count twice, tie with the row
/// below it and win, and that row of months would be read as a row of figures.
fn figures_header_row(sheet: &Sheet, today: Date) -> Option<usize> {
    let width = sheet.width();
    let mut best: Option<(usize, usize)> = None;
    for row in 0..sheet.rows.len().min(HEADING_ROWS) {
        let mut found: Vec<Period> = (0..width)
            .filter_map(|col| heading_period(sheet, row, col, today))
            .collect();
        crate::sorting::sort(&mut found);
        found.dedup();
        let periods = found.len();
        if periods > 0 && best.is_none_or(|(_, n)| periods > n) {
            best = Some((row, periods));
        }
    }
    best.map(|(row, _)| row)
}

/// The area a figures sheet belongs to: the sheet's own name, unless it is a default name
/// (Sheet1, 工作表1) or there is none (CSV), then the title above the headings, else the file.
fn guess_area(sheet: &Sheet, header_row: usize, file_stem: &str) -> String {
    let name = sheet.name.trim();
    let generic = name.is_empty()
        || name.to_lowercase().starts_with("sheet")
        || name.starts_with("工作表")
        || name.starts_with("Sheet");
    if !generic {
        return name.to_string();
    }
    // The rows above the headings, less the one right above them when there are two or more
    // (a year merged over the month headings sits there, not the title).
    let last = if header_row >= 2 {
        header_row - 1
    } else {
        header_row
    };
    for row in 0..last {
        let texts: Vec<String> = (0..sheet.width())
            .map(|c| cell_text(sheet.cell(row, c)))
            .filter(|t| !t.is_empty())
            .collect();
        if texts.len() == 1 && !texts[0].contains("单位") {
            return texts[0].clone();
        }
    }
    file_stem.to_string()
}

/// A "单位:万元" (or "(单位:亿元)") line above the headings: the unit of rows that name none.
fn unit_line(sheet: &Sheet, header_row: usize) -> String {
    for row in 0..header_row {
        for col in 0..sheet.width() {
            let text = cell_text(sheet.cell(row, col));
            let squashed: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && !"()（）".contains(*c))
                .collect();
            for prefix in ["单位:", "单位：", "计量单位:", "计量单位：", "Unit:"] {
                if let Some(pos) = squashed.find(prefix) {
                    let unit = &squashed[pos + prefix.len()..];
                    let unit: String = unit
                        .chars()
                        .take_while(|c| !matches!(c, ',' | '，' | ';' | '；'))
                        .collect();
                    if !unit.is_empty() {
                        return unit;
                    }
                }
            }
        }
    }
    String::new()
}
