//! `--format github`: GitHub Actions workflow commands, one per finding.

use crate::check::Checked;
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Escapes the message part of a workflow command: no control character but a %-encoded line
/// break, so no user string can end the command or start another.
pub(super) fn escape_data(text: &str) -> String {
    crate::base::sanitize::github(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators too.
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn render(checked: &Checked) -> String {
    let ws = &checked.workspace;
    let mut out = String::new();
    for d in &checked.diagnostics {
        let file = ws.file(d.file);
        let (start, end) = file.range(d.span);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = write!(
            out,
            "::{command} file={},line={}",
            escape_property(&file.name),
            start.line
        );
        // Columns only mean something to GitHub on a single line.
        if start.line == end.line {
            let _ = write!(
                out,
                ",col={},endLine={},endColumn={}",
                start.column, end.line, end.column
            );
        } else {
            let _ = write!(out, ",endLine={}", end.line);
        }
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            ",title={}::{}",
            escape_property(d.rule.name()),
            escape_data(&message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_specifies() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
