//! The one sanitiser for user text bound for a terminal, a CI log or markup: no control
//! character reaches them raw, so a plan cannot retitle a terminal, erase its own findings or
//! forge a GitHub workflow command.
//!
//! What is escaped: C0 controls but tab and line feed, DEL, C1 controls, and a carriage return
//! not followed by a line feed (which would move the cursor back over the line). They are shown
//! as `\u{1b}`, readable and inert.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` (followed by `next`) must not reach a terminal as itself.
fn is_unsafe(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        c => c.is_control(),
    }
}

fn escape_with(text: &str, unsafe_char: impl Fn(char, Option<char>) -> bool) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut at = 0;
    while let Some(c) = chars.next() {
        if unsafe_char(c, chars.peek().copied()) {
            let mut out = String::with_capacity(text.len() + 8);
            out.push_str(text.get(..at).unwrap_or_default());
            let mut rest = text.get(at..).unwrap_or_default().chars().peekable();
            while let Some(c) = rest.next() {
                if unsafe_char(c, rest.peek().copied()) {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                } else {
                    out.push(c);
                }
            }
            return Cow::Owned(out);
        }
        at += c.len_utf8();
    }
    Cow::Borrowed(text)
}

/// Text for a terminal or a log, lines kept: messages, help, notes.
pub fn terminal(text: &str) -> Cow<'_, str> {
    escape_with(text, is_unsafe)
}

/// Text that must stay on one line: file names, labels, property values.
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    escape_with(text, |c, next| c == '\n' || is_unsafe(c, next))
}

/// A source snippet for miette: every unsafe character becomes one visible character of the
/// same UTF-8 length, so byte spans into the original text stay right.
pub fn snippet(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut out: Option<String> = None;
    let mut at = 0;
    while let Some(c) = chars.next() {
        let replace = is_unsafe(c, chars.peek().copied());
        if replace && out.is_none() {
            let mut o = String::with_capacity(text.len());
            o.push_str(text.get(..at).unwrap_or_default());
            out = Some(o);
        }
        if let Some(o) = &mut out {
            match (replace, c.len_utf8()) {
                (false, _) => o.push(c),
                (true, 1) => o.push('?'),
                // C1 controls are two bytes long
                (true, _) => o.push('\u{bf}'),
            }
        }
        at += c.len_utf8();
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Text for a GitHub workflow command's message or property: as for a terminal, and ESC is
/// dropped, since GitHub's log renders ANSI sequences. Line breaks are left for the caller to
/// %-encode.
pub fn github(text: &str) -> String {
    terminal(&text.replace('\u{1b}', "")).into_owned()
}

/// Text for HTML, XML or Markdown: as for a terminal, and the two non-characters XML cannot
/// hold become U+FFFD.
pub fn markup(text: &str) -> Cow<'_, str> {
    let escaped = terminal(text);
    if escaped.contains(['\u{fffe}', '\u{ffff}']) {
        Cow::Owned(escaped.replace(['\u{fffe}', '\u{ffff}'], "\u{fffd}"))
    } else {
        escaped
    }
}

/// A whole text bound for a CI log: a line that would start a GitHub workflow command (`::`,
/// after any indentation) gets its first colon escaped. goalc itself never starts a line so.
pub fn no_workflow_commands(text: &str) -> Cow<'_, str> {
    let forged = |line: &str| line.trim_start().starts_with("::");
    if !text.split('\n').any(forged) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if forged(line) {
            let indent = line.len() - line.trim_start().len();
            out.push_str(line.get(..indent).unwrap_or_default());
            out.push_str("\\u{3a}");
            out.push_str(line.get(indent + 1..).unwrap_or_default());
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        assert_eq!(terminal("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(terminal("tab\tline\nwin\r\nend"), "tab\tline\nwin\r\nend");
        assert_eq!(terminal("\r::error::x"), "\\u{d}::error::x");
        assert_eq!(terminal("del\u{7f} c1\u{9b}"), "del\\u{7f} c1\\u{9b}");
        assert_eq!(terminal_line("a\nb"), "a\\u{a}b");
        assert!(matches!(terminal("Ωμ 学 🚀"), Cow::Borrowed(_)));
    }

    #[test]
    fn snippets_keep_their_byte_length() {
        let text = "# \u{1b}[2J\u{9b}\r x\r\n";
        let out = snippet(text);
        assert_eq!(out.len(), text.len());
        assert_eq!(out, "# ?[2J\u{bf}? x\r\n");
    }

    #[test]
    fn github_drops_escape_and_no_line_starts_a_command() {
        assert_eq!(github("a\u{1b}[31mb"), "a[31mb");
        assert_eq!(
            no_workflow_commands("ok\n  ::error::x\nfine ::a"),
            "ok\n  \\u{3a}:error::x\nfine ::a"
        );
        assert_eq!(markup("a\u{ffff}\u{0}"), "a\u{fffd}\\u{0}");
    }
}
