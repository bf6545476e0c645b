//! Reading files: discovery, then for each file bytes -> text -> spanned TOML tree -> raw
//! model, with every `syntax` and `schema` finding of the file. One decoder per document kind
//! (`plan`, `progress`, `config` for goalc.toml); syntax recovery apart (`syntax`).

pub mod config;
pub mod decode;
pub mod discover;
mod ids;
mod kinds;
mod plan;
mod progress;
mod syntax;

use crate::base::fsio::Bounded;
use crate::base::span::Span;
use crate::catalog::RuleId;
use crate::diagnostic::Diagnostic;
use crate::load::decode::Decoder;
use crate::model::*;
use crate::source::{FileId, FileKind, SourceFile};
use plan::decode_plan;
use progress::decode_progress;
use std::path::PathBuf;
use std::sync::Arc;
use syntax::{
    MAX_SYNTAX_FINDINGS, malformed_integers, more_syntax_errors, starts_with_second_bom,
    syntax_diagnostics,
};
use toml::de::DeTable;

pub use crate::settings::MAX_FILE_BYTES;

#[derive(Clone)]
pub struct LoadedFile {
    pub id: FileId,
    pub source: SourceFile,
    /// `None` when the file could not be parsed at all, or once taken by the per-file step.
    pub doc: Option<Doc>,
    pub diags: Vec<Diagnostic>,
    /// The TOML had errors: the doc is best-effort recovery, good for resolving references to
    /// it but not for judging it.
    pub has_syntax_errors: bool,
}

/// A file that could not be read (or vanished) between discovery and reading.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read {}: {}", self.path.display(), self.error)
    }
}

/// Reads and decodes the file at `path`, if it is a regular file of at most `max_bytes`.
pub fn load_path(
    id: FileId,
    path: PathBuf,
    name: String,
    max_bytes: u64,
) -> Result<LoadedFile, LoadError> {
    let kind = FileKind::of(&path);
    match crate::base::fsio::read_regular(&path, max_bytes) {
        Ok(Bounded::Bytes(bytes)) => Ok(load_bytes(id, path, name, kind, bytes)),
        Ok(Bounded::TooLarge(len)) => Ok(too_large(id, path, name, len, max_bytes)),
        Err(error) => Err(LoadError { path, error }),
    }
}

/// A file over the size limit: one `syntax` finding, nothing parsed.
pub fn too_large(id: FileId, path: PathBuf, name: String, len: u64, max_bytes: u64) -> LoadedFile {
    let kind = FileKind::of(&path);
    let source = SourceFile::new(path, name, kind, Arc::from(""));
    let d = Diagnostic::error(
        RuleId::Syntax,
        id,
        Span::default(),
        // Standard input is read to one byte past the limit, so its length is not known then.
        if len == max_bytes.saturating_add(1) {
            format!(
                "file is too large to read as a plan (more than the limit of {max_bytes} bytes)"
            )
        } else {
            format!("file is too large to read as a plan ({len} bytes; the limit is {max_bytes})")
        },
    )
    .with_help("split the plan into several files, or raise `max_file_bytes` in goalc.toml");
    LoadedFile {
        id,
        source,
        doc: None,
        diags: vec![d],
        has_syntax_errors: true,
    }
}

/// A file that could not be read: empty, with a `syntax` finding saying why when `finding`
/// (a file in scope the user must hear about), so the rest of the workspace is still checked.
pub fn unreadable(id: FileId, error: &LoadError, name: String, finding: bool) -> LoadedFile {
    let kind = FileKind::of(&error.path);
    let source = SourceFile::new(error.path.clone(), name, kind, Arc::from(""));
    let diags = if finding {
        vec![
            Diagnostic::error(
                RuleId::Syntax,
                id,
                Span::default(),
                format!("cannot read this file: {}", error.error),
            )
            .with_help("make the file readable by the user running goalc"),
        ]
    } else {
        Vec::new()
    };
    LoadedFile {
        id,
        source,
        doc: None,
        diags,
        has_syntax_errors: true,
    }
}

