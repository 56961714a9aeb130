//! `taizhang-cli`: the native command-line tool over the same core as the app. Messages come
//! from the same table as the app's (Chinese; `--lang en` for English).
//!
//! Commands:
//!   taizhang-cli validate FILE                      (also: check FILE)
//!       reads a file and lists every problem with its JSON path (exit 1 if any)
//!   taizhang-cli stats FILE
//!       counts per record type and work area, the periods covered, the checksum's state
//!   taizhang-cli diff A B
//!       every record and field that differs from A to B (exit 1 if any differ)
//!   taizhang-cli merge BASE OURS THEIRS -o OUT [--resolve mine|theirs]
//!       three-way merge; lists conflicts and exits 1 without writing when any remain
//!       unresolved (--resolve decides all of them one way)
//!   taizhang-cli canonical FILE [-o OUT]
//!       rewrites a valid file in canonical form with its checksum (keys and arrays in order)
//!   taizhang-cli generate [--indicators N] [--years N] [--seed N] [--projects N] [-o FILE]
//!       writes a large, deterministic ledger in the file format (benchmarks, load tests)

use std::collections::BTreeMap;
use std::process::ExitCode;
use taizhang::format::diff::{diff, Change};
use taizhang::format::merge::{merge, ConflictKind, Resolution};
use taizhang::format::{read_file, write_file, ChecksumStatus, Loaded};
use taizhang::i18n::{Message, ToMessage};
use taizhang::model::{Lang, Period, RecordKind};

const USAGE: &str = "usage:
  taizhang-cli validate FILE
  taizhang-cli stats FILE
  taizhang-cli diff A B
  taizhang-cli merge BASE OURS THEIRS -o OUT [--resolve mine|theirs]
  taizhang-cli canonical FILE [-o OUT]
  taizhang-cli generate [--indicators N] [--years N] [--seed N] [--projects N] [-o FILE]
options: --lang zh|en";

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn flag_value(args: &[String], names: &[&str]) -> Option<String> {
    args.iter()
        .position(|a| names.contains(&a.as_str()))
        .and_then(|i| args.get(i + 1).cloned())
}

/// The positional arguments after the command, flags and their values left out.
fn positional(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip = false;
    for arg in args.iter().skip(1) {
        if skip {
            skip = false;
        } else if arg.starts_with('-') {
            skip = true;
        } else {
            out.push(arg.clone());
        }
    }
    out
}

fn number_flag(args: &[String], names: &[&str], default: u64) -> Result<u64, String> {
    match flag_value(args, names) {
        None => Ok(default),
        Some(text) => text
            .parse()
            .map_err(|_| format!("{} expects a number, got '{text}'", names[0])),
    }
}

/// Reads and validates a file; a file with problems is reported and refused.
fn read_valid(path: &str, lang: Lang) -> Result<Loaded, ExitCode> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        eprintln!("cannot read {path}: {error}");
        ExitCode::FAILURE
    })?;
    match read_file(&text) {
        Err(error) => {
            eprintln!("{path}: {}", error.to_message().render(lang));
            Err(ExitCode::FAILURE)
        }
        Ok(loaded) if !loaded.problems.is_empty() => {
            for problem in &loaded.problems {
                eprintln!("{path}: {}", problem.to_message().render(lang));
            }
            Err(ExitCode::FAILURE)
        }
        Ok(loaded) => Ok(loaded),
    }
}

fn write_out(args: &[String], text: &str) -> ExitCode {
    match flag_value(args, &["-o", "--output"]) {
        Some(out) => match std::fs::write(&out, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("cannot write {out}: {error}");
                ExitCode::FAILURE
            }
        },
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}

