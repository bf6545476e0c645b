//! `goalc diff REF [PATHS]`: what changed in the plan since a git revision, goal by goal, as
//! text, JSON or Markdown (a pull-request comment).

use super::Global;
use super::common::{run_error, write_stdout};
use crate::check::{self, Checked};
use crate::history::{self, format};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Md,
}

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// The git revision to compare with: a commit, tag or branch (in a pull request, its base)
    #[arg(value_name = "REF")]
    since: String,
    /// Files or folders whose goals are shown [default: .]; goals are matched across the whole workspace
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(super) fn run(args: Args, global: &Global, cwd: &Path) -> Result<u8, String> {
    let opts = global.options(args.paths.clone(), None);
    let (ws, _, found) = check::load_workspace(&opts, cwd).map_err(|e| run_error(e, global))?;
    let comparison = history::compare(&ws, &args.since, &|p| found.scope.contains(p))
        .map_err(|e| e.to_string())?;
    let text = match args.format {
        DiffFormat::Text => format::text(&comparison),
        DiffFormat::Json => format::json(&comparison),
        DiffFormat::Md => format::markdown(&comparison),
    };
    match &args.output {
        Some(path) => crate::base::fsio::write_atomic(&cwd.join(path), text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => write_stdout(&text)?,
    }
    // The process ends here: the OS reclaims the workspace faster than a drop would.
    std::mem::forget(ws);
    Ok(0)
}

/// The one note of a run with `--since` whose comparison left files out.
pub(super) fn note(checked: &Checked) {
    if let Some(note) = checked.history.as_ref().and_then(history::Comparison::note) {
        eprintln!("note: {note}");
    }
}
