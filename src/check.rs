//! The pipeline: discover -> load (in parallel) -> resolve -> rules -> the findings in scope.

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

use crate::base::date::Date;
use crate::base::timings;
use crate::catalog::RuleId;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::config::{self, ConfigError};
use crate::load::discover::{self, DiscoverError, Discovery};
use crate::load::{self, LoadError};
use crate::rules;
use crate::settings::{Config, RuleLevel};
use crate::source::FileId;
use crate::workspace::Workspace;
use crate::workspace::{lower, resolve};
use std::path::{Path, PathBuf};

pub mod incremental;

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub config: Option<PathBuf>,
    pub as_of: Option<Date>,
    /// Text read from standard input, and the workspace path it stands for.
    pub stdin: Option<(PathBuf, Vec<u8>)>,
    /// `--since REF`: compare with the plan at this git revision (the history rules).
    pub since: Option<String>,
    /// Read no ignore file (`.gitignore`, `.ignore`, the global git excludes).
    pub no_ignore: bool,
    /// Rule levels for this run (`-W`, `-D`, `-A`), applied over goalc.toml's in order.
    pub rule_levels: Vec<(RuleId, RuleLevel)>,
}

/// Why a run could not happen (exit code 2).
#[derive(Debug)]
pub enum RunError {
    Discover(DiscoverError),
    Config(ConfigError),
    Load(LoadError),
    /// The workspace holds no plan file: a check of nothing must not pass.
    NoPlanFiles {
        /// Where goalc looked, as shown to the user.
        under: String,
        /// `*.toml` files there that read as plans but are not named `*.plan.toml`.
        misnamed: Vec<String>,
    },
    /// `--since`: the git history cannot be read (not a repository, an unknown revision).
    History(crate::history::git::GitError),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Discover(e) => write!(f, "{e}"),
            RunError::Load(e) => write!(f, "{e}"),
            RunError::Config(ConfigError::Io(path, e)) => {
                write!(f, "cannot read configuration {}: {e}", path.display())
            }
            RunError::Config(ConfigError::Invalid { source, .. }) => {
                write!(f, "invalid configuration in {}", source.name)
            }
            RunError::History(e) => write!(f, "{e}"),
            RunError::NoPlanFiles { under, .. } => write!(
                f,
                "no plan files found under {under} (plan files are named *.plan.toml)"
            ),
        }
    }
}

/// `*.toml` files under `root` that read as plans but are not named `*.plan.toml`: a plan
/// named `learning.toml` is the likeliest reason a workspace has none.
fn misnamed_plans(root: &Path, cwd: &Path) -> Vec<String> {
    const MAX_READ: u64 = 1 << 20;
    const MAX_LISTED: usize = 20;
    const MAX_DEPTH: usize = 8;
    let mut found = Vec::new();
    let mut stack = vec![(root.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries.into_iter().rev() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                let skipped = name.starts_with('.') || name == "target" || name == "node_modules";
                if !skipped && depth < MAX_DEPTH {
                    stack.push((entry.path(), depth + 1));
                }
                continue;
            }
            if !kind.is_file()
                || !name.ends_with(".toml")
                || name == crate::settings::FILE_NAME
                || discover::is_workspace_file(&name)
                || entry.metadata().map_or(true, |m| m.len() > MAX_READ)
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let looks_like_plan = toml::from_str::<toml::Table>(&text)
                .is_ok_and(|t| t.contains_key("plan") || t.contains_key("goals"));
            if looks_like_plan {
                found.push(discover::display_name(&entry.path(), cwd));
            }
        }
    }
    found.sort();
    found.truncate(MAX_LISTED);
    found
}

impl From<DiscoverError> for RunError {
    fn from(e: DiscoverError) -> Self {
        RunError::Discover(e)
    }
}

