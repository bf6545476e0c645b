//! The command line: parse flags, call the library, map the outcome to an exit code.
//!
//! One module a subcommand, each with its own flags and runner; [`common`] holds what several
//! of them share.

mod check;
mod common;
mod compile;
mod diff;
mod editor;
mod import;
mod init;
mod report;
mod rules;

use crate::base::date::Date;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
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
    /// Use this goalc.toml's settings instead of the one found by walking up (the workspace root stays where that one is); `schema --config` prints goalc.toml's schema
    // The value is optional only so that `goalc schema --config` parses; every other command
    // refuses `--config` without a FILE.
    #[arg(long, global = true, value_name = "FILE", num_args = 0..=1, default_missing_value = "", value_parser = any_path)]
    config: Option<PathBuf>,
    /// Read no ignore file: .gitignore, .ignore and the global git excludes
    #[arg(long, global = true)]
    no_ignore: bool,
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
    /// Print the JSON Schema of plan files (or progress files, or goalc.toml), for editors
    Schema(editor::SchemaArgs),
    /// Run the Language Server on standard input and output, for editors
    Lsp,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(editor::CompletionsArgs),
    /// Print the man page (roff), from the same definitions as --help
    Manpage,
    /// Create a starter workspace: a goalc.toml and an example plan
    Init(init::Args),
    /// Write a workspace from Lark OKR, CSV or Excel data
    Import(import::ImportArgs),
    /// Write the workspace as CSV, the columns `goalc import csv` reads
    Export(import::ExportArgs),
}

/// A path, empty allowed (clap's own path parser refuses an empty value).
fn any_path(text: &str) -> Result<PathBuf, String> {
    Ok(PathBuf::from(text))
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_FAILURE: u8 = 2;

pub fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return fail(&format!("cannot read the current directory: {e}")),
    };
    match run(cli, &matches, &cwd) {
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
fn run(cli: Cli, matches: &ArgMatches, cwd: &Path) -> Result<u8, String> {
    let global = cli.global;
    let bare_config = global
        .config
        .as_ref()
        .is_some_and(|c| c.as_os_str().is_empty());
    if bare_config && !matches!(cli.command, Command::Schema(_)) {
        return Err("--config needs a FILE: the goalc.toml to use".into());
    }
    match cli.command {
        Command::Check(args) => check::run(args, &global, cwd, matches.subcommand_matches("check")),
        Command::Report(args) => report::run(args, &global, cwd),
        Command::Compile(args) => compile::run(args, &global, cwd),
        Command::Diff(args) => diff::run(args, &global, cwd),
        Command::Rules => rules::run(),
        Command::Explain(args) => rules::explain(args),
        Command::Schema(args) => editor::schema(args, bare_config),
        Command::Completions(args) => editor::completions(args),
        Command::Manpage => editor::manpage(),
        Command::Lsp => editor::lsp(),
        Command::Init(args) => init::run(args, &global, cwd),
        Command::Import(args) => import::import(args, &global, cwd),
        Command::Export(args) => import::export(args, &global, cwd),
    }
}
