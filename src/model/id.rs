//! Record ids: stable, random on creation, never reused.
//!
//! The generator is passed in (a browser shell draws from `crypto.getRandomValues`, tests use a
//! seeded one), so the core never reads randomness or the clock itself.

use std::fmt;

/// A record's stable id: `^[a-z0-9][a-z0-9-]{0,63}$`. Shared text: an id is held by its
/// record, the dataset's maps and indexes, the store's keys and every reference to it, so a
/// copy is a count, not an allocation (a city-scale ledger copies ids millions of times while
/// it loads).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordId(std::sync::Arc<str>);

/// The text's order (bytewise, as `str` orders), looked for eight bytes at a time: an id is a
/// key of every map of the dataset, and a city ledger's load compares ids millions of times
/// (a sort of 180,000 reports, a project looked up per report). Two runs of eight bytes that
/// differ are told apart by their first differing byte, found from the lowest set bit of
/// their difference (read little-endian, the first byte is the lowest); what is left past the
/// last whole eight is compared as text.
impl Ord for RecordId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (mut a, mut b) = (self.0.as_bytes(), other.0.as_bytes());
        while let (Some((x, rest_a)), Some((y, rest_b))) =
            (a.split_first_chunk::<8>(), b.split_first_chunk::<8>())
        {
            let difference = u64::from_le_bytes(*x) ^ u64::from_le_bytes(*y);
            if difference != 0 {
                let at = (difference.trailing_zeros() / 8) as usize;
                return x[at].cmp(&y[at]);
            }
            (a, b) = (rest_a, rest_b);
        }
        a.cmp(b)
    }
}

impl PartialOrd for RecordId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl RecordId {
    /// Accepts a well-formed id, or says nothing (`None`) so the caller can report where.
    pub fn parse(text: &str) -> Option<RecordId> {
        // Bytes, not chars: every allowed character is one ASCII byte, and any other
        // character's bytes are none of them.
        let mut bytes = text.bytes();
        let first_ok = bytes
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let rest_ok = bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        (first_ok && rest_ok && text.len() <= 64).then(|| RecordId(text.into()))
    }

    /// Builds an id from 64 random bits: `r-` and 16 hex digits.
    pub fn from_random(bits: u64) -> RecordId {
        RecordId(format!("r-{bits:016x}").into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The chunk bucket the store keeps this record in (0..=255), stable across runs.
    pub fn bucket(&self) -> u8 {
        // FNV-1a: tiny, deterministic, and spreads readable sample ids as well as random ones.
        let mut hash: u32 = 0x811c_9dc5;
        for byte in self.0.bytes() {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
        (hash ^ (hash >> 8) ^ (hash >> 16) ^ (hash >> 24)) as u8
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where new ids come from.
pub trait IdSource {
    fn next_id(&mut self) -> RecordId;
}

/// A deterministic id source (xorshift64*) for tests, the CLI's generator and benchmarks.
#[derive(Debug, Clone)]
pub struct SeededIds {
    state: u64,
}

impl SeededIds {
    pub fn new(seed: u64) -> SeededIds {
        SeededIds { state: seed.max(1) }
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

impl IdSource for SeededIds {
    fn next_id(&mut self) -> RecordId {
        RecordId::from_random(self.next_u64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_order_as_their_text_does() {
        // Around the eight-byte steps: prefixes, equal heads, lengths 7 to 17, digits and
        // dashes against letters.
        let texts = [
            "a",
            "a-",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefgh-",
            "abcdefgha",
            "abcdefgh0",
            "abcdefgz",
            "abcdefghabcdefgh",
            "abcdefghabcdefgh0",
            "abcdefghabcdefgi",
            "b",
            "ind-fai-total",
            "ind-fai-2012",
            "ind-fai",
            "r-00002807dd7c6761",
            "r-00002807dd7c6762",
            "r-0000",
            "r-00010e2bce3b051e",
            "9",
            "0-",
        ];
        let ids: Vec<RecordId> = texts.iter().map(|t| RecordId::parse(t).expect(t)).collect();
        for (a, x) in texts.iter().zip(&ids) {
            for (b, y) in texts.iter().zip(&ids) {
                assert_eq!(x.cmp(y), a.cmp(b), "{a} against {b}");
                assert_eq!(x.partial_cmp(y), Some(a.cmp(b)), "{a} against {b}");
            }
        }
        let mut sorted = ids.clone();
        sorted.sort();
        let mut by_text = texts.to_vec();
        by_text.sort();
        assert_eq!(
            sorted.iter().map(RecordId::as_str).collect::<Vec<_>>(),
            by_text
        );
    }

    #[test]
    fn ids_accept_lowercase_digits_and_dashes_only() {
        assert!(RecordId::parse("val-fai-2012").is_some());
        assert!(RecordId::parse("r-00ff").is_some());
        assert!(RecordId::parse("").is_none());
        assert!(RecordId::parse("-x").is_none());
        assert!(RecordId::parse("Val").is_none());
        assert!(RecordId::parse("a b").is_none());
        assert!(RecordId::parse(&"a".repeat(65)).is_none());
        assert!(RecordId::parse(&"a".repeat(64)).is_some());
        // Letters beyond ASCII, first or later, and a fullwidth dash.
        for text in ["项目-1", "p-项目", "é", "a-é", "a\u{ff0d}b", "a_b"] {
            assert!(RecordId::parse(text).is_none(), "{text}");
        }
    }

    #[test]
    fn seeded_ids_are_deterministic_and_distinct() {
        let mut first = SeededIds::new(7);
        let mut second = SeededIds::new(7);
        let a: Vec<_> = (0..100).map(|_| first.next_id()).collect();
        let b: Vec<_> = (0..100).map(|_| second.next_id()).collect();
        assert_eq!(a, b);
        let unique: std::collections::BTreeSet<_> = a.iter().collect();
        assert_eq!(unique.len(), 100);
    }
}
