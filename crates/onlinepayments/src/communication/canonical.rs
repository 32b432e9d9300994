//! Python's notion of whitespace, used to canonicalise header values exactly as the
//! official SDK does.

/// True for exactly the characters Python's `str.isspace()` (and the regex `\s` on `str`)
/// accepts: `\t \n \x0b \x0c \r \x1c-\x1f`, space, `\x85`, `\xa0`, `\u1680`,
/// `\u2000-\u200a`, `\u2028`, `\u2029`, `\u202f`, `\u205f` and `\u3000`.
///
/// Unlike [`char::is_whitespace`] it includes the separators `\x1c-\x1f`.
pub fn is_python_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Python's `str.strip()` without arguments.
pub fn python_strip(value: &str) -> &str {
    value.trim_matches(is_python_space)
}

/// The header canonicalisation of v1HMAC (and of the metadata provider's extra headers):
/// `re.sub(r"\r?\n(?:(?![\r\n])\s)*", " ", value).strip()`.
///
/// Every line break (`\n` or `\r\n`), together with the non-line-break whitespace after
/// it, becomes one space; the result is stripped of Python whitespace.
#[doc(alias = "to_canonicalize_header_value")]
pub fn canonicalize_header_value(value: &str) -> String {
    if !value.contains('\n') {
        // no line break to unfold
        return python_strip(value).to_owned();
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        let line_break = match c {
            '\n' => true,
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                true
            }
            _ => false,
        };
        if line_break {
            while chars
                .peek()
                .is_some_and(|&n| n != '\r' && n != '\n' && is_python_space(n))
            {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    python_strip(&out).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_space_set() {
        let spaces: Vec<u32> = (0..0x3001u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_python_space(c))
            .map(|c| c as u32)
            .collect();
        let mut expected: Vec<u32> = (0x09..=0x0d).chain(0x1c..=0x20).collect();
        expected.extend([0x85, 0xa0, 0x1680]);
        expected.extend(0x2000..=0x200a);
        expected.extend([0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);
        assert_eq!(spaces, expected);
    }

    #[test]
    fn canonicalisation_matches_python() {
        assert_eq!(canonicalize_header_value("a\n\n b"), "a  b");
        assert_eq!(canonicalize_header_value("  a\r\n \t b  "), "a b");
        assert_eq!(canonicalize_header_value("a\r\rb"), "a\r\rb");
        assert_eq!(canonicalize_header_value("a\r\r\nb"), "a\r b");
        assert_eq!(canonicalize_header_value("a\n\u{1f}\u{a0}b\u{1c}"), "a b");
        assert_eq!(canonicalize_header_value("\u{3000}x\u{85}"), "x");
        assert_eq!(canonicalize_header_value(""), "");
        assert_eq!(canonicalize_header_value("\n"), "");
    }
}
