//! `goalc check`: lint the workspace and print the findings in the format asked for.

use super::common::{human_options, run_error, write_stdout};
use super::{EXIT_FINDINGS, Global};
use crate::check::{self, Checked};
use crate::diagnostic::Severity;
use crate::emit::{self, Format};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files or folders to check [default: .]; references resolve across the whole workspace
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the findings to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    deny_warnings: bool,
    /// Lint standard input (given as the path `-`) as if it were this file of the workspace
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Also compare with the plan at this git revision: lowered targets, pushed deadlines, rewritten baselines
    #[arg(long, value_name = "REF")]
    since: Option<String>,
}

pub(super) fn run(args: Args, global: &Global, cwd: &Path) -> Result<u8, String> {
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let stdin = match (&args.stdin_filename, reads_stdin) {
        (Some(name), true) if args.paths.len() == 1 => {
            let limit = check::max_file_bytes(&[], global.config.as_deref(), Some(name), cwd);
            // Past the limit, one byte more is enough for the load to say "too large".
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(
                &mut std::io::Read::take(std::io::stdin().lock(), limit.saturating_add(1)),
                &mut bytes,
            )
            .map_err(|e| format!("cannot read standard input: {e}"))?;
            Some((name.clone(), bytes))
        }
        (Some(_), true) => {
            return Err("`-` (standard input) cannot be combined with other paths".into());
        }
        (Some(_), false) => {
            return Err("--stdin-filename needs `-` as the path, to read standard input".into());
        }
        (None, true) => return Err(
            "reading standard input (`-`) needs --stdin-filename PATH to place it in the workspace"
                .into(),
        ),
        (None, false) => None,
    };
    let mut opts = global.options(args.paths.clone(), stdin);
    opts.since = args.since.clone();
    let checked = crate::base::timings::stage("total", || check::check(&opts, cwd))
        .map_err(|e| run_error(e, global))?;
    let code = crate::base::timings::stage("emit", || print(&checked, &args, global));
    // The process ends here: the OS reclaims the workspace faster than a drop would.
    std::mem::forget(checked);
    code
}

fn print(checked: &Checked, args: &Args, global: &Global) -> Result<u8, String> {
    if !global.quiet {
        for note in &checked.skipped {
            eprintln!(
                "note: skipped {}",
                crate::base::sanitize::terminal_line(note)
            );
        }
        super::diff::note(checked);
    }
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let mut text = emit::render(args.format, checked, &human_options(global, to_terminal));
    if args.format == Format::Human && global.quiet {
        // The summary is the last line; quiet keeps the findings only.
        let summary = emit::summary_line(checked);
        if let Some(stripped) = text.strip_suffix(&format!("{summary}\n")) {
            text = stripped.to_string();
        }
    }
    match &args.output {
        Some(path) => super::common::refuse_inputs(path, &checked.inputs).and_then(|()| {
            crate::base::fsio::write_atomic(path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        })?,
        None => write_stdout(&text)?,
    }
    let failing = checked.count(Severity::Error) > 0
        || (args.deny_warnings && checked.count(Severity::Warning) > 0);
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}
