//! Spreadsheets for 台账: the neutral grid both sides speak, a reader of .xlsx, .xls, .ods and
//! CSV (feature `read`), and an .xlsx writer (feature `write`).
//!
//! The app itself depends on this crate with no features, for the [`grid`] types only: what a
//! workbook says is turned into a ledger (and a ledger into a workbook plan) by the app's pure
//! core (`taizhang::format::sheet`), natively tested. The heavy parts — calamine, encoding_rs,
//! rust_xlsxwriter — are built into a second wasm module (feature `wasm`, [`bindings`]) that
//! the app loads the first time a spreadsheet is opened or written, and are linked natively into
//! the command-line tool and the tests. Invariant: nothing here knows the ledger; the reader
//! reports what the file holds (cached values of formulas, formulas without one, merged ranges,
//! dates as serial numbers) and never guesses what it means. The module also packs and unpacks
//! the app's Word files ([`zipped`]), since it carries the zip and deflate code anyway.

pub mod grid;

#[cfg(feature = "read")]
pub mod read;

#[cfg(feature = "write")]
pub mod write;

pub mod zipped;

#[cfg(all(feature = "wasm", target_arch = "wasm32"))]
pub mod bindings;

pub use grid::{Book, BookSpec, Cell, CellSpec, Range, ReadError, Sheet, SheetSpec, Style};

/// The version of the interface between the app and the loaded module: the app refuses a module
/// of another version (a stale copy from a browser cache) instead of misreading it.
pub const INTERFACE: u32 = 2;
