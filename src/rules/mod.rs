//! The rule registry: every rule goalc knows, its default severity, its thresholds and its
//! documentation. `goalc rules`, `goalc explain`, SARIF `rules[]`, configuration and `allow`
//! validation all read this one list.

use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::{Diagnostic, Severity};
use crate::workspace::Workspace;

mod activity_metric;
mod alignment_cycle;
mod baseline_rewritten;
mod checkin_in_future;
mod checkin_outside_goal;
mod claim_contradicts_progress;
pub mod claims;
mod compound_metric;
mod confidence_contradicts_pace;
pub mod config_schema;
mod context;
mod contribution_shortfall;
mod deadline_after_parent;
mod deadline_pushed;
mod deliverables_only;
mod duplicate_id;
mod invalid_dates;
mod key_result_count;
mod level_inversion;
pub mod load;
mod mastery_without_feedback;
mod mastery_without_milestones;
mod mastery_without_support;
mod micro_too_long;
mod micro_unaligned;
mod milestone_overdue;
mod milestones_not_progressive;
mod missing_baseline;
mod missing_metric;
mod missing_target;
mod missing_unit;
mod no_change;
mod no_contributors;
mod off_pace;
mod orphan_goal;
mod outside_plan_period;
mod over_capacity;
mod overdue;
mod pact_missing_commitment;
mod pact_not_agreed;
mod pact_owner_not_party;
mod pact_single_party;
mod pact_without_review;
mod percent_out_of_range;
mod schema;
mod score_contradicts_progress;
mod since;
mod stale_progress;
mod standardized_goal;
mod syntax;
mod target_lowered;
mod too_many_goals;
mod unit_mismatch;
mod unknown_reference;
mod unrealistic_target;
mod unused_allow;
mod vague_title;

pub use context::{RuleContext, Silencer, UnusedOverride};

/// How a rule runs.
pub enum Check {
    /// Found while loading and resolving (syntax, schema, duplicates, references).
    Structural,
    /// A pass over the resolved workspace.
    Workspace(fn(&mut RuleContext<'_>)),
    /// Run after every other rule, on what their findings were (`unused-allow`).
    AfterRules,
}

pub struct Rule {
    pub id: RuleId,
    /// Off unless goalc.toml gives it a severity (like ruff's rules outside the default set).
    pub opt_in: bool,
    pub default_severity: Severity,
    /// One line, for `goalc rules` and SARIF `shortDescription`.
    pub summary: &'static str,
    /// Markdown: what it checks, why, an example and the fix.
    pub doc: &'static str,
    pub thresholds: &'static [&'static Threshold],
    pub check: Check,
}

impl Rule {
    pub fn name(&self) -> &'static str {
        self.id.name()
    }

    /// Structural rules are always errors and cannot be configured or allowed.
    pub fn structural(&self) -> bool {
        self.id.is_structural()
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Every rule, structural first, then in the order of the documentation.
pub static RULES: &[&Rule] = &[
    &syntax::RULE,
    &schema::RULE,
    &duplicate_id::RULE,
    &unknown_reference::RULE,
    &invalid_dates::RULE,
    &orphan_goal::RULE,
    &alignment_cycle::RULE,
    &level_inversion::RULE,
    &deadline_after_parent::RULE,
    &outside_plan_period::RULE,
    &no_contributors::RULE,
    &contribution_shortfall::RULE,
    &unit_mismatch::RULE,
    &missing_metric::RULE,
    &missing_target::RULE,
    &missing_baseline::RULE,
    &missing_unit::RULE,
    &no_change::RULE,
    &vague_title::RULE,
    &activity_metric::RULE,
    &deliverables_only::RULE,
    &compound_metric::RULE,
    &percent_out_of_range::RULE,
    &unrealistic_target::RULE,
    &off_pace::RULE,
    &overdue::RULE,
    &claim_contradicts_progress::RULE,
    &confidence_contradicts_pace::RULE,
    &score_contradicts_progress::RULE,
    &too_many_goals::RULE,
    &over_capacity::RULE,
    &key_result_count::RULE,
    &mastery_without_milestones::RULE,
    &milestones_not_progressive::RULE,
    &mastery_without_support::RULE,
    &milestone_overdue::RULE,
    &mastery_without_feedback::RULE,
    &standardized_goal::RULE,
    &pact_single_party::RULE,
    &pact_missing_commitment::RULE,
    &pact_without_review::RULE,
    &pact_owner_not_party::RULE,
    &pact_not_agreed::RULE,
    &micro_too_long::RULE,
    &micro_unaligned::RULE,
    &stale_progress::RULE,
    &checkin_in_future::RULE,
    &checkin_outside_goal::RULE,
    &target_lowered::RULE,
    &deadline_pushed::RULE,
    &baseline_rewritten::RULE,
    &unused_allow::RULE,
];

pub fn find(name: &str) -> Option<&'static Rule> {
    RuleId::from_name(name).map(get)
}

/// The rule of an id: the registry lists every id once, in [`RuleId::ALL`]'s order.
pub fn get(id: RuleId) -> &'static Rule {
    RULES
        .get(id as usize)
        .copied()
        .filter(|r| r.id == id)
        .unwrap_or(&syntax::RULE)
}

/// What `goalc.toml` may set for each rule, for [`crate::load::config`].
pub fn thresholds(id: RuleId) -> &'static [&'static Threshold] {
    get(id).thresholds
}

pub fn names() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.name())
}

