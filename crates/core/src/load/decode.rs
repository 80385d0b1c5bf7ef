//! Bytes → text: a scenario file must be UTF-8 text. What a trainer actually sends is often
//! something else — a Word document renamed `.yaml`, a table saved from Excel, a file saved
//! by Notepad as "Unicode" (UTF-16) or in the Chinese Windows default (GBK) — and each needs
//! a different fix, so the file is recognised by its first bytes and named in the message.
//!
//! Hand-written on purpose: the signatures are a few fixed byte strings, and naming GBK only
//! needs its byte structure (lead byte 0x81–0xFE, trail byte 0x40–0xFE), not `encoding_rs`'s
//! conversion tables in the authoring page's wasm.
//!
//! A signature counts at the start of the file or of a line (within the first lines): a
//! document pasted below a few lines of text is still a document.

use super::Source;
use crate::diag::Diagnostic;

/// How far into a file signatures are looked for (a real file has them at byte 0).
const SNIFF_BYTES: usize = 4096;

/// What a file that is not UTF-8 text turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    Word,
    Excel,
    PowerPoint,
    OpenDocument,
    Zip,
    OldOffice,
    Pdf,
    Rtf,
    Image(&'static str),
    Archive(&'static str),
    Utf16,
    Gbk,
    NotUtf8,
}

impl Found {
    /// The `not-text` / `encoding` code, the message and the hint.
    fn explain(self) -> (&'static str, String, String) {
        const RETYPE: &str = "题包必须是纯文本的 .yaml 文件：用记事本或 VS Code 等文本编辑器新建文件（或在应用的“编写题目”页），把题目按 docs/FORMAT.md 的格式写进去，保存为 UTF-8 编码";
        let document =
            |what: &str, hint: &str| ("not-text", format!("这是{what}，不是 YAML 文本文件"), hint.to_owned());
        match self {
            Found::Word => document(
                " Word 文档（.docx）",
                "把 Word 文档改名为 .yaml 没有用：在 Word 里全选复制题目文字，粘贴到文本编辑器（或“编写题目”页），按 docs/FORMAT.md 的格式整理后另存为 UTF-8 编码的 .yaml 文件",
            ),
            Found::Excel => document(
                " Excel 表格（.xlsx）",
                "表格不能直接当题包：按 docs/FORMAT.md 的格式在文本编辑器（或“编写题目”页）里写 .yaml 文件，表格中的文字可以复制过去",
            ),
            Found::PowerPoint => document(" PowerPoint 演示文稿（.pptx）", RETYPE),
            Found::OpenDocument => document(" WPS / LibreOffice 文档（.odt、.ods）", RETYPE),
            Found::Zip => document("一个压缩包（.zip，或 .docx、.xlsx 等 Office 文件）", RETYPE),
            Found::OldOffice => document(
                "旧版 Word / Excel / WPS 文件（.doc、.xls、.wps）",
                "把文件改名为 .yaml 没有用：在 Word / WPS 里复制题目文字，粘贴到文本编辑器（或“编写题目”页），按 docs/FORMAT.md 的格式整理后另存为 UTF-8 编码的 .yaml 文件",
            ),
            Found::Pdf => document(" PDF 文件", RETYPE),
            Found::Rtf => document(
                " RTF 富文本文件（写字板或 Word 保存的）",
                "用记事本或 VS Code 等纯文本编辑器重新保存：另存为时选“纯文本”、编码选 UTF-8",
            ),
            Found::Image(kind) => document(&format!("一张 {kind} 图片"), RETYPE),
            Found::Archive(kind) => document(&format!("一个 {kind} 压缩包"), "先解压，再检查里面的 .yaml 文件"),
            Found::Utf16 => (
                "encoding",
                "文件是 UTF-16 编码（Windows 记事本中的“Unicode”），程序只读 UTF-8 编码".to_owned(),
                "用记事本打开，“另存为”时把“编码”选为 UTF-8；VS Code：点右下角的编码 →“通过编码保存”→ UTF-8".to_owned(),
            ),
            Found::Gbk => (
                "encoding",
                "文件不是 UTF-8 编码，看起来是 GBK（GB2312，中文 Windows 的默认编码）".to_owned(),
                "把文件另存为 UTF-8 编码：记事本“另存为”时“编码”选 UTF-8；VS Code 点右下角的编码 →“通过编码重新打开”选 GBK，再“通过编码保存”选 UTF-8".to_owned(),
            ),
            Found::NotUtf8 => (
                "encoding",
                "文件不是 UTF-8 编码的文本（这里有无法识别的字节）".to_owned(),
                "确认打开的是 .yaml 文本文件，并用编辑器另存为 UTF-8 编码".to_owned(),
            ),
        }
    }
}

/// A file's bytes as a `Source`, or the diagnostic saying what the file is instead and what
/// to do (boxed: a `Diagnostic` is large and the `Ok` path is the common one). A UTF-8
/// byte-order mark is dropped (editors on Windows write one).
pub fn decode(name: &str, bytes: &[u8]) -> Result<Source, Box<Diagnostic>> {
    if let Some((found, at)) = sniff(bytes) {
        return Err(Box::new(diagnostic(name, found, position(bytes, at))));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text.strip_prefix('\u{feff}').unwrap_or(text))),
        Err(e) => {
            let at = e.valid_up_to();
            let found = if looks_like_gbk(&bytes[at..]) { Found::Gbk } else { Found::NotUtf8 };
            Err(Box::new(diagnostic(name, found, position(bytes, at))))
        }
    }
}

