//! Compares the extracted spec with the independent reference schema
//! (`xtask/spec/onlinepayments-domain-schema.json`): every data class, field, JSON key,
//! type and deprecation, and every query-parameter class.

use serde_json::Value;

use super::spec::{Spec, Ty};

/// The reference schema, kept beside the extraction script.
pub(crate) const REFERENCE: &str = "xtask/spec/onlinepayments-domain-schema.json";

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Problems found (empty when the spec matches the reference), and the counts compared.
pub(crate) struct Report {
    pub(crate) problems: Vec<String>,
    pub(crate) classes: usize,
    pub(crate) fields: usize,
    pub(crate) deprecated: usize,
    pub(crate) params: usize,
    pub(crate) param_fields: usize,
}

pub(crate) fn check(spec: &Spec, reference_text: &str) -> Result<Report, String> {
    let reference: Value =
        serde_json::from_str(reference_text).map_err(|e| format!("{REFERENCE}: {e}"))?;
    let mut problems = Vec::new();
    if s(&reference, "sdk_version") != spec.version {
        problems.push(format!(
            "version {} vs reference {}",
            spec.version,
            s(&reference, "sdk_version")
        ));
    }
    let ref_classes: Vec<&Value> = list(&reference, "domain_classes")
        .iter()
        .filter(|c| {
            c.get("is_data_object").and_then(Value::as_bool) == Some(true)
                && s(c, "class") != "DataObject"
        })
        .collect();
    let ref_names: Vec<&str> = ref_classes.iter().map(|c| s(c, "class")).collect();
    for c in &spec.classes {
        if !ref_names.contains(&c.name.as_str()) {
            problems.push(format!("class {} not in the reference", c.name));
        }
    }
    let (mut fields, mut deprecated) = (0, 0);
    for rc in &ref_classes {
        let name = s(rc, "class");
        let Some(c) = spec.classes.iter().find(|c| c.name == name) else {
            problems.push(format!("class {name} missing from the spec"));
            continue;
        };
        let rf = list(rc, "fields");
        if rf.len() != c.fields.len() {
            problems.push(format!(
                "{name}: {} fields vs reference {}",
                c.fields.len(),
                rf.len()
            ));
        }
        for (f, r) in c.fields.iter().zip(rf) {
            fields += 1;
            let r_ty = r.get("type").map(Ty::from_json).transpose()?;
            let r_dep = r
                .get("deprecated")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            deprecated += usize::from(f.deprecated);
            if f.name != s(r, "python_name")
                || f.key != s(r, "json_key")
                || Some(&f.ty) != r_ty.as_ref()
                || f.deprecated != r_dep
            {
                problems.push(format!(
                    "{name}.{}: spec ({}, {:?}, deprecated {}) vs reference {r}",
                    f.name, f.key, f.ty, f.deprecated
                ));
            }
        }
        let r_ctor = rc.get("constructor").is_some();
        if r_ctor == c.constructor.is_empty() {
            problems.push(format!(
                "{name}: constructor {:?} vs reference {}",
                c.constructor, r_ctor
            ));
        }
    }
    let others: Vec<&str> = list(&reference, "domain_classes")
        .iter()
        .filter(|c| c.get("is_data_object").and_then(Value::as_bool) == Some(false))
        .map(|c| s(c, "class"))
        .collect();
    if others
        != spec
            .other_classes
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    {
        problems.push(format!(
            "other classes {:?} vs reference {others:?}",
            spec.other_classes
        ));
    }
    let ref_params = list(&reference, "query_param_classes");
    if ref_params.len() != spec.params.len() {
        problems.push(format!(
            "{} param classes vs reference {}",
            spec.params.len(),
            ref_params.len()
        ));
    }
    let mut param_fields = 0;
    for rp in ref_params {
        let name = s(rp, "class");
        let Some(p) = spec.params.iter().find(|p| p.name == name) else {
            problems.push(format!("param class {name} missing from the spec"));
            continue;
        };
        let rf = list(rp, "params");
        if rf.len() != p.fields.len() {
            problems.push(format!(
                "{name}: {} params vs reference {}",
                p.fields.len(),
                rf.len()
            ));
        }
        for (f, r) in p.fields.iter().zip(rf) {
            param_fields += 1;
            let r_ty = r.get("type").map(Ty::from_json).transpose()?;
            let r_rep = r.get("repeated").and_then(Value::as_bool).unwrap_or(false);
            let r_adder = r.get("adder").and_then(Value::as_str);
            if f.name != s(r, "python_name")
                || f.query != s(r, "query_name")
                || Some(&f.ty) != r_ty.as_ref()
                || f.repeated != r_rep
                || f.adder.as_deref() != r_adder
            {
                problems.push(format!(
                    "{name}.{}: spec differs from reference {r}",
                    f.name
                ));
            }
        }
    }
    let totals = reference.get("totals").cloned().unwrap_or(Value::Null);
    let expect = |key: &str| {
        totals
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    };
    for (key, got) in [
        ("domain_data_object_classes", spec.classes.len()),
        (
            "domain_fields",
            spec.classes.iter().map(|c| c.fields.len()).sum(),
        ),
        (
            "deprecated_fields",
            spec.classes
                .iter()
                .flat_map(|c| &c.fields)
                .filter(|f| f.deprecated)
                .count(),
        ),
        ("param_classes", spec.params.len()),
        (
            "param_fields",
            spec.params.iter().map(|p| p.fields.len()).sum(),
        ),
    ] {
        if expect(key) != Some(got) {
            problems.push(format!("{key}: spec {got} vs reference {:?}", expect(key)));
        }
    }
    Ok(Report {
        problems,
        classes: ref_classes.len(),
        fields,
        deprecated,
        params: ref_params.len(),
        param_fields,
    })
}
