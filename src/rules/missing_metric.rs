//! `missing-metric`: a goal of a measured framework with no metric.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MissingMetric,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a hard, micro, okr or pact goal has no metric",
    doc: r#"# missing-metric

## What it does
Reports a hard, micro, okr or pact goal that has no metric, unless other goals align to it:
an umbrella objective is measured by its cascade, as real OKR sets write them (a company
objective whose key results are the teams' objectives). One weakness, one finding: on a goal this
rule reports, `key-result-count` stays silent.

## Why
Goal-setting research (Locke & Latham) finds that specific, measurable goals lead to higher
performance than "do your best" goals, and the M of Doran's S.M.A.R.T. criteria asks for the
same. An OKR without key results is only an objective; a pact without metrics cannot be reviewed.
Without a metric, goalc cannot compute progress, status or a forecast either.

## Example
```toml
[goals.erp-fluency]
title = "Every employee works fluently in the new ERP by June"
owner = "maria"
```

## How to fix
Add at least one metric with a unit, a baseline and a target:
```toml
[goals.erp-fluency.metrics.certified]
title = "Share of staff certified at advanced level"
unit = "%"
baseline = 12
target = 90
```
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for (id, goal) in ctx.ws.goal_ids() {
        let fw = goal.framework.value;
        if matches!(
            fw,
            Framework::Hard | Framework::Micro | Framework::Okr | Framework::Pact
        ) && goal.metrics.is_empty()
            // an umbrella objective is measured by the goals that align to it
            && goal.children.is_empty()
        {
            let d = ctx
                .goal_finding(
                    id,
                    goal.header(),
                    format!("{} goal `{}` has no metric", fw.as_str(), goal.id.value),
                )
                .with_label("no metric")
                .with_help(format!(
                    "add a metric with unit, baseline and target: `[goals.{}.metrics.ID]`",
                    goal.id.value
                ));
            ctx.report(d);
        }
    }
}
