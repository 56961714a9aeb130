//! The text of a Word document (.docx), for the draft check: a .docx is a zip whose
//! `word/document.xml` holds the body; its paragraphs (`<w:p>`) become lines, runs of text
//! (`<w:t>`) are joined, tabs and line breaks kept. Tables read row by row, one cell per tab.
//! Nothing else of the document is read (no styles, no images, no macros).
//!
//! Invariant: a file that is not a Word document, or one too large to hold in a draft, is
//! refused with a reason; reading never panics and takes time linear in the document.

use std::io::Read;

/// At most this many bytes of `word/document.xml` are read (a 1 MB draft of text is about
/// 10 MB of XML).
pub const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;

/// Why a .docx could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    #[error("not a zip archive: {detail}")]
    NotZip { detail: String },
    #[error("no word/document.xml: not a Word document")]
    NoDocument,
    #[error("word/document.xml is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("word/document.xml is not readable: {detail}")]
    Unreadable { detail: String },
}

/// The text of a .docx: one line per paragraph.
pub fn docx_text(bytes: &[u8]) -> Result<String, DocxError> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| DocxError::NotZip {
            detail: e.to_string(),
        })?;
    let file = archive
        .by_name("word/document.xml")
        .map_err(|_| DocxError::NoDocument)?;
    if file.size() > MAX_DOCUMENT_XML {
        return Err(DocxError::TooLarge {
            limit: MAX_DOCUMENT_XML,
        });
    }
    let mut xml = String::new();
    file.take(MAX_DOCUMENT_XML + 1)
        .read_to_string(&mut xml)
        .map_err(|e| DocxError::Unreadable {
            detail: e.to_string(),
        })?;
    Ok(document_text(&xml))
}

/// The text of WordprocessingML: paragraphs as lines, `<w:t>` runs joined, `<w:tab/>` and
/// table cells as tabs, `<w:br/>` as a line break, entities decoded.
pub fn document_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() / 8);
    let mut rest = xml;
    let mut in_text = false;
    let mut cell_depth = 0usize;
    while let Some(open) = rest.find('<') {
        if in_text {
            decode_entities(&rest[..open], &mut out);
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        let closing = tag.starts_with('/');
        let empty = tag.ends_with('/');
        match name {
            "w:t" => in_text = !closing && !empty,
            "w:tab" if !closing => out.push('\t'),
            "w:br" | "w:cr" if !closing => out.push('\n'),
            // Inside a table cell a paragraph ends with a space; a cell with a tab, a row with
            // a line break.
            "w:p" if closing && cell_depth > 0 => out.push(' '),
            "w:p" if closing => out.push('\n'),
            "w:tc" if !closing && !empty => cell_depth += 1,
            "w:tc" if closing => {
                cell_depth = cell_depth.saturating_sub(1);
                let kept = out.trim_end_matches(' ').len();
                out.truncate(kept);
                out.push('\t');
            }
            "w:tr" if closing => {
                if out.ends_with('\t') {
                    out.pop();
                }
                out.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// Appends XML text with its five named entities and numeric character references decoded;
/// anything else is kept as written.
fn decode_entities(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &after[..e];
            let ch = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((ch, e))
        });
        match decoded {
            Some((ch, e)) => {
                out.push(ch);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal .docx: a zip holding `word/document.xml`.
    pub fn docx_of(document_xml: &str) -> Vec<u8> {
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("[Content_Types].xml", options)
                .expect("entry");
            zip.write_all(b"<Types/>").expect("write");
            zip.start_file("word/document.xml", options).expect("entry");
            zip.write_all(document_xml.as_bytes()).expect("write");
            zip.finish().expect("finish");
        }
        bytes
    }

    #[test]
    fn paragraphs_become_lines_and_runs_are_joined() {
        let xml = r#"<?xml version="1.0"?><w:document><w:body>
            <w:p><w:r><w:t>从2012年的218亿元</w:t></w:r><w:r><w:t xml:space="preserve">到2016年的370亿元,</w:t></w:r></w:p>
            <w:p><w:r><w:t>投资增长了170%&amp;</w:t><w:tab/><w:t>&#26680;&lt;减&gt;</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>941</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>个</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        let text = docx_text(&docx_of(xml)).expect("reads");
        assert_eq!(
            text,
            "从2012年的218亿元到2016年的370亿元,\n投资增长了170%&\t核<减>\n下一行\n941\t个\n"
        );
    }

    #[test]
    fn what_is_not_a_word_document_is_refused_with_a_reason() {
        assert!(matches!(
            docx_text(b"plain text, not a zip"),
            Err(DocxError::NotZip { .. })
        ));
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
            zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
                .expect("entry");
            zip.write_all(b"<workbook/>").expect("write");
            zip.finish().expect("finish");
        }
        assert_eq!(docx_text(&bytes), Err(DocxError::NoDocument));
    }

    #[test]
    fn broken_markup_and_entities_never_panic() {
        for xml in [
            "<w:t>unclosed",
            "<w:t>a &amp b &#xZZ; &#99999999; &;</w:t>",
            "<<<>>>",
            "<w:t>中文&amp;",
            "",
        ] {
            let _ = document_text(xml);
        }
        assert_eq!(document_text("<w:t>a &amp b</w:t>"), "a &amp b");
    }
}
