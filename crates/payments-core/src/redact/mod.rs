//! Redaction of credentials, card data and tokens in text meant for people: error
//! messages, `Debug` output and logs.
//!
//! - [`is_sensitive_header`]: header names whose values are never printed.
//! - [`body_text`] / [`snippet`]: a response body with the values of sensitive JSON or
//!   form fields masked, and any run of 12 to 19 digits (a card number outside a known
//!   field) masked but for its last 4 digits.
//! - [`Redacted`]: any message (a serde error quoting a value, say) shown the same way.
//!
//! Masking, field by field (names compared on their letters and digits, ignoring case):
//! - card number, PAN, account number and IBAN keep their last 4 characters;
//! - CVV/CVC, expiry, cardholder name, PIN, tokens, secrets, passwords, signatures and
//!   authorisation values are fully starred (one `*` per character);
//! - inside an object whose name contains `card`, `number` keeps its last 4 characters and
//!   `name`, `holder` and the expiry parts (`exp`, `month`, `year`, …) are starred;
//! - a sensitive field whose value is an object or an array becomes `"[REDACTED]"`;
//! - form fields (`card[number]=…`, `cvv=…`) follow the same names.
//!
//! ```
//! use payments_core::redact;
//!
//! let body = br#"{"card": {"cardNumber": "4111111111111111", "cvv": "123",
//!     "cardholderName": "Wile E. Coyote"}, "error": "declined 4111 1111 1111 1111"}"#;
//! let text = redact::body_text(body);
//! assert!(text.contains(r#""cardNumber": "************1111""#));
//! assert!(text.contains(r#""cvv": "***""#));
//! assert!(!text.contains("Coyote"));
//! assert!(text.contains("declined **** **** **** 1111"));
//! ```

use std::borrow::Cow;
use std::fmt;

/// True for header names whose values are credentials or session material: every name
/// containing `auth`, `token`, `key`, `secret`, `signature`, `session` or `cookie`
/// (ASCII case-insensitive), which covers `Authorization`, `Proxy-Authorization`,
/// `Cookie`, `Set-Cookie`, `X-Api-Key`, `X-Auth-Token` and `X-GCS-Signature`.
pub fn is_sensitive_header(name: &str) -> bool {
    const PARTS: [&str; 7] = [
        "auth",
        "token",
        "key",
        "secret",
        "signature",
        "session",
        "cookie",
    ];
    let name = name.as_bytes();
    PARTS.iter().any(|part| {
        name.windows(part.len())
            .any(|window| window.eq_ignore_ascii_case(part.as_bytes()))
    })
}

/// Characters of a body an error message shows by default (the SDK clients use it).
pub const SNIPPET_CHARS: usize = 200;

/// Bytes of a body [`snippet`] reads at most (or 4 bytes per wanted character, if more).
const MAX_SCAN_BYTES: usize = 64 * 1024;

/// What a sensitive value that is an object or an array becomes.
const STRUCTURE_MASK: &str = "\"[REDACTED]\"";

/// How the value of a sensitive field is masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mask {
    /// Every character starred.
    All,
    /// Every character but the last four starred.
    KeepLast4,
}