/// The `not-text` diagnostic for text that carries a binary file's signature (a document
/// decoded leniently, e.g. by a browser), or `None`.
pub(crate) fn sniff_text(name: &str, text: &str) -> Option<Diagnostic> {
    if let Some((found, at)) = sniff(text.as_bytes()) {
        return Some(diagnostic(name, found, position(text.as_bytes(), at)));
    }
    // U+FFFD is what a lenient reader puts where bytes were not UTF-8 (a GBK file opened
    // as UTF-8): the text is already damaged, and the file needs saving as UTF-8.
    let at = text.find('\u{fffd}')?;
    let mut d = diagnostic(name, Found::NotUtf8, position(text.as_bytes(), at));
    d.message = "这里有无法识别的字符“\u{fffd}”：文件多半不是 UTF-8 编码（例如 GBK），读取时被替换了".to_owned();
    d.hint = Found::Gbk.explain().2;
    Some(d)
}

fn diagnostic(name: &str, found: Found, (line, column): (u32, u32)) -> Diagnostic {
    let (code, message, hint) = found.explain();
    Diagnostic::error(code, name, line, column, "", message, hint)
}

/// 1-based line and column (in characters of the valid text before it) of byte `at`.
fn position(bytes: &[u8], at: usize) -> (u32, u32) {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
}

/// A binary signature at the start of the file or of one of its first lines, and where.
pub(crate) fn sniff(bytes: &[u8]) -> Option<(Found, usize)> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let starts = std::iter::once(0).chain(head.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1));
    for at in starts {
        if let Some(found) = signature(&bytes[at..]) {
            return Some((found, at));
        }
    }
    // UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
    let zeros = head.iter().filter(|&&b| b == 0).count();
    (head.len() >= 8 && zeros * 3 >= head.len()).then_some((Found::Utf16, 0))
}

fn signature(b: &[u8]) -> Option<Found> {
    let zip_names = |names: &[u8]| {
        let window = &b[..b.len().min(SNIFF_BYTES)];
        window.windows(names.len()).any(|w| w == names)
    };
    Some(if b.starts_with(b"PK\x03\x04") {
        if zip_names(b"word/") {
            Found::Word
        } else if zip_names(b"xl/") {
            Found::Excel
        } else if zip_names(b"ppt/") {
            Found::PowerPoint
        } else if zip_names(b"application/vnd.oasis.opendocument") {
            Found::OpenDocument
        } else {
            Found::Zip
        }
    } else if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Found::OldOffice
    } else if b.starts_with(b"%PDF-") {
        Found::Pdf
    } else if b.starts_with(b"{\\rtf") {
        Found::Rtf
    } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Found::Image("PNG")
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Found::Image("JPEG")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Found::Image("GIF")
    } else if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        Found::Image("WebP")
    } else if b.starts_with(&[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) {
        Found::Archive("7z")
    } else if b.starts_with(b"Rar!\x1a\x07") {
        Found::Archive("RAR")
    } else if b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF]) {
        Found::Utf16
    } else {
        return None;
    })
}

