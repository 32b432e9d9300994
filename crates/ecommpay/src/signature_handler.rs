//! Signing of parameter sets: `payment_page_sdk.signature_handler`.
//!
//! The string to sign is built from the parameters by flattening nested objects and
//! lists into `path:value` items (path segments joined by `:`, a `:` inside a key
//! escaped as `::`, list elements under their index), sorting the items by path in
//! code-point order and joining them with `;`. Booleans sign as `1`/`0`, `null` as an
//! empty string, floats as Python's `repr`, and `frame_mode` is skipped at every depth.
//! The signature is the standard base64 of the HMAC-SHA512 of that string.
//!
//! ```
//! use ecommpay::SignatureHandler;
//! use serde_json::json;
//!
//! let params = json!({"project_id": 123, "payment": {"id": "p-1", "paid": true}, "frame_mode": "iframe"});
//! let params = params.as_object().cloned().unwrap_or_default();
//! assert_eq!(
//!     SignatureHandler::string_to_sign(&params),
//!     "payment:id:p-1;payment:paid:1;project_id:123"
//! );
//! let handler = SignatureHandler::new("secret");
//! let signature = handler.sign(&params);
//! assert!(handler.check(&params, &signature));
//! ```

use std::cell::RefCell;
use std::fmt;

use payments_core::pyfmt::float_repr;
use payments_core::secret::{ExposeSecret, SecretString};
use payments_core::signing::{HmacSha512Key, base64_encode, constant_time_eq};
use serde_json::{Map, Number, Value};

use flat::Flat;

mod flat;

/// Signs parameter sets and checks signatures with a project's secret key.
///
/// The HMAC key schedule is computed once in [`SignatureHandler::new`]; the secret itself is
/// not kept and `Debug` never shows it.
#[derive(Clone)]
pub struct SignatureHandler {
    key: HmacSha512Key,
}

impl fmt::Debug for SignatureHandler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SignatureHandler([REDACTED])")
    }
}

impl SignatureHandler {
    /// Separator between the `path:value` items of the string to sign.
    pub const ITEMS_DELIMITER: &'static str = ";";
    /// Keys left out of the signature at every depth.
    pub const IGNORE_KEYS: &'static [&'static str] = &["frame_mode"];

    /// A handler for the project's secret key (any string, including empty).
    #[doc(alias = "__init__")]
    pub fn new(secret_key: impl Into<SecretString>) -> Self {
        let secret: SecretString = secret_key.into();
        Self {
            key: HmacSha512Key::new(secret.expose_secret().as_bytes()),
        }
    }

    /// The signature of `params`: standard base64 (with padding) of the HMAC-SHA512 of
    /// [`SignatureHandler::string_to_sign`].
    pub fn sign(&self, params: &Map<String, Value>) -> String {
        base64_encode(&with_message(params, false, |m| self.key.sign(m)))
    }

    /// Whether `signature` is the signature of `params`, compared in constant time.
    pub fn check(&self, params: &Map<String, Value>, signature: &str) -> bool {
        constant_time_eq(self.sign(params).as_bytes(), signature.as_bytes())
    }

    /// The exact string that [`SignatureHandler::sign`] authenticates (UTF-8).
    #[doc(alias = "__get_params_to_sign", alias = "get_params_to_sign")]
    pub fn string_to_sign(params: &Map<String, Value>) -> String {
        with_message(params, false, into_string)
    }

    /// Signs a callback body: the signature of [`SignatureHandler::callback_string_to_sign`].
    pub(crate) fn sign_callback(&self, data: &Map<String, Value>) -> String {
        base64_encode(&with_message(data, true, |m| self.key.sign(m)))
    }

    /// The string a callback's signature covers: the body without the `signature` keys of
    /// the top-level object and of objects nested in objects (objects inside lists keep
    /// theirs), flattened as by [`SignatureHandler::string_to_sign`].
    #[doc(alias = "__remove_param")]
    pub fn callback_string_to_sign(data: &Map<String, Value>) -> String {
        with_message(data, true, into_string)
    }
}

fn into_string(bytes: &[u8]) -> String {
    // Every piece is a whole UTF-8 string, so the concatenation is valid UTF-8.
    String::from_utf8_lossy(bytes).into_owned()
}

