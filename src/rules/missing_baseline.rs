//! `missing-baseline`: a metric has no baseline.

use super::missing_target::lacks_target;
use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::MetricKind;
use crate::progress::counts_new_things;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MissingBaseline,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a metric whose starting value matters has no baseline",
    doc: r#"# missing-baseline

## What it does
Reports a number metric with a target but no `baseline` when its starting value matters: a
level, rate or stock — a share (`%`), a score or rating, a duration, an amount of money, a count
of customers *using* something, a satisfaction rating.

A count of new things made or done in the period — posts published, people hired or certified,
sessions held, courses delivered — starts at 0 by construction: it is not reported, and progress
is measured from 0. goalc tells the two apart from the metric alone, in this order:

1. A metric that goes down (a target below 0, or `direction = "decrease"`) measures a level.
2. A unit that is a level makes it a level: `%`, percent, score, points, rating, stars, NPS,
   CSAT, ratio, rate, index, level, a duration (days, hours, minutes, weeks, months, years …),
   a currency (USD, EUR, GBP, $, €, £, ARR, MRR, revenue …), or a unit with `/` or "per".
3. A title word that names a level makes it a level: rate, ratio, share, percent, average,
   median, per, score, NPS, satisfaction, rating, retention, churn, uptime, latency, using,
   active, adoption, coverage, level, total, maintain, keep, grow, increase, raise, improve,
   reduce, decrease, lower, reach, revenue, pipeline, conversion, proficiency, fluency …, or the
   phrases "time to", "days to".
4. Otherwise a title built on a verb of making or doing (publish, hire, recruit, certify, train,
   onboard, hold, host, run, deliver, ship, launch, release, write, create, produce, record,
   build, add, sign, close, win, land, acquire, complete, finish, conduct, organise, submit,
   merge, fix, resolve, interview, present, teach, mentor, graduate, enrol, develop, design,
   draft, translate, migrate, roll out, book, attend, speak, give, post, open … in any form), or
   on "new", "more", "additional", counts new things.
5. Anything else is a level: when goalc cannot tell, it asks for the baseline.

The opening verb decides first: a title that opens with a verb of making ("Publish …", "Hire
…") counts new things unless its unit is a level; one that opens with "Increase", "Reduce",
"Grow", "Reach", "Maintain" … moves a level. Text in parentheses (examples, asides) is not read,
and "there are …" or "… are running …" describe a state, a level.

Not reported either: a target of 0 (a zero-tolerance guardrail, met at 0 whatever the start),
deliverables and ranges (they have no baseline), and a metric without a target (left to
`missing-target`).

## Why
A target means little without the starting point: 90 % certified is ambitious from 12 % and trivial from 85 %. Progress is measured from the baseline ((current − baseline) / (target − baseline)), so without it progress is unknown and the goal shows as unmeasured. The measurement guidance behind S.M.A.R.T. and OKRs asks to state where a key result starts.

## Example
```toml
[goals.erp-fluency.metrics.certified]
title = "Share of staff certified at advanced level"
unit = "%"
target = 90
# no baseline: 90 % from where?

[goals.blog.metrics.posts]
title = "Publish articles on the learning blog"
unit = "articles"
target = 12
# not reported: articles published in the period start at 0
```

## How to fix
Add the value at the goal's start: `baseline = 12`. If it is not known yet, measure it first; that is usually the first task of the goal.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for metric in &ctx.ws.metrics {
        if metric.kind != MetricKind::Number
            || metric.baseline.is_some()
            || lacks_target(metric)
            || counts_new_things(metric)
            // a zero-tolerance guardrail ("no deal blocked") is met at 0 whatever the start
            || metric.target.as_ref().is_some_and(|t| t.value == 0.0)
        {
            continue;
        }
        let d = ctx
            .metric_finding(
                metric,
                metric.id.span,
                format!("metric `{}` has no `baseline`", ctx.ws.key(metric)),
            )
            .with_label("no baseline")
            .with_help("add the value at the goal's start, for example: `baseline = 12`");
        ctx.report(d);
    }
}
