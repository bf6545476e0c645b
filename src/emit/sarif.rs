//! `--format sarif`: SARIF 2.1.0, one run, every registered rule described.

use crate::check::Checked;
use crate::diagnostic::Severity;
use crate::rules;
use serde_json::{Value, json};

/// A relative path as a URI reference: `/`-separated, with anything outside RFC 3986's
/// unreserved set percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The one paragraph under a rule doc's "## What it does", as plain text.
fn what_it_does(doc: &str) -> String {
    let body = doc
        .split_once("## What it does\n")
        .map_or(doc, |(_, rest)| rest);
    let paragraph = body.split("\n\n").next().unwrap_or(body);
    // a list that follows the paragraph's lead is detail for the full doc
    let paragraph = paragraph.split("\n- ").next().unwrap_or(paragraph);
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// FNV-1a, 64 bits: a fingerprint that is the same on every platform and in every version.
fn fnv1a(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Per finding, a fingerprint that survives lines moving (GitHub code scanning would otherwise
/// match alerts by line and re-open them): the rule, the file and the goal, and the n-th such
/// finding of that goal (one per metric, in the order they are written); a finding about no
/// goal is told apart by its message instead.
fn fingerprints(checked: &Checked) -> Vec<String> {
    let ws = &checked.workspace;
    let mut seen: Vec<(String, usize)> = Vec::new();
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let file = &ws.file(d.file).name;
            let key = match &d.goal {
                Some(goal) => fnv1a(&[d.rule.name(), file, goal]),
                None => fnv1a(&[d.rule.name(), file, "", &d.message]),
            };
            let n = match seen.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.1
                }
                None => {
                    seen.push((key.clone(), 1));
                    1
                }
            };
            format!("{key}:{n}")
        })
        .collect()
}

pub(super) fn render(checked: &Checked) -> String {
    let ws = &checked.workspace;
    let prints = fingerprints(checked);
    let rule_list: Vec<Value> = rules::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.name(),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": what_it_does(r.doc) },
                "help": { "text": r.doc, "markdown": r.doc },
                "helpUri": rules::help_uri(r.name()),
                "defaultConfiguration": { "level": r.default_severity.as_str() },
            })
        })
        .collect();
    let results: Vec<Value> = checked
        .diagnostics
        .iter()
        .zip(&prints)
        .map(|(d, print)| {
            let file = ws.file(d.file);
            let (start, end) = file.range(d.span);
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let rule_index = rules::RULES.iter().position(|r| r.id == d.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": d.rule.name(),
                "ruleIndex": rule_index,
                "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": { "text": text },
                "partialFingerprints": { "goalc/v1": print },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&file.name) },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        }
                    }
                }],
            });
            if !d.related.is_empty() {
                let related: Vec<Value> = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let f = ws.file(l.file);
                        let (s, e) = f.range(l.span);
                        json!({
                            "id": i,
                            "message": { "text": l.message },
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri(&f.name) },
                                "region": { "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column }
                            }
                        })
                    })
                    .collect();
                if let Some(map) = result.as_object_mut() {
                    map.insert("relatedLocations".into(), Value::Array(related));
                }
            }
            if (d.goal.is_some() || d.metric.is_some())
                && let Some(map) = result.as_object_mut()
            {
                    map.insert(
                        "properties".into(),
                        json!({ "goal": d.goal, "metric": d.metric }),
                    );
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "goalc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/goalc/goalc",
                    "rules": rule_list,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn full_description_is_the_first_paragraph() {
        let doc = "# r\n\n## What it does\nFinds a\nthing.\n\nMore.\n\n## Why\nx";
        assert_eq!(super::what_it_does(doc), "Finds a thing.");
    }

    #[test]
    fn uris_are_encoded() {
        assert_eq!(super::uri("teams/a b.plan.toml"), "teams/a%20b.plan.toml");
        assert_eq!(super::uri("/abs/ü.toml"), "file:///abs/%C3%BC.toml");
    }
}
