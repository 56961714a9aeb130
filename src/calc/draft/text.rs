//! The text of a draft cut into what the reader works on: paragraphs (lines), sentences
//! (。!?; and line ends), each sentence's characters normalised for reading figures, the
//! stretches inside titles and short quotes (《…》, “…”) that name things rather than state
//! figures, clauses, and character bigrams for comparing wordings.
//!
//! Invariant: every byte offset handed out lies on a char boundary of the whole text, and all
//! work here is linear in the length of the text (quote nesting is bounded, masks are built from
//! a difference array).

use std::ops::Range;

/// Quotes longer than this (in chars) are taken as quoted speech, not a name: figures inside
/// them are read.
const NAME_QUOTE_MAX_CHARS: usize = 24;

/// Nesting deeper than this is not tracked (an attacker's `《《《…` costs nothing).
const MAX_QUOTE_DEPTH: usize = 16;

/// How far a clause is followed each way from a figure, in chars: the words that name a figure
/// stand near it, and a bound keeps the work per figure constant in a text without commas.
pub(super) const CLAUSE_REACH: usize = 30;

/// How far the sentence around a figure is compared with a ledger value's source, in chars.
pub(super) const WINDOW_REACH: usize = 60;

/// The byte ranges of the paragraphs of a text: its lines, without the line break and without
/// surrounding whitespace, empty lines left out.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut line_start = 0;
    for (index, c) in text.char_indices() {
        if is_line_break(c) {
            push_trimmed(text, line_start..index, &mut ranges);
            line_start = index + c.len_utf8();
        }
    }
    push_trimmed(text, line_start..text.len(), &mut ranges);
    ranges
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(line) = text.get(range.clone()) else {
        return;
    };
    let leading = line.len() - line.trim_start_matches(is_blank).len();
    let trimmed = line.trim_matches(is_blank);
    if !trimmed.is_empty() {
        let start = range.start + leading;
        out.push(start..start + trimmed.len());
    }
}

/// Whether a character ends a sentence.
pub(super) fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '\u{3002}' | '!' | '?' | ';' | '\u{ff01}' | '\u{ff1f}' | '\u{ff1b}' | '\u{2026}'
    )
}

/// Whether a character ends a clause (a sentence end, a comma, an enumeration comma, a colon).
pub(super) fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, ',' | '\u{ff0c}' | '\u{3001}' | ':' | '\u{ff1a}')
}

