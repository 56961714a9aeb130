//! The work summary (工作总结), written from the ledger: a document of headings and paragraphs
//! in which every figure is a [`Token`] bound to the data — an indicator's figure for a period,
//! or a figure derived from them (growth, CAGR, share, cumulative total) — so the text can
//! never disagree with the ledger. [`first_draft`] writes a starting report in the bureau's
//! register; [`render_token`] says a token in either language, and a figure the ledger lacks is
//! a visible gap with the reason, never 0; [`to_markdown`] writes the document out.
//!
//! Pure: model, calc and i18n in, text out; the page, the print view and the CLI share it.

mod draft;
mod wording;

pub use draft::first_draft;
pub use wording::{comparison_base, growth_wording, GrowthWording};

use crate::i18n::Message;
use crate::model::{Dataset, Lang, Period, Qualifier, RecordId};
use rust_decimal::Decimal;

pub use crate::model::summary::{Block, Inline, Token};

/// A report: its title and blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDoc {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl ReportDoc {
    /// The report as a record to keep in the ledger (stamps and author are the edit's).
    pub fn into_summary(self, id: RecordId) -> crate::model::Summary {
        crate::model::Summary {
            id,
            title: self.title,
            blocks: self.blocks,
            stamps: Default::default(),
            updated_by: String::new(),
        }
    }

    /// A summary kept in the ledger, to render.
    pub fn of_summary(summary: &crate::model::Summary) -> ReportDoc {
        ReportDoc {
            title: summary.title.clone(),
            blocks: summary.blocks.clone(),
        }
    }
}

/// A token said in a language, or the gap where the ledger lacks what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    Text(String),
    /// The figure is missing: shown as a marked gap, with why.
    Gap(Message),
}

impl Rendered {
    /// The text, with a gap written as 【缺：…】 / [missing: …] so it cannot pass for a figure.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Rendered::Text(text) => text.clone(),
            Rendered::Gap(message) => Message::new("report.gap")
                .with_message("reason", message.clone())
                .render(lang),
        }
    }
}

/// A number as the report writes it: no thousands separators in Chinese ("1338.71", as the
/// bureau writes), grouped in English ("1,338.71").
fn number(value: Decimal, lang: Lang) -> String {
    let amount = crate::model::Amount(value.normalize());
    match lang {
        Lang::Zh => amount.canonical(),
        Lang::En => amount.grouped(),
    }
}

/// A figure in English units: 亿元 as billions ("370亿元" → 37 billion yuan), 万元 as millions
/// from 100万元 up ("8300万元" → 83 million yuan) and as ten-thousands below; any other unit by
/// its English name. The scaling moves the decimal point of the exact figure, never rounds.
fn english_figure(value: Decimal, unit: Option<&crate::model::Unit>) -> (Decimal, String) {
    let Some(unit) = unit else {
        return (value, String::new());
    };
    let money_factor = (unit.dimension == "money")
        .then(|| unit.factor.map(|f| f.0.normalize()))
        .flatten();
    let shifted = |places: u32| value.checked_mul(Decimal::new(1, places));
    let yi = Decimal::new(100_000_000, 0);
    let wan = Decimal::new(10_000, 0);
    match money_factor {
        Some(f) if f == yi => {
            if let Some(billions) = shifted(1) {
                return (billions, "billion yuan".to_string());
            }
        }
        Some(f) if f == wan && value.abs() >= Decimal::ONE_HUNDRED => {
            if let Some(millions) = shifted(2) {
                return (millions, "million yuan".to_string());
            }
        }
        Some(f) if f == wan => return (value, "ten-thousand yuan".to_string()),
        _ => {}
    }
    let name = if unit.name_en.is_empty() {
        unit.symbol.clone()
    } else {
        unit.name_en.clone()
    };
    (value, name)
}

