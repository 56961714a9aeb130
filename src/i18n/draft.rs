//! Texts and messages of checking a pasted draft (核对文稿): figures found in a text, their marks, its own statements.

use super::Table;

/// UI strings: key, Chinese, English.
pub(super) const UI: Table = &[];

/// Message templates: code, Chinese, English. `{name}` is replaced by the parameter.
pub(super) const MESSAGES: Table = &[];
