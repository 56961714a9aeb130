//! Reading a large file in slices, so the page can repaint and show progress between them.
//!
//! The envelope is first split into borrowed slices of the text — each top-level key's value,
//! and each record of a collection — by a scan of its structure that also goes a slice of
//! bytes at a time ([`Splitting`]: brackets, strings and commas only; what is inside a slice
//! is checked when it is parsed). Each collection's records are then parsed a slice at a time
//! by [`SlicedReader::step`], and the same steps go on to restore them into the dataset a slice
//! at a time ([`super::restore::Restoring`]); [`SlicedReader::finish`] hands over the result.
//! The result is the same as [`read_file`](super::read_file)'s for every input (a test holds
//! them to it): a file the scan or a record's parse finds wrong is read whole by `read_file`
//! at the end, so its message is exactly `read_file`'s. Only the work is spread out.

use super::v1::*;
use super::{read_file, FormatError, Loaded};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// How far a sliced read has come, in records of the file: each record is parsed, converted
/// and inserted, and `done` counts a third of a record for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// Progress after `steps` steps over a file of `records` records (three steps each).
    fn of(steps: usize, records: usize) -> Progress {
        Progress {
            done: steps / 3,
            total: records,
        }
    }
}

enum State<'a> {
    /// Not a current-version object (or not splittable): read whole at the end, as before.
    Whole(&'a str),
    /// Scanning the envelope for its keys and records.
    Splitting(Box<Splitting<'a>>),
    Sliced(Box<Sliced<'a>>),
    /// Every record parsed; restoring them.
    Restoring(Box<super::restore::Restoring>, usize),
    /// The file's description was refused when the restore began.
    Failed(FormatError),
    /// Between states (never seen outside `step`).
    Moving,
}

struct Sliced<'a> {
    /// The whole text, read by `read_file` if a record turns out wrong (for its message).
    text: &'a str,
    /// Collections still to parse, last first: name, raw records, index of the next one.
    pending: Vec<(&'static str, Vec<&'a str>, usize)>,
    file: FileV1,
    done: usize,
    total: usize,
    error: Option<FormatError>,
}

/// A file being read in slices.
pub struct SlicedReader<'a> {
    state: State<'a>,
}

fn shape_error(error: serde_json::Error) -> FormatError {
    FormatError::BadShape {
        version: FORMAT_VERSION,
        detail: error.to_string(),
    }
}

fn parse_into<T: DeserializeOwned>(raw: &str, into: &mut Vec<T>) -> Result<(), FormatError> {
    into.push(serde_json::from_str(raw).map_err(shape_error)?);
    Ok(())
}

/// Bytes of text the split scans per record of a step's budget (a record of a city ledger is
/// about 160 bytes).
const SPLIT_BYTES_PER_RECORD: usize = 256;

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The end (exclusive) of the string whose opening quote is at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
    None
}

/// The end (exclusive) of the value starting at `i`, by its structure only: brackets are
/// counted outside strings, a scalar runs to the next delimiter. Whether it is valid JSON is
/// found when it is parsed.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// The envelope's scan, resumable: where it is, and what it found so far.
struct Splitting<'a> {
    text: &'a str,
    at: usize,
    /// After the opening brace: the next top-level token is a key (or the closing brace).
    started: bool,
    /// A value was just read: a comma or the closing bracket comes next.
    after_value: bool,
    /// The top-level values that are not collections, as raw text.
    head: BTreeMap<String, &'a str>,
    collections: BTreeMap<&'static str, Vec<&'a str>>,
    /// The collection whose array is being scanned, and whether a record was just read.
    open: Option<(&'static str, Vec<&'a str>)>,
}

/// How far a scan step got.
enum Scan {
    More,
    Done,
    /// Not a shape the split understands: the file is read whole.
    Whole,
}

