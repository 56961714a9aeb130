//! The built-in sample: the Lucheng District bureau's 2012–2016 work summary, transcribed
//! figure by figure (each value keeps its source sentence) into
//! `public/samples/lucheng-2012-2016.json` and embedded in the build, so the first run works
//! offline and shows what the app is for.

use crate::format::{read_file, FormatError, Loaded};

/// The sample file's text, exactly as shipped.
pub const LUCHENG_2012_2016: &str = include_str!("../public/samples/lucheng-2012-2016.json");

/// Reads the embedded sample. A problem in it is a bug in the shipped file: the caller shows
/// it and stores nothing.
pub fn load_lucheng_sample() -> Result<Loaded, FormatError> {
    read_file(LUCHENG_2012_2016)
}

/// The sample as a dataset, for the core's unit tests.
#[cfg(test)]
pub(crate) fn lucheng_for_tests() -> crate::model::Dataset {
    match load_lucheng_sample() {
        Ok(loaded) => loaded.dataset,
        Err(error) => panic!("the embedded sample must load: {error}"),
    }
}
