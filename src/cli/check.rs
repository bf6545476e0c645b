//! `goalc check`: lint the workspace and print the findings in the format asked for.

use super::common::{check_output_name, human_options, run_error, write_stdout};
use super::{EXIT_FINDINGS, Global};
use crate::base::suggest::did_you_mean;
use crate::catalog::RuleId;
use crate::check::{self, Checked};
use crate::diagnostic::Severity;
use crate::emit::{self, Format};
use crate::settings::RuleLevel;
use clap::ArgMatches;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Files or folders to check [default: .]; references resolve across the whole workspace
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the findings to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write --output even when its name is a format's (`--output json`)
    #[arg(long)]
    force: bool,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    deny_warnings: bool,
    /// Exit 0 whatever the findings (a run that could not happen still exits 2)
    #[arg(long, conflicts_with = "deny_warnings")]
    exit_zero: bool,
    /// Report RULE as a warning in this run (repeatable; later flags win)
    #[arg(short = 'W', long = "warn", value_name = "RULE", value_parser = parse_rule)]
    warn: Vec<RuleId>,
    /// Report RULE as an error in this run (repeatable; later flags win)
    #[arg(short = 'D', long = "deny", value_name = "RULE", value_parser = parse_rule)]
    deny: Vec<RuleId>,
    /// Turn RULE off in this run (repeatable; later flags win)
    #[arg(short = 'A', long = "allow", value_name = "RULE", value_parser = parse_rule)]
    allow: Vec<RuleId>,
    /// Print how many findings each rule made instead of the findings
    #[arg(long)]
    statistics: bool,
    /// Apply the safe fixes (did-you-mean corrections) to the files, then report what remains
    #[arg(long, conflicts_with_all = ["diff", "stdin_filename"])]
    fix: bool,
    /// Print the safe fixes as a unified diff and change nothing (exit 1 when there are some)
    #[arg(long, conflicts_with = "stdin_filename")]
    diff: bool,
    /// Check again whenever a plan, progress or goalc.toml file changes (stop with Ctrl-C)
    #[arg(long, conflicts_with_all = ["stdin_filename", "fix", "diff"])]
    watch: bool,
    /// Lint standard input (given as the path `-`) as if it were this file of the workspace
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Also compare with the plan at this git revision: lowered targets, pushed deadlines, rewritten baselines
    #[arg(long, value_name = "REF")]
    since: Option<String>,
}

/// A rule name for `-W`, `-D` or `-A`: a rule that can be configured.
fn parse_rule(name: &str) -> Result<RuleId, String> {
    let Some(rule) = RuleId::from_name(name) else {
        return Err(match did_you_mean(name, RuleId::names()) {
            Some(s) => format!(
                "unknown rule `{name}`; did you mean `{s}`? (`goalc rules` lists every rule)"
            ),
            None => format!("unknown rule `{name}` (`goalc rules` lists every rule)"),
        });
    };
    if rule.is_structural() {
        return Err(format!(
            "`{name}` is a structural rule: always an error, it cannot be set"
        ));
    }
    Ok(rule)
}

/// The levels of `-W`, `-D` and `-A` in the order they were given, as rustc applies them.
fn ordered_levels(matches: Option<&ArgMatches>) -> Vec<(RuleId, RuleLevel)> {
    let Some(m) = matches else {
        return Vec::new();
    };
    let mut given = Vec::new();
    for (id, level) in [
        ("warn", RuleLevel::Warning),
        ("deny", RuleLevel::Error),
        ("allow", RuleLevel::Off),
    ] {
        if let (Some(at), Some(rules)) = (m.indices_of(id), m.get_many::<RuleId>(id)) {
            given.extend(at.zip(rules).map(|(i, r)| (i, *r, level)));
        }
    }
    given.sort_by_key(|(i, _, _)| *i);
    given.into_iter().map(|(_, r, l)| (r, l)).collect()
}