impl<'a> Splitting<'a> {
    fn new(text: &'a str) -> Splitting<'a> {
        Splitting {
            text,
            at: 0,
            started: false,
            after_value: false,
            head: BTreeMap::new(),
            collections: BTreeMap::new(),
            open: None,
        }
    }

    /// Scans about `bytes` more bytes (a record or value is never cut).
    fn step(&mut self, bytes: usize) -> Scan {
        let b = self.text.as_bytes();
        let limit = self.at.saturating_add(bytes);
        let mut at = self.at;
        let scan = loop {
            if at >= limit {
                break Scan::More;
            }
            at = skip_space(b, at);
            if !self.started {
                if b.get(at) != Some(&b'{') {
                    break Scan::Whole;
                }
                self.started = true;
                at += 1;
                continue;
            }
            if let Some((_, records)) = &mut self.open {
                match b.get(at) {
                    Some(b']') if self.after_value || records.is_empty() => {
                        at += 1;
                        if let Some((name, records)) = self.open.take() {
                            self.collections.insert(name, records);
                        }
                        self.after_value = true;
                    }
                    Some(b',') if self.after_value => {
                        at += 1;
                        self.after_value = false;
                    }
                    Some(_) if !self.after_value => {
                        let Some(end) = value_end(b, at) else {
                            break Scan::Whole;
                        };
                        records.push(&self.text[at..end]);
                        at = end;
                        self.after_value = true;
                    }
                    _ => break Scan::Whole,
                }
                continue;
            }
            match b.get(at) {
                Some(b'}')
                    if self.after_value || self.head.is_empty() && self.collections.is_empty() =>
                {
                    at = skip_space(b, at + 1);
                    break if at == b.len() {
                        Scan::Done
                    } else {
                        Scan::Whole
                    };
                }
                Some(b',') if self.after_value => {
                    at += 1;
                    self.after_value = false;
                }
                Some(b'"') if !self.after_value => {
                    let Some(key_end) = string_end(b, at) else {
                        break Scan::Whole;
                    };
                    let Ok(key) = serde_json::from_str::<String>(&self.text[at..key_end]) else {
                        break Scan::Whole;
                    };
                    at = skip_space(b, key_end);
                    if b.get(at) != Some(&b':') {
                        break Scan::Whole;
                    }
                    at = skip_space(b, at + 1);
                    // A key twice: the whole reader refuses it, and says so.
                    if self.head.contains_key(&key) || self.collections.contains_key(key.as_str()) {
                        break Scan::Whole;
                    }
                    match crate::model::record::collections().find(|c| *c == key) {
                        Some(name) => {
                            if b.get(at) != Some(&b'[') {
                                break Scan::Whole;
                            }
                            at += 1;
                            self.open = Some((name, Vec::new()));
                            self.after_value = false;
                        }
                        None => {
                            let Some(end) = value_end(b, at) else {
                                break Scan::Whole;
                            };
                            self.head.insert(key, &self.text[at..end]);
                            at = end;
                            self.after_value = true;
                        }
                    }
                }
                _ => break Scan::Whole,
            }
        };
        self.at = at;
        scan
    }

    /// The split file, once the scan is done: `None` when it is not a current-version
    /// Taizhang file (read whole then).
    fn finish(self) -> Option<Sliced<'a>> {
        let is_current = self.head.get("type").copied() == Some("\"taizhang\"")
            && self.head.get("format_version").copied() == Some("1");
        if !is_current {
            return None;
        }
        // The envelope without its collections: small, parsed at once (and checked so).
        let mut head_text = String::from("{");
        for (key, raw) in &self.head {
            if head_text.len() > 1 {
                head_text.push(',');
            }
            head_text.push_str(&serde_json::to_string(key).ok()?);
            head_text.push(':');
            head_text.push_str(raw);
        }
        head_text.push('}');
        let file: FileV1 = serde_json::from_str(&head_text).ok()?;
        let mut collections = self.collections;
        let mut pending = Vec::new();
        for name in crate::model::record::collections() {
            if let Some(records) = collections.remove(name) {
                pending.push((name, records, 0));
            }
        }
        let total = pending.iter().map(|(_, r, _)| r.len()).sum();
        pending.reverse();
        Some(Sliced {
            text: self.text,
            pending,
            file,
            done: 0,
            total,
            error: None,
        })
    }
}

