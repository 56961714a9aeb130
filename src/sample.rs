//! The built-in sample: the Lucheng District bureau's 2012–2016 work summary, transcribed
//! figure by figure (each value keeps its source sentence) into
//! `public/samples/lucheng-2012-2016.json`. The browser build fetches that file from beside the
//! page on first run (the service worker caches it with the app, so it also opens offline
//! later); it is not embedded in the wasm, which would carry its 185 KB in every update of the
//! app (issue 14: the app's weight). Native builds (the tests, the command-line tool) embed it.

use crate::format::{read_file, FormatError, Loaded};

/// Where the browser fetches the sample from, relative to the page.
pub const SAMPLE_PATH: &str = "samples/lucheng-2012-2016.json";

/// The sample file's text, exactly as shipped (native builds).
#[cfg(not(target_arch = "wasm32"))]
pub const LUCHENG_2012_2016: &str = include_str!("../public/samples/lucheng-2012-2016.json");

/// Reads the sample's text. A problem in it is a bug in the shipped file: the caller shows it
/// and stores nothing.
pub fn read_sample(text: &str) -> Result<Loaded, FormatError> {
    read_file(text)
}

/// Reads the embedded sample (native builds).
#[cfg(not(target_arch = "wasm32"))]
pub fn load_lucheng_sample() -> Result<Loaded, FormatError> {
    read_sample(LUCHENG_2012_2016)
}

/// The sample as a dataset, for the core's unit tests.
#[cfg(test)]
pub(crate) fn lucheng_for_tests() -> crate::model::Dataset {
    match load_lucheng_sample() {
        Ok(loaded) => loaded.dataset,
        Err(error) => panic!("the embedded sample must load: {error}"),
    }
}
