//! Arbitrary bytes as a script of edits to a small ledger on a base and two sides, merged
//! three-way and resolved every way: no panic, a result that passes the model's checks, a
//! deletion against an untouched record kept, and a ledger merged with itself unchanged
//! (the property is shared with `tests/fuzz_corpus.rs`, which replays this target's corpus).
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../../tests/support/merge_property.rs");

fuzz_target!(|data: &[u8]| {
    check_merge(data);
});
