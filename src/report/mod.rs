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

/// A figure with its unit and qualifier: "约527亿元", "150多幢" / "about 527 100 million yuan".
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
    let n = number(value, lang);
    match lang {
        Lang::Zh => {
            let symbol = unit.map(|u| u.symbol.as_str()).unwrap_or_default();
            match qualifier {
                Qualifier::Exact => format!("{n}{symbol}"),
                Qualifier::About => format!("约{n}{symbol}"),
                Qualifier::AtLeast => format!("{n}多{symbol}"),
            }
        }
        Lang::En => {
            let name = unit
                .map(|u| {
                    if u.name_en.is_empty() {
                        u.symbol.clone()
                    } else {
                        u.name_en.clone()
                    }
                })
                .unwrap_or_default();
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
                    Some(cagr) => Rendered::Text(
                        Message::new("report.cagr")
                            .with(
                                "pct",
                                number(
                                    Decimal::try_from(cagr.percent)
                                        .unwrap_or_default()
                                        .round_dp(1),
                                    lang,
                                ),
                            )
                            .render(lang),
                    ),
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
            let converted = match (unit(indicator), unit(whole)) {
                (Some(from), Some(to)) => crate::calc::convert(part.amount, from, to),
                _ => Some(part.amount),
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
            Rendered::Text(figure_with_unit(
                sum.total,
                Qualifier::Exact,
                dataset,
                indicator,
                lang,
            ))
        }
    }
}

/// The gaps of a document: every token the ledger cannot fill, with why (export lists them
/// first).
pub fn gaps(dataset: &Dataset, doc: &ReportDoc, lang: Lang) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(inlines) => Some(inlines),
            _ => None,
        })
        .flatten()
        .filter_map(|inline| match inline {
            Inline::Token(token) => match render_token(dataset, token, lang) {
                Rendered::Gap(message) => Some(message.render(lang)),
                Rendered::Text(_) => None,
            },
            Inline::Text(_) => None,
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

/// An indicator's values as a table: the header (period, figure, remark) and a row per value.
pub fn figure_rows(
    dataset: &Dataset,
    indicator: &RecordId,
    lang: Lang,
) -> (Vec<String>, Vec<Vec<String>>) {
    let header = ["table.period", "table.value", "table.remark"]
        .into_iter()
        .map(|key| crate::i18n::text(lang, key).to_string())
        .collect();
    let rows = dataset
        .values_of(indicator)
        .into_iter()
        .map(|v| {
            let note = if v.period.is_partial_year() {
                crate::i18n::text(lang, "chart.partial_period").to_string()
            } else {
                v.scope_note.clone()
            };
            vec![
                v.period.label(lang),
                figure_with_unit(v.amount.0, v.qualifier, dataset, indicator, lang),
                note,
            ]
        })
        .collect();
    (header, rows)
}

/// An indicator's values as a Markdown table.
fn figures_table(dataset: &Dataset, indicator: &RecordId, lang: Lang) -> String {
    let (header, rows) = figure_rows(dataset, indicator, lang);
    let mut out = format!("| {} |\n| --- | ---: | --- |\n", header.join(" | "));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| c.replace('|', "/")).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// The document as a Word file (.docx), laid out per GB/T 9704 (`format::docx::write_docx`):
/// the gaps first, the title, headings, paragraphs, and each figures block as its chart (the
/// PNG given for the indicator, when there is one — the app passes the drawn charts) and a
/// real Word table.
pub fn to_docx(
    dataset: &Dataset,
    doc: &ReportDoc,
    lang: Lang,
    charts: &std::collections::BTreeMap<RecordId, Vec<u8>>,
) -> Result<Vec<u8>, crate::format::docx::DocxError> {
    use crate::format::docx::{write_docx, DocBlock};
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
            Block::Figures { indicator } => {
                if let Some(png) = charts.get(indicator) {
                    blocks.push(DocBlock::Image {
                        png: png.clone(),
                        name: crate::calc::checks::indicator_name(dataset, indicator, lang),
                    });
                }
                let (header, rows) = figure_rows(dataset, indicator, lang);
                blocks.push(DocBlock::Table { header, rows });
            }
        }
    }
    write_docx(&blocks)
}
