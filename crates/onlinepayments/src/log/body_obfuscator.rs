//! Obfuscation of logged JSON bodies.

use std::fmt;

use super::obfuscation_rule::{
    ObfuscationRule, obfuscate_all, obfuscate_all_but_first, obfuscate_all_but_last,
    obfuscate_with_fixed_length,
};
use crate::communication::is_python_space;

/// `BodyObfuscator`: obfuscates the values of sensitive properties in a (JSON) body.
///
/// The body is scanned as text, as the official SDK does with its regular expression
/// `(["'])(|names…)\1\s*:\s*(?:(["'])(.*?)(?<!\\)\3|([^"'\s\[\{]((?!,)\S)*))`: a property
/// name in double or single quotes at any depth, then a quoted value (which may contain
/// escaped quotes) or an unquoted token up to the next whitespace or comma. Object and
/// array values are left alone. Names are case-sensitive.
///
/// The 28 default rules: all characters starred for `additionalInfo`, `cardholderName`,
/// `dateOfBirth`, `emailAddress`, `faxNumber`, `firstName`, `houseNumber`,
/// `mobilePhoneNumber`, `passengerName`, `phoneNumber`, `street`, `workPhoneNumber`,
/// `zip`, `cvv` and `value`; the last 4 kept for `cardNumber`, `iban`, `accountNumber`
/// and `reformattedAccountNumber`; the last 2 for `expiryDate`; the first 6 for `bin`;
/// and 8 stars for `keyId`, `secretKey`, `publicKey`, `userAuthenticationToken`,
/// `encryptedPayload`, `decryptedPayload` and `encryptedCustomerInput`.
///
/// ```
/// use onlinepayments::log::BodyObfuscator;
///
/// let body = r#"{"card": {"cardNumber": "5300000000000006", "cvv": "123"}}"#;
/// assert_eq!(
///     BodyObfuscator::default().obfuscate_body(body),
///     r#"{"card": {"cardNumber": "************0006", "cvv": "***"}}"#
/// );
/// ```
#[derive(Clone)]
pub struct BodyObfuscator {
    rules: Vec<(String, ObfuscationRule)>,
}

impl BodyObfuscator {
    /// The default rules plus (or overridden by) `additional_rules`. An overridden rule
    /// keeps its place in the match order.
    pub fn new<N: Into<String>>(
        additional_rules: impl IntoIterator<Item = (N, ObfuscationRule)>,
    ) -> Self {
        let mut obfuscator = Self::default();
        for (name, rule) in additional_rules {
            let name = name.into();
            match obfuscator.rules.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = rule,
                None => obfuscator.rules.push((name, rule)),
            }
        }
        obfuscator
    }

    /// The shared default obfuscator.
    pub fn default_body_obfuscator() -> Self {
        Self::default()
    }

    /// The body with every sensitive value obfuscated.
    ///
    /// Where the official SDK fails (an empty quoted value such as `"cvv": ""` raises a
    /// `TypeError` there, or garbles the output for fixed-length rules) the rule is
    /// applied to the empty value in place.
    pub fn obfuscate_body(&self, body: &str) -> String {
        let chars: Vec<char> = body.chars().collect();
        let mut out = String::with_capacity(body.len());
        let mut index = 0;
        let mut pos = 0;
        while pos < chars.len() {
            match self.match_at(&chars, pos) {
                Some(m) => {
                    out.extend(chars.get(index..m.value_start).unwrap_or_default());
                    let value: String = chars
                        .get(m.value_start..m.value_end)
                        .unwrap_or_default()
                        .iter()
                        .collect();
                    match self.rules.get(m.rule) {
                        Some((_, rule)) => out.push_str(&rule(&value)),
                        None => out.push_str(&value),
                    }
                    index = m.value_end;
                    pos = m.end;
                }
                None => pos += 1,
            }
        }
        out.extend(chars.get(index..).unwrap_or_default());
        out
    }

    /// The value of the property `name` as this obfuscator writes it, or `None` when no
    /// rule names the property.
    ///
    /// ```
    /// use onlinepayments::log::BodyObfuscator;
    ///
    /// let obfuscator = BodyObfuscator::default();
    /// let masked = obfuscator.obfuscate_value("cardNumber", "5300000000000006");
    /// assert_eq!(masked.as_deref(), Some("************0006"));
    /// assert_eq!(obfuscator.obfuscate_value("currencyCode", "EUR"), None);
    /// ```
    pub fn obfuscate_value(&self, name: &str, value: &str) -> Option<String> {
        self.rules
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, rule)| rule(value))
    }

    fn match_at(&self, chars: &[char], pos: usize) -> Option<Match> {
        let quote = *chars.get(pos)?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        // the empty alternative comes first, as in the official pattern
        if let Some(m) = match_rest(chars, pos + 1, quote) {
            return Some(Match {
                rule: self.rule_index(""),
                ..m
            });
        }
        for (i, (name, _)) in self.rules.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            let mut p = pos + 1;
            let mut ok = true;
            for c in name.chars() {
                if chars.get(p) != Some(&c) {
                    ok = false;
                    break;
                }
                p += 1;
            }
            if let Some(m) = match_rest(chars, p, quote).filter(|_| ok) {
                return Some(Match { rule: i, ..m });
            }
        }
        None
    }

    fn rule_index(&self, name: &str) -> usize {
        self.rules
            .iter()
            .position(|(n, _)| n == name)
            .unwrap_or(usize::MAX)
    }
}

