//! One page per file.

pub mod approvals;
pub mod bulletins;
pub mod catalogue;
pub mod checks;
pub mod dashboard;
pub mod data;
pub mod draft;
pub mod exchange;
pub mod indicator;
pub mod indicators;
pub mod project;
pub mod project_map;
pub mod project_stats;
pub mod projects;
pub mod recovery;
pub mod report;
pub mod sheets;
pub mod summary_editor;
pub mod supervision;
