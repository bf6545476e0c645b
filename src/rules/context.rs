//! What a rule sees: the workspace, its configured thresholds, and a sink for findings that
//! applies the configured severity and the goals' `allow` lists. Rules only say what is wrong
//! and where.

use super::Rule;
use crate::base::span::Span;
use crate::catalog::Threshold;
use crate::diagnostic::Diagnostic;
use crate::progress::Evaluation;
use crate::settings::RuleLevel;
use crate::source::FileId;
use crate::workspace::{GoalId, PersonId, PlanId, Workspace};

/// What silenced a finding, beside a goal's own `allow`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Silencer {
    Plan(PlanId),
    Person(PersonId),
    /// An `[[overrides]]` entry of goalc.toml, by position.
    Override(usize),
}

/// Per file of the workspace: the `[[overrides]]` entries whose `files` match it, in order.
/// Computed once per run, read by every rule.
#[derive(Debug, Default)]
pub struct FileOverrides {
    per_file: Vec<Vec<usize>>,
    /// Rules some override turns on (`error` or `warning`): they run even when off otherwise.
    enabled_somewhere: Vec<crate::catalog::RuleId>,
}

impl FileOverrides {
    pub fn new(ws: &Workspace) -> Self {
        let overrides = &ws.config.overrides;
        if overrides.is_empty() {
            return FileOverrides::default();
        }
        let per_file = ws
            .files
            .iter()
            .map(|f| {
                let rel = f.path.strip_prefix(&ws.root).unwrap_or(&f.path);
                overrides
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.files.is_match(rel))
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        let enabled_somewhere = overrides
            .iter()
            .flat_map(|o| o.rules.iter())
            .filter(|(_, level, _)| level.severity().is_some())
            .map(|(rule, _, _)| *rule)
            .collect();
        FileOverrides {
            per_file,
            enabled_somewhere,
        }
    }

    /// The level the last matching override gives `rule` in `file`, and that override.
    fn level(
        &self,
        ws: &Workspace,
        file: FileId,
        rule: crate::catalog::RuleId,
    ) -> Option<(RuleLevel, usize)> {
        let matching = self.per_file.get(file.0 as usize)?;
        matching.iter().rev().find_map(|&i| {
            ws.config.overrides.get(i).and_then(|o| {
                o.rules
                    .iter()
                    .rev()
                    .find(|(r, _, _)| *r == rule)
                    .map(|(_, level, _)| (*level, i))
            })
        })
    }
}

static NO_OVERRIDES: FileOverrides = FileOverrides {
    per_file: Vec::new(),
    enabled_somewhere: Vec::new(),
};

pub struct RuleContext<'w> {
    pub ws: &'w Workspace,
    /// Progress, status and rollups of every goal at the as-of date.
    pub eval: &'w Evaluation,
    /// What changed since `--since REF`; `None` without it (the history rules are then silent).
    pub history: Option<&'w crate::history::Comparison>,
    rule: &'static Rule,
    level: RuleLevel,
    findings: Vec<Diagnostic>,
    /// Goals whose `allow` entry for this rule silenced a finding.
    silenced: Vec<GoalId>,
    /// Plans, people and overrides that silenced a finding of this rule.
    silenced_by: Vec<Silencer>,
    overrides: &'w FileOverrides,
}

impl<'w> RuleContext<'w> {
    pub fn new(ws: &'w Workspace, eval: &'w Evaluation, rule: &'static Rule) -> Self {
        Self::with_overrides(ws, eval, rule, &NO_OVERRIDES)
    }

    /// A context that applies goalc.toml's `[[overrides]]` per file.
    pub fn with_overrides(
        ws: &'w Workspace,
        eval: &'w Evaluation,
        rule: &'static Rule,
        overrides: &'w FileOverrides,
    ) -> Self {
        let level = ws.config.level_of(rule.id);
        RuleContext {
            ws,
            eval,
            history: None,
            rule,
            level,
            findings: Vec::new(),
            silenced: Vec::new(),
            silenced_by: Vec::new(),
            overrides,
        }
    }

    fn level_enabled(&self, level: RuleLevel) -> bool {
        match level {
            RuleLevel::Off => false,
            RuleLevel::Default => !self.rule.opt_in,
            RuleLevel::Error | RuleLevel::Warning => true,
        }
    }

    /// Whether the rule runs: on by its level, or turned on for some files by an override.
    pub fn enabled(&self) -> bool {
        self.level_enabled(self.level) || self.overrides.enabled_somewhere.contains(&self.rule.id)
    }

    /// The configured value of one of the rule's thresholds, or its default.
    pub fn threshold(&self, threshold: &'static Threshold) -> f64 {
        debug_assert!(
            self.rule
                .thresholds
                .iter()
                .any(|t| std::ptr::eq(*t, threshold)),
            "{} does not take {}",
            self.rule.name(),
            threshold.name
        );
        self.ws
            .config
            .threshold(self.rule.id, threshold.name)
            .unwrap_or(threshold.default)
    }

    /// A finding of this rule, at the configured severity.
    pub fn finding(&self, file: FileId, span: Span, message: impl Into<String>) -> Diagnostic {
        let severity = self.level.severity().unwrap_or(self.rule.default_severity);
        Diagnostic::new(self.rule.id, severity, file, span, message)
    }

    /// A finding about a goal, placed in the goal's file.
    pub fn goal_finding(&self, goal: GoalId, span: Span, message: impl Into<String>) -> Diagnostic {
        let g = self.ws.goal(goal);
        self.finding(g.file, span, message)
            .with_goal(g.id.value.clone())
    }

