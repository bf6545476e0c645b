//! `goalc rules` and `goalc explain`: the rule catalogue, as a list and one rule at a time.

use super::common::write_stdout;
use crate::base::suggest::did_you_mean;
use crate::rules;

#[derive(clap::Args, Debug)]
pub(super) struct ExplainArgs {
    /// The rule's name, as `goalc rules` lists it
    rule: String,
}

pub(super) fn run() -> Result<u8, String> {
    let width = rules::RULES
        .iter()
        .map(|r| r.name().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for rule in rules::RULES {
        let severity = if rule.structural() {
            "error (structural)"
        } else {
            rule.default_severity.as_str()
        };
        out.push_str(&format!(
            "{:width$}  {:18}  {}\n",
            rule.name(),
            severity,
            rule.summary
        ));
    }
    write_stdout(&out)?;
    Ok(0)
}

pub(super) fn explain(args: ExplainArgs) -> Result<u8, String> {
    let rule = args.rule;
    match rules::find(&rule) {
        Some(r) => {
            write_stdout(r.doc)?;
            Ok(0)
        }
        None => Err(match did_you_mean(&rule, rules::names()) {
            Some(s) => format!("unknown rule `{rule}`; did you mean `{s}`?"),
            None => format!("unknown rule `{rule}`; `goalc rules` lists every rule"),
        }),
    }
}
