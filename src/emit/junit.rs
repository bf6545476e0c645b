//! `--format junit`: JUnit XML for Jenkins and GitLab test reports. Every file checked is a test
//! suite; every finding is a failing test case, and a file without findings has one passing case.

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

use crate::check::Checked;
use crate::source::FileId;
use std::fmt::Write;

/// Escapes text for XML attributes and content. Characters XML 1.0 cannot carry at all (most
/// control characters) become U+FFFD.
pub(super) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn render(checked: &Checked) -> String {
    let ws = &checked.workspace;
    let files: Vec<FileId> = (0..ws.files.len() as u32)
        .map(FileId)
        .filter(|f| checked.in_scope[f.0 as usize])
        .collect();
    let total = checked.diagnostics.len();
    let passing = files
        .iter()
        .filter(|f| !checked.diagnostics.iter().any(|d| d.file == **f))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"goalc\" tests=\"{}\" failures=\"{total}\" errors=\"0\">",
        total + passing
    );
    // Findings are sorted by file, so each file's findings are one run of the list.
    let mut rest = &checked.diagnostics[..];
    for file in files {
        let count = rest.iter().take_while(|d| d.file == file).count();
        let (mine, others) = rest.split_at(count);
        rest = others;
        let name = escape_xml(&ws.file(file).name);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            mine.len().max(1),
            mine.len()
        );
        if mine.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"goalc check\" classname=\"{name}\"/>"
            );
        }
        for d in mine {
            let (start, _) = ws.file(file).range(d.span);
            let mut body = format!(
                "{}:{}:{}: {}",
                ws.file(file).name,
                start.line,
                start.column,
                d.message
            );
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            // No line in the name: a finding that moves is the same test, not a new failure.
            let case = match &d.goal {
                Some(goal) => format!("{} on {goal}", d.rule),
                None => d.rule.to_string(),
            };
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{name}\">",
                escape_xml(&case)
            );
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                d.severity.as_str(),
                escape_xml(&d.message),
                escape_xml(&body)
            );
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            super::escape_xml("<a href=\"x\">&'\u{1}\n"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{fffd}&#10;"
        );
    }
}