struct Match {
    rule: usize,
    value_start: usize,
    value_end: usize,
    end: usize,
}

/// Matches `\1\s*:\s*(?:(["'])(.*?)(?<!\\)\3|([^"'\s\[\{]((?!,)\S)*))` at `p`.
fn match_rest(chars: &[char], mut p: usize, quote: char) -> Option<Match> {
    if chars.get(p) != Some(&quote) {
        return None;
    }
    p += 1;
    while chars.get(p).is_some_and(|&c| is_python_space(c)) {
        p += 1;
    }
    if chars.get(p) != Some(&':') {
        return None;
    }
    p += 1;
    while chars.get(p).is_some_and(|&c| is_python_space(c)) {
        p += 1;
    }
    let first = *chars.get(p)?;
    if first == '"' || first == '\'' {
        let start = p + 1;
        let mut e = start;
        while let Some(&c) = chars.get(e) {
            if c == first && chars.get(e - 1) != Some(&'\\') {
                return Some(Match {
                    rule: usize::MAX,
                    value_start: start,
                    value_end: e,
                    end: e + 1,
                });
            }
            e += 1;
        }
        return None;
    }
    if is_python_space(first) || first == '[' || first == '{' {
        return None;
    }
    let mut e = p + 1;
    while chars
        .get(e)
        .is_some_and(|&c| c != ',' && !is_python_space(c))
    {
        e += 1;
    }
    Some(Match {
        rule: usize::MAX,
        value_start: p,
        value_end: e,
        end: e,
    })
}

impl Default for BodyObfuscator {
    fn default() -> Self {
        let mut rules: Vec<(String, ObfuscationRule)> = Vec::with_capacity(28);
        let mut add = |name: &str, rule: ObfuscationRule| rules.push((name.to_owned(), rule));
        for name in [
            "additionalInfo",
            "cardholderName",
            "dateOfBirth",
            "emailAddress",
            "faxNumber",
            "firstName",
            "houseNumber",
            "mobilePhoneNumber",
            "passengerName",
            "phoneNumber",
            "street",
            "workPhoneNumber",
            "zip",
        ] {
            add(name, obfuscate_all());
        }
        add("cardNumber", obfuscate_all_but_last(4));
        add("expiryDate", obfuscate_all_but_last(2));
        add("cvv", obfuscate_all());
        add("iban", obfuscate_all_but_last(4));
        add("accountNumber", obfuscate_all_but_last(4));
        add("reformattedAccountNumber", obfuscate_all_but_last(4));
        add("bin", obfuscate_all_but_first(6));
        add("value", obfuscate_all());
        for name in [
            "keyId",
            "secretKey",
            "publicKey",
            "userAuthenticationToken",
            "encryptedPayload",
            "decryptedPayload",
            "encryptedCustomerInput",
        ] {
            add(name, obfuscate_with_fixed_length(8));
        }
        Self { rules }
    }
}

impl fmt::Debug for BodyObfuscator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.rules.iter().map(|(n, _)| n))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ob(s: &str) -> String {
        BodyObfuscator::default().obfuscate_body(s)
    }

    #[test]
    fn python_edge_cases() {
        assert_eq!(ob(r#"{"cvv":123}"#), r#"{"cvv":****"#);
        assert_eq!(
            ob(r#"{"dateOfBirth": null, "firstName": true}"#),
            r#"{"dateOfBirth": ****, "firstName": *****"#
        );
        assert_eq!(
            ob(r#"{"emailAddress": "a\"b@c.d"}"#),
            r#"{"emailAddress": "********"}"#
        );
        assert_eq!(ob("{'cvv': '123'}"), "{'cvv': '***'}");
        assert_eq!(ob(r#"{"bin": "123456789"}"#), r#"{"bin": "123456***"}"#);
        assert_eq!(
            ob(r#"{"keyId": "x", "card": {"zip": []}}"#),
            r#"{"keyId": "********", "card": {"zip": []}}"#
        );
        assert_eq!(ob(""), "");
        assert_eq!(
            ob(r#"{"": "cvv", "cvv": "1"}"#),
            r#"{"": "cvv", "cvv": "*"}"#
        );
    }

    #[test]
    fn empty_values_do_not_garble() {
        assert_eq!(
            ob(r#"{"cvv": "", "zip": "12"}"#),
            r#"{"cvv": "", "zip": "**"}"#
        );
        assert_eq!(
            ob(r#"{"keyId": "", "a": 1}"#),
            r#"{"keyId": "********", "a": 1}"#
        );
        assert_eq!(ob(r#"{"": ""}"#), r#"{"": ""}"#);
        assert_eq!(ob(r#"{"cvv": "unterminated"#), r#"{"cvv": "unterminated"#);
    }

    #[test]
    fn custom_rules() {
        let o = BodyObfuscator::new([
            ("cvv", obfuscate_with_fixed_length(3)),
            ("x-y", obfuscate_all()),
        ]);
        assert_eq!(
            o.obfuscate_body(r#"{"cvv": "1234", "x-y": "ab"}"#),
            r#"{"cvv": "***", "x-y": "**"}"#
        );
    }
}