/// A figure with its unit and qualifier: "约527亿元", "150多幢" / "about 52.7 billion yuan".
/// The model keeps 多 and 余 as one qualifier ("at least"), so both are written 多.
fn figure_with_unit(
    value: Decimal,
    qualifier: Qualifier,
    dataset: &Dataset,
    indicator: &RecordId,
    lang: Lang,
) -> String {
    let unit = dataset
        .indicator(indicator)
        .and_then(|i| dataset.unit(&i.unit));
    match lang {
        Lang::Zh => {
            let n = number(value, lang);
            let symbol = unit.map(|u| u.symbol.as_str()).unwrap_or_default();
            match qualifier {
                Qualifier::Exact => format!("{n}{symbol}"),
                Qualifier::About => format!("约{n}{symbol}"),
                Qualifier::AtLeast => format!("{n}多{symbol}"),
            }
        }
        Lang::En => {
            let (value, name) = english_figure(value, unit);
            let n = number(value, lang);
            let sep = if name == "%" { "" } else { " " };
            match qualifier {
                Qualifier::Exact => format!("{n}{sep}{name}"),
                Qualifier::About => format!("about {n}{sep}{name}"),
                Qualifier::AtLeast => format!("over {n}{sep}{name}"),
            }
        }
    }
}

fn gap_figure(indicator: &RecordId, period: &Period, dataset: &Dataset, lang: Lang) -> Rendered {
    match dataset.indicator(indicator) {
        None => Rendered::Gap(Message::new("report.gap_indicator").with("id", indicator)),
        Some(_) => Rendered::Gap(
            Message::new("report.gap_figure")
                .with(
                    "name",
                    crate::calc::checks::indicator_name(dataset, indicator, lang),
                )
                .with("period_code", period.code()),
        ),
    }
}

