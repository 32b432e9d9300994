//! Renders `crates/onlinepayments/src/domain/*.rs` from the spec.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::spec::{Class, Field, Spec, Ty};
use super::{HEADER, ident};

/// Hand-written parts of the domain module, copied into it as they are.
const DATA_OBJECT: &str = include_str!("templates/data_object.rs");
const UPLOADABLE_FILE: &str = include_str!("templates/uploadable_file.rs");

/// JSON keys of the string fields whose `Debug` is masked: the properties the official
/// SDK's default `BodyObfuscator` obfuscates in logs.
///
/// The same names as `BodyObfuscator::default` in the crate this generates, kept apart on
/// purpose: the generator must run when that crate does not build. The crate's
/// `tests/domain_round_trip.rs` checks that the obfuscator masks every name listed here.
const MASKED_KEYS: &[&str] = &[
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
    "cardNumber",
    "expiryDate",
    "cvv",
    "iban",
    "accountNumber",
    "reformattedAccountNumber",
    "bin",
    "value",
    "keyId",
    "secretKey",
    "publicKey",
    "userAuthenticationToken",
    "encryptedPayload",
    "decryptedPayload",
    "encryptedCustomerInput",
];

fn is_masked(f: &Field) -> bool {
    f.ty == Ty::String && MASKED_KEYS.contains(&f.key.as_str())
}

/// A `Debug` like the derived one, with the masked fields obfuscated.
fn masked_debug(c: &Class) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "\n/// Like a derived `Debug`, with the values the official SDK obfuscates in its logs\n\
         /// masked by the same rules (`************0006`, `***`, …).\n\
         impl std::fmt::Debug for {name} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        f.debug_struct(\"{name}\")",
        name = c.name
    );
    for f in &c.fields {
        let id = ident(&f.name);
        if is_masked(f) {
            let _ = writeln!(
                o,
                "            .field(\"{}\", &crate::log::masked(\"{}\", &self.{id}))",
                f.name, f.key
            );
        } else {
            let _ = writeln!(o, "            .field(\"{}\", &self.{id})", f.name);
        }
    }
    o.push_str("            .finish()\n    }\n}\n");
    o
}

/// Module names the generator itself uses in `src/domain/`.
const RESERVED_MODULES: &[&str] = &["mod", "data_object", "registry", "uploadable_file"];

/// Every file of `src/domain/`: (file name, contents before formatting).
pub(crate) fn render(spec: &Spec) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    let mut modules = BTreeSet::new();
    for c in &spec.classes {
        if RESERVED_MODULES.contains(&c.module.as_str()) || !modules.insert(c.module.as_str()) {
            return Err(format!(
                "module name {} of {} is reserved or used twice",
                c.module, c.name
            ));
        }
        files.push((format!("{}.rs", c.module), class_file(c)));
    }
    files.push(("mod.rs".into(), mod_file(spec)));
    files.push(("registry.rs".into(), registry_file(spec)));
    files.push(("data_object.rs".into(), format!("{HEADER}\n{DATA_OBJECT}")));
    files.push((
        "uploadable_file.rs".into(),
        format!("{HEADER}\n{UPLOADABLE_FILE}"),
    ));
    Ok(files)
}

/// The Rust type of a value of `ty` (without the `Option`).
pub(crate) fn rust_ty(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Integer => "i64".into(),
        Ty::Number => "f64".into(),
        Ty::Boolean => "bool".into(),
        Ty::Date => "NaiveDate".into(),
        Ty::DateTime => "DateTime<FixedOffset>".into(),
        Ty::Object(c) => c.clone(),
        Ty::List(t) => format!("Vec<{}>", rust_ty(t)),
    }
}

/// A short description of `ty` for documentation.
fn doc_ty(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number (float)".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Date => "date (`YYYY-MM-DD`)".into(),
        Ty::DateTime => "date-time (ISO 8601 with milliseconds and offset)".into(),
        Ty::Object(c) => format!("object [`{c}`]"),
        Ty::List(t) => format!("list of {}", doc_ty(t)),
    }
}

fn referenced_classes(c: &Class) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in &c.fields {
        let mut t = &f.ty;
        while let Ty::List(inner) = t {
            t = inner;
        }
        if let Ty::Object(name) = t
            && name != &c.name
        {
            out.insert(name.clone());
        }
    }
    out
}

fn serde_attr(f: &Field) -> String {
    let mut parts = vec![
        format!("rename = \"{}\"", f.key),
        "skip_serializing_if = \"Option::is_none\"".to_owned(),
    ];
    match &f.ty {
        Ty::DateTime => parts
            .push("serialize_with = \"crate::json::serde_helpers::datetime::serialize\"".into()),
        Ty::Date => {
            parts.push("serialize_with = \"crate::json::serde_helpers::date::serialize\"".into())
        }
        _ => {}
    }
    format!("#[serde({})]", parts.join(", "))
}

