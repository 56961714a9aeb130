//! 生成初稿: a starting report from the ledger, numbered as the bureau numbers (一、(一) 1.):
//! one part for the years the ledger covers (一、), in it one section per work area
//! ((一)(二)…), in each one sub-section per indicator with figures (1. 2. …), each paragraph
//! giving the latest figure (and the latest full year beside a part of a year), its change in
//! the right words, and the total over a span where the ledger holds one; an indicator with
//! three or more figures gets its table (its chart in the app) after the paragraph. Every
//! figure is a token.

use super::wording::comparison_base;
use super::{Block, Inline, ReportDoc, Token};
use crate::model::{Dataset, Lang, Period, Value};

/// Chinese numerals for section numbers: 一 … 九十九.
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n % 10 == 0 { "" } else { DIGITS[n % 10] }
        ),
        _ => n.to_string(),
    }
}

fn section_number(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}、", chinese_number(n)),
        Lang::En => format!("{n}. "),
    }
}

fn subsection_number(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("({})", chinese_number(n)),
        Lang::En => format!("({}) ", char::from(b'a' + ((n - 1) % 26) as u8)),
    }
}

/// Lower-case roman numerals for the third level in English: i … xxxix.
fn roman(n: usize) -> String {
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    match n {
        1..=39 => format!("{}{}", "x".repeat(n / 10), ONES[n % 10]),
        _ => n.to_string(),
    }
}

fn item_number(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n}."),
        Lang::En => format!("({}) ", roman(n)),
    }
}