fn validate(path: &str, lang: Lang) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    match read_file(&text) {
        Err(error) => {
            eprintln!("{path}: {}", error.to_message().render(lang));
            ExitCode::FAILURE
        }
        Ok(loaded) => {
            for problem in &loaded.problems {
                println!("{}", problem.to_message().render(lang));
            }
            if loaded.checksum == ChecksumStatus::Mismatch {
                println!("{}", Message::new("file.checksum_mismatch").render(lang));
            }
            let count = |kind| loaded.dataset.count(kind);
            println!(
                "{path}: {} areas, {} indicators, {} values, {} relations, {} problems",
                count(RecordKind::Area),
                count(RecordKind::Indicator),
                count(RecordKind::Value),
                count(RecordKind::Relation),
                loaded.problems.len()
            );
            if loaded.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn stats(path: &str, lang: Lang) -> ExitCode {
    let loaded = match read_valid(path, lang) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let dataset = &loaded.dataset;
    println!("{}  ({})", dataset.meta.name, dataset.meta.id);
    for kind in RecordKind::ALL {
        println!("  {:<17} {}", kind.collection(), dataset.count(kind));
    }
    println!("  {:<17} {}", "tombstones", dataset.tombstones().count());
    for area in dataset.areas() {
        let indicators = dataset.indicators_in(&area.id);
        let values: usize = indicators
            .iter()
            .map(|i| dataset.values_of(&i.id).len())
            .sum();
        println!(
            "  {}: {} indicators, {} values",
            area.name,
            indicators.len(),
            values
        );
    }
    let periods: Vec<Period> = dataset.values().map(|v| v.period).collect();
    if let (Some(first), Some(last)) = (periods.iter().min(), periods.iter().max()) {
        println!("  periods: {} … {}", first.label(lang), last.label(lang));
    }
    let checksum = match loaded.checksum {
        ChecksumStatus::Valid => "valid",
        ChecksumStatus::Missing => "missing",
        ChecksumStatus::Mismatch => "MISMATCH (changed after export)",
    };
    println!("  checksum: {checksum}");
    ExitCode::SUCCESS
}

fn print_diff(a: &str, b: &str, lang: Lang) -> ExitCode {
    let (before, after) = match (read_valid(a, lang), read_valid(b, lang)) {
        (Ok(before), Ok(after)) => (before, after),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let differences = diff(&before.dataset, &after.dataset, lang);
    for d in &differences {
        let kind = d.kind.collection();
        match &d.change {
            Change::Added => println!("+ {kind} {} {}", d.id, d.label),
            Change::Removed => println!("- {kind} {} {}", d.id, d.label),
            Change::Deleted => println!("- {kind} {} {} (deleted)", d.id, d.label),
            Change::Restored => println!("+ {kind} {} {} (restored)", d.id, d.label),
            Change::Changed {
                field,
                before,
                after,
            } => {
                println!(
                    "~ {kind} {} {}: {field}: {before:?} → {after:?}",
                    d.id, d.label
                )
            }
        }
    }
    println!("{} differences", differences.len());
    if differences.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn run_merge(args: &[String], files: &[String], lang: Lang) -> ExitCode {
    let [base, ours, theirs] = files else {
        return usage();
    };
    let resolution = match flag_value(args, &["--resolve"]).as_deref() {
        None => None,
        Some("mine") => Some(Resolution::KeepMine),
        Some("theirs") => Some(Resolution::TakeTheirs),
        Some(other) => {
            eprintln!("--resolve takes mine or theirs, not '{other}'");
            return usage();
        }
    };
    let mut loaded = Vec::new();
    for path in [base, ours, theirs] {
        match read_valid(path, lang) {
            Ok(l) => loaded.push(l),
            Err(code) => return code,
        }
    }
    let plan = merge(&loaded[0].dataset, &loaded[1].dataset, &loaded[2].dataset);
    let mut report: BTreeMap<RecordKind, String> = BTreeMap::new();
    for (kind, r) in &plan.report {
        report.insert(
            *kind,
            format!(
                "{}: {} created, {} updated, {} unchanged, {} deleted, {} matched, {} conflicting",
                kind.collection(),
                r.created,
                r.updated,
                r.unchanged,
                r.deleted,
                r.matched,
                r.conflicting
            ),
        );
    }
    for line in report.values() {
        eprintln!("{line}");
    }
    let ours_dataset = &loaded[1].dataset;
    for conflict in &plan.conflicts {
        let label = ours_dataset
            .record(&conflict.id)
            .map(|r| taizhang::format::diff::describe(ours_dataset, &r, lang))
            .unwrap_or_else(|| conflict.id.to_string());
        let line = match &conflict.what {
            ConflictKind::Field {
                field,
                base,
                ours,
                theirs,
            } => format!(
                "conflict {} {label}: {field}: base {:?}, ours {ours:?}, theirs {theirs:?}",
                conflict.id,
                base.clone().unwrap_or_default()
            ),
            ConflictKind::DeletedByUs { .. } => {
                format!(
                    "conflict {} {label}: deleted by us, edited by them",
                    conflict.id
                )
            }
            ConflictKind::DeletedByThem { .. } => {
                format!(
                    "conflict {} {label}: edited by us, deleted by them",
                    conflict.id
                )
            }
            ConflictKind::SameFigure { .. } => {
                format!(
                    "conflict {} {label}: the same figure entered twice with different amounts",
                    conflict.id
                )
            }
        };
        println!("{line}");
    }
    if !plan.conflicts.is_empty() && resolution.is_none() {
        eprintln!(
            "{} conflicts unresolved: nothing written (decide them with --resolve mine|theirs, or in the app)",
            plan.conflicts.len()
        );
        return ExitCode::FAILURE;
    }
    let choices = vec![resolution.unwrap_or(Resolution::KeepMine); plan.conflicts.len()];
    let merged = plan.resolve(&choices);
    for (kind, id, reason) in &merged.rejected {
        eprintln!(
            "rejected {} {id}: {}",
            kind.collection(),
            reason.to_message().render(lang)
        );
    }
    if flag_value(args, &["-o", "--output"]).is_none() {
        eprintln!("merge needs -o OUT");
        return usage();
    }
    let derived_from: Vec<String> = loaded
        .iter()
        .filter_map(|l| l.export.as_ref().map(|e| e.id.clone()))
        .collect();
    // The merged file's export id comes from its content, so the same merge gives the same file.
    let content_hash =
        taizhang::format::checksum_of(&taizhang::format::dataset_to_v1(&merged.dataset, None));
    let export = taizhang::format::v1::ExportV1 {
        id: format!(
            "x-{}",
            content_hash
                .trim_start_matches("sha256:")
                .get(..16)
                .unwrap_or("0")
        ),
        exported_at: now_iso(),
        exported_by: "taizhang-cli merge".to_string(),
        derived_from,
    };
    write_out(args, &write_file(&merged.dataset, Some(export)))
}

/// The current UTC time as ISO 8601 (civil-from-days, so no date crate is needed).
fn now_iso() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = match flag_value(&args, &["--lang"]).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    };
    let files = positional(&args);
    match args.first().map(String::as_str) {
        Some("generate") => {
            let options = (|| -> Result<taizhang::format::generate::GenerateOptions, String> {
                Ok(taizhang::format::generate::GenerateOptions {
                    indicators: number_flag(&args, &["--indicators"], 500)? as usize,
                    years: number_flag(&args, &["--years"], 20)? as i32,
                    seed: number_flag(&args, &["--seed"], 1)?,
                    projects: number_flag(&args, &["--projects"], 0)? as usize,
                })
            })();
            let options = match options {
                Ok(options) => options,
                Err(message) => {
                    eprintln!("{message}");
                    return usage();
                }
            };
            let dataset = taizhang::format::generate::generate(&options);
            let code = write_out(&args, &write_file(&dataset, None));
            eprintln!(
                "{} indicators, {} values, {} projects, {} monthly reports",
                dataset.count(RecordKind::Indicator),
                dataset.count(RecordKind::Value),
                dataset.count(RecordKind::Project),
                dataset.count(RecordKind::Report)
            );
            code
        }
        Some("check" | "validate") => match files.as_slice() {
            [path] => validate(path, lang),
            _ => usage(),
        },
        Some("stats") => match files.as_slice() {
            [path] => stats(path, lang),
            _ => usage(),
        },
        Some("diff") => match files.as_slice() {
            [a, b] => print_diff(a, b, lang),
            _ => usage(),
        },
        Some("merge") => run_merge(&args, &files, lang),
        Some("canonical") => match files.as_slice() {
            [path] => match read_valid(path, lang) {
                Ok(loaded) => write_out(&args, &write_file(&loaded.dataset, loaded.export)),
                Err(code) => code,
            },
            _ => usage(),
        },
        _ => usage(),
    }
}
