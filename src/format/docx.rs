//! The text of a Word document (.docx), for the draft check: a .docx is a zip whose
//! `word/document.xml` holds the body; its paragraphs (`<w:p>`) become lines, runs of text
//! (`<w:t>`) are joined, tabs and line breaks kept. Tables read row by row, one cell per tab.
//! Nothing else of the document is read (no styles, no images, no macros).
//!
//! Invariant: a file that is not a Word document, or one too large to hold in a draft, is
//! refused with a reason; reading never panics and takes time linear in the document.

use taizhang_sheets::zipped::{EntryError, Part};

/// The entry of a .docx that holds its body.
pub const DOCUMENT_XML: &str = "word/document.xml";

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

/// The text of a .docx: one line per paragraph. Natively the zip is read here; the browser
/// reads `DOCUMENT_XML` out of it in the loaded spreadsheet module and calls [`text_of_entry`].
#[cfg(not(target_arch = "wasm32"))]
pub fn docx_text(bytes: &[u8]) -> Result<String, DocxError> {
    text_of_entry(taizhang_sheets::zipped::read_entry(
        bytes,
        DOCUMENT_XML,
        MAX_DOCUMENT_XML,
    ))
}

/// The draft's text from a .docx's `word/document.xml` as the zip reader gave it, or why it
/// could not be read.
pub fn text_of_entry(entry: Result<Vec<u8>, EntryError>) -> Result<String, DocxError> {
    let xml = entry.map_err(|error| match error {
        EntryError::NotZip(detail) => DocxError::NotZip { detail },
        EntryError::Missing => DocxError::NoDocument,
        EntryError::TooLarge => DocxError::TooLarge {
            limit: MAX_DOCUMENT_XML,
        },
        EntryError::Unreadable(detail) => DocxError::Unreadable { detail },
    })?;
    let xml = String::from_utf8(xml).map_err(|e| DocxError::Unreadable {
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

    fn part(name: &str, data: &[u8]) -> Part {
        Part {
            name: name.to_string(),
            data: data.to_vec(),
            deflate: true,
        }
    }

    /// A minimal .docx: a zip holding `word/document.xml`.
    pub fn docx_of(document_xml: &str) -> Vec<u8> {
        taizhang_sheets::zipped::write_parts(&[
            part("[Content_Types].xml", b"<Types/>"),
            part(DOCUMENT_XML, document_xml.as_bytes()),
        ])
        .expect("written")
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
        let bytes =
            taizhang_sheets::zipped::write_parts(&[part("xl/workbook.xml", b"<workbook/>")])
                .expect("written");
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

/// A block of a Word document to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocBlock {
    /// The document's title (centred, 小标宋 or 黑体).
    Title(String),
    /// A heading: level 1 (黑体), 2 (楷体) or 3 (仿宋, bold) — 一、(一) 1. in GB/T 9704.
    Heading { level: u8, text: String },
    /// A body paragraph (仿宋, first line indented by two characters).
    Paragraph(String),
    /// A note set apart (the gaps of a report, listed first).
    Note(String),
    /// A real Word table with a header row repeated on every page.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A PNG image, at most 150 mm wide.
    Image { png: Vec<u8>, name: String },
}

/// Escapes text for XML.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot hold are left out.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A run of text, tabs and line breaks kept.
fn runs(text: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push_str("<w:r><w:br/></w:r>");
        }
        out.push_str(&format!(
            "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            xml_escape(line)
        ));
    }
    out
}

/// Width and height of a PNG from its header, in pixels.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[..8] != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let width = u32::from_be_bytes(png[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(png[20..24].try_into().ok()?);
    (width > 0 && height > 0).then_some((width, height))
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/><w:spacing w:after="560"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/></w:pPr><w:rPr><w:color w:val="B42318"/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:spacing w:line="360" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr></w:style>
</w:styles>"#;

const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

/// The `http://schemas.openxmlformats.org/…` strings below are the format's XML namespace names:
/// identifiers Word and WPS match on, never addresses anything fetches.
///
/// Writes a Word document (.docx): A4 portrait, margins and fonts per GB/T 9704 conventions
/// (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; body 3号 仿宋, title 2号 小标宋), page
/// numbers in the footer, tables as real tables, images as PNG. Natively the parts are zipped
/// here; the browser zips [`docx_parts`] in the loaded spreadsheet module.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_docx(blocks: &[DocBlock]) -> Result<Vec<u8>, DocxError> {
    taizhang_sheets::zipped::write_parts(&docx_parts(blocks))
        .map_err(|detail| DocxError::Unreadable { detail })
}

/// The files of a Word document (.docx) of these blocks, in the order they are zipped: the XML
/// parts deflated, the images stored.
pub fn docx_parts(blocks: &[DocBlock]) -> Vec<Part> {
    let mut body = String::new();
    let mut images: Vec<(&[u8], usize)> = Vec::new();
    for block in blocks {
        match block {
            DocBlock::Title(text) => body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>{}</w:p>",
                runs(text)
            )),
            DocBlock::Heading { level, text } => body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Heading{}\"/></w:pPr>{}</w:p>",
                (*level).clamp(1, 3),
                runs(text)
            )),
            DocBlock::Paragraph(text) => body.push_str(&format!("<w:p>{}</w:p>", runs(text))),
            DocBlock::Note(text) => body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Note\"/></w:pPr>{}</w:p>",
                runs(text)
            )),
            DocBlock::Table { header, rows } => {
                let cell = |text: &str| {
                    format!(
                        "<w:tc><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>{}</w:p></w:tc>",
                        runs(text)
                    )
                };
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>");
                for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                    body.push_str(&format!(
                        "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                    ));
                }
                body.push_str("</w:tblBorders></w:tblPr>");
                body.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
                for h in header {
                    body.push_str(&cell(h));
                }
                body.push_str("</w:tr>");
                for row in rows {
                    body.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
                    for c in row {
                        body.push_str(&cell(c));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl><w:p/>");
            }
            DocBlock::Image { png, name } => {
                let Some((w, h)) = png_size(png) else {
                    continue;
                };
                let n = images.len() + 1;
                images.push((png, n));
                // At most 150 mm wide (36000 EMU a millimetre), height in proportion.
                let cx: u64 = 150 * 36_000;
                let cy = cx * u64::from(h) / u64::from(w);
                body.push_str(&format!(
                    "<w:p><w:pPr><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>\
<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
<wp:docPr id=\"{n}\" name=\"{name}\"/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">\
<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"image{n}.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"rIdImage{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
                    name = xml_escape(name)
                ));
            }
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>{body}\
<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
<w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>\
<w:docGrid w:type=\"lines\" w:linePitch=\"579\"/></w:sectPr></w:body></w:document>"
    );
    let mut relationships = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    );
    for (_, n) in &images {
        relationships.push_str(&format!(
            "<Relationship Id=\"rIdImage{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image{n}.png\"/>"
        ));
    }
    relationships.push_str("</Relationships>");
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
</Types>";
    let package_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";
    let xml = |name: &str, text: &str| Part {
        name: name.to_string(),
        data: text.as_bytes().to_vec(),
        deflate: true,
    };
    let mut parts = vec![
        xml("[Content_Types].xml", content_types),
        xml("_rels/.rels", package_rels),
        xml(DOCUMENT_XML, &document),
        xml("word/styles.xml", STYLES),
        xml("word/footer1.xml", FOOTER),
        xml("word/_rels/document.xml.rels", &relationships),
    ];
    for (png, n) in &images {
        parts.push(Part {
            name: format!("word/media/image{n}.png"),
            data: png.to_vec(),
            deflate: false,
        });
    }
    parts
}