/// Whole names whose values keep their last 4 characters.
const KEEP_LAST_4: [&str; 9] = [
    "cardnumber",
    "pan",
    "iban",
    "accountnumber",
    "reformattedaccountnumber",
    "consumeraccount",
    "bban",
    "cardno",
    "cardpan",
];
/// Parts of names whose values keep their last 4 characters.
const KEEP_LAST_4_PARTS: [&str; 3] = ["cardnumber", "accountnumber", "iban"];
/// Whole names whose values are starred.
const ALL: [&str; 26] = [
    "cvv",
    "cvc",
    "cvv2",
    "cvc2",
    "cvn",
    "csc",
    "pin",
    "exp",
    "securitycode",
    "cardsecuritycode",
    "expirydate",
    "expiry",
    "expirationdate",
    "expmonth",
    "expyear",
    "expirymonth",
    "expiryyear",
    "cardholdername",
    "cardholder",
    "holdername",
    "cardname",
    "nameoncard",
    "consumername",
    "password",
    "cardid",
    "passwd",
];
/// Parts of names whose values are starred.
const ALL_PARTS: [&str; 26] = [
    "token",
    "secret",
    "apikey",
    "privatekey",
    "accesskey",
    "encrypted",
    "decrypted",
    "cvv",
    "cvc",
    "securitycode",
    "cardholder",
    "holdername",
    "nameoncard",
    "password",
    "passwd",
    "signature",
    "authorization",
    "cryptogram",
    "cookie",
    "expiry",
    "expdate",
    "expmonth",
    "expyear",
    "expirationdate",
    "expirationmonth",
    "expirationyear",
];
/// Inside an object named like a card: names whose values keep their last 4 characters.
const CARD_KEEP_LAST_4: [&str; 2] = ["number", "no"];
/// Inside an object named like a card: names whose values are starred.
const CARD_ALL: [&str; 7] = ["holder", "name", "exp", "expires", "month", "year", "code"];

/// A field name reduced to its ASCII letters and digits, lower case.
fn normalise(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The mask for a field name; `in_card` when the field is inside an object named like a
/// card.
fn field_mask(name: &str, in_card: bool) -> Option<Mask> {
    let key = normalise(name);
    let key = key.as_str();
    if KEEP_LAST_4.contains(&key)
        || KEEP_LAST_4_PARTS.iter().any(|p| key.contains(p))
        || (in_card && CARD_KEEP_LAST_4.contains(&key))
    {
        Some(Mask::KeepLast4)
    } else if ALL.contains(&key)
        || ALL_PARTS.iter().any(|p| key.contains(p))
        || (in_card && CARD_ALL.contains(&key))
    {
        Some(Mask::All)
    } else {
        None
    }
}

fn mask_into(out: &mut String, value: &str, mask: Mask) {
    let count = value.chars().count();
    let keep = match mask {
        Mask::All => 0,
        Mask::KeepLast4 if count > 4 => 4,
        Mask::KeepLast4 => 0,
    };
    for (i, c) in value.chars().enumerate() {
        out.push(if i + keep >= count { c } else { '*' });
    }
}

/// The body as text (lossy UTF-8) with sensitive values masked; see the module docs.
pub fn body_text(body: &[u8]) -> String {
    mask_text(&String::from_utf8_lossy(body))
}

fn mask_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let fields = Fields::new(&chars).run();
    mask_digit_runs(&fields)
}

/// The first `max_chars` characters of [`body_text`], for error messages. Only the
/// first 64 KiB of a longer body are read; a number cut off there is left out, so a card
/// number is never shown in part.
pub fn snippet(body: &[u8], max_chars: usize) -> String {
    let scan = MAX_SCAN_BYTES.max(max_chars.saturating_mul(4));
    let masked = mask_text(&scanned_text(body, scan));
    match masked.char_indices().nth(max_chars) {
        Some((end, _)) => masked.get(..end).unwrap_or_default().to_owned(),
        None => masked,
    }
}

/// The body as text (lossy UTF-8), read up to `limit` bytes. When cut, the digits,
/// separators and partial character at the cut are dropped.
fn scanned_text(body: &[u8], limit: usize) -> Cow<'_, str> {
    match body.get(..limit) {
        Some(head) if body.len() > limit => {
            let mut text = String::from_utf8_lossy(head).into_owned();
            while text
                .ends_with(|c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '\u{fffd}'))
            {
                text.pop();
            }
            Cow::Owned(text)
        }
        _ => String::from_utf8_lossy(body),
    }
}

/// Shows a message through [`snippet`] (at most [`SNIPPET_CHARS`] characters):
/// `Display` writes the masked text, `Debug` quotes it. For errors whose text may quote
/// a body, such as serde's (`invalid type: integer `4111111111111111``).
///
/// ```
/// use payments_core::redact::Redacted;
///
/// let e = serde_json::from_str::<String>("4111111111111111").unwrap_err();
/// assert!(Redacted(&e).to_string().contains("************1111"));
/// ```
#[derive(Clone, Copy)]
pub struct Redacted<T>(pub T);

