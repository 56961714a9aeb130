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
//!   taizhang-cli import-sheet FILE.xlsx -o OUT.json [--into LEDGER.json] [--mapping MAP.json]
//!       [--write-mapping MAP.json] [--resolve mine|theirs]
//!       reads a spreadsheet (.xlsx/.xls/.ods/CSV) into a ledger file; problems are listed with
//!       their sheet, row and column (exit 1, nothing written)
//!   taizhang-cli export-sheet FILE -o OUT.xlsx | OUT.csv [--sheet NAME]
//!       writes the ledger as an Excel workbook, or one sheet as CSV
//!   taizhang-cli report FILE [--lang zh|en] [--format md|docx] [-o OUT]
//!       writes the work summary drafted from the ledger (the same text as the app's 工作总结
//!       page): Markdown to OUT or the terminal, or a Word document (.docx, tables but no
//!       charts) to OUT, which it needs
//!   taizhang-cli canonical FILE [-o OUT]
//!       rewrites a valid file in canonical form with its checksum (keys and arrays in order)
//!   taizhang-cli generate [--indicators N] [--years N] [--seed N] [--projects N]
//!       [--report-months N] [--supervision N] [-o FILE]
//!       writes a large, deterministic ledger in the file format (benchmarks, load tests)

// The tool is native: the browser build (which compiles every binary of the crate for wasm32)
// gets an empty one, and clap is not a dependency there.
#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/native.rs"]
mod native;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
