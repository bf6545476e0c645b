//! `check --fix` and `--diff`: the safe fixes the diagnostics carry, applied to the files as
//! plain replacements of byte spans of the text that was read. Nothing else of a file changes,
//! so its layout and comments stay as they were.

use crate::check::Checked;
use crate::diagnostic::{Applicability, Edit};
use crate::source::FileId;
use std::path::PathBuf;

/// One file's fixed text.
#[derive(Debug)]
pub(crate) struct FixedFile {
    pub path: PathBuf,
    pub name: String,
    pub before: String,
    pub after: String,
    /// How many findings' fixes went into it.
    pub fixes: usize,
}

/// The files the safe fixes change, in file order. A file whose TOML is broken is left alone
/// (its spans come from a recovered tree), and of two overlapping edits only the first is
/// applied: the next run offers the other again.
pub(crate) fn plan(checked: &Checked) -> Vec<FixedFile> {
    let ws = &checked.workspace;
    let mut per_file: Vec<(FileId, Vec<&Edit>, usize)> = Vec::new();
    for d in &checked.diagnostics {
        let Some(fix) = d
            .fix
            .as_ref()
            .filter(|f| f.applicability == Applicability::Safe)
        else {
            continue;
        };
        if fix.edits.is_empty() || fix.edits.iter().any(|e| ws.is_broken(e.file)) {
            continue;
        }
        for edit in &fix.edits {
            match per_file.iter_mut().find(|(f, _, _)| *f == edit.file) {
                Some(entry) => entry.1.push(edit),
                None => per_file.push((edit.file, vec![edit], 0)),
            }
        }
        if let Some(entry) = per_file.iter_mut().find(|(f, _, _)| *f == d.file) {
            entry.2 += 1;
        }
    }
    per_file.sort_by_key(|(f, _, _)| *f);
    let mut out = Vec::new();
    for (file, mut edits, fixes) in per_file {
        let source = ws.file(file);
        let text: &str = &source.text;
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        edits.dedup_by(|a, b| a.span == b.span && a.replacement == b.replacement);
        let mut after = String::with_capacity(text.len());
        let mut at = 0usize;
        for edit in edits {
            let (start, end) = (edit.span.start as usize, edit.span.end as usize);
            let (Some(kept), true) = (text.get(at..start), end <= text.len()) else {
                continue;
            };
            if !text.is_char_boundary(end) {
                continue;
            }
            after.push_str(kept);
            after.push_str(&edit.replacement);
            at = end;
        }
        after.push_str(text.get(at..).unwrap_or(""));
        if after != text {
            out.push(FixedFile {
                path: source.path.clone(),
                name: source.name.clone(),
                before: text.to_string(),
                after,
                fixes: fixes.max(1),
            });
        }
    }
    out
}

/// Writes each fixed file atomically, keeping a byte-order mark the file had. A file that
/// changed on disk since it was read is not written (its spans would be wrong): its name is
/// returned.
pub(crate) fn apply(files: &[FixedFile]) -> Result<Vec<String>, String> {
    let mut changed_meanwhile = Vec::new();
    for f in files {
        let on_disk = std::fs::read(&f.path).map_err(|e| format!("cannot read {}: {e}", f.name))?;
        let on_disk = String::from_utf8_lossy(&on_disk);
        let (bom, body) = match on_disk.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", &*on_disk),
        };
        if body != f.before {
            changed_meanwhile.push(f.name.clone());
            continue;
        }
        let text = format!("{bom}{}", f.after);
        crate::base::fsio::write_atomic(&f.path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", f.name))?;
    }
    Ok(changed_meanwhile)
}

/// The fixes as a unified diff (`--- a/NAME`, `+++ b/NAME`), as `git apply` and `patch -p1`
/// read it.
pub(crate) fn unified_diff(files: &[FixedFile]) -> String {
    let mut out = String::new();
    for f in files {
        let diff = similar::TextDiff::from_lines(&f.before, &f.after);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{}", f.name), &format!("b/{}", f.name))
                .to_string(),
        );
    }
    out
}
