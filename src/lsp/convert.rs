//! Between the server's terms (paths, file ids, byte spans) and the protocol's (URIs, ranges,
//! locations).

use super::analysis;
use super::position;
use crate::base::span::Span;
use crate::check::Checked;
use crate::source::{FileId, SourceFile};
use lsp_types::{Location, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub(super) fn file_id_of(checked: &Checked, path: &Path) -> Option<FileId> {
    analysis::file_id(&checked.workspace, path)
}

/// Through the file's line index: a position costs a binary search, not a scan of the text.
pub(super) fn range(file: &SourceFile, span: Span) -> Range {
    Range::new(
        position::to_lsp_indexed(file, span.start as usize),
        position::to_lsp_indexed(file, span.end as usize),
    )
}

pub(super) fn location(checked: &Checked, file: FileId, span: Span) -> Option<Location> {
    let source = checked.workspace.file(file);
    Some(Location::new(
        path_to_uri(&source.path)?,
        range(source, span),
    ))
}

/// `file:///a%20b/c.plan.toml` → `/a b/c.plan.toml`.
pub(super) fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.split(['?', '#']).next()?;
    let mut bytes = Vec::with_capacity(rest.len());
    let mut iter = rest.bytes();
    while let Some(b) = iter.next() {
        if b == b'%' {
            let hex = [iter.next()?, iter.next()?];
            let hex = std::str::from_utf8(&hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    // normalized the way discovery names files, so the two meet in one map key
    Some(crate::load::discover::normalize(Path::new(&path)))
}

pub(super) fn path_to_uri(path: &Path) -> Option<Uri> {
    let mut out = String::from("file://");
    for b in path.to_str()?.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_spaces_and_unicode() {
        let path = PathBuf::from("/tmp/a b/Ωμέγα 学习/x.plan.toml");
        let uri = path_to_uri(&path).unwrap();
        assert!(uri.as_str().starts_with("file:///tmp/a%20b/"));
        assert_eq!(uri_to_path(&uri).unwrap(), path);
    }
}
