//! The command line: parse flags, call the library, map the outcome to an exit code.
//!
//! One module a subcommand, each with its own flags and runner; [`common`] holds what several
//! of them share.

mod check;
mod common;
mod compile;
mod diff;
mod editor;
mod init;
mod report;
mod rules;

use crate::base::date::Date;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "goalc",
    version,
    about = "A compiler and linter for goal plans kept as TOML",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: Global,
}

#[derive(Args, Debug)]
struct Global {
    /// The date progress and time-dependent rules are judged at [default: `as_of` in goalc.toml, else today]
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Use this goalc.toml instead of the one found by walking up; its folder is the workspace root
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// When to use colour (NO_COLOR is honoured by `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print findings only: no summary line, no notes
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

// A subcommand's help is its variant's doc comment here, which clap puts over any on its
// flags' struct.
#[derive(Subcommand, Debug)]
enum Command {
    /// Lint the workspace
    Check(check::Args),
    /// Render a progress report (HTML, Markdown, JSON or your own template)
    Report(report::Args),
    /// Print the resolved workspace as JSON
    Compile(compile::Args),
    /// Print what changed in the plan since a git revision, goal by goal
    Diff(diff::Args),
    /// List every rule: name, default severity, one line
    Rules,
    /// Print a rule's documentation
    Explain(rules::ExplainArgs),
    /// Print the JSON Schema of plan files (or progress files), for editors
    Schema(editor::SchemaArgs),
    /// Run the Language Server on standard input and output, for editors
    Lsp,
    /// Create a starter workspace: a goalc.toml and an example plan
    Init(init::Args),
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_FAILURE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return fail(&format!("cannot read the current directory: {e}")),
    };
    match run(cli, &cwd) {
        Ok(code) => ExitCode::from(code),
        Err(message) => fail(&message),
    }
}

fn fail(message: &str) -> ExitCode {
    let message = crate::base::sanitize::terminal(message);
    eprintln!(
        "error: {}",
        crate::base::sanitize::no_workflow_commands(&message)
    );
    ExitCode::from(EXIT_FAILURE)
}

/// Runs a command; `Err` is a message for exit code 2 (already printed when empty).
fn run(cli: Cli, cwd: &Path) -> Result<u8, String> {
    let global = cli.global;
    match cli.command {
        Command::Check(args) => check::run(args, &global, cwd),
        Command::Report(args) => report::run(args, &global, cwd),
        Command::Compile(args) => compile::run(args, &global, cwd),
        Command::Diff(args) => diff::run(args, &global, cwd),
        Command::Rules => rules::run(),
        Command::Explain(args) => rules::explain(args),
        Command::Schema(args) => editor::schema(args),
        Command::Lsp => editor::lsp(),
        Command::Init(args) => init::run(args, &global, cwd),
    }
}
