//! `syntax`: the file is not valid TOML. Found by the loader.

use super::{Check, Rule};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::Syntax,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "the file is not valid UTF-8 TOML",
    doc: r#"# syntax

## What it does
Reports every place where a plan or progress file is not valid TOML: unclosed strings or
brackets, a key written twice, a value without quotes, bytes that are not UTF-8, a file too
large to read.

## Why
A file that cannot be parsed cannot be checked at all, and goals other files align to would go
missing. goalc still reads what it can of a broken file, so references into it keep resolving,
but it judges nothing else in it until the syntax is fixed.

## Example
```toml
[goals.erp-fluency]
title = "Every employee works fluently in the new ERP
```

## How to fix
Close the string, bracket or table the message points at. A key may appear only once per table;
strings need quotes; dates are written bare (`due = 2026-06-30`).
"#,
    thresholds: &[],
    check: Check::Structural,
};
