//! The general string to sign: every leaf flattened to its full path, then sorted by path
//! and de-duplicated. Used whenever the fast level-by-level walk does not apply.

use serde_json::{Map, Value};

use super::{SignatureHandler, skipped, write_number, write_u64};

/// Where the bytes of an item's value live.
#[derive(Clone, Copy)]
enum Text<'a> {
    /// Borrowed from the parameters (strings) or static (`1`, `0`, empty).
    Borrowed(&'a str),
    /// A range of the arena (rendered numbers).
    Arena(usize, usize),
}

/// One `path:value` item; the path is a range of the arena.
#[derive(Clone, Copy)]
struct Item<'a> {
    path: (usize, usize),
    value: Text<'a>,
}

/// The flattened, sorted and de-duplicated items of a parameter set.
///
/// Paths and rendered numbers are written into one byte arena, so flattening allocates a
/// handful of buffers whatever the number of parameters.
pub(super) struct Flat<'a> {
    arena: Vec<u8>,
    items: Vec<Item<'a>>,
}

impl<'a> Flat<'a> {
    pub(super) fn build(params: &'a Map<String, Value>, strip_signature: bool) -> Self {
        let mut flat = Flat {
            arena: Vec::with_capacity(params.len() * 24),
            items: Vec::with_capacity(params.len() + 4),
        };
        flat.object(None, params, strip_signature);
        flat.sort_and_dedup();
        flat
    }

    fn bytes(&self, (start, end): (usize, usize)) -> &[u8] {
        self.arena.get(start..end).unwrap_or_default()
    }

    fn text(&self, text: Text<'a>) -> &[u8] {
        match text {
            Text::Borrowed(s) => s.as_bytes(),
            Text::Arena(start, end) => self.bytes((start, end)),
        }
    }

    /// Starts a child path: `prefix:` (no `:` after an empty prefix, as in the official SDK).
    fn open_path(&mut self, prefix: Option<(usize, usize)>) -> usize {
        let start = self.arena.len();
        if let Some((p_start, p_end)) = prefix
            && p_end > p_start
        {
            self.arena.extend_from_within(p_start..p_end);
            self.arena.push(b':');
        }
        start
    }

    fn object(
        &mut self,
        prefix: Option<(usize, usize)>,
        map: &'a Map<String, Value>,
        strip_signature: bool,
    ) {
        for (key, value) in map {
            if skipped(key, strip_signature) {
                continue;
            }
            let start = self.open_path(prefix);
            if key.contains(':') {
                for (i, part) in key.split(':').enumerate() {
                    if i > 0 {
                        self.arena.extend_from_slice(b"::");
                    }
                    self.arena.extend_from_slice(part.as_bytes());
                }
            } else {
                self.arena.extend_from_slice(key.as_bytes());
            }
            let path = (start, self.arena.len());
            // `signature` keys are removed from objects reached through objects only.
            self.value(path, value, strip_signature);
        }
    }

    fn value(&mut self, path: (usize, usize), value: &'a Value, strip_signature: bool) {
        let text = match value {
            Value::Object(map) => return self.object(Some(path), map, strip_signature),
            Value::Array(list) => {
                for (index, element) in list.iter().enumerate() {
                    let start = self.open_path(Some(path));
                    write_u64(&mut self.arena, index as u64);
                    self.value((start, self.arena.len()), element, false);
                }
                return;
            }
            Value::String(s) => Text::Borrowed(s.as_str()),
            Value::Bool(true) => Text::Borrowed("1"),
            Value::Bool(false) => Text::Borrowed("0"),
            Value::Null => Text::Borrowed(""),
            Value::Number(n) => {
                let start = self.arena.len();
                write_number(&mut self.arena, n);
                Text::Arena(start, self.arena.len())
            }
        };
        self.items.push(Item { path, value: text });
    }

    /// Sorts by path (byte order of UTF-8 = code-point order) and keeps the last item of
    /// each path, as a later `dict.update` wins in the official SDK.
    fn sort_and_dedup(&mut self) {
        let mut items = std::mem::take(&mut self.items);
        // Stable: items with equal paths stay in traversal order.
        items.sort_by(|a, b| self.bytes(a.path).cmp(self.bytes(b.path)));
        let mut kept: Vec<Item<'a>> = Vec::with_capacity(items.len());
        for item in items {
            match kept.last_mut() {
                Some(last) if self.bytes(last.path) == self.bytes(item.path) => *last = item,
                _ => kept.push(item),
            }
        }
        self.items = kept;
    }

    /// Appends the string to sign to `out`.
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(SignatureHandler::ITEMS_DELIMITER.as_bytes());
            }
            out.extend_from_slice(self.bytes(item.path));
            out.push(b':');
            out.extend_from_slice(self.text(item.value));
        }
    }
}
