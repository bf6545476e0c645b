//! `activity-metric`: a metric that counts an activity rather than an outcome.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

/// Activity verbs, in base and third-person forms.
const VERBS: &[&str] = &[
    "launch",
    "launches",
    "hold",
    "holds",
    "run",
    "runs",
    "create",
    "creates",
    "deliver",
    "delivers",
    "complete",
    "completes",
    "organize",
    "organizes",
    "organise",
    "organises",
    "conduct",
    "conducts",
    "write",
    "writes",
    "attend",
    "attends",
    "host",
    "hosts",
];

pub(super) static RULE: Rule = Rule {
    id: RuleId::ActivityMetric,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a metric counts an activity rather than an outcome",
    doc: r#"# activity-metric

## What it does
Reports a metric that measures doing rather than achieving: its title starts with an activity
verb (launch, hold, run, create, deliver, complete, organize/organise, conduct, write, attend,
host, or their -s forms), or it is a done/not-done switch (baseline 0, target 1).

## Why
OKR practice (Grove; Doerr, *Measure What Matters*) separates key results, which measure
outcomes, from the tasks that produce them: "run 12 workshops" can be met while nobody learns
anything. A 0 → 1 metric is a milestone in disguise: progress jumps from nothing to everything,
so pace and forecasts mean nothing.

## Example
```toml
[goals.erp-fluency.metrics.workshops]
title = "Run ERP workshops for every department"
unit = "count"
baseline = 0
target = 12
```

## How to fix
Measure what the activity is for: "Staff certified at advanced ERP level", "Support tickets
about the ERP per week". Keep the activities as the plan of work, not as the metric. For a
one-off deliverable, use a mastery milestone or a micro goal with a measurable outcome.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for metric in &ctx.ws.metrics {
        let verb = metric.title.as_ref().and_then(|t| {
            let first = t.value.split_whitespace().next()?;
            let first = first.trim_matches(|c: char| !c.is_alphanumeric());
            // The verbs are ASCII: compared in place, no lowercased copy per metric.
            VERBS
                .iter()
                .find(|v| v.eq_ignore_ascii_case(first))
                .map(|v| (t, *v))
        });
        let switch = match (&metric.baseline, &metric.target) {
            (Some(b), Some(t)) if b.value == 0.0 && t.value == 1.0 => Some(t),
            _ => None,
        };
        let d = match (verb, switch) {
            (Some((title, verb)), _) => {
                let also = if switch.is_some() { ", and it only goes from 0 to 1" } else { "" };
                ctx.goal_finding(metric.goal, title.span, format!("metric `{}` counts an activity (\"{verb} ...\") rather than an outcome{also}", ctx.ws.key(metric)))
                    .with_label("an activity")
            }
            (None, Some(target)) => ctx
                .goal_finding(metric.goal, target.span, format!("metric `{}` goes from 0 to 1: a done/not-done switch, not a measure of outcome", ctx.ws.key(metric)))
                .with_label("0 → 1"),
            (None, None) => continue,
        };
        let d = d.with_help("measure the outcome the activity is for, e.g. staff certified or tickets per week, not sessions held");
        ctx.report(d);
    }
}
