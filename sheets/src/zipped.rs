//! Zip containers for the app's Word files: one entry read out of a zip (a .docx draft's
//! `word/document.xml`) and a zip written from named parts (a .docx report). They live here,
//! beside the spreadsheet reader and writer that carry the same zip and deflate code, so the
//! app's own wasm carries none of it (issue 14: the app's weight). What the parts say is the
//! app's (`taizhang::format::docx`); this only packs and unpacks bytes.
//!
//! Invariant: reading never panics and reads at most `limit` bytes of the entry; a part is
//! written deflated or stored as asked, in the order given.

use serde::{Deserialize, Serialize};

/// One file of a zip to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub data: Vec<u8>,
    /// Deflated, or stored as is (a PNG gains nothing from deflating).
    pub deflate: bool,
}

/// The parts' names and sizes, as the app hands them to the loaded module beside one buffer of
/// all their bytes, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartHeader {
    pub name: String,
    pub len: usize,
    pub deflate: bool,
}

/// Why an entry could not be read out of a zip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum EntryError {
    /// Not a zip archive (the reader's reason).
    NotZip(String),
    /// The archive has no entry of that name.
    Missing,
    /// The entry is larger than the limit.
    TooLarge,
    /// The entry could not be inflated (the reader's reason).
    Unreadable(String),
}

/// Splits one buffer of all the parts' bytes by their headers; `None` when the sizes do not add
/// up to the buffer.
pub fn parts_of(headers: Vec<PartHeader>, data: &[u8]) -> Option<Vec<Part>> {
    let mut at = 0usize;
    let mut parts = Vec::with_capacity(headers.len());
    for header in headers {
        let end = at.checked_add(header.len)?;
        parts.push(Part {
            name: header.name,
            data: data.get(at..end)?.to_vec(),
            deflate: header.deflate,
        });
        at = end;
    }
    (at == data.len()).then_some(parts)
}

/// The bytes of the entry `name`, at most `limit` of them.
#[cfg(feature = "read")]
pub fn read_entry(bytes: &[u8], name: &str, limit: u64) -> Result<Vec<u8>, EntryError> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| EntryError::NotZip(e.to_string()))?;
    let file = archive.by_name(name).map_err(|_| EntryError::Missing)?;
    if file.size() > limit {
        return Err(EntryError::TooLarge);
    }
    let mut out = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| EntryError::Unreadable(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(EntryError::TooLarge);
    }
    Ok(out)
}

/// A zip of the parts, in order; the writer's reason when it fails.
#[cfg(feature = "write")]
pub fn write_parts(parts: &[Part]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for part in parts {
            let options = if part.deflate { deflated } else { stored };
            zip.start_file(part.name.as_str(), options)
                .map_err(|e| e.to_string())?;
            zip.write_all(&part.data).map_err(|e| e.to_string())?;
        }
        zip.finish().map_err(|e| e.to_string())?;
    }
    Ok(bytes)
}

#[cfg(all(test, feature = "read", feature = "write"))]
mod tests {
    use super::*;

    fn part(name: &str, data: &[u8], deflate: bool) -> Part {
        Part {
            name: name.to_string(),
            data: data.to_vec(),
            deflate,
        }
    }

    #[test]
    fn parts_written_are_read_back_deflated_or_stored() {
        let text = "从2012年的218亿元到2016年的370亿元".repeat(50);
        let zip = write_parts(&[
            part("word/document.xml", text.as_bytes(), true),
            part("word/media/image1.png", b"\x89PNG not really", false),
        ])
        .expect("written");
        assert_eq!(
            read_entry(&zip, "word/document.xml", 1 << 20).expect("read"),
            text.as_bytes()
        );
        assert_eq!(
            read_entry(&zip, "word/media/image1.png", 1 << 20).expect("read"),
            b"\x89PNG not really"
        );
        assert_eq!(
            read_entry(&zip, "word/styles.xml", 1 << 20),
            Err(EntryError::Missing)
        );
        assert_eq!(
            read_entry(&zip, "word/document.xml", 10),
            Err(EntryError::TooLarge)
        );
        assert!(matches!(
            read_entry(b"plain text", "x", 10),
            Err(EntryError::NotZip(_))
        ));
    }

    #[test]
    fn one_buffer_is_split_by_the_headers_and_a_wrong_size_is_refused() {
        let header = |name: &str, len| PartHeader {
            name: name.to_string(),
            len,
            deflate: true,
        };
        let parts = parts_of(vec![header("a", 2), header("b", 3)], b"xxyyy").expect("split");
        assert_eq!(parts[1].data, b"yyy");
        assert_eq!(parts_of(vec![header("a", 2)], b"xxy"), None);
        assert_eq!(parts_of(vec![header("a", 9)], b"xxy"), None);
    }
}
