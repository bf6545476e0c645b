//! The settings of a run: the workspace's levels, as-of date, limits and rule settings, as
//! goalc.toml gives them (read by [`crate::load::config`]). Data only, so that every stage can
//! read it.

use crate::base::date::Date;
use crate::base::span::Span;
use crate::catalog::{RuleId, Severity};
use std::path::PathBuf;

pub const FILE_NAME: &str = "goalc.toml";

/// Files above this size are not parsed unless goalc.toml's `max_file_bytes` says otherwise:
/// checking one needs up to ~36 times its size in memory (`base::memory`), and no hand-written
/// plan comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Default,
    Error,
    Warning,
    Off,
}

impl RuleLevel {
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Default | RuleLevel::Off => None,
        }
    }

    pub(crate) fn parse(text: &str) -> Option<RuleLevel> {
        match text {
            "error" => Some(RuleLevel::Error),
            "warning" => Some(RuleLevel::Warning),
            "off" => Some(RuleLevel::Off),
            _ => None,
        }
    }
}

pub(crate) const LEVEL_NAMES: &[&str] = &["error", "warning", "off"];

#[derive(Debug)]
pub struct RuleSetting {
    pub rule: RuleId,
    pub level: RuleLevel,
    pub thresholds: Vec<(&'static str, f64)>,
    /// The levels a rule judges, for rules that take them (`no-contributors`).
    pub levels: Option<Vec<String>>,
}

#[derive(Debug)]
pub struct Config {
    /// The goalc.toml read, if any.
    pub path: Option<PathBuf>,
    pub as_of: Option<Date>,
    /// The reports' title, over the top-level plan's.
    pub title: Option<String>,
    pub levels: Vec<String>,
    /// Plan and progress files larger than this are not parsed (a `syntax` finding instead).
    pub max_file_bytes: u64,
    pub rules: Vec<RuleSetting>,
    /// Globs of files and folders discovery skips; replaces [`DEFAULT_EXCLUDE`].
    pub exclude: Vec<String>,
    /// Globs skipped beside `exclude`.
    pub extend_exclude: Vec<String>,
    /// `[[overrides]]`: rule levels for the files some globs match, later ones winning.
    pub overrides: Vec<Override>,
}

/// One `[[overrides]]` entry of goalc.toml, like ruff's per-file-ignores.
#[derive(Debug)]
pub struct Override {
    /// The globs of `files`, matched against paths relative to the workspace root.
    pub files: globset::GlobSet,
    /// Each rule's level, with the span of its key in goalc.toml (for `unused-allow`).
    pub rules: Vec<(RuleId, RuleLevel, Span)>,
}

/// What discovery skips unless `exclude` says otherwise: installed JavaScript packages carry
/// other projects' files, and are git-ignored only where someone remembered to.
pub const DEFAULT_EXCLUDE: &[&str] = &["node_modules"];

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            as_of: None,
            title: None,
            levels: ["org", "team", "individual"].map(String::from).to_vec(),
            max_file_bytes: MAX_FILE_BYTES,
            rules: Vec::new(),
            exclude: DEFAULT_EXCLUDE.iter().map(|s| s.to_string()).collect(),
            extend_exclude: Vec::new(),
            overrides: Vec::new(),
        }
    }
}

impl Config {
    /// Every glob discovery skips.
    pub fn excludes(&self) -> Vec<String> {
        self.exclude
            .iter()
            .chain(&self.extend_exclude)
            .cloned()
            .collect()
    }

    pub fn level_of(&self, rule: RuleId) -> RuleLevel {
        self.rules
            .iter()
            .find(|s| s.rule == rule)
            .map_or(RuleLevel::Default, |s| s.level)
    }

    /// The levels configured for a rule that takes them.
    pub fn rule_levels(&self, rule: RuleId) -> Option<&[String]> {
        self.rules
            .iter()
            .find(|s| s.rule == rule)
            .and_then(|s| s.levels.as_deref())
    }

    /// Sets a rule's level, keeping its thresholds (a command line's `-W`, `-D`, `-A`).
    pub fn set_level(&mut self, rule: RuleId, level: RuleLevel) {
        match self.rules.iter_mut().find(|s| s.rule == rule) {
            Some(setting) => setting.level = level,
            None => self.rules.push(RuleSetting {
                rule,
                level,
                thresholds: Vec::new(),
                levels: None,
            }),
        }
    }

    pub fn threshold(&self, rule: RuleId, name: &str) -> Option<f64> {
        let setting = self.rules.iter().find(|s| s.rule == rule)?;
        setting
            .thresholds
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
}
