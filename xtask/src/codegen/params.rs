//! Renders `crates/onlinepayments/src/params/*.rs` from the spec.

use std::fmt::Write as _;

use super::domain::rust_ty;
use super::spec::{Param, ParamClass, Spec, Ty};
use super::{HEADER, ident};

/// Every file of `src/params/`: (file name, contents before formatting).
pub(crate) fn render(spec: &Spec) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    for p in &spec.params {
        let file = module_name(p)?;
        files.push((format!("{file}.rs"), class_file(p)?));
    }
    files.push(("mod.rs".into(), mod_file(spec)?));
    Ok(files)
}

fn module_name(p: &ParamClass) -> Result<&str, String> {
    p.module
        .rsplit('/')
        .next()
        .filter(|m| !m.is_empty())
        .ok_or_else(|| format!("bad module of {}", p.name))
}

/// The value expression for one scalar `v` of type `ty`.
fn value_expr(ty: &Ty, v: &str) -> Result<String, String> {
    Ok(match ty {
        Ty::String => format!("{v}.as_str()"),
        Ty::Integer => format!("{v}.to_string()"),
        Ty::Boolean => format!("if *{v} {{ \"True\" }} else {{ \"False\" }}"),
        other => return Err(format!("unsupported query parameter type {other:?}")),
    })
}

fn class_file(p: &ParamClass) -> Result<String, String> {
    let mut o = String::new();
    o.push_str(HEADER);
    o.push_str("\nuse crate::communication::{ParamRequest, RequestParam};\n\n");
    let _ = writeln!(
        o,
        "/// Query parameters `{name}` (Python `onlinepayments.sdk.{module}.{name}`).\n///\n\
         /// Every parameter is optional; [`ParamRequest::to_request_parameters`] emits the set\n\
         /// ones in the order below.",
        name = p.name,
        module = p.module.replace('/', "."),
    );
    let eq = if p.fields.iter().any(|f| matches!(f.ty, Ty::Number)) {
        ""
    } else {
        ", Eq"
    };
    let _ = writeln!(
        o,
        "#[derive(Debug, Clone, Default, PartialEq{eq})]\n#[non_exhaustive]\npub struct {} {{",
        p.name
    );
    for f in &p.fields {
        let _ = writeln!(o, "    /// Query parameter `{}`: {}.", f.query, doc(f));
        let _ = writeln!(o, "    pub {}: Option<{}>,", ident(&f.name), rust_ty(&f.ty));
    }
    o.push_str("}\n\n");
    let _ = writeln!(o, "impl {} {{", p.name);
    for (i, f) in p.fields.iter().enumerate() {
        if i > 0 {
            o.push('\n');
        }
        let _ = writeln!(
            o,
            "    /// Sets `{name}` (query parameter `{query}`).\n    #[must_use]\n    pub fn with_{name}(mut self, value: impl Into<{ty}>) -> Self {{\n        self.{id} = Some(value.into());\n        self\n    }}",
            name = f.name,
            query = f.query,
            ty = rust_ty(&f.ty),
            id = ident(&f.name)
        );
        if let (Some(adder), Ty::List(item)) = (&f.adder, &f.ty) {
            let _ = writeln!(
                o,
                "\n    /// Appends one value to `{name}` (query parameter `{query}`).\n    #[must_use]\n    pub fn {adder}(mut self, value: impl Into<{ty}>) -> Self {{\n        self.{id}.get_or_insert_with(Vec::new).push(value.into());\n        self\n    }}",
                name = f.name,
                query = f.query,
                ty = rust_ty(item),
                id = ident(&f.name)
            );
        }
    }
    o.push_str("}\n\n");
    let _ = writeln!(o, "impl ParamRequest for {} {{", p.name);
    o.push_str("    fn to_request_parameters(&self) -> Vec<RequestParam> {\n        let mut params = Vec::new();\n");
    for f in &p.fields {
        let id = ident(&f.name);
        match &f.ty {
            Ty::List(item) => {
                let _ = writeln!(
                    o,
                    "        for value in self.{id}.iter().flatten() {{\n            params.push(RequestParam::new(\"{q}\", {e}));\n        }}",
                    q = f.query,
                    e = value_expr(item, "value")?
                );
            }
            ty => {
                let _ = writeln!(
                    o,
                    "        if let Some(value) = &self.{id} {{\n            params.push(RequestParam::new(\"{q}\", {e}));\n        }}",
                    q = f.query,
                    e = value_expr(ty, "value")?
                );
            }
        }
    }
    o.push_str("        params\n    }\n}\n");
    Ok(o)
}

fn doc(f: &Param) -> String {
    match &f.ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer, sent in decimal".into(),
        Ty::Boolean => "boolean, sent as `True` or `False`".into(),
        Ty::List(_) if f.repeated => "list, the name repeated once per element".into(),
        other => other.kind_name(),
    }
}

fn mod_file(spec: &Spec) -> Result<String, String> {
    let mut o = String::new();
    o.push_str(HEADER);
    let _ = write!(
        o,
        "\n//! Query-parameter sets of the API calls (Python `*Params` classes of\n\
         //! `onlinepayments.sdk.merchant`), generated from `spec/domain.json`.\n\
         //!\n\
         //! Every parameter is an `Option`; consuming `with_<field>` setters set them and\n\
         //! `add_<field>` appends to a list. [`ParamRequest::to_request_parameters`] gives\n\
         //! the set parameters in the official order: integers in decimal, booleans as\n\
         //! `True`/`False` (as Python's `str(bool)`), lists as one parameter per element.\n\
         //!\n\
         //! [`ParamRequest::to_request_parameters`]: crate::communication::ParamRequest::to_request_parameters\n\n"
    );
    for p in &spec.params {
        let _ = writeln!(o, "mod {};", module_name(p)?);
    }
    o.push('\n');
    for p in &spec.params {
        let _ = writeln!(o, "pub use {}::{};", module_name(p)?, p.name);
    }
    Ok(o)
}