pub struct Checked {
    pub workspace: Workspace,
    /// Progress, status and rollups of every goal at the as-of date, computed once for the
    /// rules and for whatever reads the result (reports, the language server).
    pub evaluation: crate::progress::Evaluation,
    /// Findings in the files the user named, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Per file: whether it is in the named scope.
    pub in_scope: Vec<bool>,
    pub skipped: Vec<String>,
    /// Every file the run read from disk (plans, progress files, the config), which an output
    /// must never replace.
    pub inputs: Vec<PathBuf>,
    /// What changed since `--since REF`, when given.
    pub history: Option<crate::history::Comparison>,
}

impl Checked {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn files_in_scope(&self) -> usize {
        self.in_scope.iter().filter(|s| **s).count()
    }

    pub fn goals_in_scope(&self) -> usize {
        self.workspace
            .goals
            .iter()
            .filter(|g| self.in_scope[g.file.0 as usize])
            .count()
    }
}

/// The settings of a run: goalc.toml (if any) with `-W/-D/-A` over it, and how to walk.
fn run_settings(
    config_path: Option<&Path>,
    opts: &Options,
    cwd: &Path,
) -> Result<(Config, discover::WalkOptions), RunError> {
    let mut config = match config_path {
        Some(path) => config::load(path, discover::display_name(path, cwd), rules::thresholds)
            .map_err(RunError::Config)?,
        None => Config::default(),
    };
    for &(rule, level) in &opts.rule_levels {
        config.set_level(rule, level);
    }
    let walk = discover::WalkOptions {
        no_ignore: opts.no_ignore,
        exclude: config.excludes(),
    };
    Ok((config, walk))
}

/// Discovers, loads and resolves the workspace, returning the structural findings with it.
pub fn load_workspace(
    opts: &Options,
    cwd: &Path,
) -> Result<(Workspace, Vec<Diagnostic>, Discovery), RunError> {
    let stdin_path = opts.stdin.as_ref().map(|(p, _)| p.as_path());
    let located = discover::locate(&opts.paths, opts.config.as_deref(), stdin_path, cwd)?;
    let (config, walk) = run_settings(located.config.as_deref(), opts, cwd)?;
    let found = timings::stage("discover", || located.walk(&walk))?;
    let has_plan = found
        .files
        .iter()
        .any(|p| crate::source::FileKind::of(p) == crate::source::FileKind::Plan);
    if !has_plan {
        let under = match opts.paths.as_slice() {
            [one] => discover::display_name(&cwd.join(one), cwd),
            _ => discover::display_name(&found.root, cwd),
        };
        let under = if under.is_empty() {
            ".".to_string()
        } else {
            under
        };
        return Err(RunError::NoPlanFiles {
            under,
            misnamed: misnamed_plans(&found.root, cwd),
        });
    }
    let stdin_abs = stdin_path.map(|p| discover::normalize(&cwd.join(p)));
    let is_stdin = |path: &Path| {
        stdin_abs.as_deref().is_some_and(|s| {
            path == s
                || (path.file_name() == s.file_name()
                    && std::fs::canonicalize(path).ok() == std::fs::canonicalize(s).ok())
        })
    };
    let as_of = opts.as_of.or(config.as_of).unwrap_or_else(Date::today);
    let (max_bytes, levels) = (config.max_file_bytes, config.levels.clone());
    let mut resolution = resolve::Resolution::new(config, as_of, found.root.clone());
    resolution.suggest_only_in(found.in_scope());
    // Each file is defined as soon as it and the files before it are loaded, while the other
    // cores load the rest. A file that cannot be read (or vanished since the walk) stays in the
    // workspace empty, so the others are still checked: a finding when the user asked about it,
    // else a note.
    let in_scope = found.in_scope();
    let mut notes = Vec::new();
    let mut handed = 0usize;
    timings::stage("load", || {
        load::load_in_order(
            &found.files,
            |path| discover::display_name(path, cwd),
            max_bytes,
            |path| match &opts.stdin {
                Some((_, bytes)) if is_stdin(path) => Some(bytes.clone()),
                _ => None,
            },
            |file| lower::lower_loaded(file, &levels),
            |file| {
                let id = FileId(handed as u32);
                let scoped = in_scope.get(handed).copied().unwrap_or(false);
                handed += 1;
                match file {
                    Ok(file) => resolution.add_lowered(file),
                    Err(e) => {
                        let vanished = e.error.kind() == std::io::ErrorKind::NotFound;
                        let name = discover::display_name(&e.path, cwd);
                        if vanished || !scoped {
                            notes.push(format!("{name}: {}", e.error));
                        }
                        let file = load::unreadable(id, &e, name, scoped && !vanished);
                        resolution.add_lowered(lower::lower_loaded(file, &levels));
                    }
                }
            },
        );
    });
    let mut found = found;
    found.skipped.append(&mut notes);
    let (workspace, diags) = timings::stage("resolve", || resolution.finish());
    Ok((workspace, diags, found))
}