/// Whether the bytes from the first one that is not UTF-8 are GBK / GB18030: each byte
/// above 0x7F starts a two-byte (lead 0x81–0xFE, trail 0x40–0xFE but not 0x7F) or a
/// four-byte sequence (81–FE, 30–39, 81–FE, 30–39). Checked over the first 4 KB.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let b = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let mut i = 0;
    let mut pairs = 0;
    while i < b.len() {
        let lead = b[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        if !(0x81..=0xFE).contains(&lead) {
            return false;
        }
        match b.get(i + 1) {
            // Cut off at the end of the window: fine.
            None => break,
            Some(&t) if (0x40..=0xFE).contains(&t) && t != 0x7F => {
                pairs += 1;
                i += 2;
            }
            Some(&t) if t.is_ascii_digit() => {
                let quad = b.get(i + 2).is_none_or(|&x| (0x81..=0xFE).contains(&x))
                    && b.get(i + 3).is_none_or(|x| x.is_ascii_digit());
                if !quad {
                    return false;
                }
                pairs += 1;
                i += 4;
            }
            Some(_) => return false,
        }
    }
    pairs > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_and_message(bytes: &[u8]) -> (String, String, u32, u32) {
        let d = decode("x.yaml", bytes).expect_err("not text");
        (d.code, d.message, d.line, d.column)
    }

    #[test]
    fn utf8_text_passes_and_loses_its_bom() {
        let src = decode("x.yaml", "\u{feff}version: 1\ntitle: 中文".as_bytes()).expect("text");
        assert_eq!(src.text, "version: 1\ntitle: 中文");
    }

    #[test]
    fn office_files_are_named() {
        let docx =
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml\x00\x00PK\x03\x04word/document.xml";
        let (code, message, line, column) = code_and_message(docx);
        assert_eq!((code.as_str(), line, column), ("not-text", 1, 1));
        assert!(message.contains("Word"), "{message}");
        assert!(code_and_message(b"PK\x03\x04\x14\x00xl/workbook.xml").1.contains("Excel"));
        assert!(code_and_message(b"PK\x03\x04\x14\x00ppt/slides").1.contains("PowerPoint"));
        assert!(code_and_message(b"PK\x03\x04\x14\x00whatever").1.contains("压缩包"));
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0];
        assert!(code_and_message(&ole).1.contains(".doc"));
        assert!(code_and_message(b"%PDF-1.7\n%\xe2\xe3").1.contains("PDF"));
        assert!(code_and_message(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").1.contains("PNG"));
        assert!(code_and_message(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).1.contains("JPEG"));
        assert!(code_and_message(b"{\\rtf1\\ansi\\ansicpg936 hello}").1.contains("RTF"));
    }

    #[test]
    fn a_signature_below_a_few_lines_is_found_where_it_starts() {
        let (code, _, line, column) = code_and_message(b"# notes\nPK\x03\x04\x14\x00word/document.xml");
        assert_eq!((code.as_str(), line, column), ("not-text", 2, 1));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let utf16: Vec<u8> = "version: 1\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        for bytes in [[&[0xFF, 0xFE][..], &utf16].concat(), utf16.clone()] {
            let (code, message, line, column) = code_and_message(&bytes);
            assert_eq!((code.as_str(), line, column), ("encoding", 1, 1));
            assert!(message.contains("UTF-16"), "{message}");
        }
    }

    #[test]
    fn gbk_is_named_at_its_first_byte() {
        // "title: 你好" in GBK: 你 = C4 E3, 好 = BA C3.
        let bytes = b"version: 1\ntitle: \xC4\xE3\xBA\xC3\n";
        let (code, message, line, column) = code_and_message(bytes);
        assert_eq!((code.as_str(), line, column), ("encoding", 2, 8));
        assert!(message.contains("GBK"), "{message}");
        // Latin-1 is not GBK.
        let (_, message, ..) = code_and_message(b"title: caf\xE9\n");
        assert!(!message.contains("GBK") && message.contains("UTF-8"), "{message}");
    }

    #[test]
    fn text_damaged_by_a_lenient_reader_is_named() {
        let text = String::from_utf8_lossy(b"version: 1\ntitle: \xC4\xE3\xBA\xC3\n").into_owned();
        let d = sniff_text("x.yaml", &text).expect("damaged");
        assert_eq!((d.code.as_str(), d.line, d.column), ("encoding", 2, 8));
        assert!(d.message.contains("UTF-8") && d.hint.contains("UTF-8"), "{d}");
        assert!(sniff_text("x.yaml", "title: 中文\n").is_none());
    }

    #[test]
    fn columns_after_chinese_count_characters() {
        // Valid UTF-8 Chinese, then a GBK pair on the same line.
        let mut bytes = "标题：".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xC4\xE3");
        assert_eq!(code_and_message(&bytes).3, 4);
    }
}
