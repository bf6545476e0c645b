//! Escapers that keep user strings text in the formats reports are written in.

use crate::base::sanitize;

/// Escapes text for HTML content and attributes; control characters are shown escaped, never
/// raw.
pub(crate) fn escape_html(text: &str) -> String {
    handlebars::html_escape(&sanitize::markup(text))
}

/// Escapes text for an inline position of GitHub-flavoured Markdown (a table cell, a list item,
/// a heading): no emphasis, link, code span, raw HTML or table border can start in it, and it
/// stays on one line.
pub fn escape_markdown(text: &str) -> String {
    let text = sanitize::markup(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut at_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Only `&name;` or `&#..;` is an entity: a plain `&` stays plain ("Sales & ops").
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' | '\n' => {
                // a line break would end a table row or a list item
                if chars.peek() != Some(&'\n') || c == '\n' {
                    out.push(' ');
                }
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // Block markers only act at the start of a line: `- x`, `+ x`, `= x`.
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if ordered_list_marker(&out) => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        at_start = false;
    }
    out
}

/// Whether `out` so far is only digits, so a `.` or `)` next would make an ordered list marker.
fn ordered_list_marker(out: &str) -> bool {
    !out.is_empty() && out.bytes().all(|b| b.is_ascii_digit())
}

/// Escapes text for a quoted Mermaid label (`id["..."]`) with Mermaid's entity codes: no quote,
/// bracket, HTML tag, backtick (Markdown strings) or fence can be formed.
pub fn escape_mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if c.is_alphanumeric() => out.push(c),
            ' ' | '.' | ',' | '-' | '_' | '/' | ':' | '\'' | '!' | '?' | '+' | '%' | '(' | ')' => {
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push_str(&format!("#{};", u32::from(c))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_markup_as_text() {
        assert_eq!(escape_markdown("a | b"), "a \\| b");
        assert_eq!(
            escape_markdown("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape_markdown("*bold* _it_ `code`"),
            "\\*bold\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(escape_markdown("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(escape_markdown("line\nbreak\r\nhere"), "line break here");
        assert_eq!(escape_markdown("# heading"), "\\# heading");
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("12. item"), "12\\. item");
        assert_eq!(escape_markdown("Q3 2026. Done"), "Q3 2026. Done");
        assert_eq!(escape_markdown("time-to-hire"), "time-to-hire");
        assert_eq!(escape_markdown("{{x}} & Ω 学 🚀"), "{{x}} & Ω 学 🚀");
        assert_eq!(
            escape_markdown("R&D &amp; &#60;"),
            "R\\&D \\&amp; \\&\\#60;"
        );
    }

    #[test]
    fn mermaid_labels_cannot_close_their_quotes() {
        assert_eq!(escape_mermaid("say \"hi\""), "say #34;hi#34;");
        assert_eq!(escape_mermaid("<b>x</b>"), "#60;b#62;x#60;/b#62;");
        assert_eq!(escape_mermaid("```"), "#96;#96;#96;");
        assert_eq!(escape_mermaid("a\nb; c#"), "a b#59; c#35;");
        assert_eq!(escape_mermaid("Ωμέγα 学习"), "Ωμέγα 学习");
    }
}