fn is_span(period: &Period) -> bool {
    matches!(period, Period::Span { .. } | Period::Cumulative { .. })
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn figure(value: &Value) -> Inline {
    Inline::Token(Token::Figure {
        indicator: value.indicator.clone(),
        period: value.period,
    })
}

/// One indicator's paragraph, or `None` when it has no figures.
fn indicator_paragraph(
    dataset: &Dataset,
    values: &[&Value],
    name: &str,
    lang: Lang,
) -> Option<Vec<Inline>> {
    let single: Vec<&&Value> = values.iter().filter(|v| !is_span(&v.period)).collect();
    let spans: Vec<&&Value> = values.iter().filter(|v| is_span(&v.period)).collect();
    let mut inlines = Vec::new();
    let clause = |value: &Value, first: bool, inlines: &mut Vec<Inline>| {
        let period = value.period.label(lang);
        match (lang, first) {
            // "截至2016年10月底," — a point in time is set off by a comma.
            (Lang::Zh, true) if matches!(value.period, Period::AsOf(_)) => {
                inlines.push(text(format!("{period},{name}")))
            }
            (Lang::Zh, true) => inlines.push(text(format!("{period}{name}"))),
            (Lang::Zh, false) => inlines.push(text(format!(";{period}为"))),
            (Lang::En, true) => inlines.push(text(format!("{name}: "))),
            (Lang::En, false) => inlines.push(text("; ")),
        }
        inlines.push(figure(value));
        if lang == Lang::En {
            if matches!(value.period, Period::AsOf(_)) {
                inlines.push(text(format!(", {period}")));
            } else {
                inlines.push(text(format!(" in {period}")));
            }
        }
        if let Some(base) = comparison_base(dataset, value) {
            if super::wording::growth_wording(dataset, base, value).is_some() {
                inlines.push(text(if lang == Lang::Zh { "," } else { ", " }));
                inlines.push(Inline::Token(Token::Growth {
                    indicator: value.indicator.clone(),
                    from: base.period,
                    to: value.period,
                }));
            }
        }
    };
    let latest = single.last();
    if let Some(latest) = latest {
        // Beside a part of a year, the latest full year too (the comparison it cannot make).
        let full = latest
            .period
            .is_partial_year()
            .then(|| {
                single
                    .iter()
                    .rev()
                    .find(|v| matches!(v.period, Period::Year(_)))
            })
            .flatten();
        match full {
            Some(full) => {
                clause(full, true, &mut inlines);
                clause(latest, false, &mut inlines);
            }
            None => clause(latest, true, &mut inlines),
        }
    }
    for (n, span) in spans.iter().enumerate() {
        let period = span.period.label(lang);
        match (lang, latest.is_none() && n == 0) {
            (Lang::Zh, true) => inlines.push(text(format!("{period}{name}累计"))),
            (Lang::Zh, false) => inlines.push(text(format!(";{period}累计"))),
            (Lang::En, true) => inlines.push(text(format!("{name}: "))),
            (Lang::En, false) => inlines.push(text("; ")),
        }
        inlines.push(figure(span));
        if lang == Lang::En {
            inlines.push(text(format!(" in total over {period}")));
        }
    }
    if inlines.is_empty() {
        return None;
    }
    inlines.push(text(if lang == Lang::Zh { "。" } else { "." }));
    Some(inlines)
}

/// The years the ledger's figures cover, for the title.
fn years_covered(dataset: &Dataset) -> Option<(i32, i32)> {
    let years = dataset.values().flat_map(|v| {
        let start = v.period.start().year;
        let end = v.period.end().year;
        [start, end]
    });
    let (mut first, mut last) = (i32::MAX, i32::MIN);
    for y in years {
        first = first.min(y);
        last = last.max(y);
    }
    (first <= last).then_some((first, last))
}

/// A first draft of the work summary from the ledger, in a language.
pub fn first_draft(dataset: &Dataset, lang: Lang) -> ReportDoc {
    let title = match (years_covered(dataset), lang) {
        (Some((a, b)), Lang::Zh) if a < b => format!("{a}—{b}年工作总结"),
        (Some((_, b)), Lang::Zh) => format!("{b}年工作总结"),
        (Some((a, b)), Lang::En) if a < b => format!("Work summary {a}–{b}"),
        (Some((_, b)), Lang::En) => format!("Work summary {b}"),
        (None, Lang::Zh) => "工作总结".to_string(),
        (None, Lang::En) => "Work summary".to_string(),
    };
    let part = match (years_covered(dataset), lang) {
        (Some((a, b)), Lang::Zh) if a < b => format!("{a}—{b}年主要工作"),
        (Some((_, b)), Lang::Zh) => format!("{b}年主要工作"),
        (Some((a, b)), Lang::En) if a < b => format!("Work in {a}–{b}"),
        (Some((_, b)), Lang::En) => format!("Work in {b}"),
        (None, Lang::Zh) => "主要工作".to_string(),
        (None, Lang::En) => "Work done".to_string(),
    };
    let mut blocks = vec![Block::Heading {
        level: 1,
        number: section_number(1, lang),
        text: part,
    }];
    let mut section = 0;
    for area in dataset.areas() {
        let indicators: Vec<_> = dataset
            .indicators_in(&area.id)
            .into_iter()
            .filter(|i| !dataset.values_of(&i.id).is_empty())
            .collect();
        if indicators.is_empty() {
            continue;
        }
        section += 1;
        let area_name = match lang {
            Lang::En if !area.name_en.is_empty() => area.name_en.clone(),
            _ => area.name.clone(),
        };
        blocks.push(Block::Heading {
            level: 2,
            number: subsection_number(section, lang),
            text: area_name,
        });
        let mut item = 0;
        for indicator in indicators {
            let name = match lang {
                Lang::En if !indicator.name_en.is_empty() => indicator.name_en.clone(),
                _ => indicator.name.clone(),
            };
            let values = dataset.values_of(&indicator.id);
            let Some(paragraph) = indicator_paragraph(dataset, &values, &name, lang) else {
                continue;
            };
            item += 1;
            blocks.push(Block::Heading {
                level: 3,
                number: item_number(item, lang),
                text: name,
            });
            blocks.push(Block::Paragraph(paragraph));
            if values.len() >= 3 {
                blocks.push(Block::Figures {
                    indicator: indicator.id.clone(),
                });
            }
        }
    }
    ReportDoc { title, blocks }
}
