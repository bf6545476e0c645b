//! The files of a workspace: their names, their text (shared, never copied per finding) and
//! the arithmetic from byte offsets to lines and columns.

use crate::base::span::Span;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Index of a file in [`crate::workspace::Workspace::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Plan,
    Progress,
}

impl FileKind {
    /// Progress files are recognised by name; every other file is read as a plan.
    pub fn of(path: &std::path::Path) -> FileKind {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".progress.toml") {
            FileKind::Progress
        } else {
            FileKind::Plan
        }
    }
}

#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Where the file is on disk, as discovered (absolute).
    pub path: PathBuf,
    /// The name shown to users: relative to the current directory when possible, `/`-separated.
    pub name: String,
    pub kind: FileKind,
    pub text: Arc<str>,
    line_starts: OnceLock<Vec<u32>>,
    ascii: OnceLock<bool>,
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: PathBuf, name: String, kind: FileKind, text: Arc<str>) -> Self {
        SourceFile {
            path,
            name,
            kind,
            text,
            line_starts: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }

    /// The byte offset where each line starts, computed once per file.
    pub fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| (i + 1) as u32),
                )
                .collect()
        })
    }

    /// Whether the text is all ASCII, where a column is a byte count: then a position in a
    /// very long line costs no scan of it.
    pub fn is_ascii(&self) -> bool {
        *self.ascii.get_or_init(|| self.text.is_ascii())
    }

    /// Clamps `offset` into the text and onto a character boundary.
    fn clamp(&self, offset: u32) -> usize {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub fn position(&self, offset: u32) -> Position {
        let offset = self.clamp(offset);
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s as usize <= offset).max(1) - 1;
        let line_start = starts.get(line).map_or(0, |&s| s as usize);
        let column = if self.is_ascii() {
            offset - line_start
        } else {
            self.text[line_start..offset].chars().count()
        };
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// Start and end positions of a span; the end is exclusive, as in SARIF and LSP.
    pub fn range(&self, span: Span) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }

    pub fn slice(&self, span: Span) -> &str {
        let (start, end) = (self.clamp(span.start), self.clamp(span.end));
        &self.text[start..end.max(start)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let file = SourceFile::new(
            PathBuf::from("a"),
            "a".into(),
            FileKind::Plan,
            "ab\nΩμ = 1\n".into(),
        );
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        assert_eq!(file.position(3), Position { line: 2, column: 1 });
        // after "Ωμ" (4 bytes) the column is 3
        assert_eq!(file.position(7), Position { line: 2, column: 3 });
        // inside a multi-byte character: clamped back to its start
        assert_eq!(file.position(4), Position { line: 2, column: 1 });
        assert_eq!(file.position(999), Position { line: 3, column: 1 });
    }
}