/// Says a token in a language from the ledger as it is now.
pub fn render_token(dataset: &Dataset, token: &Token, lang: Lang) -> Rendered {
    match token {
        Token::Figure { indicator, period } => match dataset.value_at(indicator, period) {
            Some(value) => Rendered::Text(figure_with_unit(
                value.amount.0,
                value.qualifier,
                dataset,
                indicator,
                lang,
            )),
            None => gap_figure(indicator, period, dataset, lang),
        },
        Token::Growth {
            indicator,
            from,
            to,
        } => {
            let (Some(before), Some(after)) = (
                dataset.value_at(indicator, from),
                dataset.value_at(indicator, to),
            ) else {
                let missing = if dataset.value_at(indicator, from).is_none() {
                    from
                } else {
                    to
                };
                return gap_figure(indicator, missing, dataset, lang);
            };
            match growth_wording(dataset, before, after) {
                Some(wording) => Rendered::Text(wording.text(lang)),
                None => Rendered::Gap(Message::new("report.gap_zero_base")),
            }
        }
        Token::Cagr {
            indicator,
            from,
            to,
        } => {
            let before = dataset.value_at(indicator, &Period::Year(*from));
            let after = dataset.value_at(indicator, &Period::Year(*to));
            match (before, after) {
                (Some(b), Some(a)) => match crate::calc::cagr_between(b, a) {
                    Some(cagr) => {
                        let pct = Decimal::try_from(cagr.percent)
                            .unwrap_or_default()
                            .round_dp(1);
                        // A fall is said as one: 年均下降x%, never 年均增长-x%.
                        let key = if pct.is_sign_negative() && !pct.is_zero() {
                            "report.cagr_down"
                        } else {
                            "report.cagr"
                        };
                        Rendered::Text(
                            Message::new(key)
                                .with("pct", number(pct.abs(), lang))
                                .render(lang),
                        )
                    }
                    None => Rendered::Gap(Message::new("report.gap_zero_base")),
                },
                (None, _) => gap_figure(indicator, &Period::Year(*from), dataset, lang),
                (_, None) => gap_figure(indicator, &Period::Year(*to), dataset, lang),
            }
        }
        Token::Share {
            indicator,
            period,
            whole,
            whole_period,
        } => {
            let Some(part) = dataset.value_at(indicator, period) else {
                return gap_figure(indicator, period, dataset, lang);
            };
            let Some(total) = dataset.value_at(whole, whole_period) else {
                return gap_figure(whole, whole_period, dataset, lang);
            };
            let unit = |id: &RecordId| dataset.indicator(id).and_then(|i| dataset.unit(&i.unit));
            // A unit record missing (either side) is a unit that cannot convert: computing
            // without converting could give a wrong share, so it is a gap.
            let converted = match (unit(indicator), unit(whole)) {
                (Some(from), Some(to)) => crate::calc::convert(part.amount, from, to),
                _ => None,
            };
            let Some(converted) = converted else {
                return Rendered::Gap(Message::new("report.gap_units"));
            };
            match crate::calc::share_percent(converted.0, total.amount.0) {
                Some(pct) => Rendered::Text(
                    Message::new("report.share")
                        .with("pct", number(pct.round_dp(1), lang))
                        .with(
                            "whole",
                            crate::calc::checks::indicator_name(dataset, whole, lang),
                        )
                        .with("period_code", whole_period.code())
                        .render(lang),
                ),
                None => Rendered::Gap(Message::new("report.gap_zero_base")),
            }
        }
        Token::Rank { indicator, period } => {
            let Some(value) = dataset.value_at(indicator, period) else {
                return gap_figure(indicator, period, dataset, lang);
            };
            let alike: Vec<_> = dataset
                .values_of(indicator)
                .into_iter()
                .filter(|v| {
                    crate::calc::comparability(&v.period, period)
                        == crate::calc::Comparability::Comparable
                })
                .collect();
            let rank = 1 + alike.iter().filter(|v| v.amount.0 > value.amount.0).count();
            let first = alike.first().map(|v| v.period.code()).unwrap_or_default();
            let last = alike.last().map(|v| v.period.code()).unwrap_or_default();
            Rendered::Text(
                Message::new("report.rank")
                    .with("rank", rank)
                    .with("count", alike.len())
                    .with("first_code", first)
                    .with("last_code", last)
                    .render(lang),
            )
        }
        Token::Cumulative {
            indicator,
            from,
            to,
        } => {
            let sum = crate::calc::cumulative(dataset, indicator, *from, *to);
            if let Some(missing) = sum.years_missing.first() {
                return gap_figure(indicator, &Period::Year(*missing), dataset, lang);
            }
            // A total of figures one of which is 约 is 约 itself; of figures one of which is
            // 多 (and none 约), 多.
            let qualifiers: Vec<Qualifier> = sum
                .years_present
                .iter()
                .filter_map(|y| dataset.value_at(indicator, &Period::Year(*y)))
                .map(|v| v.qualifier)
                .collect();
            let qualifier = if qualifiers.contains(&Qualifier::About) {
                Qualifier::About
            } else if qualifiers.contains(&Qualifier::AtLeast) {
                Qualifier::AtLeast
            } else {
                Qualifier::Exact
            };
            Rendered::Text(figure_with_unit(
                sum.total, qualifier, dataset, indicator, lang,
            ))
        }
    }
}

/// Why a figures block (chart and table) cannot be drawn: its indicator is gone, or the ledger
/// has no figure of it. `None` when it can.
pub fn figures_gap(dataset: &Dataset, indicator: &RecordId, lang: Lang) -> Option<Rendered> {
    if dataset.indicator(indicator).is_none() {
        return Some(Rendered::Gap(
            Message::new("report.gap_indicator").with("id", indicator),
        ));
    }
    dataset.values_of(indicator).is_empty().then(|| {
        Rendered::Gap(Message::new("report.gap_no_figures").with(
            "name",
            crate::calc::checks::indicator_name(dataset, indicator, lang),
        ))
    })
}