/// Reusable buffers of the string to sign and the current path.
#[derive(Default)]
struct Scratch {
    out: Vec<u8>,
    path: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Calls `f` with the string to sign, built in this thread's reusable buffers (or fresh
/// ones when they are in use).
fn with_message<R>(
    params: &Map<String, Value>,
    strip_signature: bool,
    f: impl FnOnce(&[u8]) -> R,
) -> R {
    let mut scratch = SCRATCH
        .try_with(|cell| {
            cell.try_borrow_mut()
                .map(|mut s| std::mem::take(&mut *s))
                .ok()
        })
        .ok()
        .flatten()
        .unwrap_or_default();
    scratch.out.clear();
    scratch.path.clear();
    let (out, path) = match Walk::run(params, strip_signature, scratch.out, scratch.path) {
        Ok(buffers) => buffers,
        Err((mut out, path)) => {
            out.clear();
            Flat::build(params, strip_signature).write(&mut out);
            (out, path)
        }
    };
    let result = f(&out);
    // Keep moderate buffers only, so one huge message does not pin memory.
    if out.capacity() <= 64 * 1024 {
        let _ = SCRATCH.try_with(|cell| {
            if let Ok(mut s) = cell.try_borrow_mut() {
                *s = Scratch { out, path };
            }
        });
    }
    result
}

/// Whether a key is skipped at this level.
fn skipped(key: &str, strip_signature: bool) -> bool {
    SignatureHandler::IGNORE_KEYS.contains(&key) || (strip_signature && key == "signature")
}

/// A child of an object or list during [`Walk`].
#[derive(Clone, Copy)]
struct Child<'a> {
    key: Key<'a>,
    value: &'a Value,
    container: bool,
    /// The first sixteen bytes of the key (and `:` for a container), zero-padded,
    /// big-endian: orders most siblings without looking at the key again.
    head: u128,
}

#[derive(Clone, Copy)]
enum Key<'a> {
    Name(&'a str),
    Index(u64),
}

impl Key<'_> {
    /// Calls `f` with the key's bytes (a list index as decimal digits).
    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            Key::Name(s) => f(s.as_bytes()),
            Key::Index(n) => {
                let (buf, start) = digits(*n);
                f(buf.get(usize::from(start)..).unwrap_or_default())
            }
        }
    }
}

impl Child<'_> {
    fn new<'a>(key: Key<'a>, value: &'a Value, container: bool) -> Child<'a> {
        let head = key.with_bytes(|bytes| {
            if let Some(first) = bytes.first_chunk::<16>() {
                return u128::from_be_bytes(*first);
            }
            // Shorter than 16 bytes: the key, then `:` for a container, then zero padding.
            let mut buf = [0u8; 16];
            if let Some(dst) = buf.get_mut(..bytes.len()) {
                dst.copy_from_slice(bytes);
            }
            if container && let Some(slot) = buf.get_mut(bytes.len()) {
                *slot = b':';
            }
            u128::from_be_bytes(buf)
        });
        Child {
            key,
            value,
            container,
            head,
        }
    }
}

/// Orders two siblings as their leaves' full paths order: a container's key is compared as
/// if followed by `:`, a leaf's as if followed by the end of the string.
fn sibling_order(a: &Child<'_>, b: &Child<'_>) -> std::cmp::Ordering {
    // Zero padding sorts like the end of a string, so unequal heads decide; equal heads
    // (a shared sixteen-byte start, or NUL bytes) need the whole keys.
    a.head.cmp(&b.head).then_with(|| {
        a.key.with_bytes(|ka| {
            b.key.with_bytes(|kb| {
                let common = ka.len().min(kb.len());
                let head = ka.get(..common).cmp(&kb.get(..common));
                if head.is_ne() {
                    return head;
                }
                let next_a = ka.get(common).copied().or(a.container.then_some(b':'));
                let next_b = kb.get(common).copied().or(b.container.then_some(b':'));
                next_a.cmp(&next_b)
            })
        })
    })
}

/// Fast string-to-sign: sorts siblings level by level and writes the items in one pass.
///
/// Equals the global sort by full path whenever no key contains `:` and the top level has
/// no empty key (then a container's key followed by `:` is never a prefix of a sibling's
/// key, and no two paths coincide). Otherwise [`Walk::run`] gives up and the general
/// [`Flat`] algorithm runs.
struct Walk<'a> {
    out: Vec<u8>,
    path: Vec<u8>,
    stack: Vec<Child<'a>>,
}

impl<'a> Walk<'a> {
    /// Writes the string to sign into `out` (empty), or gives the buffers back when the
    /// parameters need the general algorithm.
    #[allow(clippy::type_complexity)]
    fn run(
        params: &'a Map<String, Value>,
        strip_signature: bool,
        mut out: Vec<u8>,
        path: Vec<u8>,
    ) -> Result<(Vec<u8>, Vec<u8>), (Vec<u8>, Vec<u8>)> {
        // Callbacks run to about a kilobyte; growing costs more than a larger buffer.
        out.reserve((params.len() * 48).max(1024));
        let mut walk = Walk {
            out,
            path,
            stack: Vec::with_capacity(params.len() + 32),
        };
        match walk.object(params, strip_signature) {
            Some(()) => Ok((walk.out, walk.path)),
            None => Err((walk.out, walk.path)),
        }
    }