/// Loads `paths` in parallel, file ids in order, and runs `step` on each file on the loading
/// thread (the workspace lowers plan files there): the text of a path comes from `overlay` when
/// it has it (standard input, an editor's unsaved document), else from disk.
pub fn load_all<T: Send>(
    paths: &[PathBuf],
    name: impl Fn(&std::path::Path) -> String + Sync,
    max_bytes: u64,
    overlay: impl Fn(&std::path::Path) -> Option<Vec<u8>> + Sync,
    step: impl Fn(LoadedFile) -> T + Sync,
) -> Vec<Result<T, LoadError>> {
    let mut all = Vec::with_capacity(paths.len());
    load_in_order(paths, name, max_bytes, overlay, step, |file| all.push(file));
    all
}

/// [`load_all`], handing each file to `each` on the calling thread, in file order, as soon as
/// it and every file before it are loaded: the caller works on the first files while the
/// other cores load the rest. Workers take files in order, so they finish roughly in order.
/// The files handed over are the same whatever the scheduling, and so is their order.
pub fn load_in_order<T: Send>(
    paths: &[PathBuf],
    name: impl Fn(&std::path::Path) -> String + Sync,
    max_bytes: u64,
    overlay: impl Fn(&std::path::Path) -> Option<Vec<u8>> + Sync,
    step: impl Fn(LoadedFile) -> T + Sync,
    mut each: impl FnMut(Result<T, LoadError>),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let load_one = |i: usize, path: &PathBuf| {
        let id = FileId(i as u32);
        let file = match overlay(path) {
            Some(bytes) if bytes.len() as u64 > max_bytes => {
                too_large(id, path.clone(), name(path), bytes.len() as u64, max_bytes)
            }
            Some(bytes) => load_bytes(id, path.clone(), name(path), FileKind::of(path), bytes),
            None => load_path(id, path.clone(), name(path), max_bytes)?,
        };
        Ok(step(file))
    };
    if rayon::current_thread_index().is_some() {
        // On a pool thread, waiting for the pool's tasks could wait forever: load, then hand over.
        use rayon::prelude::*;
        let all: Vec<_> = paths
            .par_iter()
            .enumerate()
            .map(|(i, path)| load_one(i, path))
            .collect();
        all.into_iter().for_each(each);
        return;
    }
    // Files are taken and handed over in blocks: a message per file would wake the calling
    // thread tens of thousands of times.
    const BLOCK: usize = 32;
    type Block<T> = Vec<Result<T, LoadError>>;
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Block<T>)>();
    rayon::in_place_scope(|scope| {
        for _ in 0..rayon::current_num_threads().max(1) {
            let tx = tx.clone();
            let (next, load_one) = (&next, &load_one);
            scope.spawn(move |_| {
                loop {
                    let start = next.fetch_add(BLOCK, Ordering::Relaxed);
                    let Some(block) = paths.get(start..(start + BLOCK).min(paths.len())) else {
                        break;
                    };
                    if block.is_empty() {
                        break;
                    }
                    let files = block
                        .iter()
                        .enumerate()
                        .map(|(k, path)| load_one(start + k, path))
                        .collect();
                    if tx.send((start / BLOCK, files)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Blocks that arrived before an earlier one, waiting for it.
        let mut early: Vec<Option<Block<T>>> = Vec::new();
        let mut handed = 0;
        for (i, block) in rx {
            if i >= early.len() {
                early.resize_with(i + 1, || None);
            }
            if let Some(slot) = early.get_mut(i) {
                *slot = Some(block);
            }
            while let Some(block) = early.get_mut(handed).and_then(Option::take) {
                block.into_iter().for_each(&mut each);
                handed += 1;
            }
        }
    });
}

/// Decodes a file's bytes (read from disk, or standard input).
pub fn load_bytes(
    id: FileId,
    path: PathBuf,
    name: String,
    kind: FileKind,
    bytes: Vec<u8>,
) -> LoadedFile {
    let (text, utf8_error) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            (
                String::from_utf8_lossy(err.as_bytes()).into_owned(),
                Some(at),
            )
        }
    };
    // A byte-order mark is not content; dropping it keeps columns right on the first line.
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let source = SourceFile::new(path, name, kind, text.clone());
    if let Some(at) = utf8_error {
        let d = Diagnostic::error(
            RuleId::Syntax,
            id,
            Span::new(at, at + 1),
            "file is not valid UTF-8 text",
        )
        .with_label("invalid byte")
        .with_help("plan files are TOML, which must be UTF-8; re-save the file as UTF-8");
        return LoadedFile {
            id,
            source,
            doc: None,
            diags: vec![d],
            has_syntax_errors: true,
        };
    }
    let (table, errors) = DeTable::parse_recoverable(&text);
    let mut diags = syntax_diagnostics(id, &text, &errors);
    if starts_with_second_bom(&text) {
        diags.push(
            Diagnostic::error(
                RuleId::Syntax,
                id,
                Span::new(0, 3),
                "a second byte-order mark",
            )
            .with_label("byte-order mark")
            .with_help("a file may start with one byte-order mark at most; delete this one"),
        );
    }
    if errors.is_empty() {
        let bad = malformed_integers(table.get_ref());
        for (n, &(span, wide)) in bad.iter().enumerate() {
            if n >= MAX_SYNTAX_FINDINGS {
                diags.push(more_syntax_errors(id, span, bad.len() - n));
                break;
            }
            diags.push(if wide {
                Diagnostic::error(RuleId::Syntax, id, span, "integer out of range")
                    .with_label("beyond a 64-bit integer")
                    .with_help("TOML integers lie between -2^63 and 2^63-1; write a smaller value, or a float")
            } else {
                Diagnostic::error(RuleId::Syntax, id, span, "invalid integer")
                    .with_label("not a TOML integer")
                    .with_help("write the digits after a `0x`, `0o` or `0b` prefix, in ASCII")
            });
        }
    }
    let has_syntax_errors = !diags.is_empty();
    let mut decoder = Decoder::new(id, text.clone());
    let doc = match kind {
        FileKind::Plan => Doc::Plan(decode_plan(&mut decoder, table.get_ref())),
        FileKind::Progress => Doc::Progress(decode_progress(&mut decoder, table.get_ref())),
    };
    // The tree recovered from broken TOML is a guess; judging its fields would mostly report
    // the damage again.
    if !has_syntax_errors {
        diags.append(&mut decoder.diags);
    }
    LoadedFile {
        id,
        source,
        doc: Some(doc),
        diags,
        has_syntax_errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_handed_over_in_order_with_their_errors_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..300 {
            let path = dir.path().join(format!("f{i:03}.plan.toml"));
            // one path in fifty does not exist
            if i % 50 != 7 {
                std::fs::write(&path, format!("[goals.g{i}]\ntitle = \"Goal {i}\"\n")).unwrap();
            }
            paths.push(path);
        }
        let mut seen = Vec::new();
        load_in_order(
            &paths,
            |p| p.display().to_string(),
            MAX_FILE_BYTES,
            |_| None,
            |f| {
                let goals = match &f.doc {
                    Some(Doc::Plan(plan)) => Some(plan.goals.len()),
                    _ => None,
                };
                (f.id, goals)
            },
            |file| seen.push(file),
        );
        assert_eq!(seen.len(), 300);
        for (i, got) in seen.iter().enumerate() {
            match got {
                Ok((id, goals)) => {
                    assert_ne!(i % 50, 7);
                    assert_eq!((*id, *goals), (FileId(i as u32), Some(1)));
                }
                Err(e) => assert_eq!(e.path, paths[i]),
            }
        }
        assert_eq!(seen.iter().filter(|f| f.is_err()).count(), 6);
    }

    fn load(text: &str, kind: FileKind) -> LoadedFile {
        load_bytes(
            FileId(0),
            "t.toml".into(),
            "t.toml".into(),
            kind,
            text.as_bytes().to_vec(),
        )
    }

    fn rules(file: &LoadedFile) -> Vec<(&'static str, String)> {
        file.diags
            .iter()
            .map(|d| (d.rule.name(), d.message.clone()))
            .collect()
    }

    const PLAN: &str =
        "[plan]\ntitle = \"P\"\nowner = \"o\"\nstart = 2026-01-01\nend = 2026-12-31\n";

    #[test]
    fn every_goal_field_is_accepted() {
        for field in schema::names(schema::GOAL) {
            let framework = plan::FRAMEWORK_FIELDS
                .iter()
                .find(|(f, _)| *f == field)
                .map_or("hard", |(_, fw)| fw.as_str());
            let text = format!(
                "{PLAN}[goals.g]\ntitle = \"t\"\nowner = \"o\"\nframework = \"{framework}\"\n{field} = 1\n"
            );
            let file = load(&text, FileKind::Plan);
            assert!(
                file.diags
                    .iter()
                    .all(|d| !d.message.contains("unknown field")),
                "{field}: {:?}",
                rules(&file)
            );
        }
    }

    #[test]
    fn reports_every_problem_not_just_the_first() {
        let text = format!(
            "{PLAN}[goals.g]\ntitel = \"t\"\nowner = 3\ndue = \"2026-02-01\"\nframework = \"hrad\"\n[goals.g.metrics.m]\ntarget = nan\n"
        );
        let file = load(&text, FileKind::Plan);
        let messages: Vec<String> = file
            .diags
            .iter()
            .map(|d| format!("{}: {}", d.message, d.help.clone().unwrap_or_default()))
            .collect();
        assert_eq!(messages.len(), 6, "{messages:#?}");
        assert!(
            messages[0].contains("unknown field `titel`")
                && messages[0].contains("did you mean `title`")
        );
        assert!(messages[1].contains("`owner` must be a string, found an integer"));
        assert!(
            messages[2].contains("`due` must be a date")
                && messages[2].contains("`due = 2026-02-01`")
        );
        assert!(messages[3].contains("did you mean \"hard\""));
        assert!(messages[4].contains("finite number"));
        assert!(messages[5].contains("no `title`"));
    }

    #[test]
    fn bom_and_crlf_read_like_plain_files() {
        let text = format!("\u{feff}{}", PLAN.replace('\n', "\r\n"));
        let file = load(&text, FileKind::Plan);
        assert!(file.diags.is_empty(), "{:?}", rules(&file));
        let Some(Doc::Plan(doc)) = file.doc else {
            panic!()
        };
        let title = doc.plan.unwrap().title.unwrap();
        assert_eq!(file.source.slice(title.span), "\"P\"");
    }

    #[test]
    fn repeated_goal_table_is_a_duplicate_id() {
        let text = format!("{PLAN}[goals.a]\ntitle = \"A\"\n\n[goals.a]\ntitle = \"B\"\n");
        let file = load(&text, FileKind::Plan);
        assert_eq!(
            rules(&file),
            vec![("duplicate-id", "goal `a` is defined twice".to_string())]
        );
        let related = &file.diags[0].related[0];
        assert_eq!(file.source.slice(related.span), "a");
        assert!(related.span.start < file.diags[0].span.start);
    }

    #[test]
    fn binary_junk_is_a_syntax_finding() {
        let file = load_bytes(
            FileId(0),
            "x".into(),
            "x".into(),
            FileKind::Plan,
            vec![0xff, 0xfe, 0, 1, 2],
        );
        assert_eq!(file.diags[0].rule, RuleId::Syntax);
        let file = load("\0\0[[[", FileKind::Plan);
        assert!(file.diags.iter().all(|d| d.rule == RuleId::Syntax) && !file.diags.is_empty());
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let text = format!("x = {}{}", "[".repeat(50_000), "]".repeat(50_000));
        let file = load(&text, FileKind::Plan);
        assert!(file.diags.iter().any(|d| d.rule == RuleId::Syntax));
    }
}
