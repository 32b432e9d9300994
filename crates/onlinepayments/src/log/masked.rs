//! `Debug` of the data-object fields the official SDK obfuscates in its logs.

use std::fmt;
use std::sync::OnceLock;

use super::BodyObfuscator;

/// An optional string field shown as `None`, or as `Some("…")` with the default
/// [`BodyObfuscator`] rule of its JSON key applied (`************0006`, `***`, …).
pub(crate) struct Masked<'a> {
    key: &'static str,
    value: Option<&'a str>,
}

/// The `Debug` form of the field with JSON key `key` (used by the generated domain).
pub(crate) fn masked<'a>(key: &'static str, value: &'a Option<String>) -> Masked<'a> {
    Masked {
        key,
        value: value.as_deref(),
    }
}

fn default_obfuscator() -> &'static BodyObfuscator {
    static DEFAULT: OnceLock<BodyObfuscator> = OnceLock::new();
    DEFAULT.get_or_init(BodyObfuscator::default)
}

impl fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            None => f.write_str("None"),
            Some(value) => {
                let shown = default_obfuscator()
                    .obfuscate_value(self.key, value)
                    .unwrap_or_else(|| "*".repeat(8));
                f.debug_tuple("Some").field(&shown).finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_with_the_default_rules() {
        let number = Some("5300000000000006".to_owned());
        assert_eq!(
            format!("{:?}", masked("cardNumber", &number)),
            "Some(\"************0006\")"
        );
        assert_eq!(format!("{:?}", masked("cvv", &None)), "None");
        let other = Some("x".to_owned());
        assert_eq!(
            format!("{:?}", masked("notARule", &other)),
            "Some(\"********\")"
        );
    }
}
