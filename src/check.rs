//! The pipeline: discover -> load (in parallel) -> resolve -> rules -> the findings in scope.

use crate::config::{self, Config, ConfigError};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{self, DiscoverError, Discovery};
use crate::load::{self, LoadError};
use crate::resolve;
use crate::rules;
use crate::source::FileId;
use crate::workspace::Workspace;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub config: Option<PathBuf>,
    pub as_of: Option<Date>,
}

/// Why a run could not happen (exit code 2).
#[derive(Debug)]
pub enum RunError {
    Discover(DiscoverError),
    Config(ConfigError),
    Load(LoadError),
}

impl From<DiscoverError> for RunError {
    fn from(e: DiscoverError) -> Self {
        RunError::Discover(e)
    }
}

pub struct Checked {
    pub workspace: Workspace,
    /// Findings in the files the user named, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Per file: whether it is in the named scope.
    pub in_scope: Vec<bool>,
    pub skipped: Vec<String>,
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

/// Discovers, loads and resolves the workspace, returning the structural findings with it.
pub fn load_workspace(
    opts: &Options,
    cwd: &Path,
) -> Result<(Workspace, Vec<Diagnostic>, Discovery), RunError> {
    let found = discover::discover(&opts.paths, opts.config.as_deref(), cwd)?;
    let config = match &found.config {
        Some(path) => {
            config::load(path, discover::display_name(path, cwd)).map_err(RunError::Config)?
        }
        None => Config::default(),
    };
    let as_of = opts.as_of.or(config.as_of).unwrap_or_else(Date::today);
    let loaded: Vec<_> = found
        .files
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            load::load_path(
                FileId(i as u32),
                path.clone(),
                discover::display_name(path, cwd),
            )
        })
        .collect::<Result<_, _>>()
        .map_err(RunError::Load)?;
    let (workspace, diags) = resolve::resolve(loaded, config, as_of, found.root.clone());
    Ok((workspace, diags, found))
}

/// Runs the whole check.
pub fn check(opts: &Options, cwd: &Path) -> Result<Checked, RunError> {
    let (workspace, mut diagnostics, found) = load_workspace(opts, cwd)?;
    diagnostics.extend(rules::run(&workspace));
    let in_scope: Vec<bool> = workspace
        .files
        .iter()
        .map(|f| found.scope.contains(&f.path))
        .collect();
    diagnostics.retain(|d| in_scope[d.file.0 as usize]);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    Ok(Checked {
        workspace,
        diagnostics,
        in_scope,
        skipped: found.skipped,
    })
}
