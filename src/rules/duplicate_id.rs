//! `duplicate-id`: a goal or person id defined twice. Found by the loader (within a file) and
//! the resolver (across files).

use super::{Check, Rule};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::DuplicateId,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a goal or person id is defined twice in the workspace",
    doc: r#"# duplicate-id

## What it does
Reports a goal id or person id that is defined more than once in the workspace, in one file or
in two, and shows both definitions.

## Why
Goal ids are how goals align to each other across files: `aligns_to = ["erp-fluency"]` must name
exactly one goal. Two goals with one id make every link to it ambiguous and every rollup wrong.
Copying a team plan as the start of another is the usual cause.

## Example
```toml
# teams/sales.plan.toml
[goals.q3-pipeline]
title = "Grow qualified pipeline from 40 to 55 deals"

# teams/marketing.plan.toml
[goals.q3-pipeline]
title = "Generate 300 marketing qualified leads"
```

## How to fix
Rename one of the two goals (and the `aligns_to` entries that meant it), or merge them if they
are the same goal.
"#,
    thresholds: &[],
    check: Check::Structural,
};
