//! Strings read from plan files, without a copy of each.
//!
//! A TOML string without escapes (nearly every id, title and unit) is a slice of its file's
//! source, which goalc keeps anyway for diagnostics; [`Text`] points into it. On the 73,000-goal
//! benchmark corpus this spares several hundred thousand allocations and tens of megabytes.

use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string: a range of a shared buffer (a file's source, or a buffer of its own
/// for strings that needed unescaping). Compares, hashes and prints as the `str` it holds.
#[derive(Clone)]
pub struct Text {
    buf: Arc<str>,
    start: u32,
    end: u32,
}

impl Text {
    /// `slice` if it lies within `source`, shared; else a copy.
    pub fn within(source: &Arc<str>, slice: &str) -> Text {
        let base = source.as_ptr() as usize;
        let at = (slice.as_ptr() as usize).wrapping_sub(base);
        let end = at.wrapping_add(slice.len());
        match (u32::try_from(at), u32::try_from(end)) {
            (Ok(start), Ok(end_u32)) if source.get(at..end).is_some() => Text {
                buf: Arc::clone(source),
                start,
                end: end_u32,
            },
            _ => Text::from(slice),
        }
    }

    pub fn as_str(&self) -> &str {
        self.buf
            .get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(Arc::<str>::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::from(Arc::<str>::from(s))
    }
}

impl From<Arc<str>> for Text {
    fn from(buf: Arc<str>) -> Text {
        // Files larger than 4 GiB are refused by the loader; a longer string cannot occur.
        let end = u32::try_from(buf.len()).unwrap_or(u32::MAX);
        Text { buf, start: 0, end }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::from("")
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_owned()
    }
}

impl From<&Text> for String {
    fn from(t: &Text) -> String {
        t.as_str().to_owned()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As `str` hashes, so that maps keyed by `Text` can be searched with a `&str`.
        self.as_str().hash(state);
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Text;
    use std::sync::Arc;

    #[test]
    fn shares_slices_of_the_source_and_copies_the_rest() {
        let source: Arc<str> = Arc::from("title = \"Ship it\"");
        let inner = source.get(9..16).unwrap();
        let shared = Text::within(&source, inner);
        assert_eq!(shared, "Ship it");
        assert!(Arc::ptr_eq(&shared.buf, &source));
        let elsewhere = String::from("Ship it");
        let copied = Text::within(&source, &elsewhere);
        assert_eq!(copied, shared);
        assert!(!Arc::ptr_eq(&copied.buf, &source));
        assert_eq!(Text::within(&source, ""), "");
    }

    #[test]
    fn hashes_as_str_so_maps_take_str_keys() {
        let mut map = std::collections::HashMap::new();
        map.insert(Text::from("goal-a"), 1);
        assert_eq!(map.get("goal-a"), Some(&1));
        assert_eq!(
            format!("{}|{:?}", Text::from("x"), Text::from("x")),
            "x|\"x\""
        );
    }
}
