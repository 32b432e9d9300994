//! A reader for the INI properties files of the SDK, following Python's `ConfigParser`
//! rules that matter here: `[section]` headers (case-sensitive), `key = value` or
//! `key: value` (keys case-insensitive, both sides stripped), full-line `#` and `;`
//! comments, indented continuation lines, and a `[DEFAULT]` section whose keys every
//! section inherits. Duplicate sections or keys are errors, as in Python's strict mode.

use std::collections::BTreeMap;

use crate::communication::python_strip;
use crate::errors::Error;

#[derive(Debug, Default, Clone)]
pub(crate) struct Properties {
    sections: BTreeMap<String, BTreeMap<String, String>>,
    defaults: BTreeMap<String, String>,
}

impl Properties {
    pub(crate) fn parse(text: &str) -> Result<Self, Error> {
        let mut props = Properties::default();
        let mut current: Option<String> = None;
        let mut last_key: Option<String> = None;
        for (number, raw) in text.lines().enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let stripped = python_strip(line);
            let err = |what: &str| {
                Error::configuration(format!("properties line {}: {what}: {line:?}", number + 1))
            };
            if stripped.starts_with('#') || stripped.starts_with(';') {
                continue;
            }
            if stripped.is_empty() {
                last_key = None;
                continue;
            }
            let indented = line.starts_with([' ', '\t']);
            if let (true, Some(section), Some(key)) = (indented, &current, &last_key)
                && let Some(value) = props.section_mut(section).get_mut(key)
            {
                value.push('\n');
                value.push_str(stripped);
                continue;
            }
            if stripped.starts_with('[') && stripped.ends_with(']') && stripped.len() > 2 {
                let name = stripped
                    .get(1..stripped.len() - 1)
                    .unwrap_or_default()
                    .to_owned();
                if name != "DEFAULT" && props.sections.contains_key(&name) {
                    return Err(err("duplicate section"));
                }
                if name != "DEFAULT" {
                    props.sections.insert(name.clone(), BTreeMap::new());
                }
                current = Some(name);
                last_key = None;
                continue;
            }
            let Some(section) = current.clone() else {
                return Err(err("a key outside of any [section]"));
            };
            let Some(split) = stripped.find(['=', ':']) else {
                return Err(err("expected key = value"));
            };
            let key = python_strip(stripped.get(..split).unwrap_or_default()).to_lowercase();
            let value = python_strip(stripped.get(split + 1..).unwrap_or_default()).to_owned();
            let map = props.section_mut(&section);
            if map.contains_key(&key) {
                return Err(err("duplicate key"));
            }
            map.insert(key.clone(), value);
            last_key = Some(key);
        }
        Ok(props)
    }

    fn section_mut(&mut self, name: &str) -> &mut BTreeMap<String, String> {
        if name == "DEFAULT" {
            &mut self.defaults
        } else {
            self.sections.entry(name.to_owned()).or_default()
        }
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
}
