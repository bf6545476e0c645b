//! `unused-allow`: an `allow` entry that silenced nothing.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::workspace::GoalId;
use rustc_hash::FxHashSet as HashSet;

pub(super) static RULE: Rule = Rule {
    id: RuleId::UnusedAllow,
    opt_in: true,
    default_severity: Severity::Warning,
    summary: "an allow entry silences nothing",
    doc: r#"# unused-allow

## What it does
Off by default; turn it on with `unused-allow = "warning"` (or `"error"`) in goalc.toml. Reports
an entry of a goal's `allow` list whose rule found nothing on that goal, so the entry
silences nothing. Entries for rules that are turned off in goalc.toml are not reported.

## Why
Suppressions outlive their reasons: a goal that was allowed to run past its parent's deadline
gets its date fixed, and the stale `allow` would silently hide the next, real problem of the
same kind. Linters such as ruff (`RUF100`) and clippy report unused suppressions for this
reason.

## Example
```toml
[goals.erp-trainers]
title = "Train 40 ERP floor trainers by March"
owner = "maria"
aligns_to = "erp-fluency"
allow = ["deadline-after-parent"]   # but the goal is due before its parent
```

## How to fix
Remove the entry from `allow`. If the list becomes empty, remove `allow` too.
"#,
    thresholds: &[],
    check: Check::AfterRules,
};

/// `used` holds the (goal, rule) pairs whose `allow` entry silenced a finding.
pub(super) fn check(ctx: &mut RuleContext<'_>, used: &HashSet<(GoalId, RuleId)>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        for entry in &goal.allow {
            let Some(rule) = super::find(&entry.value) else {
                continue;
            };
            let off = ws.config.level_of(rule.id) == crate::settings::RuleLevel::Off
                || (rule.opt_in
                    && ws.config.level_of(rule.id) == crate::settings::RuleLevel::Default);
            if rule.structural() || off || used.contains(&(id, rule.id)) {
                continue;
            }
            let d = ctx
                .goal_finding(
                    id,
                    entry.span,
                    format!(
                        "`allow` entry `{}` silences nothing on this goal",
                        entry.value
                    ),
                )
                .with_label("nothing to silence")
                .with_help(format!(
                    "`{}` finds nothing on goal `{}`; remove the entry",
                    entry.value, goal.id.value
                ));
            ctx.report(d);
        }
    }
}
