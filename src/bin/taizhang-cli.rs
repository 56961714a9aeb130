//! `taizhang-cli`: the native command-line tool over the same core as the app.
//!
//! Commands:
//!   taizhang-cli generate [--indicators N] [--years N] [--seed N] [-o FILE]
//!       writes a large, deterministic ledger in the file format (benchmarks, load tests)
//!   taizhang-cli validate FILE      (also: check FILE)
//!       reads a file and lists every problem with its JSON path (exit 1 if any)
//!   taizhang-cli canonical FILE [-o OUT]
//!       rewrites a valid file in canonical form with its checksum (keys and arrays in order)

use std::process::ExitCode;
use taizhang::i18n::ToMessage;
use taizhang::model::Lang;

fn usage() -> ExitCode {
    eprintln!(
        "usage:\n  taizhang-cli generate [--indicators N] [--years N] [--seed N] [-o FILE]\n  taizhang-cli validate FILE\n  taizhang-cli canonical FILE [-o OUT]"
    );
    ExitCode::from(2)
}

fn flag_value(args: &[String], names: &[&str]) -> Option<String> {
    args.iter()
        .position(|a| names.contains(&a.as_str()))
        .and_then(|i| args.get(i + 1).cloned())
}

fn number_flag(args: &[String], names: &[&str], default: u64) -> Result<u64, String> {
    match flag_value(args, names) {
        None => Ok(default),
        Some(text) => text
            .parse()
            .map_err(|_| format!("{} expects a number, got '{text}'", names[0])),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => {
            let options = (|| -> Result<taizhang::format::generate::GenerateOptions, String> {
                Ok(taizhang::format::generate::GenerateOptions {
                    indicators: number_flag(&args, &["--indicators"], 500)? as usize,
                    years: number_flag(&args, &["--years"], 20)? as i32,
                    seed: number_flag(&args, &["--seed"], 1)?,
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
            let text = taizhang::format::write_file(&dataset, None);
            match flag_value(&args, &["-o", "--output"]) {
                Some(path) => {
                    if let Err(error) = std::fs::write(&path, text) {
                        eprintln!("cannot write {path}: {error}");
                        return ExitCode::FAILURE;
                    }
                    eprintln!(
                        "wrote {path}: {} indicators, {} values",
                        dataset.count(taizhang::model::RecordKind::Indicator),
                        dataset.count(taizhang::model::RecordKind::Value)
                    );
                }
                None => print!("{text}"),
            }
            ExitCode::SUCCESS
        }
        Some("canonical") => {
            let Some(path) = args.get(1) else {
                return usage();
            };
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(error) => {
                    eprintln!("cannot read {path}: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let loaded = match taizhang::format::read_file(&text) {
                Ok(loaded) if loaded.problems.is_empty() => loaded,
                Ok(loaded) => {
                    for problem in &loaded.problems {
                        eprintln!("{}", problem.to_message().render(Lang::Zh));
                    }
                    return ExitCode::FAILURE;
                }
                Err(error) => {
                    eprintln!("{path}: {}", error.to_message().render(Lang::Zh));
                    return ExitCode::FAILURE;
                }
            };
            let canonical = taizhang::format::write_file(&loaded.dataset, loaded.export);
            match flag_value(&args, &["-o", "--output"]) {
                Some(out) => match std::fs::write(&out, canonical) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(error) => {
                        eprintln!("cannot write {out}: {error}");
                        ExitCode::FAILURE
                    }
                },
                None => {
                    print!("{canonical}");
                    ExitCode::SUCCESS
                }
            }
        }
        Some("check" | "validate") => {
            let Some(path) = args.get(1) else {
                return usage();
            };
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(error) => {
                    eprintln!("cannot read {path}: {error}");
                    return ExitCode::FAILURE;
                }
            };
            match taizhang::format::read_file(&text) {
                Err(error) => {
                    eprintln!("{path}: {}", error.to_message().render(Lang::Zh));
                    ExitCode::FAILURE
                }
                Ok(loaded) => {
                    for problem in &loaded.problems {
                        println!("{}", problem.to_message().render(Lang::Zh));
                    }
                    println!(
                        "{path}: {} areas, {} indicators, {} values, {} relations, {} problems",
                        loaded.dataset.count(taizhang::model::RecordKind::Area),
                        loaded.dataset.count(taizhang::model::RecordKind::Indicator),
                        loaded.dataset.count(taizhang::model::RecordKind::Value),
                        loaded.dataset.count(taizhang::model::RecordKind::Relation),
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
        _ => usage(),
    }
}
