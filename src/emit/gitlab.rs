//! `--format gitlab`: GitLab Code Quality JSON.

use crate::check::Checked;
use crate::diagnostic::Severity;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// FNV-1a, 64 bits: stable across runs and platforms, which is all a fingerprint needs.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

pub(super) fn render(checked: &Checked) -> String {
    let ws = &checked.workspace;
    // Fingerprints leave out line numbers so a finding keeps its identity when lines move above
    // it; identical findings in one file are told apart by their order.
    let mut seen: HashMap<u64, usize> = HashMap::default();
    let issues: Vec<Issue> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let file = ws.file(d.file);
            let base = fnv1a(&[
                d.rule.name(),
                &file.name,
                d.goal.as_deref().unwrap_or(""),
                &d.message,
            ]);
            let n = seen.entry(base).or_insert(0);
            *n += 1;
            let fingerprint = format!("{:016x}", fnv1a(&[&format!("{base:016x}"), &n.to_string()]));
            Issue {
                description: format!("{}: {}", d.rule, d.message),
                check_name: d.rule.name(),
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path: &file.name,
                    lines: Lines {
                        begin: file.position(d.span.start).line,
                    },
                },
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}
