//! The spec file (`crates/onlinepayments/spec/domain.json`) read into typed form.

use serde_json::Value;

/// A field or parameter type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
    Object(String),
    List(Box<Ty>),
}

impl Ty {
    pub(crate) fn from_json(v: &Value) -> Result<Self, String> {
        let kind = v
            .get("kind")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("type without kind: {v}"))?;
        Ok(match kind {
            "string" => Ty::String,
            "integer" => Ty::Integer,
            "number" => Ty::Number,
            "boolean" => Ty::Boolean,
            "date" => Ty::Date,
            "datetime" => Ty::DateTime,
            "object" => Ty::Object(str_of(v, "class")?.to_owned()),
            "list" => Ty::List(Box::new(Ty::from_json(
                v.get("items").ok_or("list without items")?,
            )?)),
            other => return Err(format!("unknown type kind {other:?}")),
        })
    }

    /// The type's name in the spec's notation, e.g. `list<object>`.
    pub(crate) fn kind_name(&self) -> String {
        match self {
            Ty::String => "string".into(),
            Ty::Integer => "integer".into(),
            Ty::Number => "number".into(),
            Ty::Boolean => "boolean".into(),
            Ty::Date => "date".into(),
            Ty::DateTime => "datetime".into(),
            Ty::Object(_) => "object".into(),
            Ty::List(t) => format!("list<{}>", t.kind_name()),
        }
    }
}

/// One field of a domain class.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) key: String,
    pub(crate) ty: Ty,
    pub(crate) deprecated: bool,
}

/// One domain class.
#[derive(Debug, Clone)]
pub(crate) struct Class {
    pub(crate) name: String,
    pub(crate) module: String,
    pub(crate) fields: Vec<Field>,
    pub(crate) constructor: Vec<String>,
}

/// One query parameter.
#[derive(Debug, Clone)]
pub(crate) struct Param {
    pub(crate) name: String,
    pub(crate) query: String,
    pub(crate) ty: Ty,
    pub(crate) repeated: bool,
    pub(crate) adder: Option<String>,
}

/// One query-parameter class.
#[derive(Debug, Clone)]
pub(crate) struct ParamClass {
    pub(crate) name: String,
    pub(crate) module: String,
    pub(crate) fields: Vec<Param>,
}

/// The whole spec.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub(crate) sdk: String,
    pub(crate) version: String,
    pub(crate) classes: Vec<Class>,
    pub(crate) other_classes: Vec<String>,
    pub(crate) params: Vec<ParamClass>,
}

fn str_of<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("missing string {key:?} in {v}"))
}

fn array_of<'a>(v: &'a Value, key: &str) -> Result<&'a Vec<Value>, String> {
    v.get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| format!("missing array {key:?}"))
}

impl Spec {
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| format!("spec: {e}"))?;
        let mut classes = Vec::new();
        for c in array_of(&v, "classes")? {
            let mut fields = Vec::new();
            for f in array_of(c, "fields")? {
                fields.push(Field {
                    name: str_of(f, "name")?.to_owned(),
                    key: str_of(f, "key")?.to_owned(),
                    ty: Ty::from_json(f.get("type").ok_or("field without type")?)?,
                    deprecated: f
                        .get("deprecated")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                });
            }
            let constructor = c
                .get("constructor")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            classes.push(Class {
                name: str_of(c, "name")?.to_owned(),
                module: str_of(c, "module")?.to_owned(),
                fields,
                constructor,
            });
        }
        let mut params = Vec::new();
        for c in array_of(&v, "params")? {
            let mut fields = Vec::new();
            for f in array_of(c, "fields")? {
                fields.push(Param {
                    name: str_of(f, "name")?.to_owned(),
                    query: str_of(f, "query")?.to_owned(),
                    ty: Ty::from_json(f.get("type").ok_or("param without type")?)?,
                    repeated: f.get("repeated").and_then(Value::as_bool).unwrap_or(false),
                    adder: f.get("adder").and_then(Value::as_str).map(str::to_owned),
                });
            }
            params.push(ParamClass {
                name: str_of(c, "name")?.to_owned(),
                module: str_of(c, "module")?.to_owned(),
                fields,
            });
        }
        let other_classes = array_of(&v, "other_classes")?
            .iter()
            .map(|c| str_of(c, "name").map(str::to_owned))
            .collect::<Result<_, _>>()?;
        Ok(Spec {
            sdk: str_of(&v, "sdk")?.to_owned(),
            version: str_of(&v, "version")?.to_owned(),
            classes,
            other_classes,
            params,
        })
    }

    /// Structural checks: unique names, known object classes, no cycle of direct
    /// (non-list) object fields (which would need boxing).
    pub(crate) fn validate(&self) -> Result<(), String> {
        let names: std::collections::BTreeSet<&str> =
            self.classes.iter().map(|c| c.name.as_str()).collect();
        if names.len() != self.classes.len() {
            return Err("duplicate class names in the spec".into());
        }
        for c in &self.classes {
            for f in &c.fields {
                let mut t = &f.ty;
                while let Ty::List(inner) = t {
                    t = inner;
                }
                if let Ty::Object(target) = t
                    && !names.contains(target.as_str())
                {
                    return Err(format!("{}.{}: unknown class {target}", c.name, f.name));
                }
            }
        }
        for c in &self.classes {
            let mut stack = vec![c.name.as_str()];
            let mut seen = std::collections::BTreeSet::new();
            while let Some(n) = stack.pop() {
                let Some(class) = self.classes.iter().find(|k| k.name == n) else {
                    continue;
                };
                for f in &class.fields {
                    if let Ty::Object(t) = &f.ty {
                        if t == &c.name {
                            return Err(format!(
                                "{} contains itself through direct fields",
                                c.name
                            ));
                        }
                        if seen.insert(t.as_str()) {
                            stack.push(t);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
