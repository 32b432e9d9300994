//! Obfuscation rules: functions from a value to its logged form.

use std::sync::Arc;

/// `ObfuscationRule`: turns a sensitive value into what is logged.
pub type ObfuscationRule = Arc<dyn Fn(&str) -> String + Send + Sync>;

/// Replaces every character with `*` (same length in characters).
pub fn obfuscate_all() -> ObfuscationRule {
    Arc::new(|value: &str| "*".repeat(value.chars().count()))
}

/// Replaces the value with `fixed_length` stars, whatever its length.
pub fn obfuscate_with_fixed_length(fixed_length: usize) -> ObfuscationRule {
    Arc::new(move |_: &str| "*".repeat(fixed_length))
}

/// Keeps the first `count` characters and stars the rest; a shorter value is kept as is.
pub fn obfuscate_all_but_first(count: usize) -> ObfuscationRule {
    Arc::new(move |value: &str| {
        let length = value.chars().count();
        if length < count {
            return value.to_owned();
        }
        let mut out: String = value.chars().take(count).collect();
        out.push_str(&"*".repeat(length - count));
        out
    })
}

/// Keeps the last `count` characters and stars the rest; a shorter value is kept as is.
pub fn obfuscate_all_but_last(count: usize) -> ObfuscationRule {
    Arc::new(move |value: &str| {
        let length = value.chars().count();
        if length < count {
            return value.to_owned();
        }
        let mut out = "*".repeat(length - count);
        out.extend(value.chars().skip(length - count));
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(obfuscate_all()("abcü"), "****");
        assert_eq!(obfuscate_all()(""), "");
        assert_eq!(obfuscate_with_fixed_length(8)("x"), "********");
        assert_eq!(obfuscate_all_but_first(6)("123456789"), "123456***");
        assert_eq!(obfuscate_all_but_first(6)("12345"), "12345");
        assert_eq!(
            obfuscate_all_but_last(4)("5300000000000006"),
            "************0006"
        );
        assert_eq!(obfuscate_all_but_last(4)("123"), "123");
        assert_eq!(obfuscate_all_but_last(2)("1224"), "**24");
    }
}