/// The `max_file_bytes` that governs a run, known before it starts: for what is read before
/// the workspace (standard input, a template). A goalc.toml that cannot be used counts as
/// the default here; the run itself then says what is wrong with it.
pub fn max_file_bytes(
    paths: &[PathBuf],
    config_override: Option<&Path>,
    stdin_path: Option<&Path>,
    cwd: &Path,
) -> u64 {
    let config = match config_override {
        Some(c) => Some(cwd.join(c)),
        None => {
            let first = stdin_path.or(paths.first().map(PathBuf::as_path));
            let start = discover::normalize(&cwd.join(first.unwrap_or(Path::new("."))));
            let dir = if start.is_dir() {
                Some(start.as_path())
            } else {
                start.parent()
            };
            dir.and_then(discover::find_config)
        }
    };
    config
        .and_then(|path| config::load(&path, String::new(), rules::thresholds).ok())
        .map_or(crate::settings::MAX_FILE_BYTES, |c| c.max_file_bytes)
}

/// Runs the whole check.
pub fn check(opts: &Options, cwd: &Path) -> Result<Checked, RunError> {
    let (workspace, diagnostics, found) = load_workspace(opts, cwd)?;
    finish_run(workspace, diagnostics, found, opts.since.as_deref(), cwd)
}

/// A resolved workspace, its structural findings and what discovery found, made into the
/// result of a run: the history comparison, the rules, the findings in scope in order. The
/// command line's check and `check --watch` both end here.
fn finish_run(
    workspace: Workspace,
    mut diagnostics: Vec<Diagnostic>,
    found: Discovery,
    since: Option<&str>,
    cwd: &Path,
) -> Result<Checked, RunError> {
    let history = match since {
        Some(since) => Some(
            timings::stage("history", || {
                crate::history::compare(&workspace, since, &|p| found.scope.contains(p))
            })
            .map_err(RunError::History)?,
        ),
        None => None,
    };
    let evaluation = timings::stage("evaluate", || crate::progress::evaluate(&workspace));
    let (findings, unused_overrides) = timings::stage("rules", || {
        rules::run_all(&workspace, &evaluation, history.as_ref())
    });
    diagnostics.extend(findings);
    // The workspace's files are the discovered ones, in the same order.
    let mut in_scope = found.in_scope();
    let mut workspace = workspace;
    if let (false, Some(path)) = (unused_overrides.is_empty(), &found.config) {
        report_unused_overrides(
            &mut workspace,
            &mut diagnostics,
            &mut in_scope,
            path,
            cwd,
            &unused_overrides,
        );
    }
    for d in &mut diagnostics {
        rehome_duplicate(d, &in_scope);
    }
    diagnostics.retain(|d| in_scope[d.file.0 as usize]);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    let mut inputs = found.files;
    inputs.extend(found.config);
    Ok(Checked {
        workspace,
        evaluation,
        diagnostics,
        in_scope,
        skipped: found.skipped,
        inputs,
        history,
    })
}

