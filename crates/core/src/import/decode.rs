//! Bytes to text: a byte-order mark decides first, then valid UTF-8, then chardetng's guess among
//! legacy encodings (windows-1251, KOI8-R, windows-1252, …). encoding_rs does the decoding.

use encoding_rs::Encoding;

/// Decoded text and what it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark, with CRLF and lone CR turned into LF.
    pub text: String,
    /// The encoding's WHATWG name ("UTF-8", "UTF-16LE", "windows-1251", …).
    pub encoding: &'static str,
    /// Some bytes were not valid in that encoding and became U+FFFD.
    pub had_errors: bool,
}

/// Decodes a file's bytes, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        None => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            (detector.guess(None, true), bytes)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: normalize_newlines(&text),
        encoding: encoding.name(),
        had_errors,
    }
}

/// CRLF and lone CR become LF, so offsets and line rules work the same for files from any platform.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Whether decoded text looks like a binary file rather than text: NUL characters, or many
/// control characters that text does not contain. Read byte by byte, not char by char (the same
/// answer: a control character is U+0000–U+001F, U+007F, or U+0080–U+009F, which UTF-8 writes as
/// 0xC2 then 0x80–0x9F), over the first 65,536 characters.
pub fn looks_binary(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut total = 0usize;
    let mut control = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 == 0x80 {
            continue; // inside a character
        }
        if total == 65_536 {
            break;
        }
        total += 1;
        match b {
            0 => return true,
            b'\n' | b'\t' | 0x0C => {}
            0x01..=0x1F | 0x7F => control += 1,
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => control += 1,
            _ => {}
        }
    }
    total > 0 && control * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let d = decode(b"\xEF\xBB\xBFHello");
        assert_eq!((d.text.as_str(), d.encoding), ("Hello", "UTF-8"));
    }

    #[test]
    fn utf16_with_bom_is_decoded_in_both_byte_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Héllo\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Héllo\r\n".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            decode(&le),
            Decoded {
                text: "Héllo\n".into(),
                encoding: "UTF-16LE",
                had_errors: false
            }
        );
        assert_eq!(decode(&be).encoding, "UTF-16BE");
        assert_eq!(decode(&be).text, "Héllo\n");
    }

    #[test]
    fn russian_in_windows_1251_and_koi8_r_is_recognised() {
        let text = "Министерство обороны сообщило, что в результате обстрела погибли семь военнослужащих. \
                    По данным местных источников, число погибших может быть выше.";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let d = decode(&cp1251);
        assert_eq!((d.text.as_str(), d.encoding), (text, "windows-1251"));
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(text);
        let d = decode(&koi8);
        // chardetng names KOI8-U, the superset that decodes Russian text identically.
        assert_eq!(d.text, text);
        assert!(matches!(d.encoding, "KOI8-R" | "KOI8-U"), "{}", d.encoding);
    }

    #[test]
    fn latin1_french_is_read_as_windows_1252() {
        let text = "Des habitants fuient la ville après les frappes, a déclaré l'élu du quartier.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes);
        assert_eq!((d.text.as_str(), d.encoding), (text, "windows-1252"));
    }

    /// The form `looks_binary` replaced, kept to check it against.
    fn looks_binary_by_chars(text: &str) -> bool {
        let mut total = 0usize;
        let mut control = 0usize;
        for c in text.chars().take(65_536) {
            total += 1;
            if c == '\0' {
                return true;
            }
            if c.is_control() && !matches!(c, '\n' | '\t' | '\u{c}') {
                control += 1;
            }
        }
        total > 0 && control * 100 > total
    }

    proptest::proptest! {
        #[test]
        fn binary_by_bytes_is_binary_by_chars(text in "(\\PC|[\\x00-\\x1f\\x7f-\\u{9f}])*") {
            proptest::prop_assert_eq!(looks_binary(&text), looks_binary_by_chars(&text));
        }

        #[test]
        fn binary_by_bytes_is_binary_by_chars_for_mostly_text(
            text in "[a-zé€ \\n]{0,300}", noise in "[\\x01-\\x08\\u{80}-\\u{9f}]{0,4}"
        ) {
            let text = format!("{text}{noise}");
            proptest::prop_assert_eq!(looks_binary(&text), looks_binary_by_chars(&text));
        }
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(&decode(b"PK\x03\x04\x00\x00binary").text));
        assert!(!looks_binary("An ordinary line.\nAnother\ttabbed line."));
    }
}
