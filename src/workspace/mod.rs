//! The open ledger as the pages use it: the workflows that turn what a user does into edits
//! for the model's one door. Pure and tested natively; pages render and call it.
//!
//! So far it holds `entry`, how typed and pasted figures become edits and how the table's
//! cursor moves, and `forms`, how the project pages' forms are read into records.

pub mod entry;
pub mod forms;
