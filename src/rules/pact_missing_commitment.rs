//! `pact-missing-commitment`: a party without a commitment, or a commitment from a non-party.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;
use rustc_hash::FxHashSet as HashSet;

pub(super) static RULE: Rule = Rule {
    id: RuleId::PactMissingCommitment,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a party without a commitment, or a commitment from a non-party",
    doc: r#"# pact-missing-commitment

## What it does
Reports, for a pact, each party without a commitment and each commitment from someone who is
not a party. An empty or placeholder commitment — `""`, "tbd", "todo", "?", "n/a" (case and
spaces ignored) — counts as none: the party has not said what they will do.

## Why
The strength of a PACT goal is that both sides commit to something specific; commitment is one
of the conditions goal-setting theory (Locke & Latham) finds for goals to work. A party with no
commitment is a bystander, and a commitment from someone outside the agreement binds nobody.

## Example
```toml
parties = ["tomas", "maria"]
commitments = { tomas = "hosts two office hours a week" }
```

## How to fix
Write down what each party commits to, and add anyone who commits to the `parties` list:
`commitments = { tomas = "...", maria = "keeps Friday afternoons free" }`.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

/// Commitments that say nothing yet: "", "tbd", "todo", "?", "n/a" (case and spaces ignored).
fn is_placeholder(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    let t = t.trim_matches(|c: char| c == '.' || c == '!' || c.is_whitespace());
    matches!(
        t,
        "" | "tbd"
            | "tba"
            | "todo"
            | "to do"
            | "?"
            | "??"
            | "???"
            | "n/a"
            | "na"
            | "-"
            | "..."
            | "xxx"
    )
}

fn check(ctx: &mut RuleContext<'_>) {
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value != Framework::Pact {
            continue;
        }
        let Some(parties) = goal.parties() else {
            continue;
        };
        // an empty or placeholder commitment is no commitment
        let committed: HashSet<&str> = goal
            .commitments()
            .iter()
            .flat_map(|c| c.value.iter())
            .filter(|(_, what)| !is_placeholder(&what.value))
            .map(|(who, _)| who.value.as_str())
            .collect();
        let mut seen = HashSet::default();
        for party in &parties.value {
            if !seen.insert(party.id.value.as_str()) || committed.contains(party.id.value.as_str())
            {
                continue;
            }
            let d = ctx
                .goal_finding(
                    id,
                    party.id.span,
                    format!(
                        "party `{}` of pact `{}` has no commitment",
                        party.id.value, goal.id.value
                    ),
                )
                .with_label("no commitment")
                .with_help(format!(
                    "add what they commit to: `commitments = {{ {} = \"...\" }}`",
                    party.id.value
                ));
            ctx.report(d);
        }
        for (who, _) in goal.commitments().iter().flat_map(|c| c.value.iter()) {
            if !seen.contains(who.value.as_str()) {
                let d = ctx
                    .goal_finding(
                        id,
                        who.span,
                        format!(
                            "`{}` commits to pact `{}` but is not one of its parties",
                            who.value, goal.id.value
                        ),
                    )
                    .with_label("not a party")
                    .with_related(goal.file, parties.span, "the parties")
                    .with_help(format!(
                        "add `{}` to `parties`, or remove the commitment",
                        who.value
                    ));
                ctx.report(d);
            }
        }
    }
}