pub(super) fn run(
    args: Args,
    global: &Global,
    cwd: &Path,
    matches: Option<&ArgMatches>,
) -> Result<u8, String> {
    check_output_name(args.output.as_deref(), Format::NAMES, args.force)?;
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
    opts.rule_levels = ordered_levels(matches);
    if args.watch {
        return watch(&args, global, cwd, &opts);
    }
    let mut checked = crate::base::timings::stage("total", || check::check(&opts, cwd))
        .map_err(|e| run_error(e, global))?;
    if args.diff {
        let fixed = crate::fix::plan(&checked);
        write_stdout(&crate::fix::unified_diff(&fixed))?;
        if !global.quiet {
            let n: usize = fixed.iter().map(|f| f.fixes).sum();
            eprintln!("{}", fixable_note(n, fixed.len(), "can be fixed"));
        }
        return Ok(if fixed.is_empty() { 0 } else { EXIT_FINDINGS });
    }
    if args.fix {
        let fixed = crate::fix::plan(&checked);
        if !fixed.is_empty() {
            let skipped = crate::fix::apply(&fixed)?;
            for name in &skipped {
                eprintln!("note: {name} changed while it was checked; not fixed");
            }
            if !global.quiet {
                let done: Vec<_> = fixed
                    .iter()
                    .filter(|f| !skipped.contains(&f.name))
                    .collect();
                let n: usize = done.iter().map(|f| f.fixes).sum();
                eprintln!("{}", fixable_note(n, done.len(), "fixed"));
            }
            // What remains is what a fresh check of the fixed files finds.
            checked = check::check(&opts, cwd).map_err(|e| run_error(e, global))?;
        }
    }
    let code = crate::base::timings::stage("emit", || print(&checked, &args, global));
    // The process ends here: the OS reclaims the workspace faster than a drop would.
    std::mem::forget(checked);
    code
}

/// `--watch`: a check now, then one after every change to a plan, progress or config file under
/// the workspace root (or to the `--config` file), changes within a moment counted as one. The
/// workspace is kept between checks, so each reads again only the files that changed, and finds
/// what a new `goalc check` with the same options would.
fn watch(args: &Args, global: &Global, cwd: &Path, opts: &check::Options) -> Result<u8, String> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })
    .map_err(|e| format!("cannot watch for changes: {e}"))?;
    let mut watched: Vec<PathBuf> = Vec::new();
    let mut live = check::incremental::Live::for_run(opts, cwd);
    let config_override = opts.config.as_ref().map(|c| cwd.join(c));
    let output = args
        .output
        .as_ref()
        .map(|o| crate::load::discover::normalize(&cwd.join(o)));
    loop {
        let result = live.check_run();
        crate::base::timings::note(|| {
            let stats = live.stats();
            format!(
                "read again {} file(s){}",
                stats.reparsed,
                if stats.walked { ", walked" } else { "" }
            )
        });
        let walked = match result {
            Ok(checked) => {
                print(&checked, args, global)?;
                true
            }
            // A broken goalc.toml or a file that cannot be read is shown, and watched for its fix.
            Err(e) => {
                eprintln!("error: {}", run_error(e, global));
                false
            }
        };
        // The root, and every named path outside it (its files are in the workspace too); a
        // path not there yet is watched through the nearest folder that is.
        let (root, config) = live.found();
        let mut targets: Vec<PathBuf> = Vec::new();
        if walked {
            targets.push(root.to_path_buf());
        }
        targets.extend(
            opts.paths
                .iter()
                .map(|p| crate::load::discover::normalize(&cwd.join(p))),
        );
        if targets.is_empty() {
            targets.push(cwd.to_path_buf());
        }
        targets.extend(config.map(Path::to_path_buf));
        targets.extend(config_override.iter().cloned());
        for t in targets {
            let Some(t) = t.ancestors().find(|a| a.exists()).map(Path::to_path_buf) else {
                continue;
            };
            if watched.iter().any(|w| t.starts_with(w) && w.is_dir()) {
                continue;
            }
            let mode = if t.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            watcher
                .watch(&t, mode)
                .map_err(|e| format!("cannot watch {}: {e}", t.display()))?;
            watched.push(t);
        }
        if !global.quiet {
            eprintln!("watching for changes (Ctrl-C stops)");
        }
        // Wait for a change that matters, then let the burst an editor's save makes settle;
        // every path of the burst is told to the workspace.
        let mut first: Option<PathBuf> = None;
        let mut settle = None;
        loop {
            let event = match settle {
                None => rx
                    .recv()
                    .map_err(|_| "the file watcher stopped".to_string())?,
                Some(wait) => match rx.recv_timeout(wait) {
                    Ok(event) => event,
                    Err(_) => break,
                },
            };
            // The kernel's queue overflowed: events were lost, so anything may have changed.
            if event.need_rescan() {
                live.all_changed();
                first.get_or_insert_with(|| cwd.to_path_buf());
                settle = Some(std::time::Duration::from_millis(150));
            }
            for path in &event.paths {
                let told = tell(
                    &mut live,
                    path,
                    &event.kind,
                    config_override.as_deref(),
                    output.as_deref(),
                );
                if told {
                    first.get_or_insert_with(|| path.clone());
                    settle = Some(std::time::Duration::from_millis(150));
                }
            }
        }
        if let (false, Some(path)) = (global.quiet, first) {
            eprintln!(
                "\n{} changed; checking again",
                crate::base::sanitize::terminal_line(&crate::load::discover::display_name(
                    &path, cwd
                ))
            );
        }
    }
}

