//! `goalc compile`: print the resolved workspace as JSON, or its structural errors.

use super::common::{human_options, run_error, write_stdout};
use super::{EXIT_FINDINGS, Global};
use crate::check;
use crate::diagnostic::Severity;
use crate::emit;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files or folders [default: .]
    paths: Vec<PathBuf>,
}

pub(super) fn run(args: Args, global: &Global, cwd: &Path) -> Result<u8, String> {
    let opts = global.options(args.paths, None);
    let (ws, diags, found) = check::load_workspace(&opts, cwd).map_err(|e| run_error(e, global))?;
    let mut errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error && found.scope.contains(&ws.file(d.file).path))
        .collect();
    // In file and position order, like `check`'s, whatever order the stages found them.
    errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // What resolved is printed even beside structural errors (a file that does not parse
    // contributes what could be recovered): the errors go to stderr and the exit code says 1.
    let mut text =
        serde_json::to_string_pretty(&crate::compile::compile(&ws)).map_err(|e| e.to_string())?;
    text.push('\n');
    write_stdout(&text)?;
    if !errors.is_empty() {
        let opts = human_options(global, std::io::stderr().is_terminal());
        let text = emit::render_diagnostics(errors.iter().copied(), &|id| ws.file(id), &opts);
        eprint!("{text}");
        let n = errors.len();
        eprintln!(
            "error: the workspace does not compile ({n} structural {}); the JSON holds what resolved",
            if n == 1 { "error" } else { "errors" }
        );
        return Ok(EXIT_FINDINGS);
    }
    Ok(0)
}