impl<'a> SlicedReader<'a> {
    /// Splits the file. Anything but a current-version Taizhang object is left whole and read
    /// by `read_file` in `finish`, so its messages are exactly `read_file`'s.
    pub fn new(text: &'a str) -> SlicedReader<'a> {
        let state = if text.trim_start().starts_with('{') {
            State::Splitting(Box::new(Splitting::new(text)))
        } else {
            State::Whole(text)
        };
        SlicedReader { state }
    }

    /// Parses, or restores, up to `budget` more records.
    pub fn step(&mut self, budget: usize) -> Progress {
        if let State::Splitting(splitting) = &mut self.state {
            match splitting.step(budget.saturating_mul(SPLIT_BYTES_PER_RECORD)) {
                Scan::More => {}
                scan => {
                    if let State::Splitting(splitting) =
                        std::mem::replace(&mut self.state, State::Moving)
                    {
                        let text = splitting.text;
                        self.state = match scan {
                            Scan::Done => splitting
                                .finish()
                                .map_or(State::Whole(text), |s| State::Sliced(Box::new(s))),
                            _ => State::Whole(text),
                        };
                    }
                }
            }
            return Progress { done: 0, total: 0 };
        }
        if let State::Restoring(restoring, parsed) = &mut self.state {
            restoring.step(budget);
            let (done, _) = restoring.progress();
            return Progress::of(*parsed + done, *parsed);
        }
        let parsed_all = match &self.state {
            State::Sliced(s) => {
                s.error.is_none() && s.pending.iter().all(|(_, r, next)| *next >= r.len())
            }
            _ => false,
        };
        if parsed_all {
            if let State::Sliced(sliced) = std::mem::replace(&mut self.state, State::Moving) {
                let parsed = sliced.done;
                self.state = match super::restore::Restoring::new(sliced.file) {
                    Ok(restoring) => State::Restoring(Box::new(restoring), parsed),
                    Err(error) => State::Failed(error),
                };
                return Progress::of(parsed, parsed);
            }
        }
        let State::Sliced(sliced) = &mut self.state else {
            return Progress { done: 0, total: 0 };
        };
        let mut left = budget;
        while left > 0 && sliced.error.is_none() {
            let Some((name, records, next)) = sliced.pending.last_mut() else {
                break;
            };
            let Some(raw) = records.get(*next).copied() else {
                sliced.pending.pop();
                continue;
            };
            *next += 1;
            let file = &mut sliced.file;
            use crate::model::RecordKind;
            let result = match RecordKind::from_collection(name) {
                Some(RecordKind::Area) => parse_into(raw, &mut file.areas),
                Some(RecordKind::Unit) => parse_into(raw, &mut file.units),
                Some(RecordKind::Indicator) => parse_into(raw, &mut file.indicators),
                Some(RecordKind::Value) => parse_into(raw, &mut file.values),
                Some(RecordKind::Relation) => parse_into(raw, &mut file.relations),
                Some(RecordKind::Project) => parse_into(raw, &mut file.projects),
                Some(RecordKind::Report) => parse_into(raw, &mut file.progress_reports),
                Some(RecordKind::Supervision) => parse_into(raw, &mut file.supervision_items),
                Some(RecordKind::Bulletin) => parse_into(raw, &mut file.bulletins),
                Some(RecordKind::Summary) => parse_into(raw, &mut file.summaries),
                Some(RecordKind::Meeting) => parse_into(raw, &mut file.meetings),
                Some(RecordKind::Approval) => parse_into(raw, &mut file.approvals),
                Some(RecordKind::Reminder) => parse_into(raw, &mut file.reminders),
                None => parse_into(raw, &mut file.tombstones),
            };
            if let Err(error) = result {
                sliced.error = Some(error);
            }
            sliced.done += 1;
            left -= 1;
        }
        Progress::of(sliced.done, sliced.total)
    }

    pub fn is_done(&self) -> bool {
        match &self.state {
            State::Whole(_) | State::Failed(_) | State::Moving => true,
            State::Splitting(_) => false,
            State::Sliced(s) => s.error.is_some(),
            State::Restoring(restoring, _) => restoring.is_done(),
        }
    }

    /// Restores what was parsed (or reads a whole file that was not split).
    pub fn finish(self) -> Result<Loaded, FormatError> {
        match self.state {
            State::Whole(text) => read_file(text),
            State::Splitting(splitting) => read_file(splitting.text),
            State::Sliced(sliced) => {
                let sliced = *sliced;
                if sliced.error.is_some() {
                    // A record the typed parse refused: the whole reader says where and why.
                    return read_file(sliced.text);
                }
                super::restore(sliced.file)
            }
            State::Restoring(restoring, _) => Ok(restoring.finish()),
            State::Failed(error) => Err(error),
            State::Moving => Err(FormatError::BadShape {
                version: FORMAT_VERSION,
                detail: "the read was interrupted".to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sliced_read(text: &str, budget: usize) -> Result<Loaded, FormatError> {
        let mut reader = SlicedReader::new(text);
        let mut last = Progress { done: 0, total: 0 };
        while !reader.is_done() {
            let progress = reader.step(budget);
            assert!(
                progress.done >= last.done && progress.done <= progress.total.max(progress.done)
            );
            last = progress;
        }
        reader.finish()
    }

    #[test]
    fn slices_give_exactly_what_a_whole_read_gives() {
        let text = crate::sample::LUCHENG_2012_2016;
        let whole = read_file(text).expect("whole");
        for budget in [1, 7, 50, 10_000] {
            let sliced = sliced_read(text, budget).expect("sliced");
            assert_eq!(sliced.dataset, whole.dataset, "budget {budget}");
            assert_eq!(sliced.checksum, whole.checksum, "budget {budget}");
            assert_eq!(sliced.problems, whole.problems);
        }
    }

    #[test]
    fn progress_counts_every_record() {
        let mut reader = SlicedReader::new(crate::sample::LUCHENG_2012_2016);
        // The split comes first, and counts nothing.
        let mut splits = 0;
        let progress = loop {
            match reader.step(30) {
                Progress { done: 0, total: 0 } => splits += 1,
                progress => break progress,
            }
        };
        assert!(splits > 1, "the split of the sample takes steps: {splits}");
        // Each record is parsed, converted and inserted: 30 steps are 10 records' worth.
        assert_eq!(progress.done, 10);
        let loaded = read_file(crate::sample::LUCHENG_2012_2016).expect("whole");
        let records: usize = crate::model::RecordKind::ALL
            .iter()
            .map(|k| loaded.dataset.count(*k))
            .sum();
        assert_eq!(
            progress.total,
            records + loaded.dataset.tombstones().count()
        );
        let mut last = progress;
        while !reader.is_done() {
            last = reader.step(100);
        }
        assert!(
            last.done >= last.total * 2 / 3,
            "{last:?}: parsed and restored"
        );
        assert!(last.done <= last.total, "{last:?}");
    }

    #[test]
    fn bad_and_foreign_files_get_the_whole_readers_messages() {
        for text in [
            "",
            "nope",
            "[1,2]",
            r#"{"type":"other"}"#,
            r#"{"type":"taizhang","format_version":7}"#,
        ] {
            assert_eq!(sliced_read(text, 3).err(), read_file(text).err(), "{text}");
        }
        let mut file: serde_json::Value =
            serde_json::from_str(crate::sample::LUCHENG_2012_2016).expect("json");
        file["values"][2]["amount"] = serde_json::json!("1e999");
        file["values"][3] = serde_json::json!({"amount": {"deep": true}});
        let text = file.to_string();
        assert_eq!(
            sliced_read(&text, 5)
                .map(|l| l.problems.len())
                .map_err(|e| std::mem::discriminant(&e)),
            read_file(&text)
                .map(|l| l.problems.len())
                .map_err(|e| std::mem::discriminant(&e)),
        );
    }

    /// The split scans structure only; whatever it gets wrong must come out as the whole
    /// reader's result, message included.
    #[test]
    fn the_split_agrees_with_the_whole_reader_on_every_shape() {
        let sample = crate::sample::LUCHENG_2012_2016;
        let mut file: serde_json::Value = serde_json::from_str(sample).expect("json");
        // Brackets, braces, quotes and commas inside strings must not move the split.
        file["values"][0]["note"] = serde_json::json!("a \"quoted\" ]}, [{ \\ tricky");
        let tricky = serde_json::to_string_pretty(&file).expect("text");
        let compact = file.to_string();
        let values_at = compact.find("\"values\":[").expect("values");
        let escaped_key = compact.replacen("\"values\":[", "\"valu\\u0065s\":[", 1);
        let mut cases: Vec<(String, &str)> = vec![
            (tricky.clone(), "pretty, tricky strings"),
            (escaped_key, "an escaped key"),
            (format!("  \n{compact}\n  "), "space around"),
            (compact.replacen("[{", "[ {", 1), "space in an array"),
            (format!("{compact}x"), "garbage after"),
            (format!("{compact}{{}}"), "two objects"),
            (
                compact.replacen("},{", "}{", 1),
                "a missing comma between records",
            ),
            (compact.replacen("},{", "},,{", 1), "a double comma"),
            (
                compact.replacen("}]", "},]", 1),
                "a trailing comma in an array",
            ),
            (
                compact[..compact.len() - 1].to_string() + ",}",
                "a trailing comma in the object",
            ),
            (
                compact[..(0..=compact.len() / 2)
                    .rev()
                    .find(|&at| compact.is_char_boundary(at))
                    .unwrap_or(0)]
                    .to_string(),
                "cut in half",
            ),
            (
                compact.replacen("\"amount\":", "\"amount\" ", 1),
                "a missing colon",
            ),
            (
                compact.replacen("\"amount\":", "\"amount\":]", 1),
                "a stray bracket",
            ),
            (
                compact.replacen("\"values\":[", "\"values\":{", 1),
                "a collection not an array",
            ),
            (
                compact.replacen("\"values\":[", "\"values\":null,\"x\":[", 1),
                "null values",
            ),
            (
                format!("{{\"values\":[],{}", &compact[1..]),
                "a collection twice",
            ),
            (
                compact.replacen(
                    "\"type\":\"taizhang\"",
                    "\"type\":\"taizhang\",\"type\":\"x\"",
                    1,
                ),
                "a key twice",
            ),
            ("{}".to_string(), "empty"),
            (
                "{\"type\":\"taizhang\",\"format_version\":1}".to_string(),
                "no collections",
            ),
            (
                "{\"type\":\"taizhang\",\"format_version\":1,\"values\":[]}".to_string(),
                "an empty collection",
            ),
        ];
        assert!(values_at > 0);
        // A record that is not JSON inside, and one of the wrong shape.
        let mut bad = compact.clone();
        let record = bad.find("\"values\":[{").expect("record") + "\"values\":[{".len();
        bad.insert_str(record, "\"oops\":,");
        cases.push((bad, "a record that is not JSON"));
        cases.push((
            compact.replacen("\"values\":[", "\"values\":[7,", 1),
            "a record that is a number",
        ));
        for (text, what) in &cases {
            for budget in [1, 13, 10_000] {
                let whole = read_file(text);
                let sliced = sliced_read(text, budget);
                match (&whole, &sliced) {
                    (Ok(w), Ok(s)) => {
                        assert_eq!(w.dataset, s.dataset, "{what}, budget {budget}");
                        assert_eq!(w.problems, s.problems, "{what}, budget {budget}");
                    }
                    _ => assert_eq!(
                        whole.as_ref().err(),
                        sliced.as_ref().err(),
                        "{what}, budget {budget}"
                    ),
                }
            }
        }
    }

    #[test]
    fn unknown_top_level_keys_are_kept_by_a_sliced_read() {
        let mut file: serde_json::Value =
            serde_json::from_str(crate::sample::LUCHENG_2012_2016).expect("json");
        file["future"] = serde_json::json!({"x": 1});
        let loaded = sliced_read(&file.to_string(), 20).expect("reads");
        assert_eq!(
            loaded.extra.get("future"),
            Some(&serde_json::json!({"x": 1}))
        );
    }
}
