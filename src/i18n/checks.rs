//! Texts and messages of the consistency checks (数据核对): relation findings, range rules, the page.

use super::Table;

/// UI strings: key, Chinese, English.
pub(super) const UI: Table = &[];

/// Message templates: code, Chinese, English. `{name}` is replaced by the parameter.
pub(super) const MESSAGES: Table = &[];