/// The `Deserialize` of a class and its `json::read::Fields`: keys to field numbers, and
/// each field read in place by the reader of its type.
fn deserialize_impls(c: &Class) -> String {
    let name = &c.name;
    let mut o = format!(
        "\n/// Read from a JSON object only (not from an array).\n\
         impl<'de> Deserialize<'de> for {name} {{\n    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n        read::object(deserializer)\n    }}\n}}\n\n\
         impl read::Fields for {name} {{\n"
    );
    if c.fields.is_empty() {
        o.push_str(
            "    fn field(_key: &str) -> Option<u16> {\n        None\n    }\n\n\
             \x20   fn read<'de, A: MapAccess<'de>>(&mut self, _field: u16, _map: &mut A) -> Result<(), A::Error> {\n        Ok(())\n    }\n}\n",
        );
        return o;
    }
    o.push_str("    fn field(key: &str) -> Option<u16> {\n        Some(match key {\n");
    for (i, f) in c.fields.iter().enumerate() {
        let _ = writeln!(o, "            \"{}\" => {i},", f.key);
    }
    o.push_str("            _ => return None,\n        })\n    }\n\n");
    o.push_str("    fn read<'de, A: MapAccess<'de>>(&mut self, field: u16, map: &mut A) -> Result<(), A::Error> {\n        match field {\n");
    for (i, f) in c.fields.iter().enumerate() {
        let reader = match &f.ty {
            Ty::String | Ty::Integer | Ty::Number | Ty::Boolean => "value",
            Ty::Date => "date",
            Ty::DateTime => "datetime",
            Ty::Object(_) => "nested",
            Ty::List(_) => "list",
        };
        let _ = writeln!(
            o,
            "            {i} => read::{reader}(map, &mut self.{}),",
            ident(&f.name)
        );
    }
    o.push_str("            _ => Ok(()),\n        }\n    }\n}\n");
    o
}

