//! The command-line tool itself (native only: see `taizhang-cli.rs`).

/// `println!` that stops quietly when the reader went away (`taizhang-cli check … | head`):
/// a closed pipe ends the command as it would a Unix tool, never with a panic.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(141);
        }
    }};
}

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use taizhang::format::diff::{diff, Change};
use taizhang::format::merge::{merge, ConflictKind, Resolution};
use taizhang::format::{read_file, write_file, ChecksumStatus, Loaded};
use taizhang::i18n::{text, Message, ToMessage};
use taizhang::model::{Lang, Period, RecordKind};

/// 台账 Taizhang on the command line: check, compare, merge and generate ledger files.
#[derive(Debug, Parser)]
#[command(name = "taizhang-cli", version, about)]
struct Cli {
    /// The language of messages.
    #[arg(long, value_enum, global = true, default_value = "zh")]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Reads a file and lists every problem with its JSON path (exit 1 if there are any).
    Validate { file: PathBuf },
    /// Reads a file, lists its problems, then checks its figures: every relation the ledger
    /// records, the range rules and the project plans (exit 1 on a problem or an error-level
    /// finding).
    Check {
        file: Option<PathBuf>,
        /// A draft (.txt or .docx) to check: against the ledger FILE and itself, or with no
        /// FILE against itself.
        #[arg(long)]
        draft: Option<PathBuf>,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Counts records per type and work area, the periods covered and the checksum's state.
    Stats { file: PathBuf },
    /// Lists every record and field that differs from A to B (exit 1 if any differ).
    Diff { a: PathBuf, b: PathBuf },
    /// Merges THEIRS into OURS against BASE, field by field; exits 1 without writing while
    /// conflicts are open, unless --resolve decides them all one way.
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// Where to write the merged file.
        #[arg(short, long)]
        output: PathBuf,
        /// Decide every conflict one way.
        #[arg(long, value_enum)]
        resolve: Option<ResolveArg>,
    },
    /// Writes a first draft of the work summary from a ledger (Markdown, or Word with -o).
    Report {
        file: PathBuf,
        /// The format written: Markdown, or a Word document (tables, no charts: those are
        /// drawn by the browser).
        #[arg(long, value_enum, default_value = "md")]
        format: ReportFormat,
        #[command(flatten)]
        output: Output,
    },
    /// Reads a spreadsheet (.xlsx, .xls, .ods, CSV) into a ledger file: into an empty ledger,
    /// or laid over --into's ledger (new figures added; a figure both give differently is a
    /// conflict, listed, exit 1 unless --resolve decides them all). Every problem is listed with
    /// its sheet, row and column (exit 1, nothing written).
    ImportSheet {
        file: PathBuf,
        /// The ledger the workbook is laid over (default: a new, empty ledger).
        #[arg(long)]
        into: Option<PathBuf>,
        /// How to read the sheets (JSON, as --write-mapping writes it; default: guessed).
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Write the layout used (guessed, or --mapping's) to this file, to correct and pass
        /// back with --mapping.
        #[arg(long)]
        write_mapping: Option<PathBuf>,
        /// Decide every conflict one way.
        #[arg(long, value_enum)]
        resolve: Option<ResolveArg>,
        /// Where to write the ledger file.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Writes a ledger as an Excel workbook (a sheet per work area and the project ledger), or
    /// one of its sheets as CSV (UTF-8 with a BOM) when OUT ends in .csv.
    ExportSheet {
        file: PathBuf,
        /// The sheet written as CSV (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Rewrites a valid file in canonical order with a fresh checksum.
    Canonical {
        file: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// Writes a large deterministic ledger (benchmarks, load tests).
    Generate {
        /// Indicators, spread over the eight work areas.
        #[arg(long, default_value_t = 500)]
        indicators: usize,
        /// Years of figures per indicator.
        #[arg(long, default_value_t = 20)]
        years: i32,
        /// Seed of the generator (same seed, same file).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Projects, with monthly reports and supervision items.
        #[arg(long, default_value_t = 0)]
        projects: usize,
        /// Monthly reports per project (the latest zero to three months missing).
        #[arg(long, default_value_t = 36)]
        report_months: usize,
        /// Supervision items, spread over the projects (default: two for every five projects).
        #[arg(long)]
        supervision: Option<usize>,
        /// Approvals per project (the approvals register; 8 gives 40,000 for 5,000 projects).
        #[arg(long, default_value_t = 0)]
        approvals: usize,
        #[command(flatten)]
        output: Output,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportFormat {
    Md,
    Docx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ResolveArg {
    Mine,
    Theirs,
}

#[derive(Debug, Args)]
struct Output {
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// Reads and validates a file; a file with problems is reported and refused.
fn read_valid(path: &std::path::Path, lang: Lang) -> Result<Loaded, ExitCode> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|error| {
        eprintln!("cannot read {shown}: {error}");
        ExitCode::FAILURE
    })?;
    match read_file(&text) {
        Err(error) => {
            eprintln!("{shown}: {}", error.to_message().render(lang));
            Err(ExitCode::FAILURE)
        }
        Ok(loaded) if !loaded.problems.is_empty() => {
            for problem in &loaded.problems {
                eprintln!("{shown}: {}", problem.to_message().render(lang));
            }
            Err(ExitCode::FAILURE)
        }
        Ok(loaded) => Ok(loaded),
    }
}

/// Writes the report as .docx to a file (a binary never goes to a terminal).
fn write_docx_out(
    output: Option<&std::path::Path>,
    dataset: &taizhang::model::Dataset,
    doc: &taizhang::report::ReportDoc,
    lang: Lang,
) -> ExitCode {
    let Some(path) = output else {
        eprintln!("{}", Message::new("cli.docx_needs_output").render(lang));
        return ExitCode::from(2);
    };
    match taizhang::report::to_docx(dataset, doc, lang, &BTreeMap::new()) {
        Ok(bytes) => match std::fs::write(path, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("cannot write {}: {error}", path.display());
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn write_out(output: Option<&std::path::Path>, text: &str) -> ExitCode {
    match output {
        Some(out) => match std::fs::write(out, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("cannot write {}: {error}", out.display());
                ExitCode::FAILURE
            }
        },
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}

fn validate(file: &std::path::Path, lang: Lang) -> ExitCode {
    let path = file.display();
    let text = match std::fs::read_to_string(file) {
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

/// `check FILE`: the file's problems (as `validate`), then the findings of its figures.
fn check(file: &std::path::Path, json: bool, lang: Lang) -> ExitCode {
    use taizhang::calc::checks::{check_all, counts, CheckOptions, Severity};
    if !json {
        let validated = validate(file, lang);
        if validated != ExitCode::SUCCESS {
            return validated;
        }
    }
    let loaded = match read_valid(file, lang) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let dataset = &loaded.dataset;
    let findings = check_all(dataset, &CheckOptions::default());
    let [errors, warnings, cannot, confirmed] = counts(&findings);
    if json {
        let out = serde_json::json!({
            "file": file.display().to_string(),
            "counts": {
                "error": errors, "warning": warnings,
                "cannot_check": cannot, "confirmed": confirmed
            },
            "findings": findings.iter().map(|f| finding_json(f, dataset, lang)).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        for severity in Severity::ALL {
            for finding in findings.iter().filter(|f| f.severity == severity) {
                print_finding(finding, dataset, lang);
            }
        }
        println!(
            "{}",
            taizhang::calc::checks::summary_message(&findings).render(lang)
        );
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads a draft: a .docx through `format::docx`, anything else as UTF-8 text.
fn read_draft(path: &std::path::Path, lang: Lang) -> Result<String, ExitCode> {
    let bytes = std::fs::read(path).map_err(|error| {
        eprintln!("cannot read {}: {error}", path.display());
        ExitCode::FAILURE
    })?;
    let is_docx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if is_docx {
        return taizhang::format::docx::docx_text(&bytes).map_err(|e| {
            eprintln!(
                "{}",
                Message::new("draft.docx_refused")
                    .with("name", path.display())
                    .with("detail", e)
                    .render(lang)
            );
            ExitCode::FAILURE
        });
    }
    String::from_utf8(bytes).map_err(|_| {
        eprintln!(
            "{}",
            Message::new("draft.not_utf8")
                .with("name", path.display())
                .render(lang)
        );
        ExitCode::FAILURE
    })
}

/// `check [FILE] --draft TEXT`: the draft's figures against the ledger (when FILE is given)
/// and its own statements; exit 1 when a figure differs or a statement does not hold.
fn check_draft(
    ledger: Option<&std::path::Path>,
    draft: &std::path::Path,
    json: bool,
    lang: Lang,
) -> ExitCode {
    use taizhang::calc::draft::{check_draft as run, mark_code};
    let draft_text = match read_draft(draft, lang) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let loaded = match ledger {
        Some(path) => match read_valid(path, lang) {
            Ok(loaded) => Some(loaded),
            Err(code) => return code,
        },
        None => None,
    };
    let dataset = loaded.as_ref().map(|l| &l.dataset);
    // Without a ledger, "今年" is the year of the newest year the draft names, or else today's.
    let as_of = dataset.map(|d| d.meta.document_date).unwrap_or_else(|| {
        taizhang::model::Date::parse_iso(&now_iso()[..10]).unwrap_or(taizhang::model::Date {
            year: 2016,
            month: 12,
            day: 31,
        })
    });
    let result = run(&draft_text, dataset, as_of);
    let tally = result.tally();
    if json {
        let out = serde_json::json!({
            "draft": draft.display().to_string(),
            "figures": result.figures.iter().map(|f| serde_json::json!({
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "amount": f.amount.normalize().to_string(),
                "unit": f.unit,
                "period": f.period.map(|p| p.code()),
                "mark": mark_code(f.mark.as_ref()),
                "message": f.mark.as_ref().map(|m| m.message().render(lang)),
            })).collect::<Vec<_>>(),
            "own": result.own.iter().map(|o| serde_json::json!({
                "holds": o.holds,
                "message": o.message().render(lang),
            })).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        for figure in &result.figures {
            let code = mark_code(figure.mark.as_ref());
            if matches!(code, "differs" | "ambiguous") {
                println!(
                    "[{}] {}: {}",
                    text(
                        lang,
                        figure
                            .mark
                            .as_ref()
                            .map_or("draft.mark.differs", |m| m.label_key())
                    ),
                    figure.text,
                    figure
                        .mark
                        .as_ref()
                        .map(|m| m.message().render(lang))
                        .unwrap_or_default()
                );
                println!(
                    "  {}: {}",
                    text(lang, "checks.source"),
                    text_of(&draft_text, figure.sentence.clone())
                );
            }
        }
        for finding in &result.own {
            println!(
                "[{}] {}",
                text(lang, finding.label_key()),
                finding.message().render(lang)
            );
        }
        if tally.figures == 0 {
            println!("{}", Message::new("draft.no_figures").render(lang));
        }
        println!("{}", tally.message().render(lang));
    }
    if tally.differs + tally.relation_differs + tally.own_fails > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn text_of(text: &str, range: std::ops::Range<usize>) -> &str {
    text.get(range).unwrap_or_default()
}

/// The figures a finding is about, named: "2016年固定资产投资 ← 2012年固定资产投资".
fn finding_figures(
    finding: &taizhang::calc::checks::Finding,
    dataset: &taizhang::model::Dataset,
    lang: Lang,
) -> String {
    finding
        .figures
        .iter()
        .map(|f| taizhang::calc::checks::figure_name(f, dataset, lang))
        .collect::<Vec<_>>()
        .join(" ← ")
}

fn print_finding(
    finding: &taizhang::calc::checks::Finding,
    dataset: &taizhang::model::Dataset,
    lang: Lang,
) {
    println!(
        "[{}] {} · {}",
        text(lang, finding.severity.name_key()),
        text(lang, finding.check.name_key()),
        finding_figures(finding, dataset, lang)
    );
    println!("  {}", finding.describe(dataset, lang));
    if let Some(note) = finding.comparability_message() {
        println!("  {}", note.render(lang));
    }
    let supported = finding.supported_texts(dataset, lang);
    if !supported.is_empty() {
        println!(
            "  {}: {}",
            text(lang, "checks.supported"),
            supported.join(" / ")
        );
    }
    if !finding.source.is_empty() {
        println!("  {}: {}", text(lang, "checks.source"), finding.source);
    }
}

fn finding_json(
    finding: &taizhang::calc::checks::Finding,
    dataset: &taizhang::model::Dataset,
    lang: Lang,
) -> serde_json::Value {
    let number = |d: Option<rust_decimal::Decimal>| d.map(|d| d.normalize().to_string());
    serde_json::json!({
        "severity": finding.severity.code(),
        "check": text(lang, finding.check.name_key()),
        "relation": finding.relation().map(|r| r.to_string()),
        "figures": finding.figures.iter().map(|f| serde_json::json!({
            "indicator": f.indicator.to_string(),
            "period": f.period.code(),
            "name": taizhang::calc::checks::figure_name(f, dataset, lang),
        })).collect::<Vec<_>>(),
        "stated": number(finding.stated),
        "computed": number(finding.computed),
        "difference": number(finding.difference),
        "tolerance": number(finding.tolerance),
        "approximate": finding.approximate,
        "message": finding.describe(dataset, lang),
        "comparability": finding.comparability_message().map(|m| m.render(lang)),
        "supported": finding.supported_texts(dataset, lang),
        "source": finding.source,
        "note": finding.note,
    })
}

fn stats(path: &std::path::Path, lang: Lang) -> ExitCode {
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

fn print_diff(a: &std::path::Path, b: &std::path::Path, lang: Lang) -> ExitCode {
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

/// The three files of a merge and what to do with its result.
struct MergeRequest<'a> {
    base: &'a std::path::Path,
    ours: &'a std::path::Path,
    theirs: &'a std::path::Path,
    output: &'a std::path::Path,
    resolve: Option<ResolveArg>,
}

fn run_merge(request: MergeRequest<'_>, lang: Lang) -> ExitCode {
    let MergeRequest {
        base,
        ours,
        theirs,
        output,
        resolve,
    } = request;
    let resolution = resolve.map(|choice| match choice {
        ResolveArg::Mine => Resolution::KeepMine,
        ResolveArg::Theirs => Resolution::TakeTheirs,
    });
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
    write_out(Some(output), &write_file(&merged.dataset, Some(export)))
}

struct SheetRequest<'a> {
    file: &'a std::path::Path,
    into: Option<&'a std::path::Path>,
    mapping: Option<&'a std::path::Path>,
    write_mapping: Option<&'a std::path::Path>,
    resolve: Option<Resolution>,
    output: &'a std::path::Path,
}

fn import_sheet(request: SheetRequest<'_>, lang: Lang) -> ExitCode {
    let shown = request.file.display();
    let bytes = match std::fs::read(request.file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("cannot read {shown}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let file_name = request
        .file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem = request
        .file
        .file_stem()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let book = match taizhang_sheets::read::read_book(&bytes, &file_name) {
        Ok(book) => book,
        Err(error) => {
            eprintln!(
                "{shown}: {}",
                taizhang::sheet::read_error_message(&error).render(lang)
            );
            return ExitCode::FAILURE;
        }
    };
    let ours = match request.into {
        Some(path) => match read_valid(path, lang) {
            Ok(loaded) => loaded.dataset,
            Err(code) => return code,
        },
        None => {
            let today = now_iso();
            let date =
                taizhang::model::Date::parse_iso(&today[..10]).unwrap_or(taizhang::model::Date {
                    year: 2026,
                    month: 1,
                    day: 1,
                });
            taizhang::model::Dataset::new(taizhang::model::DatasetMeta {
                id: format!("ds-sheet-{}", &today[..10]),
                name: stem.clone(),
                document_date: date,
                sample: false,
                source_title: file_name.clone(),
                lineage: Vec::new(),
            })
        }
    };
    let layout = match request.mapping {
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
        {
            Ok(layout) => layout,
            Err(error) => {
                eprintln!("{}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => {
            let mut layout = taizhang::sheet::layout::guess(&book, ours.meta.document_date, &stem);
            let known: Vec<String> = ours.areas().iter().map(|a| a.name.clone()).collect();
            taizhang::sheet::layout::prefer_known_areas(&mut layout, &known);
            layout
        }
    };
    if let Some(path) = request.write_mapping {
        let text = serde_json::to_string_pretty(&layout).unwrap_or_default();
        if let Err(error) = std::fs::write(path, text) {
            eprintln!("cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let mut ids =
        taizhang::model::SeededIds::new(bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
        }));
    let plan = match taizhang::workspace::import::plan_sheet(
        &ours, &file_name, &book, &layout, &mut ids,
    ) {
        Ok(plan) => plan,
        Err(problems) => {
            for problem in &problems {
                eprintln!("{shown}: {}", problem.render(lang));
            }
            eprintln!(
                "{}",
                Message::new("sheet.refused")
                    .with("count", problems.len())
                    .render(lang)
            );
            return ExitCode::FAILURE;
        }
    };
    let conflicts = plan.merge.conflicts.len();
    if conflicts > 0 && request.resolve.is_none() {
        for conflict in &plan.merge.conflicts {
            if let taizhang::format::merge::ConflictKind::Field {
                field,
                ours,
                theirs,
                ..
            } = &conflict.what
            {
                eprintln!(
                    "conflict {} {} {field}: {ours} | {theirs}",
                    conflict.kind.collection(),
                    conflict.id
                );
            }
        }
        eprintln!("{conflicts} conflicts; decide them with --resolve mine|theirs");
        return ExitCode::FAILURE;
    }
    let decisions = vec![request.resolve; conflicts];
    let mut workspace = taizhang::workspace::Workspace::new(ours, "taizhang-cli", "taizhang-cli");
    match taizhang::workspace::import::apply_merge(
        &mut workspace,
        &plan,
        &decisions,
        true,
        &now_iso(),
    ) {
        Ok(_) => {
            for (kind, report) in &plan.merge.report {
                if report.created + report.updated + report.conflicting > 0 {
                    println!(
                        "{}: +{} ~{} !{}",
                        kind.collection(),
                        report.created,
                        report.updated,
                        report.conflicting
                    );
                }
            }
            write_out(Some(request.output), &write_file(workspace.dataset(), None))
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn export_sheet(
    dataset: &taizhang::model::Dataset,
    sheet: Option<&str>,
    output: &std::path::Path,
    lang: Lang,
) -> ExitCode {
    use taizhang::sheet::export;
    let is_csv = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let names = export::sheet_names(dataset);
        let chosen = match sheet {
            Some(name) => names.iter().find(|n| *n == name),
            None => names.first(),
        };
        let Some(chosen) = chosen.and_then(|name| export::one_sheet(dataset, name)) else {
            eprintln!("{}", Message::new("sheet.no_such_sheet").render(lang));
            return ExitCode::FAILURE;
        };
        return write_out(Some(output), &export::sheet_csv(&chosen));
    }
    match taizhang_sheets::write::write_xlsx(&export::workbook(dataset)) {
        Ok(bytes) => match std::fs::write(output, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("cannot write {}: {error}", output.display());
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
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

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version print and succeed; anything else (an unknown command or
            // option, a missing argument) is refused with clap's message and exit status 2.
            let refused = error.use_stderr();
            let _ = error.print();
            if refused {
                eprintln!("usage: taizhang-cli --help, or taizhang-cli COMMAND --help");
            }
            return ExitCode::from(if refused { 2 } else { 0 });
        }
    };
    let lang = match cli.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    match cli.command {
        Command::Generate {
            indicators,
            years,
            seed,
            projects,
            report_months,
            supervision,
            approvals,
            output,
        } => {
            let options = taizhang::format::generate::GenerateOptions {
                indicators,
                years,
                seed,
                projects,
                report_months,
                supervision: supervision.unwrap_or(projects * 2 / 5),
                approvals,
            };
            let dataset = taizhang::format::generate::generate(&options);
            let code = write_out(output.output.as_deref(), &write_file(&dataset, None));
            eprintln!(
                "{} indicators, {} values, {} projects, {} monthly reports",
                dataset.count(RecordKind::Indicator),
                dataset.count(RecordKind::Value),
                dataset.count(RecordKind::Project),
                dataset.count(RecordKind::Report)
            );
            code
        }
        Command::Validate { file } => validate(&file, lang),
        Command::Check { file, draft, json } => match (file, draft) {
            (file, Some(draft)) => check_draft(file.as_deref(), &draft, json, lang),
            (Some(file), None) => check(&file, json, lang),
            (None, None) => {
                eprintln!("{}", Message::new("cli.check_needs_input").render(lang));
                ExitCode::from(2)
            }
        },
        Command::Stats { file } => stats(&file, lang),
        Command::Diff { a, b } => print_diff(&a, &b, lang),
        Command::Merge {
            base,
            ours,
            theirs,
            output,
            resolve,
        } => run_merge(
            MergeRequest {
                base: &base,
                ours: &ours,
                theirs: &theirs,
                output: &output,
                resolve,
            },
            lang,
        ),
        Command::Report {
            file,
            format,
            output,
        } => match read_valid(&file, lang) {
            Ok(loaded) => {
                let doc = taizhang::report::first_draft(&loaded.dataset, lang);
                match format {
                    ReportFormat::Md => write_out(
                        output.output.as_deref(),
                        &taizhang::report::to_markdown(&loaded.dataset, &doc, lang),
                    ),
                    ReportFormat::Docx => {
                        write_docx_out(output.output.as_deref(), &loaded.dataset, &doc, lang)
                    }
                }
            }
            Err(code) => code,
        },
        Command::ImportSheet {
            file,
            into,
            mapping,
            write_mapping,
            resolve,
            output,
        } => import_sheet(
            SheetRequest {
                file: &file,
                into: into.as_deref(),
                mapping: mapping.as_deref(),
                write_mapping: write_mapping.as_deref(),
                resolve: resolve.map(|r| match r {
                    ResolveArg::Mine => Resolution::KeepMine,
                    ResolveArg::Theirs => Resolution::TakeTheirs,
                }),
                output: &output,
            },
            lang,
        ),
        Command::ExportSheet {
            file,
            sheet,
            output,
        } => match read_valid(&file, lang) {
            Ok(loaded) => export_sheet(&loaded.dataset, sheet.as_deref(), &output, lang),
            Err(code) => code,
        },
        Command::Canonical { file, output } => match read_valid(&file, lang) {
            Ok(loaded) => write_out(
                output.output.as_deref(),
                &write_file(&loaded.dataset, loaded.export),
            ),
            Err(code) => code,
        },
    }
}