    /// A finding about a metric, placed in the metric's file, naming its goal and the metric.
    pub fn metric_finding(
        &self,
        metric: &crate::workspace::Metric,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        let g = self.ws.goal(metric.goal);
        self.finding(metric.file, span, message)
            .with_goal(g.id.value.clone())
            .with_metric(self.ws.key(metric).to_string())
    }

    /// Records a finding unless its goal allows the rule, or the goal comes from a file whose
    /// TOML is broken.
    pub fn report(&mut self, mut finding: Diagnostic) {
        if self.ws.is_broken(finding.file) {
            return;
        }
        match self.overrides.level(self.ws, finding.file, self.rule.id) {
            Some((RuleLevel::Off, at)) => {
                if self.level_enabled(self.level) {
                    self.silenced_by.push(Silencer::Override(at));
                }
                return;
            }
            Some((level, _)) => {
                if let Some(severity) = level.severity() {
                    finding.severity = severity;
                }
            }
            // the rule runs for another file's override only
            None if !self.level_enabled(self.level) => return,
            None => {}
        }
        let allowed_by = finding
            .goal
            .as_deref()
            .and_then(|id| self.ws.goal_by_id(id))
            .filter(|&g| {
                self.ws
                    .goal(g)
                    .allow
                    .iter()
                    .any(|a| a.value == self.rule.name())
            });
        if let Some(goal) = allowed_by {
            self.silenced.push(goal);
            return;
        }
        if let Some(by) = self.allowed_beyond_goal(&finding) {
            self.silenced_by.push(by);
            return;
        }
        self.findings.push(finding);
    }

    /// The plan (of the finding's goal, else of its file) or the roster entry (a finding placed
    /// on a person's id) whose `allow` names this rule.
    fn allowed_beyond_goal(&self, finding: &Diagnostic) -> Option<Silencer> {
        let ws = self.ws;
        let name = self.rule.name();
        let names = |allow: &[crate::base::span::Sp<crate::base::text::Text>]| {
            allow.iter().any(|a| a.value == name)
        };
        let plan = match finding.goal.as_deref().and_then(|id| ws.goal_by_id(id)) {
            Some(goal) => ws.goal(goal).plan,
            None => ws
                .plans
                .iter()
                .position(|p| p.file == finding.file)
                .map(|i| PlanId(i as u32)),
        };
        if let Some(plan) = plan.filter(|&p| names(&ws.plan(p).allow)) {
            return Some(Silencer::Plan(plan));
        }
        if finding.goal.is_none() {
            let person = ws
                .people
                .iter()
                .position(|p| p.file == finding.file && p.id.span == finding.span)
                .map(|i| PersonId(i as u32));
            if let Some(person) = person.filter(|&p| names(&ws.person(p).allow)) {
                return Some(Silencer::Person(person));
            }
        }
        None
    }

    /// What silenced findings of this rule beyond goals' own `allow` lists.
    pub fn silencers(&self) -> &[Silencer] {
        &self.silenced_by
    }

    /// The findings, and the goals whose `allow` silenced some.
    pub fn finish(self) -> (Vec<Diagnostic>, Vec<GoalId>) {
        (self.findings, self.silenced)
    }
}

/// An `allow` entry of a plan, a roster entry or an override that silenced nothing.
pub(super) fn unused_beyond_goals(
    ctx: &mut RuleContext<'_>,
    used: &rustc_hash::FxHashSet<(Silencer, crate::catalog::RuleId)>,
) -> Vec<UnusedOverride> {
    let ws = ctx.ws;
    let counts = |rule: &'static Rule| {
        let level = ws.config.level_of(rule.id);
        !(rule.structural()
            || level == RuleLevel::Off
            || (rule.opt_in && level == RuleLevel::Default))
    };
    let mut found = Vec::new();
    for (i, plan) in ws.plans.iter().enumerate() {
        for entry in plan.allow.iter() {
            let Some(rule) = super::find(&entry.value) else {
                continue;
            };
            if counts(rule) && !used.contains(&(Silencer::Plan(PlanId(i as u32)), rule.id)) {
                found.push(
                    ctx.finding(
                        plan.file,
                        entry.span,
                        format!(
                            "`allow` entry `{}` silences nothing in this plan",
                            entry.value
                        ),
                    )
                    .with_label("nothing to silence")
                    .with_help(format!(
                        "`{}` finds nothing on the goals of this file; remove the entry",
                        entry.value
                    )),
                );
            }
        }
    }
    for (i, person) in ws.people.iter().enumerate() {
        for entry in person.allow.iter() {
            let Some(rule) = super::find(&entry.value) else {
                continue;
            };
            if counts(rule) && !used.contains(&(Silencer::Person(PersonId(i as u32)), rule.id)) {
                found.push(
                    ctx.finding(
                        person.file,
                        entry.span,
                        format!(
                            "`allow` entry `{}` silences nothing about `{}`",
                            entry.value, person.id.value
                        ),
                    )
                    .with_label("nothing to silence")
                    .with_help(format!(
                        "`{}` finds nothing about this person; remove the entry",
                        entry.value
                    )),
                );
            }
        }
    }
    for d in found {
        ctx.report(d);
    }
    let mut unused = Vec::new();
    for (i, o) in ws.config.overrides.iter().enumerate() {
        for &(rule, level, span) in &o.rules {
            let r = super::get(rule);
            if level == RuleLevel::Off
                && counts(r)
                && !used.contains(&(Silencer::Override(i), rule))
            {
                unused.push(UnusedOverride { rule, span });
            }
        }
    }
    unused
}

/// An override's `rule = "off"` that silenced nothing: reported in goalc.toml by the caller,
/// which holds that file.
#[derive(Clone, Copy, Debug)]
pub struct UnusedOverride {
    pub rule: crate::catalog::RuleId,
    pub span: Span,
}
