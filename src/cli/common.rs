//! What several subcommands share: the check's options from the global flags, colour, writing
//! to standard output, and the words for a run that could not start.

use super::{ColorChoice, Global};
use crate::check::{Options, RunError};
use crate::emit::{self, HumanOptions};
use crate::load::config::ConfigError;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

impl Global {
    pub(super) fn options(
        &self,
        paths: Vec<PathBuf>,
        stdin: Option<(PathBuf, Vec<u8>)>,
    ) -> Options {
        Options {
            paths,
            config: self.config.clone(),
            as_of: self.as_of,
            stdin,
            no_ignore: self.no_ignore,
            rule_levels: Vec::new(),
            ..Options::default()
        }
    }
}

fn color(global: &Global, stream_is_terminal: bool) -> bool {
    match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

pub(super) fn human_options(global: &Global, stream_is_terminal: bool) -> HumanOptions {
    HumanOptions {
        color: color(global, stream_is_terminal),
        width: 100,
    }
}

pub(super) fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`goalc ... | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}

/// Refuses an `--output` value that names a format (`--output json`, typed for ruff's
/// `--output-format json`), which would write the findings to a file of that name.
pub(super) fn check_output_name(
    output: Option<&std::path::Path>,
    formats: &[&str],
    force: bool,
) -> Result<(), String> {
    let Some(name) = output.and_then(|p| p.to_str()) else {
        return Ok(());
    };
    if force || !formats.contains(&name) {
        return Ok(());
    }
    Err(format!(
        "`--output {name}` would write to a file named `{name}`; did you mean `--format {name}`? \
         (add --force to write a file of that name)"
    ))
}

/// Exit 2 before an output replaces a file the run read.
pub(super) fn refuse_inputs(output: &std::path::Path, inputs: &[PathBuf]) -> Result<(), String> {
    match crate::base::fsio::input_clash(output, inputs) {
        Some(_) => Err(format!(
            "refusing to write over an input of this run: {}",
            output.display()
        )),
        None => Ok(()),
    }
}

pub(super) fn run_error(err: RunError, global: &Global) -> String {
    match err {
        RunError::Discover(e) => e.to_string(),
        RunError::Load(e) => e.to_string(),
        RunError::History(e) => e.to_string(),
        RunError::Config(ConfigError::Io(path, e)) => {
            format!("cannot read configuration {}: {e}", path.display())
        }
        RunError::Config(ConfigError::Invalid { source, diags }) => {
            let opts = human_options(global, std::io::stderr().is_terminal());
            eprint!("{}", emit::render_diagnostics(&diags, &|_| &source, &opts));
            format!("invalid configuration in {}", source.name)
        }
        RunError::NoPlanFiles { ref misnamed, .. } => {
            for name in misnamed {
                eprintln!(
                    "note: {name} reads as a plan; name it *.plan.toml for goalc to check it"
                );
            }
            err.to_string()
        }
    }
}