/// Tells the workspace what a file event means for it; whether it matters. `ignore` is the
/// run's own output, which must not set off another check.
fn tell(
    live: &mut check::incremental::Live,
    path: &Path,
    kind: &notify::EventKind,
    config: Option<&Path>,
    ignore: Option<&Path>,
) -> bool {
    use notify::EventKind;
    if matches!(kind, EventKind::Access(_)) || ignore == Some(path) {
        return false;
    }
    // git's own bookkeeping changes no plan, but a repository made or removed, or its exclude
    // file, changes which files are walked.
    if let Some(at) = path.components().position(|c| c.as_os_str() == ".git") {
        let inside: Vec<_> = path
            .components()
            .skip(at + 1)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let layout = inside.is_empty() || inside == ["info", "exclude"];
        if layout {
            live.layout_changed();
        }
        return layout;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if crate::load::discover::is_workspace_file(name)
        || name == crate::settings::FILE_NAME
        || config == Some(path)
    {
        if live.knows(path) || name == crate::settings::FILE_NAME {
            live.disk_changed(path);
        } else {
            // A file not seen yet, or one the watcher spells another way (through a symlink),
            // there or gone: read everything again rather than miss it.
            live.all_changed();
        }
        return true;
    }
    // An ignore file; a folder that holds workspace files, moved, swapped or gone; a folder
    // that appeared with workspace files in it.
    let layout = name == ".gitignore"
        || name == ".ignore"
        || live.holds_under(path)
        || (path.is_dir() && holds_a_workspace_file(path));
    if layout {
        live.layout_changed();
    }
    layout
}

/// Whether a plan or progress file lies anywhere under `dir` (a folder moved in holds its files
/// before the watcher sees it); a folder of more than 10,000 entries counts as holding one.
fn holds_a_workspace_file(dir: &Path) -> bool {
    let mut stack = vec![dir.to_path_buf()];
    let mut seen = 0usize;
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            seen += 1;
            if seen > 10_000 {
                return true;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file()
                && entry
                    .file_name()
                    .to_str()
                    .is_some_and(crate::load::discover::is_workspace_file)
            {
                return true;
            }
        }
    }
    false
}

fn fixable_note(findings: usize, files: usize, done: &str) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{} {done} in {}",
        plural(findings, "finding"),
        plural(files, "file")
    )
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
    let mut text = if args.statistics {
        emit::statistics(checked, args.format == Format::Json)
    } else {
        emit::render(args.format, checked, &human_options(global, to_terminal))
    };
    if args.format == Format::Human && global.quiet && !args.statistics {
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
    let failing = !args.exit_zero && checked.count(Severity::Error) > 0
        || (args.deny_warnings && checked.count(Severity::Warning) > 0);
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}
