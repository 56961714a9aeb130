//! Spreadsheets in and out: the ledger as a workbook the bureau's Excel/WPS users read
//! ([`export`]), and the bureau's own workbooks, CSV files and pasted blocks read back into the
//! ledger ([`layout`] guesses where things are, the user corrects it, [`import`] reads it).
//!
//! Pure: the grid types come from the `taizhang-sheets` crate (no features: types only); the
//! bytes are read and written there, natively for the CLI and tests, and in a second wasm module
//! the app loads when a spreadsheet is first used. The workbook is written in Chinese (the
//! bureau's document language, like the templates superiors send); the reader also knows the
//! English headings.
//!
//! Invariants: a workbook written by [`export::workbook`] reads back through
//! [`layout::guess`] and [`import::read`] to the same figures, targets, relations, projects,
//! reports, supervision items and bulletins (tests/sheets.rs); every problem a sheet has is
//! reported with its sheet, row and column, and a sheet with problems changes nothing.

pub mod export;
pub mod import;
pub mod layout;

use crate::model::{Amount, Date};
pub use taizhang_sheets::grid::{
    Book, BookSpec, Cell, CellSpec, Range, ReadError, Sheet, SheetSpec, Style,
};

/// The headings the workbook writes, and what the reader recognises for each column. The first
/// spelling is written; the others are what bureaus (and the English UI) type.
pub mod words {
    pub const SEQ: &[&str] = &["序号", "编号", "No.", "#"];
    pub const INDICATOR: &[&str] = &["指标", "指标名称", "项目", "名称", "Indicator", "Name"];
    pub const UNIT: &[&str] = &["单位", "计量单位", "Unit"];
    pub const AREA: &[&str] = &["工作领域", "领域", "Work area", "Area"];
    pub const AREA_EN: &[&str] = &["领域英文名", "Area (English)"];
    pub const KIND: &[&str] = &["类型", "指标类型", "Kind"];
    pub const NAME_EN: &[&str] = &["英文名称", "English name"];
    pub const DESCRIPTION: &[&str] = &["说明", "指标说明", "Description"];
    pub const SCOPE: &[&str] = &["口径说明", "口径", "Scope"];
    pub const PERIOD: &[&str] = &["时期", "期间", "Period"];
    pub const SOURCE: &[&str] = &["来源原文", "来源", "出处", "Source"];
    pub const NOTE: &[&str] = &["备注", "附注", "Note", "Notes"];
    pub const QUALIFIER: &[&str] = &["约/余", "限定", "约数"];
    pub const DIMENSION: &[&str] = &["量纲", "Dimension"];
    pub const FACTOR: &[&str] = &["换算系数", "Factor"];

    pub const PROJECT: &[&str] = &["项目名称", "项目", "Project"];
    pub const CODE: &[&str] = &["项目代码", "赋码", "代码", "Code"];
    pub const CLASS: &[&str] = &["类别", "项目类别", "Class"];
    pub const LEVEL: &[&str] = &["级别", "项目级别", "Level"];
    pub const STATUS: &[&str] = &["建设状态", "状态", "Status"];
    pub const OWNER: &[&str] = &["业主单位", "建设单位", "业主", "Owner"];
    pub const STREET: &[&str] = &["所属街道", "街道", "镇街", "Street"];
    pub const SECTION: &[&str] = &["责任科室", "科室", "Section"];
    pub const ENTERED_BY: &[&str] = &["录入人", "填报人", "Entered by"];
    pub const TOTAL: &[&str] = &["总投资(万元)", "总投资", "Total investment"];
    pub const START: &[&str] = &["开工日期", "开工时间", "Start"];
    pub const PLANNED_END: &[&str] = &["计划竣工日期", "计划竣工", "Planned completion"];
    pub const COMPLETED: &[&str] = &["竣工日期", "实际竣工", "Completed on"];
    pub const SUBPROJECTS: &[&str] = &["子项目数", "Subprojects"];
    pub const LONGITUDE: &[&str] = &["经度", "Longitude"];
    pub const LATITUDE: &[&str] = &["纬度", "Latitude"];
    pub const TAGS: &[&str] = &["标签", "Tags"];
    pub const MILESTONES: [(&str, &str); 4] = [
        ("approval", "立项时间"),
        ("feasibility", "可研批复时间"),
        ("preliminary_design", "初设批复时间"),
        ("start", "开工节点时间"),
    ];
    /// "2016年计划投资(万元)".
    pub const PLAN_SUFFIX: &str = "年计划投资(万元)";

