//! Parity of the `ecommpay` crate with the official `ecommpay-sdk` (PyPI 1.0.6).
//!
//! `xtask/parity/ecommpay.py` prints generated cases with the official outputs: strings to
//! sign and signatures of random nested parameter sets, Payment Page URLs of random
//! payments, and verification results of random signed and tampered callbacks.

use std::path::Path;

use ecommpay::chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use ecommpay::{Gate, Payment, PaymentStatus, SignatureHandler};
use serde_json::Value;

use super::{Summary, run_script};

pub(crate) fn check(python: &Path) -> Result<Summary, String> {
    let cases = run_script(python, "ecommpay.py", &[])?;
    let mut summary = Summary::new("ecommpay");
    for (i, case) in cases.iter().enumerate() {
        let kind = case.get("kind").and_then(Value::as_str).unwrap_or_default();
        let label = format!("case {i} ({kind})");
        match kind {
            "sign" => sign(&mut summary, &label, case)?,
            "url" => url(&mut summary, &label, case)?,
            "callback" => callback(&mut summary, &label, case)?,
            other => return Err(format!("{label}: unknown kind {other:?}")),
        }
    }
    Ok(summary)
}

fn field<'a>(case: &'a Value, name: &str, label: &str) -> Result<&'a Value, String> {
    case.get(name)
        .ok_or_else(|| format!("{label}: missing {name:?}"))
}

fn text<'a>(case: &'a Value, name: &str, label: &str) -> Result<&'a str, String> {
    field(case, name, label)?
        .as_str()
        .ok_or_else(|| format!("{label}: {name:?} is not a string"))
}

fn sign(summary: &mut Summary, label: &str, case: &Value) -> Result<(), String> {
    let params = field(case, "params", label)?
        .as_object()
        .ok_or_else(|| format!("{label}: params"))?;
    let handler = SignatureHandler::new(text(case, "secret", label)?);
    let rust = (
        SignatureHandler::string_to_sign(params),
        handler.sign(params),
    );
    let python = (
        text(case, "string_to_sign", label)?.to_owned(),
        text(case, "signature", label)?.to_owned(),
    );
    summary.compare(label, &python, &rust);
    Ok(())
}

fn best_before(step: &Value, label: &str) -> Result<(NaiveDateTime, Option<FixedOffset>), String> {
    let bad = || format!("{label}: bad best_before step {step}");
    let parts: Vec<u32> = field(step, "best_before", label)?
        .as_array()
        .ok_or_else(bad)?
        .iter()
        .map(|v| {
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(bad)
        })
        .collect::<Result<_, _>>()?;
    let [year, month, day, hour, minute, second, micro] = parts.as_slice() else {
        return Err(bad());
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(*year).map_err(|_| bad())?, *month, *day)
        .ok_or_else(bad)?;
    let naive = date
        .and_hms_micro_opt(*hour, *minute, *second, *micro)
        .ok_or_else(bad)?;
    let offset = match step.get("offset").and_then(Value::as_i64) {
        Some(seconds) => Some(
            FixedOffset::east_opt(i32::try_from(seconds).map_err(|_| bad())?).ok_or_else(bad)?,
        ),
        None => None,
    };
    Ok((naive, offset))
}

fn url(summary: &mut Summary, label: &str, case: &Value) -> Result<(), String> {
    let project_id = field(case, "project_id", label)?.clone();
    let mut payment = Payment::new(project_id, text(case, "payment_id", label)?);
    let steps = field(case, "steps", label)?
        .as_array()
        .ok_or_else(|| format!("{label}: steps"))?;
    for step in steps {
        if let Some(set) = step.get("set").and_then(Value::as_array) {
            let (Some(name), Some(value)) = (set.first().and_then(Value::as_str), set.get(1))
            else {
                return Err(format!("{label}: bad set step {step}"));
            };
            payment = payment.set(name, value.clone());
        } else {
            payment = match best_before(step, label)? {
                (naive, None) => payment.best_before(naive),
                (naive, Some(offset)) => {
                    let local = offset
                        .from_local_datetime(&naive)
                        .single()
                        .ok_or_else(|| format!("{label}: offset"))?;
                    payment.best_before(local)
                }
            };
        }
    }
    let gate = Gate::with_base_url(text(case, "secret", label)?, text(case, "base_url", label)?);
    let rust = gate.get_purchase_payment_page_url(&payment);
    summary.compare(label, &text(case, "url", label)?.to_owned(), &rust);
    Ok(())
}

fn callback(summary: &mut Summary, label: &str, case: &Value) -> Result<(), String> {
    let gate = Gate::new(text(case, "secret", label)?);
    let raw = text(case, "raw", label)?;
    let result = field(case, "result", label)?;
    let python = match result.get("error").and_then(Value::as_str) {
        Some(message) => format!("error: {message}"),
        None => format!(
            "ok: signature={} payment_id={} status={}",
            text(result, "signature", label)?,
            result.get("payment_id").unwrap_or(&Value::Null),
            result.get("payment_status").unwrap_or(&Value::Null)
        ),
    };
    let rust = match gate.handle_callback(raw) {
        Err(e) => format!("error: {e}"),
        Ok(cb) => format!(
            "ok: signature={} payment_id={} status={}",
            cb.get_signature(),
            cb.get_payment_id().map_or(Value::Null, Value::from),
            cb.get_payment_status()
                .as_ref()
                .map_or(Value::Null, |s: &PaymentStatus| Value::from(s.as_str()))
        ),
    };
    summary.compare(label, &python, &rust);
    Ok(())
}
