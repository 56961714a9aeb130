//! Reading a large file in slices, so the page can repaint and show progress between them.
//!
//! The envelope is split once into raw, borrowed slices (`serde_json::value::RawValue`: a scan,
//! no records built); each collection's records are then parsed a slice at a time by
//! [`SlicedReader::step`], and the same steps go on to restore them into the dataset a slice
//! at a time ([`super::restore::Restoring`]); [`SlicedReader::finish`] hands over the result.
//! The result is the same as [`read_file`](super::read_file)'s for every input (a test holds
//! them to it); only the work is spread out. One piece is not sliced: the split itself (a
//! scan of the text).

use super::v1::*;
use super::{read_file, FormatError, Loaded};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
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
    Sliced(Box<Sliced<'a>>),
    /// Every record parsed; restoring them.
    Restoring(Box<super::restore::Restoring>, usize),
    /// The file's description was refused when the restore began.
    Failed(FormatError),
    /// Between states (never seen outside `step`).
    Moving,
}

struct Sliced<'a> {
    /// Collections still to parse, last first: name, raw records, index of the next one.
    pending: Vec<(&'static str, Vec<&'a RawValue>, usize)>,
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

fn parse_into<T: DeserializeOwned>(raw: &RawValue, into: &mut Vec<T>) -> Result<(), FormatError> {
    into.push(serde_json::from_str(raw.get()).map_err(shape_error)?);
    Ok(())
}

impl<'a> SlicedReader<'a> {
    /// Splits the file. Anything but a current-version Taizhang object is left whole and read
    /// by `read_file` in `finish`, so its messages are exactly `read_file`'s.
    pub fn new(text: &'a str) -> SlicedReader<'a> {
        SlicedReader {
            state: Self::split(text).map_or(State::Whole(text), |s| State::Sliced(Box::new(s))),
        }
    }

    fn split(text: &'a str) -> Option<Sliced<'a>> {
        if !text.trim_start().starts_with('{') {
            return None;
        }
        let mut envelope: BTreeMap<String, &'a RawValue> = serde_json::from_str(text).ok()?;
        let is_current = envelope.get("type").map(|t| t.get()) == Some("\"taizhang\"")
            && envelope.get("format_version").map(|v| v.get()) == Some("1");
        if !is_current {
            return None;
        }
        let mut pending = Vec::new();
        for name in crate::model::record::collections() {
            if let Some(raw) = envelope.remove(name) {
                let records: Vec<&'a RawValue> = serde_json::from_str(raw.get()).ok()?;
                pending.push((name, records, 0));
            }
        }
        let total = pending.iter().map(|(_, r, _)| r.len()).sum();
        // The envelope without its collections: small, parsed at once.
        let head: BTreeMap<&str, &RawValue> =
            envelope.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let head_text = serde_json::to_string(&head).ok()?;
        let file: FileV1 = serde_json::from_str(&head_text).ok()?;
        pending.reverse();
        Some(Sliced {
            pending,
            file,
            done: 0,
            total,
            error: None,
        })
    }

    /// Parses, or restores, up to `budget` more records.
    pub fn step(&mut self, budget: usize) -> Progress {
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
            State::Sliced(s) => s.error.is_some(),
            State::Restoring(restoring, _) => restoring.is_done(),
        }
    }

    /// Restores what was parsed (or reads a whole file that was not split).
    pub fn finish(self) -> Result<Loaded, FormatError> {
        match self.state {
            State::Whole(text) => read_file(text),
            State::Sliced(sliced) => {
                let sliced = *sliced;
                if let Some(error) = sliced.error {
                    return Err(error);
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
        // Each record is parsed, converted and inserted: 30 steps are 10 records' worth.
        let progress = reader.step(30);
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
