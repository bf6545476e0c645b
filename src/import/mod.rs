//! `goalc import` and `goalc export`: bringing goals in from where they live today (Lark OKR,
//! CSV, Excel) and out again as CSV.
//!
//! Each importer reads its input into the shared [`model`]; [`write`] lays that out as plan
//! and progress files. Nothing is written until the whole input has been read, so a bad row
//! leaves the folder as it was.

pub mod csv;
pub mod export;
pub mod lark;
pub mod model;
pub mod table;
pub mod write;
pub mod xlsx;

use crate::base::date::Date;
use crate::check::{self, Options};
use crate::diagnostic::Severity;
use crate::load::{config, discover};
use crate::settings::Config;
use std::path::{Path, PathBuf};

/// Inputs above this are refused before they are read: a plan of this size would not load in
/// one piece anyway, and reading it whole would take the machine's memory.
pub const MAX_IMPORT_BYTES: u64 = 128 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Lark,
    Csv,
    Xlsx,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Lark => "lark",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

pub struct Request<'a> {
    pub format: Format,
    pub file: &'a Path,
    pub out: &'a Path,
    pub owner: Option<&'a str>,
    pub sheet: Option<&'a str>,
    pub force: bool,
    pub dry_run: bool,
    pub as_of: Option<Date>,
}

/// What `goalc check` then finds in the imported workspace.
#[derive(Debug, Default, Clone, Copy)]
pub struct Findings {
    pub errors: usize,
    pub warnings: usize,
    pub structural: usize,
}

pub struct Outcome {
    pub layout: write::Layout,
    /// Files that exist and are (or, on a dry run, would be) replaced.
    pub replaced: Vec<PathBuf>,
    pub written: Vec<PathBuf>,
    pub notes: Vec<String>,
    pub findings: Findings,
}

/// Reads a file to import, refusing one too large to import before reading it.
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.is_dir() {
        return Err(format!(
            "{} is a folder, not a file to import",
            path.display()
        ));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "{} is {} MB, more than the {} MB goalc imports at once: split it (a file per team or \
             per period) and import each part",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn import(req: &Request<'_>, cwd: &Path) -> Result<Outcome, String> {
    let file_name = req.file.file_name().map_or_else(
        || req.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let existing_config = discover::find_config(req.out);
    let settings = match &existing_config {
        Some(path) => config::load(
            path,
            discover::display_name(path, cwd),
            crate::rules::thresholds,
        )
        .map_err(|e| match e {
            config::ConfigError::Io(p, e) => format!("cannot read {}: {e}", p.display()),
            config::ConfigError::Invalid { source, .. } => format!(
                "{} is not a valid goalc.toml; run `goalc check` there to see why",
                source.name
            ),
        })?,
        None => Config::default(),
    };
    let as_of = req.as_of.or(settings.as_of).unwrap_or_else(Date::today);
    let bytes = read_input(req.file)?;
    let stem = req
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let import = match req.format {
        Format::Lark => lark::read(
            &bytes,
            &file_name,
            req.owner.or(stem.as_deref()),
            &settings.levels,
        )?,
        Format::Csv => csv::read(&bytes, &file_name, &settings.levels)?,
        Format::Xlsx => xlsx::read(&bytes, &file_name, req.sheet, &settings.levels)?,
    };
    drop(bytes);
    let source = write::Source {
        format: req.format.as_str(),
        name: &file_name,
    };
    let layout = write::layout(
        &import,
        &source,
        &settings.levels,
        as_of.ymd().0,
        existing_config.is_none(),
    );
    let replaced = write::existing(req.out, &layout);
    if !replaced.is_empty() && !req.force && !req.dry_run {
        let names: Vec<String> = replaced
            .iter()
            .map(|p| format!("  {}", discover::display_name(p, cwd)))
            .collect();
        return Err(format!(
            "these files exist and would be replaced (nothing was written; `--force` replaces them):\n{}",
            names.join("\n")
        ));
    }
    // When the folder held nothing, the workspace is exactly the files of the layout: they are
    // checked as written in memory instead of read back from disk.
    let fresh = existing_config.is_none()
        && std::fs::read_dir(req.out).map_or(true, |mut d| d.next().is_none());
    let in_memory = |layout: &write::Layout, settings: Config| {
        let files = layout
            .files
            .iter()
            .filter(|(p, _)| p.as_os_str() != crate::settings::FILE_NAME)
            .map(|(p, text)| (p.to_string_lossy().into_owned(), text.clone().into_bytes()))
            .collect();
        count(&check::check_in_memory(files, settings, as_of).diagnostics)
    };
    let (written, findings) = if req.dry_run {
        (Vec::new(), in_memory(&layout, settings))
    } else if fresh {
        let written = write::write(req.out, &layout)?;
        (written, in_memory(&layout, settings))
    } else {
        let written = write::write(req.out, &layout)?;
        let opts = Options {
            paths: vec![req.out.to_path_buf()],
            config: None,
            as_of: req.as_of,
            ..Options::default()
        };
        let findings = match check::check(&opts, cwd) {
            Ok(checked) => count(&checked.diagnostics),
            Err(_) => Findings::default(),
        };
        (written, findings)
    };
    Ok(Outcome {
        layout,
        replaced,
        written,
        notes: import.notes,
        findings,
    })
}

fn count(diags: &[crate::diagnostic::Diagnostic]) -> Findings {
    Findings {
        errors: diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        warnings: diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        structural: diags.iter().filter(|d| d.rule.is_structural()).count(),
    }
}