    pub const MONTH: &[&str] = &["月份", "报送月份", "Month"];
    pub const INVESTED_MONTH: &[&str] = &["当月完成投资(万元)", "当月完成投资", "本月完成投资"];
    pub const INVESTED_CUMULATIVE: &[&str] =
        &["累计完成投资(万元)", "累计完成投资", "自开工累计完成投资"];
    pub const PROGRESS: &[&str] = &["形象进度", "进展情况", "Progress"];
    pub const PROBLEMS: &[&str] = &["存在问题", "问题", "Problems"];

    pub const PROBLEM: &[&str] = &["督办问题", "督办事项", "Problem"];
    pub const RESPONSIBLE: &[&str] = &["责任单位", "Responsible"];
    pub const RAISED: &[&str] = &["提出日期", "交办日期", "Raised"];
    pub const DEADLINE: &[&str] = &["办结时限", "整改时限", "Deadline"];
    pub const SUPERVISION_STATUS: &[&str] = &["办理状态", "Status"];
    pub const RECTIFICATION: &[&str] = &["整改情况", "Rectification"];

    pub const DATE: &[&str] = &["日期", "Date"];
    pub const TITLE: &[&str] = &["标题", "Title"];
    pub const BODY: &[&str] = &["正文", "内容", "Body"];
    pub const PROJECTS: &[&str] = &["涉及项目", "Projects"];

    pub const RELATION_KIND: &[&str] = &["关系类型", "类型", "Kind"];
    /// The figures a relation compares its subject with, one a line: "工作领域 · 指标 · 时期".
    pub const BASE: &[&str] = &["对照数据", "对照指标", "Compared with", "Base"];
    pub const STATED: &[&str] = &["表述数值", "原文数值", "Stated"];
    pub const COMPLETE: &[&str] = &["分项齐全", "Complete"];
    /// Between the work area, the indicator and the period of a figure a relation names.
    pub const REF_SEPARATOR: &str = " · ";
    /// "2016年目标" and "2016年目标说明" (an indicator's target for a period, and its note).
    pub const TARGET_SUFFIX: &str = "目标";
    pub const TARGET_NOTE_SUFFIX: &str = "目标说明";
    pub const TARGET_EN: &str = "Target ";
    pub const TARGET_NOTE_EN: &str = "Target note ";
    pub const YES: &[&str] = &["是", "√", "✓", "yes", "true", "y"];
    pub const NO: &[&str] = &["否", "", "×", "no", "false", "n"];

    /// The names of the fixed sheets.
    pub const SHEET_INDICATORS: &str = "指标信息";
    pub const SHEET_SOURCES: &str = "数据来源";
    pub const SHEET_RELATIONS: &str = "核对关系";
    pub const SHEET_UNITS: &str = "单位";
    pub const SHEET_PROJECTS: &str = "项目";
    pub const SHEET_REPORTS: &str = "月度报送";
    pub const SHEET_SUPERVISION: &str = "督办事项";
    pub const SHEET_BULLETINS: &str = "工作简报";
    pub const SHEET_ABOUT: &str = "说明";

    /// A row whose name says it adds up the rows above it.
    pub const TOTAL_ROWS: &[&str] = &["合计", "总计", "小计", "合 计", "总 计", "Total"];

    pub const SUPERVISION_LABELS: [(&str, &str); 3] = [
        ("open", "办理中"),
        ("rectified", "已整改"),
        ("closed", "已办结"),
    ];
    pub const KIND_LABELS: [(&str, &str); 2] = [("flow", "流量"), ("stock", "存量")];
    /// A relation's kind as the 核对关系 sheet writes it.
    pub const RELATION_LABELS: [(&str, &str); 8] = [
        ("parts_of", "其中"),
        ("stated_growth", "增长"),
        ("stated_multiple", "倍数"),
        ("stated_points", "百分点"),
        ("stated_share", "占比"),
        ("cumulative_of", "累计"),
        ("stated_difference", "差额"),
        ("stated_rank", "排名"),
    ];

