//! One page per file.

pub mod catalogue;
pub mod dashboard;
pub mod data;
pub mod exchange;
pub mod indicator;
pub mod indicators;
