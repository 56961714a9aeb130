//! A work summary (工作总结) kept in the ledger: a title and blocks of headings, prose and bound
//! figures. A figure is a [`Token`] naming an indicator and periods, never a number, so the
//! summary says what the ledger says whenever it is read (`report::render_token`); a token
//! whose indicator or figure is gone reads as a marked gap. It is a record like the others:
//! it merges field by field (title, blocks), undoes, and travels in the file (`summaries`).

use super::{Period, RecordId};

/// A figure bound to the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// An indicator's figure for a period, with its unit and qualifier ("约527亿元").
    Figure { indicator: RecordId, period: Period },
    /// How the figure changed from one period to another, in the words the figures call for
    /// ("增长83.1%", "下降x%", "是2012年的1.7倍", "提高x个百分点").
    Growth {
        indicator: RecordId,
        from: Period,
        to: Period,
    },
    /// The compound annual growth from one year to another ("年均增长14.1%").
    Cagr {
        indicator: RecordId,
        from: i32,
        to: i32,
    },
    /// The total of an indicator's full-year figures over a span ("五年累计…").
    Cumulative {
        indicator: RecordId,
        from: i32,
        to: i32,
    },
    /// A figure's share of a whole ("占全区固定资产投资的35.5%"), units converted exactly.
    Share {
        indicator: RecordId,
        period: Period,
        whole: RecordId,
        whole_period: Period,
    },
    /// Where a figure ranks among the indicator's figures of the same kind of period
    /// ("居2012—2016年第1位").
    Rank { indicator: RecordId, period: Period },
}

impl Token {
    /// The indicator the token is bound to.
    pub fn indicator(&self) -> &RecordId {
        match self {
            Token::Figure { indicator, .. }
            | Token::Growth { indicator, .. }
            | Token::Cagr { indicator, .. }
            | Token::Cumulative { indicator, .. }
            | Token::Share { indicator, .. }
            | Token::Rank { indicator, .. } => indicator,
        }
    }
}

/// A piece of a paragraph: prose as written, or a bound figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Token(Token),
}

/// A block of a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading with its number as official documents write it ("一、", "(一)", "1.").
    Heading {
        level: u8,
        number: String,
        text: String,
    },
    Paragraph(Vec<Inline>),
    /// An indicator's figures as a chart and a table, after the paragraph it illustrates.
    Figures {
        indicator: RecordId,
    },
}

/// A work summary stored in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: RecordId,
    pub title: String,
    pub blocks: Vec<Block>,
    pub stamps: super::record::FieldStamps,
    pub updated_by: String,
}

/// A token as text, for comparing and listing differences: `{figure ind-x@2016}`.
fn token_text(token: &Token) -> String {
    match token {
        Token::Figure { indicator, period } => format!("{{figure {indicator}@{}}}", period.code()),
        Token::Growth {
            indicator,
            from,
            to,
        } => format!("{{growth {indicator}@{}..{}}}", from.code(), to.code()),
        Token::Cagr {
            indicator,
            from,
            to,
        } => format!("{{cagr {indicator}@{from}..{to}}}"),
        Token::Cumulative {
            indicator,
            from,
            to,
        } => format!("{{cumulative {indicator}@{from}..{to}}}"),
        Token::Share {
            indicator,
            period,
            whole,
            whole_period,
        } => format!(
            "{{share {indicator}@{} of {whole}@{}}}",
            period.code(),
            whole_period.code()
        ),
        Token::Rank { indicator, period } => format!("{{rank {indicator}@{}}}", period.code()),
    }
}

/// The blocks as text, one line each (`# 一、规划`, prose with `{figure …}` tokens,
/// `[figures ind-x]`): what a diff shows and a merge compares.
pub fn blocks_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|block| match block {
            Block::Heading {
                level,
                number,
                text,
            } => format!(
                "{} {number}{text}",
                "#".repeat(usize::from(*level).clamp(1, 6))
            ),
            Block::Paragraph(inlines) => inlines
                .iter()
                .map(|i| match i {
                    Inline::Text(t) => t.clone(),
                    Inline::Token(t) => token_text(t),
                })
                .collect(),
            Block::Figures { indicator } => format!("[figures {indicator}]"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
