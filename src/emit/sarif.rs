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

pub(super) fn render(checked: &Checked) -> String {
    let ws = &checked.workspace;
    let rule_list: Vec<Value> = rules::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.name(),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.doc },
                "help": { "text": r.doc, "markdown": r.doc },
                "helpUri": rules::help_uri(r.name()),
                "defaultConfiguration": { "level": r.default_severity.as_str() },
            })
        })
        .collect();
    let results: Vec<Value> = checked
        .diagnostics
        .iter()
        .map(|d| {
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
    fn uris_are_encoded() {
        assert_eq!(super::uri("teams/a b.plan.toml"), "teams/a%20b.plan.toml");
        assert_eq!(super::uri("/abs/ü.toml"), "file:///abs/%C3%BC.toml");
    }
}