    fn object(&mut self, map: &'a Map<String, Value>, strip_signature: bool) -> Option<()> {
        let start = self.stack.len();
        for (key, value) in map {
            if skipped(key, strip_signature) {
                continue;
            }
            // A `:` needs escaping, and an empty top-level key makes its children look
            // top-level: both are left to the general flattening.
            if key.contains(':') || (key.is_empty() && self.path.is_empty()) {
                return None;
            }
            self.push(Key::Name(key), value);
        }
        self.children(start, strip_signature)
    }

    fn list(&mut self, list: &'a [Value]) -> Option<()> {
        let start = self.stack.len();
        for (index, value) in list.iter().enumerate() {
            self.push(Key::Index(index as u64), value);
        }
        // Objects inside lists keep their `signature` keys.
        self.children(start, false)
    }

    fn push(&mut self, key: Key<'a>, value: &'a Value) {
        let container = match value {
            Value::Object(m) => !m.is_empty(),
            Value::Array(l) => !l.is_empty(),
            _ => false,
        };
        if matches!(value, Value::Object(_) | Value::Array(_)) && !container {
            return; // Empty objects and lists contribute nothing.
        }
        self.stack.push(Child::new(key, value, container));
    }

    fn children(&mut self, start: usize, strip_signature: bool) -> Option<()> {
        if let Some(level) = self.stack.get_mut(start..) {
            // Most siblings differ within their first sixteen bytes: sort on those alone
            // and fall back to whole keys only when two heads tie.
            level.sort_unstable_by_key(|c| c.head);
            if level
                .windows(2)
                .any(|w| matches!(w, [a, b] if a.head == b.head))
            {
                level.sort_unstable_by(sibling_order);
            }
        }
        let end = self.stack.len();
        for i in start..end {
            let Some(child) = self.stack.get(i).copied() else {
                break;
            };
            match child.value {
                Value::Object(_) | Value::Array(_) => {
                    let path_len = self.path.len();
                    if path_len > 0 {
                        self.path.push(b':');
                    }
                    child
                        .key
                        .with_bytes(|bytes| self.path.extend_from_slice(bytes));
                    match child.value {
                        Value::Object(map) => self.object(map, strip_signature)?,
                        Value::Array(list) => self.list(list)?,
                        _ => {}
                    }
                    self.path.truncate(path_len);
                }
                leaf => self.leaf(child.key, leaf),
            }
        }
        self.stack.truncate(start);
        Some(())
    }

    /// Writes `path:key:value` (the key straight into the output, not via the path).
    fn leaf(&mut self, key: Key<'_>, value: &Value) {
        if !self.out.is_empty() {
            self.out
                .extend_from_slice(SignatureHandler::ITEMS_DELIMITER.as_bytes());
        }
        if !self.path.is_empty() {
            self.out.extend_from_slice(&self.path);
            self.out.push(b':');
        }
        key.with_bytes(|bytes| self.out.extend_from_slice(bytes));
        self.out.push(b':');
        match value {
            Value::String(s) => self.out.extend_from_slice(s.as_bytes()),
            Value::Bool(true) => self.out.push(b'1'),
            Value::Bool(false) => self.out.push(b'0'),
            Value::Number(n) => write_number(&mut self.out, n),
            Value::Null | Value::Object(_) | Value::Array(_) => {}
        }
    }
}

/// Python's `str()` of a JSON number: integers in full, floats as `repr`.
fn write_number(out: &mut Vec<u8>, n: &Number) {
    if let Some(u) = n.as_u64() {
        write_u64(out, u);
    } else if let Some(i) = n.as_i64() {
        out.push(b'-');
        write_u64(out, i.unsigned_abs());
    } else if let Some(f) = n.as_f64() {
        out.extend_from_slice(float_repr(f).as_bytes());
    }
}