fn class_file(c: &Class) -> String {
    let mut o = String::new();
    o.push_str(HEADER);
    if c.fields.iter().any(|f| f.deprecated) {
        o.push_str("\n// Deprecated fields are used by the derived and generated code below.\n#![allow(deprecated)]\n");
    }
    o.push('\n');
    let mut chrono = Vec::new();
    if c.fields.iter().any(|f| f.ty == Ty::DateTime) {
        chrono.extend(["DateTime", "FixedOffset"]);
    }
    if c.fields.iter().any(|f| f.ty == Ty::Date) {
        chrono.push("NaiveDate");
    }
    if !chrono.is_empty() {
        let _ = writeln!(o, "use chrono::{{{}}};", chrono.join(", "));
    }
    o.push_str("use serde::de::MapAccess;\nuse serde::{Deserialize, Deserializer, Serialize};\n\nuse crate::json::read;\n");
    let refs = referenced_classes(c);
    if !refs.is_empty() {
        let _ = writeln!(
            o,
            "\nuse super::{{{}}};",
            refs.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    let _ = write!(
        o,
        "\n/// `{name}`: a data object of the Online Payments API.\n///\n\
         /// Python class `onlinepayments.sdk.domain.{module}.{name}`.\n",
        name = c.name,
        module = c.module
    );
    if c.fields.is_empty() {
        o.push_str("/// It has no fields and is written as `{}`.\n");
    } else {
        o.push_str(
            "/// Every field is optional. Set fields are written under their JSON keys in the\n\
             /// order below; unset fields are left out.\n",
        );
    }
    if !c.constructor.is_empty() {
        let _ = writeln!(
            o,
            "///\n/// The official SDK requires {} when the object is built; [`{}::new`] takes them.",
            c.constructor
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", "),
            c.name
        );
    }
    let masked = c.fields.iter().any(is_masked);
    o.push_str(if masked {
        "#[derive(Clone, Default, PartialEq, Serialize)]\n"
    } else {
        "#[derive(Debug, Clone, Default, PartialEq, Serialize)]\n"
    });
    o.push_str("#[non_exhaustive]\n");
    let _ = writeln!(o, "pub struct {} {{", c.name);
    for f in &c.fields {
        let _ = write!(o, "    /// JSON key `{}`: {}.", f.key, doc_ty(&f.ty));
        if f.deprecated {
            o.push_str(" Deprecated in the API.");
        }
        o.push('\n');
        if f.deprecated {
            o.push_str("    #[deprecated]\n");
        }
        let _ = writeln!(o, "    {}", serde_attr(f));
        let _ = writeln!(o, "    pub {}: Option<{}>,", ident(&f.name), rust_ty(&f.ty));
    }
    o.push_str("}\n");
    let _ = writeln!(o, "\nimpl super::DataObject for {} {{}}", c.name);
    o.push_str(&deserialize_impls(c));
    if !c.fields.is_empty() {
        let _ = writeln!(o, "\nimpl {} {{", c.name);
        if !c.constructor.is_empty() {
            let args: Vec<String> = c
                .constructor
                .iter()
                .map(|n| format!("{}: impl Into<String>", ident(n)))
                .collect();
            let sets: Vec<String> = c
                .constructor
                .iter()
                .map(|n| format!("{}: Some({}.into())", ident(n), ident(n)))
                .collect();
            let _ = writeln!(
                o,
                "    /// An object with the required values ({}); the other fields are unset.",
                c.constructor.join(", ")
            );
            let _ = writeln!(
                o,
                "    pub fn new({}) -> Self {{\n        Self {{ {}, ..Self::default() }}\n    }}\n",
                args.join(", "),
                sets.join(", ")
            );
        }
        for (i, f) in c.fields.iter().enumerate() {
            if i > 0 {
                o.push('\n');
            }
            let _ = writeln!(o, "    /// Sets `{}` (JSON key `{}`).", f.name, f.key);
            if f.deprecated {
                o.push_str("    #[deprecated]\n");
            }
            let _ = writeln!(
                o,
                "    #[must_use]\n    pub fn with_{name}(mut self, value: impl Into<{ty}>) -> Self {{\n        self.{id} = Some(value.into());\n        self\n    }}",
                name = f.name,
                ty = rust_ty(&f.ty),
                id = ident(&f.name)
            );
        }
        o.push_str("}\n");
    }
    if masked {
        o.push_str(&masked_debug(c));
    }
    o
}

fn mod_file(spec: &Spec) -> String {
    let mut o = String::new();
    o.push_str(HEADER);
    let _ = write!(
        o,
        r#"
//! The data model of the Online Payments API (Python `onlinepayments.sdk.domain`):
//! {classes} data classes generated from `spec/domain.json`, extracted from
//! `{sdk}` {version}.
//!
//! - One struct per class, with the class's name. Every field is an `Option` named as in
//!   Python (snake case); the field named `type` is written `r#type` (its setter is
//!   `with_type`).
//! - Fields are serialised under their JSON keys in the official SDK's order; unset
//!   fields are left out; a class without fields is written as `{{}}`.
//! - JSON integers are `i64`, numbers `f64`, date-times [`chrono::DateTime<FixedOffset>`]
//!   (written as `2024-03-05T10:00:00.123+00:00`, read leniently, see
//!   [`crate::json::parse_datetime`]) and dates [`chrono::NaiveDate`] (`YYYY-MM-DD`).
//! - Unknown JSON keys are ignored. A JSON `null` reads as an unset field, also where an
//!   object or a list is expected; `null` elements of lists are dropped. Of a key that
//!   appears twice in one object, the last value counts, as with Python's `json.loads`.
//! - Fields the API marks deprecated carry `#[deprecated]`, and so do their setters.
//! - Structs are `#[non_exhaustive]`: build them with `Default` and the consuming
//!   `with_<field>` setters, e.g.
//!   `CreatePaymentRequest::default().with_order(Order::default())`.
//!
//! [`chrono::DateTime<FixedOffset>`]: chrono::DateTime
"#,
        classes = spec.classes.len(),
        sdk = spec.sdk,
        version = spec.version
    );
    o.push_str(
        "\nmod data_object;\n#[cfg(feature = \"registry\")]\nmod registry;\nmod uploadable_file;\n",
    );
    for c in &spec.classes {
        let _ = writeln!(o, "mod {};", c.module);
    }
    o.push('\n');
    for c in &spec.classes {
        let _ = writeln!(o, "pub use {}::{};", c.module, c.name);
    }
    o.push_str("pub use data_object::DataObject;\n");
    o.push_str("#[cfg(feature = \"registry\")]\n#[doc(hidden)]\npub use registry::{CLASS_NAMES, round_trip_by_name};\n");
    o.push_str("pub use uploadable_file::{InvalidUploadableFile, UploadableFile};\n");
    o
}

fn registry_file(spec: &Spec) -> String {
    let mut o = String::new();
    o.push_str(HEADER);
    o.push_str("\nuse crate::json::{MarshallerSyntaxError, round_trip};\n\n");
    o.push_str("/// The names of all data classes, sorted.\npub const CLASS_NAMES: &[&str] = &[\n");
    for c in &spec.classes {
        let _ = writeln!(o, "    \"{}\",", c.name);
    }
    o.push_str("];\n\n");
    o.push_str(
        "/// Unmarshals `body` as the data class named `class` and marshals the result again\n\
         /// (an empty body gives an empty string); `None` when no class has that name.\n\
         pub fn round_trip_by_name(class: &str, body: &str) -> Option<Result<String, MarshallerSyntaxError>> {\n\
         \x20   let f: fn(&str) -> Result<String, MarshallerSyntaxError> = match class {\n",
    );
    for c in &spec.classes {
        let _ = writeln!(o, "        \"{0}\" => round_trip::<super::{0}>,", c.name);
    }
    o.push_str("        _ => return None,\n    };\n    Some(f(body))\n}\n");
    o
}
