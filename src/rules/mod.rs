//! The rule registry: every rule goalc knows, its default severity, its thresholds and its
//! documentation. `goalc rules`, `goalc explain`, SARIF `rules[]`, configuration and `allow`
//! validation all read this one list.

use crate::diagnostic::{Diagnostic, Severity};
use crate::workspace::Workspace;

mod context;
mod duplicate_id;
mod invalid_dates;
mod schema;
mod syntax;
mod unknown_reference;

pub use context::RuleContext;

/// A configurable number of a rule, such as `too-many-goals`' `max`.
#[derive(Debug)]
pub struct Threshold {
    pub name: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub integer: bool,
    pub description: &'static str,
}

/// How a rule runs.
pub enum Check {
    /// Found while loading and resolving (syntax, schema, duplicates, references).
    Structural,
    /// A pass over the resolved workspace.
    Workspace(fn(&mut RuleContext<'_>)),
}

pub struct Rule {
    pub name: &'static str,
    /// Structural rules are always errors and cannot be configured or allowed.
    pub structural: bool,
    pub default_severity: Severity,
    /// One line, for `goalc rules` and SARIF `shortDescription`.
    pub summary: &'static str,
    /// Markdown: what it checks, why, an example and the fix.
    pub doc: &'static str,
    pub thresholds: &'static [Threshold],
    pub check: Check,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Every rule, structural first, then in the order of the documentation.
pub static RULES: &[&Rule] = &[
    &syntax::RULE,
    &schema::RULE,
    &duplicate_id::RULE,
    &unknown_reference::RULE,
    &invalid_dates::RULE,
];

/// The rules of the contract that the rule engine runs, with their configurable thresholds.
/// Configuration and `allow` lists may name them already; each moves into [`RULES`] with its
/// check and documentation, and its entry here goes.
pub static PLANNED: &[(&str, &[&str])] = &[
    ("orphan-goal", &[]),
    ("alignment-cycle", &[]),
    ("level-inversion", &[]),
    ("deadline-after-parent", &[]),
    ("outside-plan-period", &[]),
    ("no-contributors", &[]),
    ("contribution-shortfall", &[]),
    ("unit-mismatch", &[]),
    ("missing-metric", &[]),
    ("missing-target", &[]),
    ("missing-baseline", &[]),
    ("missing-unit", &[]),
    ("no-change", &[]),
    ("vague-title", &[]),
    ("activity-metric", &[]),
    ("percent-out-of-range", &[]),
    (
        "unrealistic-target",
        &["max-points-per-month", "max-relative-per-month"],
    ),
    ("off-pace", &["min-forecast"]),
    ("overdue", &[]),
    ("too-many-goals", &["max"]),
    ("key-result-count", &["min", "max"]),
    ("mastery-without-milestones", &[]),
    ("milestones-not-progressive", &[]),
    ("mastery-without-support", &[]),
    ("standardized-goal", &["min-copies"]),
    ("pact-single-party", &[]),
    ("pact-missing-commitment", &[]),
    ("pact-without-review", &[]),
    ("micro-too-long", &["max-days"]),
    ("micro-unaligned", &[]),
    ("stale-progress", &[]),
    ("checkin-in-future", &[]),
    ("checkin-outside-goal", &[]),
];

pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

/// Whether `name` is a rule that configuration and `allow` may name.
pub fn is_known(name: &str) -> bool {
    find(name).is_some() || PLANNED.iter().any(|(n, _)| *n == name)
}

/// Every rule name configuration and `allow` accept, for suggestions.
pub fn names() -> impl Iterator<Item = &'static str> {
    RULES
        .iter()
        .map(|r| r.name)
        .chain(PLANNED.iter().map(|(n, _)| *n))
}

/// The address of a rule's documentation, for SARIF `helpUri`.
pub fn help_uri(rule: &str) -> String {
    format!("https://github.com/goalc/goalc/blob/main/docs/rules.md#{rule}")
}

/// Runs every enabled rule over the workspace.
pub fn run(workspace: &Workspace) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        if let Check::Workspace(check) = rule.check {
            let mut ctx = RuleContext::new(workspace, rule);
            if ctx.enabled() {
                check(&mut ctx);
                out.append(&mut ctx.into_findings());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_rules_are_not_registered_twice() {
        for (name, _) in PLANNED {
            assert!(find(name).is_none(), "{name} is registered and planned");
        }
    }

    #[test]
    fn names_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.name), "{} registered twice", rule.name);
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
            assert!(!rule.summary.is_empty() && !rule.summary.ends_with('.'));
            for section in ["## What it does", "## Why", "## Example", "## How to fix"] {
                assert!(rule.doc.contains(section), "{} lacks {section}", rule.name);
            }
            assert_eq!(
                rule.structural,
                matches!(rule.check, Check::Structural) || rule.name == "invalid-dates"
            );
            if rule.structural {
                assert_eq!(rule.default_severity, Severity::Error);
            }
        }
    }
}