/// The gaps of a document: every token the ledger cannot fill and every chart and table it
/// cannot draw, with why (export lists them first).
pub fn gaps(dataset: &Dataset, doc: &ReportDoc, lang: Lang) -> Vec<String> {
    let gap = |rendered: Rendered| match rendered {
        Rendered::Gap(message) => Some(message.render(lang)),
        Rendered::Text(_) => None,
    };
    doc.blocks
        .iter()
        .flat_map(|b| match b {
            Block::Paragraph(inlines) => inlines
                .iter()
                .filter_map(|inline| match inline {
                    Inline::Token(token) => gap(render_token(dataset, token, lang)),
                    Inline::Text(_) => None,
                })
                .collect::<Vec<_>>(),
            Block::Figures { indicator } => figures_gap(dataset, indicator, lang)
                .and_then(gap)
                .into_iter()
                .collect(),
            Block::Heading { .. } => Vec::new(),
        })
        .collect()
}

/// A paragraph's text with its tokens rendered.
pub fn paragraph_text(dataset: &Dataset, inlines: &[Inline], lang: Lang) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.clone(),
            Inline::Token(token) => render_token(dataset, token, lang).text(lang),
        })
        .collect()
}

/// The document as Markdown: headings, paragraphs, and each figures block as a table of the
/// indicator's values (period, figure, remark); the gaps, if any, listed first.
pub fn to_markdown(dataset: &Dataset, doc: &ReportDoc, lang: Lang) -> String {
    let mut out = format!("# {}\n\n", doc.title);
    let gaps = gaps(dataset, doc, lang);
    if !gaps.is_empty() {
        out.push_str(&format!(
            "> {}\n",
            crate::i18n::text(lang, "report.gaps_first")
        ));
        for gap in gaps {
            out.push_str(&format!("> - {gap}\n"));
        }
        out.push('\n');
    }
    for block in &doc.blocks {
        match block {
            Block::Heading {
                level,
                number,
                text,
            } => {
                let hashes = "#".repeat(usize::from(*level).clamp(1, 5) + 1);
                out.push_str(&format!("{hashes} {number}{text}\n\n"));
            }
            Block::Paragraph(inlines) => {
                out.push_str(&paragraph_text(dataset, inlines, lang));
                out.push_str("\n\n");
            }
            Block::Figures { indicator } => {
                out.push_str(&figures_table(dataset, indicator, lang));
                out.push('\n');
            }
        }
    }
    out
}

/// An indicator's figures as a table — the very table the page draws under its chart
/// (`charts::indicator_trend`): every year of the range a row, a year the ledger lacks saying
/// so, a part of a year named as such, multi-year totals of a flow left out. The gap instead,
/// when the block cannot be drawn ([`figures_gap`]).
pub fn figure_rows(
    dataset: &Dataset,
    indicator: &RecordId,
    lang: Lang,
) -> Result<(Vec<String>, Vec<Vec<String>>), Rendered> {
    if let Some(gap) = figures_gap(dataset, indicator, lang) {
        return Err(gap);
    }
    let spec =
        crate::charts::indicator_trend(dataset, indicator, crate::charts::ChartStyle::Bar, lang)
            .ok_or_else(|| {
                Rendered::Gap(Message::new("report.gap_indicator").with("id", indicator))
            })?;
    Ok((spec.table.columns, spec.table.rows))
}

/// An indicator's figures as a Markdown table (figures right-aligned), or its gap as a line.
fn figures_table(dataset: &Dataset, indicator: &RecordId, lang: Lang) -> String {
    let (header, rows) = match figure_rows(dataset, indicator, lang) {
        Ok(table) => table,
        Err(gap) => return format!("{}\n", gap.text(lang)),
    };
    let last = header.len().saturating_sub(1);
    let align: Vec<&str> = (0..header.len())
        .map(|n| if n == 0 || n == last { "---" } else { "---:" })
        .collect();
    let mut out = format!("| {} |\n| {} |\n", header.join(" | "), align.join(" | "));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| c.replace('|', "/")).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// The document as a Word file (.docx), laid out per GB/T 9704 (`format::docx::write_docx`):