impl<T: fmt::Display> Redacted<T> {
    fn text(&self) -> String {
        snippet(self.0.to_string().as_bytes(), SNIPPET_CHARS)
    }
}

impl<T: fmt::Display> fmt::Display for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl<T: fmt::Display> fmt::Debug for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text(), f)
    }
}

/// One pass over the text: copies it, masking the values of sensitive fields written as
/// `"name": value` (JSON, double or single quotes) or `name=value` (form encoding).
struct Fields<'a> {
    chars: &'a [char],
    out: String,
    /// Open objects and arrays: whether it is an array, and the name it is the value of.
    frames: Vec<(bool, Option<String>)>,
    /// The name just read, until its value starts.
    pending: Option<String>,
}

impl<'a> Fields<'a> {
    fn new(chars: &'a [char]) -> Self {
        Self {
            chars,
            out: String::with_capacity(chars.len()),
            frames: Vec::new(),
            pending: None,
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn copy(&mut self, from: usize, to: usize) {
        self.out
            .extend(self.chars.get(from..to).unwrap_or_default());
    }

    /// True inside an object (or an array of them) whose name contains `card`.
    fn in_card(&self) -> bool {
        self.frames
            .last()
            .and_then(|(_, name)| name.as_deref())
            .is_some_and(|name| name.contains("card"))
    }

    fn run(mut self) -> String {
        let mut i = 0;
        while let Some(c) = self.at(i) {
            i = match c {
                '"' | '\'' => self.quoted_token(i),
                '{' | '[' => {
                    let inherited = match self.frames.last() {
                        Some((true, name)) => name.clone(),
                        _ => None,
                    };
                    let name = self.pending.take().or(inherited);
                    self.frames.push((c == '[', name));
                    self.out.push(c);
                    i + 1
                }
                '}' | ']' => {
                    self.frames.pop();
                    self.pending = None;
                    self.out.push(c);
                    i + 1
                }
                c if c.is_alphanumeric() || c == '_' => self.word(i),
                c => {
                    if !c.is_whitespace() {
                        self.pending = None;
                    }
                    self.out.push(c);
                    i + 1
                }
            };
        }
        self.out
    }

    /// A quoted string at `i`: a JSON name (its value masked when sensitive), a string
    /// value, or an apostrophe in prose. Returns the index after what was copied.
    fn quoted_token(&mut self, i: usize) -> usize {
        self.pending = None;
        let (name, after) = quoted(self.chars, i);
        let colon = skip_ws(self.chars, after);
        if self.at(colon) != Some(':') {
            if self.at(i) == Some('\'') {
                // an apostrophe in prose, not a quoted name
                self.out.push('\'');
                return i + 1;
            }
            self.copy(i, after);
            return after;
        }
        let value = skip_ws(self.chars, colon + 1);
        self.copy(i, value);
        match field_mask(&name, self.in_card()) {
            Some(mask) => mask_value(self.chars, value, mask, &mut self.out),
            None => {
                self.pending = Some(normalise(&name));
                value
            }
        }
    }

    /// A bare word at `i`; `name=value` with a sensitive name gets its value masked.
    /// Brackets belong to a form name (`card[cvc]=…`) only when `=` follows.
    fn word(&mut self, i: usize) -> usize {
        self.pending = None;
        let plain = self.scan(i, |c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
        let bracketed = self.scan(i, |c| {
            c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']')
        });
        let end = if self.at(bracketed) == Some('=') {
            bracketed
        } else {
            plain
        };
        self.copy(i, end);
        let name: String = self.chars.get(i..end).unwrap_or_default().iter().collect();
        let (Some(mask), Some('=')) = (field_mask(&name, false), self.at(end)) else {
            return end;
        };
        self.out.push('=');
        if matches!(self.at(end + 1), Some('"' | '\'')) {
            return mask_value(self.chars, end + 1, mask, &mut self.out);
        }
        let value_end = self.scan(end + 1, |c| {
            !(c.is_whitespace() || matches!(c, '&' | '<' | '"' | '\'' | ',' | ';'))
        });
        let value: String = self
            .chars
            .get(end + 1..value_end)
            .unwrap_or_default()
            .iter()
            .collect();
        mask_into(&mut self.out, &value, mask);
        value_end
    }

    /// The index of the first character from `start` on that does not satisfy `keep`.
    fn scan(&self, start: usize, keep: impl Fn(char) -> bool) -> usize {
        let mut i = start;
        while self.at(i).is_some_and(&keep) {
            i += 1;
        }
        i.max(start)
    }
}

/// The content of the quoted string starting at `start` and the index after it.
fn quoted(chars: &[char], start: usize) -> (String, usize) {
    let quote = chars.get(start).copied().unwrap_or('"');
    let mut i = start + 1;
    let mut content = String::new();
    while let Some(&c) = chars.get(i) {
        if c == '\\' {
            content.push(c);
            if let Some(&next) = chars.get(i + 1) {
                content.push(next);
            }
            i += 2;
            continue;
        }
        i += 1;
        if c == quote {
            break;
        }
        content.push(c);
    }
    (content, i.min(chars.len()))
}

fn skip_ws(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    i
}

/// The index after the object or array starting at `start` (strings inside skipped).
fn structure_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        match c {
            '"' => {
                i = quoted(chars, i).1;
                continue;
            }
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// Masks the value at `start` (a quoted string, a bare token up to `,`, `}`, `]` or
/// whitespace, or a whole object or array) and returns the index after it.
fn mask_value(chars: &[char], start: usize, mask: Mask, out: &mut String) -> usize {
    match chars.get(start).copied() {
        Some(q @ ('"' | '\'')) => {
            let (content, end) = quoted(chars, start);
            out.push(q);
            mask_into(out, &content, mask);
            if chars.get(end.saturating_sub(1)) == Some(&q) && end > start + 1 {
                out.push(q);
            }
            end
        }
        Some('{' | '[') => {
            out.push_str(STRUCTURE_MASK);
            structure_end(chars, start)
        }
        None => start,
        Some(_) => {
            let end = (start..chars.len())
                .find(|&j| {
                    chars
                        .get(j)
                        .is_some_and(|c| matches!(c, ',' | '}' | ']') || c.is_whitespace())
                })
                .unwrap_or(chars.len());
            let value: String = chars.get(start..end).unwrap_or_default().iter().collect();
            mask_into(out, &value, mask);
            end
        }
    }
}

/// Masks every run of 12 to 19 digits (single spaces or dashes may separate groups) but
/// for its last 4 digits: card numbers outside a known field. A run with separators is
/// masked from 12 digits on, however long (a card number followed by a year, say); a run
/// glued to a letter is left alone (an id).
fn mask_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or_default();
        let starts_run = c.is_ascii_digit()
            && !(i > 0 && chars.get(i - 1).is_some_and(|p| p.is_ascii_alphanumeric()));
        if !starts_run {
            out.push(c);
            i += 1;
            continue;
        }
        // extend the run: digits, with single separators between digits
        let mut end = i;
        let mut digits = 0;
        let mut j = i;
        while let Some(&d) = chars.get(j) {
            if d.is_ascii_digit() {
                digits += 1;
                j += 1;
                end = j;
            } else if matches!(d, ' ' | '-') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
                j += 1;
            } else {
                break;
            }
        }
        let followed_by_word = chars.get(end).is_some_and(|c| c.is_ascii_alphanumeric());
        let run = chars.get(i..end).unwrap_or_default();
        let grouped = run.len() > digits;
        if digits >= 12 && (digits <= 19 || grouped) && !followed_by_word {
            let mut seen = 0;
            for &d in run {
                if d.is_ascii_digit() {
                    seen += 1;
                    out.push(if seen > digits - 4 { d } else { '*' });
                } else {
                    out.push(d);
                }
            }
        } else {
            out.extend(run);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests;
