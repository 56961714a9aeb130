//! One page per file.

pub mod catalogue;
pub mod dashboard;
pub mod data;
pub mod indicator;
pub mod indicators;