/// see [`docx_blocks`]. Native builds; the browser zips [`docx_parts`] in the loaded
/// spreadsheet module.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_docx(
    dataset: &Dataset,
    doc: &ReportDoc,
    lang: Lang,
    charts: &std::collections::BTreeMap<RecordId, Vec<u8>>,
) -> Result<Vec<u8>, crate::format::docx::DocxError> {
    crate::format::docx::write_docx(&docx_blocks(dataset, doc, lang, charts))
}

/// The Word file's parts, to be zipped (`format::docx::docx_parts` of [`docx_blocks`]).
pub fn docx_parts(
    dataset: &Dataset,
    doc: &ReportDoc,
    lang: Lang,
    charts: &std::collections::BTreeMap<RecordId, Vec<u8>>,
) -> Vec<taizhang_sheets::zipped::Part> {
    crate::format::docx::docx_parts(&docx_blocks(dataset, doc, lang, charts))
}

/// The Word document's blocks: the gaps first, the title, headings, paragraphs, and each
/// figures block as its chart (the PNG given for the indicator, when there is one — the app
/// passes the drawn charts) and a real Word table.
pub fn docx_blocks(
    dataset: &Dataset,
    doc: &ReportDoc,
    lang: Lang,
    charts: &std::collections::BTreeMap<RecordId, Vec<u8>>,
) -> Vec<crate::format::docx::DocBlock> {
    use crate::format::docx::DocBlock;
    let mut blocks = Vec::new();
    let gaps = gaps(dataset, doc, lang);
    if !gaps.is_empty() {
        blocks.push(DocBlock::Note(
            crate::i18n::text(lang, "report.gaps_first").to_string(),
        ));
        blocks.extend(gaps.into_iter().map(|g| DocBlock::Note(format!("· {g}"))));
    }
    blocks.push(DocBlock::Title(doc.title.clone()));
    for block in &doc.blocks {
        match block {
            Block::Heading {
                level,
                number,
                text,
            } => blocks.push(DocBlock::Heading {
                level: *level,
                text: format!("{number}{text}"),
            }),
            Block::Paragraph(inlines) => {
                blocks.push(DocBlock::Paragraph(paragraph_text(dataset, inlines, lang)))
            }
            Block::Figures { indicator } => match figure_rows(dataset, indicator, lang) {
                Ok((header, rows)) => {
                    if let Some(png) = charts.get(indicator) {
                        blocks.push(DocBlock::Image {
                            png: png.clone(),
                            name: crate::calc::checks::indicator_name(dataset, indicator, lang),
                        });
                    }
                    blocks.push(DocBlock::Table { header, rows });
                }
                // No chart and no empty table: the gap, where they would have been.
                Err(gap) => blocks.push(DocBlock::Note(gap.text(lang))),
            },
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(symbol: &str, name_en: &str, factor: i64) -> crate::model::Unit {
        crate::model::Unit {
            id: RecordId::parse("unit-test").expect("id"),
            symbol: symbol.into(),
            name_en: name_en.into(),
            dimension: "money".into(),
            factor: Some(crate::model::Amount(Decimal::new(factor, 0))),
            stamps: Default::default(),
            updated_by: String::new(),
        }
    }

    #[test]
    fn english_money_units_move_the_decimal_point_and_never_round() {
        let wan = unit("万元", "10 thousand yuan", 10_000);
        let yi = unit("亿元", "100 million yuan", 100_000_000);
        let said = |value: Decimal, u: &crate::model::Unit| {
            let (v, name) = english_figure(value, Some(u));
            format!("{} {name}", number(v, Lang::En))
        };
        // The boundary: 100万元 is a million; below it, ten-thousands.
        assert_eq!(said(Decimal::new(100, 0), &wan), "1 million yuan");
        assert_eq!(said(Decimal::new(99, 0), &wan), "99 ten-thousand yuan");
        assert_eq!(said(Decimal::new(3279, 1), &wan), "3.279 million yuan");
        assert_eq!(said(Decimal::new(4642, 1), &yi), "46.42 billion yuan");
        assert_eq!(said(Decimal::new(123_456, 2), &yi), "123.456 billion yuan");
    }
}
