//! `schema`: a field that does not belong, has the wrong type or value, or is missing.
//! Found by the loader (fields, types, values) and the resolver (levels, `allow` entries).

use super::{Check, Rule};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::Schema,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "unknown field, wrong type, invalid value or missing required field",
    doc: r#"# schema

## What it does
Checks every table of a plan or progress file against the file format: unknown fields (with the
closest known name), values of the wrong type (a quoted date, a number written as a string),
invalid values (`framework = "hrad"`, a level that is not in `levels`, `nan`, a milestone level
outside 1-5, a confidence outside 0-1), missing required fields (`title` and `owner` of a goal,
`title`, `owner`, `start` and `end` of a plan, `date` and `value` of a check-in), framework
fields on a goal of another framework, and `allow` entries that name no rule.

## Why
A misspelt field is silently ignored by most tools: `titel = "..."` would leave the goal without
a title and `baseline` typed as `basline` would make progress unmeasurable. Failing loudly, with
a suggestion, catches these mistakes while they are being typed.

## Example
```toml
[goals.erp-fluency]
titel = "Every employee works fluently in the new ERP"
owner = "maria"
due = "2026-06-30"
```

## How to fix
Follow the help line: rename the field to the suggested name, remove the quotes around dates and
numbers, or add the missing field. `goalc schema` prints the JSON Schema of the format.
"#,
    thresholds: &[],
    check: Check::Structural,
};
