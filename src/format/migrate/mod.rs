//! Migrations: ordered, append-only steps that bring an older file's raw JSON up to the current
//! format version, one version at a time. A released step is never edited; a format change
//! adds a step (`v1_to_v2.rs`, …), a fixture of the old version under `tests/fixtures/format/`,
//! and a test that the fixture still loads.
//!
//! Format 1 is the first released version, so there are no steps yet: a current-version file
//! never passes through here (it is parsed straight into its types, so a large file is not held
//! twice in memory), and a file older than format 1 does not exist.

use super::FormatError;
use serde_json::Value as Json;

/// One step: the version it reads and the function that rewrites it to the next version.
pub struct Step {
    pub from: u32,
    pub apply: fn(Json) -> Result<Json, String>,
}

/// Every step, oldest first. Append only.
pub const STEPS: &[Step] = &[];

/// Brings raw JSON of `version` up to the current version through every step in order.
pub fn migrate(json: Json, version: u32) -> Result<Json, FormatError> {
    migrate_with(json, version, STEPS, super::v1::FORMAT_VERSION)
}

/// [`migrate`] through the given steps to the given version (tests pretend a later version).
pub fn migrate_with(
    mut json: Json,
    version: u32,
    steps: &[Step],
    current: u32,
) -> Result<Json, FormatError> {
    let mut at = version;
    for step in steps.iter().filter(|s| s.from >= version) {
        if step.from != at {
            return Err(FormatError::UnknownVersion { found: at });
        }
        json = (step.apply)(json).map_err(|detail| FormatError::BadShape {
            version: at,
            detail,
        })?;
        at += 1;
        if let Some(object) = json.as_object_mut() {
            object.insert("format_version".to_string(), Json::from(at));
        }
    }
    if at != current {
        return Err(FormatError::UnknownVersion { found: version });
    }
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_are_contiguous_and_end_at_the_current_version() {
        let mut expected = STEPS
            .first()
            .map(|s| s.from)
            .unwrap_or(super::super::v1::FORMAT_VERSION);
        for step in STEPS {
            assert_eq!(step.from, expected, "steps must be contiguous and in order");
            expected += 1;
        }
        assert_eq!(expected, super::super::v1::FORMAT_VERSION);
    }

    #[test]
    fn a_version_with_no_path_to_the_current_one_is_refused() {
        assert_eq!(
            migrate(serde_json::json!({}), 0).err(),
            Some(FormatError::UnknownVersion { found: 0 })
        );
        assert!(migrate(serde_json::json!({"a": 1}), 1).is_ok());
    }
}
