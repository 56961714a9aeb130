//! Any bytes into the file reader: it must never panic, and whatever it reads without
//! problems must write back and read again to the same ledger (the canonical round trip).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(loaded) = taizhang::format::read_file(text) {
        if loaded.problems.is_empty() {
            let written = taizhang::format::write_file(&loaded.dataset, loaded.export);
            let again = taizhang::format::read_file(&written).expect("a written file reads back");
            assert!(again.problems.is_empty(), "a written file has no problems");
            assert_eq!(again.dataset, loaded.dataset, "the round trip keeps the ledger");
        }
    }
});
