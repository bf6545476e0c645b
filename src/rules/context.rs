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
use crate::workspace::{GoalId, Workspace};

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
}

impl<'w> RuleContext<'w> {
    pub fn new(ws: &'w Workspace, eval: &'w Evaluation, rule: &'static Rule) -> Self {
        let level = ws.config.level_of(rule.id);
        RuleContext {
            ws,
            eval,
            history: None,
            rule,
            level,
            findings: Vec::new(),
            silenced: Vec::new(),
        }
    }

    pub fn enabled(&self) -> bool {
        match self.level {
            RuleLevel::Off => false,
            RuleLevel::Default => !self.rule.opt_in,
            RuleLevel::Error | RuleLevel::Warning => true,
        }
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
    pub fn report(&mut self, finding: Diagnostic) {
        if self.ws.is_broken(finding.file) {
            return;
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
        match allowed_by {
            Some(goal) => self.silenced.push(goal),
            None => self.findings.push(finding),
        }
    }

    /// The findings, and the goals whose `allow` silenced some.
    pub fn finish(self) -> (Vec<Diagnostic>, Vec<GoalId>) {
        (self.findings, self.silenced)
    }
}