/// The decimal digits of `n`, right-aligned, and the index of the first digit.
fn digits(mut n: u64) -> ([u8; 20], u8) {
    let mut buf = [0u8; 20];
    let mut pos: u8 = 20;
    loop {
        pos -= 1;
        if let Some(slot) = buf.get_mut(usize::from(pos)) {
            // `n % 10` is a single digit.
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        // u64::MAX has 20 digits, so `pos` never underflows.
        if n == 0 || pos == 0 {
            break;
        }
    }
    (buf, pos)
}

/// Appends the decimal digits of `n`.
fn write_u64(out: &mut Vec<u8>, n: u64) {
    let (buf, start) = digits(n);
    out.extend_from_slice(buf.get(usize::from(start)..).unwrap_or_default());
}

/// Python's `str()` of a JSON number as a `String` (for URLs and messages).
pub(crate) fn number_to_string(n: &Number) -> String {
    let mut out = Vec::with_capacity(24);
    write_number(&mut out, n);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn numbers_render_like_python_str() {
        let cases = [
            (json!(0), "0"),
            (json!(-0), "0"),
            (json!(u64::MAX), "18446744073709551615"),
            (json!(i64::MIN), "-9223372036854775808"),
            (json!(10.5), "10.5"),
            (json!(1.0), "1.0"),
            (json!(1e20), "1e+20"),
            (json!(1e-7), "1e-07"),
            (json!(-0.0), "-0.0"),
            (json!(0.1), "0.1"),
        ];
        for (v, want) in cases {
            let Value::Number(n) = v else { unreachable!() };
            assert_eq!(number_to_string(&n), want);
        }
    }

    #[test]
    fn empty_prefix_adds_no_separator() {
        // The official SDK joins with ':' only after a non-empty prefix.
        let p = map(json!({"": {"b": 1, "": [2]}, "a": {"": {"c": 3}}}));
        assert_eq!(SignatureHandler::string_to_sign(&p), "0:2;a::c:3;b:1");
    }

    #[test]
    fn later_duplicates_win() {
        // "a:" + "b" escapes to "a:::b", as does "a" + ":b".
        let p = map(json!({"a:": {"b": 1}, "a": {":b": 2}}));
        assert_eq!(SignatureHandler::string_to_sign(&p), "a:::b:2");
        let p = map(json!({"a": {":b": 2}, "a:": {"b": 1}}));
        assert_eq!(SignatureHandler::string_to_sign(&p), "a:::b:1");
        // Every ':' of a key is doubled.
        let p = map(json!({"a::b": 1}));
        assert_eq!(SignatureHandler::string_to_sign(&p), "a::::b:1");
    }

    #[test]
    fn callback_stripping_only_through_objects() {
        let p = map(json!({
            "signature": "x",
            "a": {"signature": "y", "b": {"signature": "z", "c": 1}},
            "l": [{"signature": "kept", "d": {"signature": "kept too"}}]
        }));
        assert_eq!(
            SignatureHandler::callback_string_to_sign(&p),
            "a:b:c:1;l:0:d:signature:kept too;l:0:signature:kept"
        );
        assert!(SignatureHandler::string_to_sign(&p).starts_with("a:b:c:1;a:b:signature:z;"));
    }

    fn general(params: &Map<String, Value>, strip: bool) -> Vec<u8> {
        let mut out = Vec::new();
        Flat::build(params, strip).write(&mut out);
        out
    }

    fn fast(params: &Map<String, Value>, strip: bool) -> Option<Vec<u8>> {
        Walk::run(params, strip, Vec::new(), Vec::new())
            .ok()
            .map(|(out, _)| out)
    }

    #[test]
    fn fast_path_applies_and_agrees() {
        let p = map(json!({
            "x": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, [10], 11], "x0": 1, "x-": {"a": 1}, "X": true,
            "a": {"b": {"": 1, "c": null}, "b0": 2, "b-": [], "b_": {}}, "é": 1.5, "signature": "s",
            "l": [{"signature": 1, "frame_mode": 2}], "frame_mode": 3,
            "abcdefghijklmnop": {"q": 1}, "abcdefghijklmnop0": 2, "abcdefghijklmnopq": [3],
            "abcdefghijklmno": {"r": 4}, "abcdefghijklmno-": 5, "k\u{0}": {"z": 6}, "k": 7, "k\u{0}\u{0}": 8
        }));
        for strip in [false, true] {
            assert_eq!(fast(&p, strip).unwrap(), general(&p, strip));
        }
        assert!(fast(&map(json!({"a": {"b:c": 1}})), false).is_none());
        assert!(fast(&map(json!({"": 1})), false).is_none());
    }

    proptest::proptest! {
        #[test]
        fn fast_and_general_paths_agree(v in proptest::collection::vec(("[a-c0-9_\\-:]{0,3}", leaf_or_nested()), 0..10), strip: bool) {
            let params: Map<String, Value> = v.into_iter().collect();
            if let Some(fast) = fast(&params, strip) {
                proptest::prop_assert_eq!(fast, general(&params, strip));
            }
        }
    }

    fn leaf_or_nested() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i32>().prop_map(Value::from),
            "[a-z]{0,3}".prop_map(Value::from)
        ];
        leaf.prop_recursive(3, 40, 12, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..12).prop_map(Value::Array),
                proptest::collection::vec(
                    ("(signature|frame_mode|[a-c0-9_\\-:]{0,3})", inner),
                    0..5
                )
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    #[test]
    fn debug_is_redacted() {
        let h = SignatureHandler::new("top-secret");
        assert_eq!(format!("{h:?}"), "SignatureHandler([REDACTED])");
    }
}