    /// Whether a heading is one of the spellings (spaces, line breaks and case ignored).
    pub fn is(heading: &str, spellings: &[&str]) -> bool {
        let heading = squash(heading);
        spellings.iter().any(|s| squash(s) == heading)
    }

    /// A heading without spaces, line breaks, full-width brackets or case.
    pub fn squash(text: &str) -> String {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    }
}

/// Why a spreadsheet file could not be read, as the app and the CLI say it.
pub fn read_error_message(error: &ReadError) -> crate::i18n::Message {
    use crate::i18n::Message;
    match error {
        ReadError::Encrypted => Message::new("sheet.file.encrypted"),
        ReadError::Damaged { format, detail } => Message::new("sheet.file.damaged")
            .with("format", format)
            .with("detail", detail),
        ReadError::Unknown => Message::new("sheet.file.unknown"),
        ReadError::Empty => Message::new("sheet.file.empty"),
    }
}

/// How wide text shows in a spreadsheet column, in characters of the default font: a Chinese
/// (wide) character counts two.
pub fn display_width(text: &str) -> usize {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

/// An amount as a spreadsheet number, when the number reads back as exactly the amount (else
/// it is written as text, which the reader reads exactly too).
pub fn amount_number(amount: Amount) -> Option<f64> {
    let number: f64 = amount.0.to_string().parse().ok()?;
    (number_amount(number)? == amount).then_some(number)
}

/// A spreadsheet number as an amount: its shortest decimal form (what Excel shows for it).
pub fn number_amount(number: f64) -> Option<Amount> {
    if !number.is_finite() {
        return None;
    }
    Amount::from_canonical(&format!("{number}"))
        .ok()
        .or_else(|| {
            format!("{number}")
                .parse::<rust_decimal::Decimal>()
                .ok()
                .map(|d| Amount(d.normalize()))
        })
}

/// Excel's serial day number of 1970-01-01 (the 1900 date system).
const SERIAL_1970: i64 = 25_569;

/// A date as Excel's serial day number.
pub fn date_serial(date: Date) -> f64 {
    (date.day_number() + SERIAL_1970) as f64
}

/// Excel's serial day number as a date (the time of day ignored); `None` outside 1900–2200.
pub fn serial_date(serial: f64) -> Option<Date> {
    if !serial.is_finite() || serial < 61.0 {
        return None;
    }
    let days = serial.floor() as i64 - SERIAL_1970;
    // Civil from days (Howard Hinnant's algorithm), the inverse of Date::day_number.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date::new(i32::try_from(year).ok()?, month as u32, day as u32).ok()
}

/// The text of a cell as a person reads it (numbers in their shortest form, dates as
/// yyyy-mm-dd).
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) | Cell::DateText(text) | Cell::Error(text) | Cell::Formula(text) => {
            text.trim().to_string()
        }
        Cell::Number(number) => format!("{number}"),
        Cell::Bool(value) => value.to_string(),
        Cell::Date(serial) => serial_date(*serial)
            .map(|d| d.to_iso())
            .unwrap_or_else(|| format!("{serial}")),
    }
}

/// A column's letters: 0 → "A", 27 → "AB".
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A cell's address as a spreadsheet shows it: row 0, column 2 → "C1".
pub fn cell_address(row: usize, col: usize) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_numbers_and_dates_agree_with_excel() {
        let date = Date::new(2016, 10, 31).unwrap();
        assert_eq!(date_serial(date), 42674.0);
        assert_eq!(serial_date(42674.0), Some(date));
        assert_eq!(serial_date(42674.75), Some(date));
        assert_eq!(serial_date(61.0), Date::new(1900, 3, 1).ok());
        assert_eq!(serial_date(f64::NAN), None);
    }

    #[test]
    fn amounts_go_to_numbers_only_when_they_come_back_exactly() {
        let amount = Amount::from_canonical("742.3464").unwrap();
        assert_eq!(amount_number(amount), Some(742.3464));
        assert_eq!(number_amount(742.3464), Some(amount));
        let long = Amount::from_canonical("1234567890.123456789").unwrap();
        assert_eq!(amount_number(long), None);
        assert_eq!(cell_address(0, 2), "C1");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(display_width("固定资产投资 2016"), 17);
    }
}
