//! The command line: parse flags, call the library, map the outcome to an exit code.

use crate::check::{self, Checked, Options, RunError};
use crate::config::ConfigError;
use crate::date::Date;
use crate::diagnostic::Severity;
use crate::emit::{self, Format, HumanOptions};
use crate::rules;
use crate::suggest::did_you_mean;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
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

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint the workspace
    Check(CheckArgs),
    /// Render a progress report (HTML, Markdown, JSON or your own template)
    Report(ReportArgs),
    /// Print the resolved workspace as JSON
    Compile {
        /// Files or folders [default: .]
        paths: Vec<PathBuf>,
    },
    /// List every rule: name, default severity, one line
    Rules,
    /// Print a rule's documentation
    Explain {
        /// The rule's name, as `goalc rules` lists it
        rule: String,
    },
    /// Print the JSON Schema of plan files (or progress files), for editors
    Schema {
        /// The schema of progress files (*.progress.toml) instead
        #[arg(long)]
        progress: bool,
    },
    /// Run the Language Server on standard input and output, for editors
    Lsp,
    /// Create a starter workspace: a goalc.toml and an example plan
    Init {
        /// Where to create it [default: .]
        dir: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
struct CheckArgs {
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
}

#[derive(Args, Debug)]
struct ReportArgs {
    /// Files or folders to report on [default: .]; goals they align to are shown for context
    paths: Vec<PathBuf>,
    /// Output format [default: html, or md for a `--template` named *.md.hbs]
    #[arg(long, value_enum)]
    format: Option<crate::report::Format>,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Render this Handlebars template with the report's data instead of the built-in one
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// Only goals of this team (and the goals they align to, for context)
    #[arg(long)]
    team: Option<String>,
    /// Only goals owned by this person id
    #[arg(long)]
    owner: Option<String>,
    /// Only goals at this level
    #[arg(long)]
    level: Option<String>,
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
    eprintln!("error: {message}");
    ExitCode::from(EXIT_FAILURE)
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

fn human_options(global: &Global, stream_is_terminal: bool) -> HumanOptions {
    HumanOptions {
        color: color(global, stream_is_terminal),
        width: 100,
    }
}

/// Runs a command; `Err` is a message for exit code 2 (already printed when empty).
fn run(cli: Cli, cwd: &Path) -> Result<u8, String> {
    let global = cli.global;
    match cli.command {
        Command::Check(args) => {
            let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
            let stdin = match (&args.stdin_filename, reads_stdin) {
                (Some(name), true) if args.paths.len() == 1 => {
                    let mut bytes = Vec::new();
                    std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                        .map_err(|e| format!("cannot read standard input: {e}"))?;
                    Some((name.clone(), bytes))
                }
                (Some(_), true) => return Err("`-` (standard input) cannot be combined with other paths".into()),
                (Some(_), false) => return Err("--stdin-filename needs `-` as the path, to read standard input".into()),
                (None, true) => return Err("reading standard input (`-`) needs --stdin-filename PATH to place it in the workspace".into()),
                (None, false) => None,
            };
            let opts = Options {
                paths: args.paths.clone(),
                config: global.config.clone(),
                as_of: global.as_of,
                stdin,
            };
            let checked = crate::timings::stage("total", || check::check(&opts, cwd))
                .map_err(|e| run_error(e, &global))?;
            let code = crate::timings::stage("emit", || report_check(&checked, &args, &global));
            // The process ends here: the OS reclaims the workspace faster than a drop would.
            std::mem::forget(checked);
            code
        }
        Command::Report(args) => report(args, &global, cwd),
        Command::Compile { paths } => {
            let opts = Options {
                paths,
                config: global.config.clone(),
                as_of: global.as_of,
                stdin: None,
            };
            let (ws, diags, found) =
                check::load_workspace(&opts, cwd).map_err(|e| run_error(e, &global))?;
            let mut errors: Vec<_> = diags
                .iter()
                .filter(|d| {
                    d.severity == Severity::Error && found.scope.contains(&ws.file(d.file).path)
                })
                .collect();
            // In file and position order, like `check`'s, whatever order the stages found them.
            errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            if !errors.is_empty() {
                let opts = human_options(&global, std::io::stderr().is_terminal());
                let text =
                    emit::render_diagnostics(errors.iter().copied(), &|id| ws.file(id), &opts);
                eprint!("{text}");
                eprintln!(
                    "error: the workspace does not compile ({} structural errors)",
                    errors.len()
                );
                return Ok(EXIT_FINDINGS);
            }
            let mut text = serde_json::to_string_pretty(&crate::compile::compile(&ws))
                .map_err(|e| e.to_string())?;
            text.push('\n');
            write_stdout(&text)?;
            Ok(0)
        }
        Command::Rules => {
            let width = rules::RULES
                .iter()
                .map(|r| r.name().len())
                .max()
                .unwrap_or(0);
            let mut out = String::new();
            for rule in rules::RULES {
                let severity = if rule.structural() {
                    "error (structural)"
                } else {
                    rule.default_severity.as_str()
                };
                out.push_str(&format!(
                    "{:width$}  {:18}  {}\n",
                    rule.name(),
                    severity,
                    rule.summary
                ));
            }
            write_stdout(&out)?;
            Ok(0)
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => {
                write_stdout(r.doc)?;
                Ok(0)
            }
            None => Err(match did_you_mean(&rule, rules::names()) {
                Some(s) => format!("unknown rule `{rule}`; did you mean `{s}`?"),
                None => format!("unknown rule `{rule}`; `goalc rules` lists every rule"),
            }),
        },
        Command::Schema { progress } => {
            let mut text = serde_json::to_string_pretty(&crate::schema::json_schema(progress))
                .map_err(|e| e.to_string())?;
            text.push('\n');
            write_stdout(&text)?;
            Ok(0)
        }
        Command::Lsp => {
            crate::lsp::run()?;
            Ok(0)
        }
        Command::Init { dir } => {
            let dir = cwd.join(dir.unwrap_or_else(|| PathBuf::from(".")));
            let today = global.as_of.unwrap_or_else(Date::today);
            let written = crate::init::init(&dir, today)?;
            if !global.quiet {
                for path in written {
                    println!("created {}", crate::discover::display_name(&path, cwd));
                }
                println!(
                    "next: run `goalc check` in {}",
                    crate::discover::display_name(&dir, cwd)
                );
            }
            Ok(0)
        }
    }
}

fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`goalc ... | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}

fn run_error(err: RunError, global: &Global) -> String {
    match err {
        RunError::Discover(e) => e.to_string(),
        RunError::Load(e) => e.to_string(),
        RunError::Config(ConfigError::Io(path, e)) => {
            format!("cannot read configuration {}: {e}", path.display())
        }
        RunError::Config(ConfigError::Invalid { source, diags }) => {
            let opts = human_options(global, std::io::stderr().is_terminal());
            eprint!("{}", emit::render_diagnostics(&diags, &|_| &source, &opts));
            format!("invalid configuration in {}", source.name)
        }
    }
}

fn report_check(checked: &Checked, args: &CheckArgs, global: &Global) -> Result<u8, String> {
    if !global.quiet {
        for note in &checked.skipped {
            eprintln!("note: skipped {note}");
        }
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
        Some(path) => crate::output::write_atomic(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => write_stdout(&text)?,
    }
    let failing = checked.count(Severity::Error) > 0
        || (args.deny_warnings && checked.count(Severity::Warning) > 0);
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}

fn report(args: ReportArgs, global: &Global, cwd: &Path) -> Result<u8, String> {
    use crate::report::{self, Filters, Format, RenderFailure, Template};
    let template = match &args.template {
        Some(path) => {
            let text = std::fs::read_to_string(cwd.join(path))
                .map_err(|e| format!("cannot read template {}: {e}", path.display()))?;
            Some((crate::discover::display_name(&cwd.join(path), cwd), text))
        }
        None => None,
    };
    let format = match (args.format, &args.template) {
        (Some(Format::Json), Some(_)) => {
            return Err(
                "--template renders html or md; --format json prints the data itself".into(),
            );
        }
        (Some(f), _) => f,
        (None, Some(path)) if is_markdown(path) => Format::Md,
        (None, _) => Format::Html,
    };
    let opts = Options {
        paths: args.paths.clone(),
        config: global.config.clone(),
        as_of: global.as_of,
        stdin: None,
    };
    let checked = check::check(&opts, cwd).map_err(|e| run_error(e, global))?;
    let filters = Filters {
        team: args.team,
        owner: args.owner,
        level: args.level,
    };
    check_filters(&checked.workspace, &filters)?;
    let data = report::build(&checked, &filters);
    let template = template
        .as_ref()
        .map(|(name, text)| Template { name, text });
    // The process ends soon after: the OS reclaims the template's data faster than a drop.
    let keep = |rendered: report::Rendered| std::mem::forget(rendered);
    let written = match &args.output {
        Some(path) => crate::output::write_atomic_with(&cwd.join(path), |out| {
            report::render(data, format, template, out).map(keep)
        }),
        // Held back until whole, so a failing template never leaves half a report in a
        // redirected file.
        None => {
            let mut buffer = Vec::new();
            report::render(data, format, template, &mut buffer).and_then(|rendered| {
                keep(rendered);
                let mut out = std::io::stdout().lock();
                out.write_all(&buffer)
                    .and_then(|()| out.flush())
                    .map_err(RenderFailure::Io)
            })
        }
    };
    match written {
        Ok(()) => {}
        Err(RenderFailure::Template(message)) => return Err(message),
        Err(RenderFailure::Io(e))
            if e.kind() == std::io::ErrorKind::BrokenPipe && args.output.is_none() => {}
        Err(RenderFailure::Io(e)) => {
            return Err(match &args.output {
                Some(path) => format!("cannot write {}: {e}", path.display()),
                None => format!("cannot write to standard output: {e}"),
            });
        }
    }
    let errors = checked.count(Severity::Error);
    if errors > 0 && !global.quiet {
        eprintln!(
            "warning: the workspace has {errors} error{}; `goalc check` shows them",
            if errors == 1 { "" } else { "s" }
        );
    }
    // The process ends here: the OS reclaims the workspace faster than dropping it would.
    std::mem::forget(checked);
    Ok(if errors > 0 { EXIT_FINDINGS } else { 0 })
}

fn is_markdown(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".md") || name.ends_with(".markdown") || name.contains(".md.")
}

/// A filter that matches no goal is a typo far more often than an empty team.
fn check_filters(
    ws: &crate::workspace::Workspace,
    filters: &crate::report::Filters,
) -> Result<(), String> {
    let known = |what: &str, wanted: &Option<String>, values: Vec<&str>| -> Result<(), String> {
        let Some(wanted) = wanted else { return Ok(()) };
        if values.contains(&wanted.as_str()) {
            return Ok(());
        }
        Err(match did_you_mean(wanted, values.iter().copied()) {
            Some(s) => format!("no goal has {what} `{wanted}`; did you mean `{s}`?"),
            None => format!("no goal has {what} `{wanted}`"),
        })
    };
    known(
        "team",
        &filters.team,
        ws.goals.iter().filter_map(|g| ws.team(g)).collect(),
    )?;
    known(
        "owner",
        &filters.owner,
        ws.goals
            .iter()
            .filter_map(|g| g.owner.as_ref().map(|o| o.id.value.as_str()))
            .collect(),
    )?;
    known(
        "level",
        &filters.level,
        ws.levels().iter().map(String::as_str).collect(),
    )
}
