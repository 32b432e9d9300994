//! A reader for the INI properties files of the SDK, following the algorithm of Python's
//! `ConfigParser` (strict mode, no interpolation): `[section]` headers (case-sensitive;
//! text after the last `]` ignored), `key = value` or `key: value` split at the first `=`
//! or `:` (keys lower-cased, both sides stripped), full-line `#` and `;` comments (also
//! indented; `#` or `;` inside a value is kept), continuation lines indented deeper than
//! their key (blank and comment lines inside are kept as empty lines or skipped, trailing
//! ones dropped), universal newlines, and a `[DEFAULT]` section whose keys every section
//! inherits. Duplicate sections or keys, keys before any section, empty keys and lines
//! without `=` or `:` are errors, as in Python. `tests/vectors/configparser.json` holds
//! Python's results for the edge cases.

use std::collections::BTreeMap;

use crate::communication::{is_python_space, python_strip};
use crate::errors::Error;

/// The name of the section every other section inherits from.
const DEFAULT_SECTION: &str = "DEFAULT";

#[derive(Debug, Default, Clone)]
pub(crate) struct Properties {
    sections: BTreeMap<String, BTreeMap<String, String>>,
    defaults: BTreeMap<String, String>,
}

/// A value being read: its lines, joined with `\n` once the file is read.
type Lines = Vec<String>;

impl Properties {
    pub(crate) fn parse(text: &str) -> Result<Self, Error> {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        // every section by name, `DEFAULT` included
        let mut sections: BTreeMap<String, BTreeMap<String, Lines>> = BTreeMap::new();
        // (section, key) pairs and sections seen, for the strict duplicate checks
        let mut seen_sections = std::collections::BTreeSet::new();
        let mut current: Option<String> = None;
        let mut key: Option<String> = None;
        let mut indent_level = 0;
        for (number, line) in text.split('\n').enumerate() {
            let err = |what: &str| {
                Error::configuration(format!("properties line {}: {what}: {line:?}", number + 1))
            };
            let stripped = python_strip(line);
            let comment = stripped.starts_with(['#', ';']);
            if comment || stripped.is_empty() {
                // an empty line inside a value is part of it; a comment line is skipped
                if !comment
                    && let (Some(section), Some(key)) = (&current, &key)
                    && let Some(lines) = sections.entry(section.clone()).or_default().get_mut(key)
                {
                    lines.push(String::new());
                }
                continue;
            }
            let indent = line.chars().take_while(|&c| is_python_space(c)).count();
            if let (Some(section), Some(key), true) = (&current, &key, indent > indent_level) {
                if let Some(lines) = sections.entry(section.clone()).or_default().get_mut(key) {
                    lines.push(stripped.to_owned());
                }
                continue;
            }
            indent_level = indent;
            if let Some(name) = section_header(stripped) {
                if name != DEFAULT_SECTION {
                    if !seen_sections.insert(name.to_owned()) {
                        return Err(err("duplicate section"));
                    }
                    sections.entry(name.to_owned()).or_default();
                }
                current = Some(name.to_owned());
                key = None;
                continue;
            }
            let Some(section) = &current else {
                return Err(err("a key outside of any [section]"));
            };
            let Some(split) = stripped.find(['=', ':']) else {
                return Err(err("expected key = value"));
            };
            let name = python_strip(stripped.get(..split).unwrap_or_default()).to_lowercase();
            if name.is_empty() {
                return Err(err("a value without a key"));
            }
            let value = python_strip(stripped.get(split + 1..).unwrap_or_default()).to_owned();
            let map = sections.entry(section.clone()).or_default();
            if map.insert(name.clone(), vec![value]).is_some() {
                return Err(err("duplicate key"));
            }
            key = Some(name);
        }
        let join = |map: BTreeMap<String, Lines>| -> BTreeMap<String, String> {
            map.into_iter()
                .map(|(k, lines)| (k, rstrip_python(&lines.join("\n")).to_owned()))
                .collect()
        };
        let defaults = join(sections.remove(DEFAULT_SECTION).unwrap_or_default());
        Ok(Properties {
            sections: sections.into_iter().map(|(s, m)| (s, join(m))).collect(),
            defaults,
        })
    }

    pub(crate) fn has_section(&self, section: &str) -> bool {
        self.sections.contains_key(section)
    }

    /// A value of a section (or of `[DEFAULT]`); the key is case-insensitive.
    pub(crate) fn get(&self, section: &str, key: &str) -> Option<&str> {
        let key = key.to_lowercase();
        self.sections
            .get(section)
            .and_then(|s| s.get(&key))
            .or_else(|| self.defaults.get(&key))
            .map(String::as_str)
    }
}

/// Python's `re.match(r"\[(?P<header>.+)\]", line)`: the text up to the last `]`.
fn section_header(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('[')?;
    let end = rest.rfind(']')?;
    rest.get(..end).filter(|name| !name.is_empty())
}

/// Python's `str.rstrip()`.
fn rstrip_python(text: &str) -> &str {
    text.trim_end_matches(is_python_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_configparser() {
        let p = Properties::parse(
            "# comment\n[DEFAULT]\nshared = d\n[OnlinePaymentsSDK]\nonlinePayments.API.endpoint.host = h.example\n; c\nmulti: a\n  b\n",
        )
        .unwrap();
        assert_eq!(
            p.get("OnlinePaymentsSDK", "onlinepayments.api.endpoint.HOST"),
            Some("h.example")
        );
        assert_eq!(p.get("OnlinePaymentsSDK", "multi"), Some("a\nb"));
        assert_eq!(p.get("OnlinePaymentsSDK", "shared"), Some("d"));
        assert!(p.has_section("OnlinePaymentsSDK"));
        assert!(!p.has_section("onlinepaymentssdk"));
        assert!(Properties::parse("a=b").is_err());
        assert!(Properties::parse("[s]\na=b\nA=c").is_err());
        assert!(Properties::parse("[s]\nnovalue").is_err());
    }

    impl Properties {
        /// Python's `items(section)`: the section's keys and the inherited defaults.
        fn items(&self, section: &str) -> BTreeMap<String, String> {
            let mut items = self.defaults.clone();
            if let Some(own) = self.sections.get(section) {
                items.extend(own.clone());
            }
            items
        }
    }

    /// The edge cases of `tests/vectors/configparser.json`, read by Python's
    /// `ConfigParser(interpolation=None)`: the same sections, keys and values, or an
    /// error where Python raises one.
    #[test]
    fn matches_python_configparser() {
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../tests/vectors/configparser.json")).unwrap();
        let cases = vectors["cases"].as_array().unwrap();
        assert!(cases.len() >= 25);
        for case in cases {
            let name = case["name"].as_str().unwrap();
            let parsed = Properties::parse(case["text"].as_str().unwrap());
            let python = case["python"].as_object().unwrap();
            if let Some(error) = python.get("error") {
                assert!(parsed.is_err(), "{name}: Python raises {error}");
                continue;
            }
            let parsed = parsed.unwrap_or_else(|e| panic!("{name}: {e}"));
            let sections: Vec<&String> = parsed.sections.keys().collect();
            let expected: Vec<&String> = python.keys().collect();
            let mut expected_sorted = expected.clone();
            expected_sorted.sort();
            assert_eq!(sections, expected_sorted, "{name}: sections");
            for (section, items) in python {
                let items: BTreeMap<String, String> =
                    serde_json::from_value(items.clone()).unwrap();
                assert_eq!(parsed.items(section), items, "{name}: [{section}]");
            }
        }
    }
}