/// The rule table of the README: name, default severity, summary.
pub fn markdown_table() -> String {
    let mut out = String::from("| rule | default | finds |\n|---|---|---|\n");
    for rule in RULES {
        let severity = match (rule.structural(), rule.opt_in) {
            (true, _) => "error (always)".to_string(),
            (false, true) => format!("{}, opt-in", rule.default_severity.as_str()),
            (false, false) => rule.default_severity.as_str().to_string(),
        };
        out.push_str(&format!(
            "| [`{}`](docs/rules.md#{}) | {severity} | {} |\n",
            rule.name(),
            rule.name(),
            rule.summary
        ));
    }
    out
}

/// `docs/rules.md`: every rule's documentation, in registry order.
pub fn markdown_docs() -> String {
    let mut out = String::from(
        "# goalc rules\n\nGenerated from the rule registry (`goalc explain RULE` prints the same text).\n",
    );
    for rule in RULES {
        let thresholds: String = rule
            .thresholds
            .iter()
            .map(|t| {
                format!(
                    "- `{}` (default {}): {}\n",
                    t.name, t.default, t.description
                )
            })
            .collect();
        // Each rule's doc starts with `# name`; nest it under this page's title.
        let doc = rule.doc.replace("\n## ", "\n### ").replacen("# ", "## ", 1);
        out.push_str(&format!("\n<a id=\"{}\"></a>\n\n{doc}", rule.name()));
        if !thresholds.is_empty() {
            out.push_str(&format!("\n### Thresholds\n\n{thresholds}"));
        }
    }
    out
}

/// The address of a rule's documentation, for SARIF `helpUri`.
pub fn help_uri(rule: &str) -> String {
    format!("https://github.com/goalc/goalc/blob/main/docs/rules.md#{rule}")
}

/// Runs every enabled rule over the workspace, then reports the `allow` entries that silenced
/// nothing.
pub fn run(workspace: &Workspace, evaluation: &crate::progress::Evaluation) -> Vec<Diagnostic> {
    run_all(workspace, evaluation, None).0
}

/// [`run`], with what changed since `--since REF` for the history rules, and the
/// `[[overrides]]` entries of goalc.toml that silenced nothing (when
/// `unused-allow` is on), for the caller to report in goalc.toml.
pub fn run_all(
    workspace: &Workspace,
    evaluation: &crate::progress::Evaluation,
    history: Option<&crate::history::Comparison>,
) -> (Vec<Diagnostic>, Vec<UnusedOverride>) {
    let overrides = context::FileOverrides::new(workspace);
    // Rules are independent: they run on every core, and their findings are gathered in
    // registry order, so the output does not depend on scheduling.
    use rayon::prelude::*;
    let results: Vec<_> = RULES
        .par_iter()
        .filter_map(|rule| {
            let Check::Workspace(check) = rule.check else {
                return None;
            };
            let mut ctx = RuleContext::with_overrides(workspace, evaluation, rule, &overrides);
            ctx.history = history;
            if !ctx.enabled() {
                return None;
            }
            crate::base::timings::stage(rule.name(), || check(&mut ctx));
            let by = ctx.silencers().to_vec();
            let (findings, silenced) = ctx.finish();
            Some((rule.id, findings, silenced, by))
        })
        .collect();
    let mut out = Vec::new();
    // (goal, rule) pairs whose `allow` entry silenced at least one finding
    let mut used = rustc_hash::FxHashSet::default();
    // (plan, person or override, rule) likewise
    let mut used_beyond = rustc_hash::FxHashSet::default();
    for (name, mut findings, silenced, by) in results {
        out.append(&mut findings);
        used.extend(silenced.into_iter().map(|g| (g, name)));
        used_beyond.extend(by.into_iter().map(|s| (s, name)));
    }
    let mut unused_overrides = Vec::new();
    let mut ctx =
        RuleContext::with_overrides(workspace, evaluation, &unused_allow::RULE, &overrides);
    if ctx.enabled() {
        unused_allow::check(&mut ctx, &used);
        unused_overrides = context::unused_beyond_goals(&mut ctx, &used_beyond);
        out.append(&mut ctx.finish().0);
    }
    (out, unused_overrides)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_lists_every_id_in_order() {
        let ids: Vec<RuleId> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids, RuleId::ALL);
        for &id in RuleId::ALL {
            assert_eq!(get(id).id, id);
        }
    }

    #[test]
    fn names_list_every_rule_and_debug_shows_the_name() {
        let names: Vec<&str> = names().collect();
        let expected: Vec<&str> = RuleId::ALL.iter().map(|id| id.name()).collect();
        assert_eq!(names, expected);
        assert_eq!(format!("{:?}", get(RuleId::Overdue)), "overdue");
    }

    #[test]
    fn names_are_unique_kebab_case_and_documented() {
        let mut seen = rustc_hash::FxHashSet::default();
        for rule in RULES {
            assert!(seen.insert(rule.name()), "{rule:?} registered twice");
            assert!(
                rule.name()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
            assert!(!rule.summary.is_empty() && !rule.summary.ends_with('.'));
            for section in ["## What it does", "## Why", "## Example", "## How to fix"] {
                assert!(rule.doc.contains(section), "{rule:?} lacks {section}");
            }
            assert!(!rule.doc.contains("TODO"), "{rule:?} is not documented");
            assert_eq!(
                rule.structural(),
                matches!(rule.check, Check::Structural) || rule.id == RuleId::InvalidDates
            );
            if rule.structural() {
                assert_eq!(rule.default_severity, Severity::Error);
            }
        }
    }
}