/// The byte ranges of the sentences of one paragraph (a range of `text`), each with its
/// closing punctuation.
pub(super) fn sentences(text: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let Some(body) = text.get(paragraph.clone()) else {
        return ranges;
    };
    let mut start = paragraph.start;
    let mut chars = body.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if is_line_break(c) || ends_sentence(c) {
            // A run of closing marks ("……", "?!") stays with its sentence.
            let mut end = paragraph.start + index + c.len_utf8();
            while let Some(&(next_index, next)) = chars.peek() {
                if ends_sentence(next) || matches!(next, '”' | '’' | '」' | ')' | '\u{ff09}') {
                    end = paragraph.start + next_index + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if text.get(start..end).is_some_and(|s| !s.trim().is_empty()) {
                ranges.push(start..end);
            }
            start = end;
        }
    }
    if start < paragraph.end
        && text
            .get(start..paragraph.end)
            .is_some_and(|s| !s.trim().is_empty())
    {
        ranges.push(start..paragraph.end);
    }
    ranges
}

/// A character as the figure reader sees it: full-width digits, letters and signs become ASCII
/// ("１２３" → "123", "％" → "%"); punctuation that separates clauses stays as it is.
pub(super) fn normalise(c: char) -> char {
    match c {
        // Full-width digits and Latin letters.
        '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
            char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
        }
        '\u{ff05}' => '%',
        '\u{ff0e}' => '.',
        '\u{ff0b}' => '+',
        '\u{ff0d}' => '-',
        '\u{ff5e}' => '~',
        '\u{ff08}' => '(',
        '\u{ff09}' => ')',
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// One sentence, ready for reading: its normalised characters, where each sits in the whole
/// text, and which of them are inside a title or a short quote.
#[derive(Debug, Clone)]
pub(super) struct Sentence {
    /// Byte range of the sentence in the whole text.
    pub range: Range<usize>,
    pub chars: Vec<char>,
    /// Byte offset in the whole text of each char, plus the sentence's end: `chars.len() + 1`
    /// entries.
    pub offsets: Vec<usize>,
    /// Inside 《…》 or a quote of at most [`NAME_QUOTE_MAX_CHARS`] chars.
    pub masked: Vec<bool>,
}

impl Sentence {
    pub fn new(text: &str, range: Range<usize>) -> Sentence {
        let body = text.get(range.clone()).unwrap_or("");
        let mut chars = Vec::with_capacity(body.len() / 2);
        let mut offsets = Vec::with_capacity(body.len() / 2 + 1);
        for (index, c) in body.char_indices() {
            chars.push(normalise(c));
            offsets.push(range.start + index);
        }
        offsets.push(range.start + body.len());
        let masked = name_masks(&chars);
        Sentence {
            range,
            chars,
            offsets,
            masked,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn get(&self, index: usize) -> Option<char> {
        self.chars.get(index).copied()
    }

    pub fn is_masked(&self, index: usize) -> bool {
        self.masked.get(index).copied().unwrap_or(false)
    }

    /// Byte offset of a char index (the sentence's end for `len()`).
    pub fn byte_at(&self, index: usize) -> usize {
        self.offsets
            .get(index)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(self.range.end)
    }

    /// Whether the chars at `index` spell `word`.
    pub fn has_at(&self, index: usize, word: &str) -> bool {
        (index..)
            .zip(word.chars())
            .all(|(position, expected)| self.get(position) == Some(expected))
    }

    /// Whether the chars just before `index` spell `word`.
    pub fn has_before(&self, index: usize, word: &str) -> bool {
        let count = word.chars().count();
        index >= count && self.has_at(index - count, word)
    }

    /// The chars `range` as a string (clamped to the sentence).
    pub fn slice(&self, range: Range<usize>) -> String {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        self.chars.get(start..end).unwrap_or(&[]).iter().collect()
    }

    /// Where the clause holding `index` begins: just after the previous clause end, looking
    /// back at most `limit` chars.
    pub fn clause_start(&self, index: usize, limit: usize) -> usize {
        let floor = index.saturating_sub(limit);
        let mut position = index.min(self.len());
        while position > floor {
            match self.get(position - 1) {
                Some(c) if ends_clause(c) => return position,
                _ => position -= 1,
            }
        }
        floor
    }

    /// The bigrams of the words of a figure's own clause, the figure itself (number and unit)
    /// left out: "已开工78个" is named by 已开工, not by 个.
    pub fn own_bigrams(&self, own: Range<usize>, figure: Range<usize>) -> Vec<u64> {
        let mut grams = self.bigrams_of(own.start..figure.start.max(own.start));
        grams.extend(self.bigrams_of(figure.end.min(own.end)..own.end));
        grams.sort_unstable();
        grams.dedup();
        grams
    }

    /// The bigrams of some chars of the sentence.
    pub fn bigrams_of(&self, range: Range<usize>) -> Vec<u64> {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        bigrams(self.chars.get(start..end).unwrap_or(&[]).iter().copied())
    }

    /// The bigrams of the sentence around a figure, at most [`WINDOW_REACH`] chars each way.
    pub fn window_bigrams(&self, number_start: usize, number_end: usize) -> Vec<u64> {
        let start = number_start.saturating_sub(WINDOW_REACH);
        let end = (number_end + WINDOW_REACH).min(self.len());
        bigrams(self.chars.get(start..end).unwrap_or(&[]).iter().copied())
    }

    /// Where the clause holding `index` ends (before its closing mark), looking ahead at most
    /// `limit` chars.
    pub fn clause_end(&self, index: usize, limit: usize) -> usize {
        let ceiling = (index + limit).min(self.len());
        let mut position = index.min(self.len());
        while position < ceiling {
            match self.get(position) {
                Some(c) if ends_clause(c) => return position,
                _ => position += 1,
            }
        }
        ceiling
    }
}

/// Which chars are inside a title (《…》, 〈…〉) or a short quote (“…”, ‘…’, 「…」, 『…』, "…").
/// Unbalanced marks are ignored; a closing mark closes the nearest open mark of its kind.
fn name_masks(chars: &[char]) -> Vec<bool> {
    let mut depth_change = vec![0i32; chars.len() + 1];
    let mut open: Vec<(char, usize)> = Vec::new();
    for (index, &c) in chars.iter().enumerate() {
        let closing_for = match c {
            '》' => Some('《'),
            '〉' => Some('〈'),
            '”' => Some('“'),
            '’' => Some('‘'),
            '」' => Some('「'),
            '』' => Some('『'),
            '"' if open.last().is_some_and(|(o, _)| *o == '"') => Some('"'),
            _ => None,
        };
        if let Some(opener) = closing_for {
            if let Some(position) = open.iter().rposition(|(o, _)| *o == opener) {
                let (_, start) = open[position];
                open.truncate(position);
                let is_title = matches!(opener, '《' | '〈');
                if is_title || index - start - 1 <= NAME_QUOTE_MAX_CHARS {
                    depth_change[start + 1] += 1;
                    depth_change[index] -= 1;
                }
            }
            continue;
        }
        if matches!(c, '《' | '〈' | '“' | '‘' | '「' | '『' | '"') && open.len() < MAX_QUOTE_DEPTH
        {
            open.push((c, index));
        }
    }
    let mut depth = 0;
    let mut masked = Vec::with_capacity(chars.len());
    for change in depth_change.iter().take(chars.len()) {
        depth += change;
        masked.push(depth > 0);
    }
    masked
}

/// Whether a char takes part in words compared by bigrams: Chinese characters and Latin
/// letters (digits and punctuation break words).
pub(super) fn is_word_char(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
        || c.is_ascii_alphabetic()
}

/// The distinct character bigrams of some chars, sorted: pairs of adjacent word chars (Latin
/// letters lowercased), never across a digit or a punctuation mark.
pub(super) fn bigrams<I: IntoIterator<Item = char>>(chars: I) -> Vec<u64> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    for c in chars {
        if is_word_char(c) {
            let c = c.to_ascii_lowercase();
            if let Some(p) = previous {
                out.push((u64::from(u32::from(p)) << 32) | u64::from(u32::from(c)));
            }
            previous = Some(c);
        } else {
            previous = None;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_the_non_empty_lines_without_their_breaks() {
        let text = "第一段。\r\n\n  第二段,有两句。第二句!\n   \n末段";
        let found: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, vec!["第一段。", "第二段,有两句。第二句!", "末段"]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n\n \u{3000}\n").is_empty());
    }

    #[test]
    fn sentences_end_at_chinese_and_ascii_stops_and_keep_their_marks() {
        let text = "完成投资41.3亿元;开工78个。真的吗?!“好。”最后";
        let all = 0..text.len();
        let found: Vec<&str> = sentences(text, all).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            vec![
                "完成投资41.3亿元;",
                "开工78个。",
                "真的吗?!",
                "“好。”",
                "最后"
            ]
        );
    }

    #[test]
    fn titles_and_short_quotes_are_masked_and_unbalanced_marks_are_ignored() {
        let text = "创成“亿元税收楼”7幢,《2012年度办法》与“未闭合";
        let sentence = Sentence::new(text, 0..text.len());
        let masked: String = sentence
            .chars
            .iter()
            .zip(&sentence.masked)
            .filter(|(_, m)| **m)
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(masked, "亿元税收楼2012年度办法");
    }

    #[test]
    fn long_quotes_are_speech_and_are_not_masked() {
        let text = format!("他说“{}”", "完成投资3亿元".repeat(5));
        let sentence = Sentence::new(&text, 0..text.len());
        assert!(sentence.masked.iter().all(|m| !m));
    }

    #[test]
    fn full_width_digits_and_signs_read_as_ascii() {
        let text = "１２３．５％";
        let sentence = Sentence::new(text, 0..text.len());
        assert_eq!(sentence.chars.iter().collect::<String>(), "123.5%");
        assert_eq!(sentence.byte_at(1), 3);
        assert_eq!(sentence.byte_at(6), text.len());
    }

    #[test]
    fn bigrams_do_not_cross_digits_or_punctuation() {
        let grams = bigrams("开工78个,开工率".chars());
        // 开工, 工率 (and 开工 once only): 个 stands alone between a digit and a comma.
        assert_eq!(grams.len(), 2);
    }
}
