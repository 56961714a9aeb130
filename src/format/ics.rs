//! An iCalendar file (RFC 5545) of upcoming approval expiries, for the user's own calendar:
//! one all-day event per approval on its last valid day, with an alarm days before. Generated
//! locally; nothing is sent anywhere.

use crate::model::{Dataset, Date};

/// One expiry as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiryEvent {
    /// Stable across exports, so re-importing updates the event instead of duplicating it.
    pub uid: String,
    pub day: Date,
    pub summary: String,
    pub description: String,
}

/// The events for every issued, not lapsed approval that ends on or after `as_of` (its end as
/// of that day: an extension granted later is not yet counted) and whose project has not
/// started building within it, soonest first. `summary` words one approval (the page passes its own language's wording).
pub fn expiry_events(
    dataset: &Dataset,
    as_of: Date,
    summary: impl Fn(&crate::model::Approval, &crate::model::Project) -> (String, String),
) -> Vec<ExpiryEvent> {
    let mut events: Vec<ExpiryEvent> = dataset
        .approvals()
        .filter(|a| a.status != crate::model::ApprovalStatus::Lapsed)
        .filter_map(|a| {
            let end = a.end_as_of(as_of)?;
            let project = dataset.project(&a.project)?;
            let due = end >= as_of && !crate::model::approval::used_in_time(project, end, as_of);
            due.then(|| {
                let (summary, description) = summary(a, project);
                ExpiryEvent {
                    uid: format!("{}@taizhang", a.id),
                    day: end,
                    summary,
                    description,
                }
            })
        })
        .collect();
    crate::sorting::sort_by(&mut events, |a, b| {
        a.day.cmp(&b.day).then_with(|| a.uid.cmp(&b.uid))
    });
    events
}

/// The calendar text: CRLF line ends, lines folded at 75 octets on character boundaries, text
/// escaped. `stamp` is the DTSTAMP (UTC, `YYYYMMDDTHHMMSSZ`); `alarm_days` before each day.
pub fn write_ics(events: &[ExpiryEvent], stamp: &str, alarm_days: u32) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Taizhang//Approvals//ZH");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    for event in events {
        let day = compact(event.day);
        let next = compact(event.day.plus_days(1));
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&event.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{day}"));
        line(&format!("DTEND;VALUE=DATE:{next}"));
        line(&format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(&event.description)));
        }
        line("TRANSP:TRANSPARENT");
        if alarm_days > 0 {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("DESCRIPTION:{}", escape(&event.summary)));
            line(&format!("TRIGGER:-P{alarm_days}D"));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn compact(day: Date) -> String {
    format!("{:04}{:02}{:02}", day.year, day.month, day.day)
}

/// TEXT escaping: backslash, semicolon, comma, and line breaks as `\n`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line folded at 75 octets (continuations start with a space), never
/// inside a UTF-8 character, then CRLF.
fn fold_into(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The file name of an export: `expiries-<YYYY-MM-DD>.ics` (the same in either language).
pub fn ics_file_name(as_of: Date) -> String {
    format!("expiries-{}.ics", as_of.to_iso())
}