/// Checks files given in memory (name, bytes), every one in scope and nothing read from disk:
/// for fuzzing and for editors that hold unsaved text.
pub fn check_in_memory(files: Vec<(String, Vec<u8>)>, config: Config, as_of: Date) -> Checked {
    let loaded: Vec<_> = files
        .into_iter()
        .enumerate()
        .map(|(i, (name, bytes))| {
            let path = PathBuf::from(&name);
            let kind = crate::source::FileKind::of(&path);
            load::load_bytes(FileId(i as u32), path, name, kind, bytes)
        })
        .collect();
    check_loaded(loaded, config, as_of, PathBuf::from("."), Vec::new())
}

/// Resolves loaded files and runs every rule, all files in scope.
pub fn check_loaded(
    loaded: Vec<load::LoadedFile>,
    config: Config,
    as_of: Date,
    root: PathBuf,
    skipped: Vec<String>,
) -> Checked {
    let (workspace, diagnostics) = resolve::resolve(loaded, config, as_of, root);
    finish_checked(
        workspace,
        diagnostics,
        skipped,
        &mut incremental::Stats::default(),
    )
}

/// Evaluates a resolved workspace and runs every rule over it, all files in scope.
fn finish_checked(
    workspace: Workspace,
    mut diagnostics: Vec<Diagnostic>,
    skipped: Vec<String>,
    stats: &mut incremental::Stats,
) -> Checked {
    let start = std::time::Instant::now();
    let evaluation = timings::stage("evaluate", || crate::progress::evaluate(&workspace));
    stats.evaluate_ms = start.elapsed().as_secs_f64() * 1e3;
    let start = std::time::Instant::now();
    diagnostics.extend(timings::stage("rules", || {
        rules::run(&workspace, &evaluation)
    }));
    stats.rules_ms = start.elapsed().as_secs_f64() * 1e3;
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    let in_scope = vec![true; workspace.files.len()];
    Checked {
        workspace,
        evaluation,
        diagnostics,
        in_scope,
        skipped,
        inputs: Vec::new(),
        history: None,
    }
}

/// `unused-allow` findings on the `[[overrides]]` entries of goalc.toml that silenced nothing:
/// goalc.toml joins the workspace's files so that every format can show them.
fn report_unused_overrides(
    workspace: &mut Workspace,
    diagnostics: &mut Vec<Diagnostic>,
    in_scope: &mut Vec<bool>,
    path: &Path,
    cwd: &Path,
    unused: &[rules::UnusedOverride],
) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let file = FileId(workspace.files.len() as u32);
    let severity = match workspace.config.level_of(RuleId::UnusedAllow) {
        RuleLevel::Error => Severity::Error,
        _ => Severity::Warning,
    };
    for entry in unused {
        diagnostics.push(
            Diagnostic::new(
                RuleId::UnusedAllow,
                severity,
                file,
                entry.span,
                format!(
                    "override `{} = \"off\"` silences nothing in the files it matches",
                    entry.rule.name()
                ),
            )
            .with_label("nothing to silence")
            .with_help(format!(
                "`{}` finds nothing in the files of this override; remove the entry",
                entry.rule.name()
            )),
        );
    }
    workspace.files.push(crate::source::SourceFile::new(
        path.to_path_buf(),
        discover::display_name(path, cwd),
        crate::source::FileKind::Plan,
        std::sync::Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text)),
    ));
    workspace.broken.push(false);
    in_scope.push(true);
}

/// Which of two definitions is "the duplicate" depends only on reading order; when the user
/// names just one of the two files (a pre-commit hook, an editor), report it there.
fn rehome_duplicate(d: &mut Diagnostic, in_scope: &[bool]) {
    if d.rule != RuleId::DuplicateId || in_scope[d.file.0 as usize] {
        return;
    }
    if let Some(other) = d.related.iter_mut().find(|l| in_scope[l.file.0 as usize]) {
        std::mem::swap(&mut d.file, &mut other.file);
        std::mem::swap(&mut d.span, &mut other.span);
        d.label = Some("also defined here".into());
        other.message = "defined here too".into();
    }
}
