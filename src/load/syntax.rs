//! TOML errors as findings: the parser's errors, what it lets through that TOML forbids, and a
//! table header repeated in one file (a `duplicate-id` with both places shown).

use crate::base::span::Span;
use crate::catalog::RuleId;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use toml::de::{DeTable, DeValue};
/// The text after the one byte-order mark dropped: a second one is not TOML.
pub(super) fn starts_with_second_bom(text: &str) -> bool {
    text.starts_with('\u{feff}')
}

/// At most this many syntax findings a file, then one that says how many more there are: a
/// file of junk (a CSV named `*.plan.toml`) gives thousands, each costing a scan of its line.
pub(super) const MAX_SYNTAX_FINDINGS: usize = 100;

/// Integers the parser lets through though TOML forbids them (a bare `0x`, digits from other
/// scripts, values beyond 64 bits): every value they stand for would be a guess. True with a
/// span for an integer out of range.
pub(super) fn malformed_integers(root: &DeTable<'_>) -> Vec<(Span, bool)> {
    let mut bad = Vec::new();
    let mut stack: Vec<&toml::Spanned<DeValue<'_>>> = root.values().collect();
    while let Some(value) = stack.pop() {
        match value.get_ref() {
            DeValue::Integer(i) if i64::from_str_radix(i.as_str(), i.radix()).is_err() => {
                let wide = i128::from_str_radix(i.as_str(), i.radix()).is_ok();
                bad.push((crate::load::decode::span_of(value), wide));
            }
            DeValue::Array(items) => stack.extend(items.iter()),
            DeValue::Table(table) => stack.extend(table.values()),
            _ => {}
        }
    }
    bad.sort();
    bad
}

/// TOML errors as `syntax` findings. A table header that repeats `[goals.ID]` or
/// `[people.ID]` in one file is a `duplicate-id` with both places shown; the parser's follow-up
/// complaints about the keys of the repeated table are dropped.
pub(super) fn syntax_diagnostics(
    id: FileId,
    text: &str,
    errors: &[toml::de::Error],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut in_repeated_table = false;
    for (n, err) in errors.iter().enumerate() {
        let range = err.span().unwrap_or(0..0);
        let span = Span::from_range(range.clone());
        if out.len() >= MAX_SYNTAX_FINDINGS {
            out.push(more_syntax_errors(id, span, errors.len() - n));
            break;
        }
        // Bytes, not `str`: a span is not promised to fall on a character boundary.
        let line_start = text
            .as_bytes()
            .get(..range.start)
            .unwrap_or(text.as_bytes())
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = text[line_start..].lines().next().unwrap_or("");
        let header = header_path(line);
        if header.is_some() {
            in_repeated_table = false;
        }
        if err.message() == "duplicate key" {
            if let Some(path @ [kind, table_id]) = header.as_deref() {
                let what = match kind.as_str() {
                    "goals" => Some("goal"),
                    "people" => Some("person"),
                    _ => None,
                };
                if let Some(what) = what {
                    in_repeated_table = true;
                    let mut d = Diagnostic::error(
                        RuleId::DuplicateId,
                        id,
                        span,
                        format!("{what} `{table_id}` is defined twice"),
                    )
                    .with_label("defined again here")
                    .with_help(format!("{what} ids are unique in the workspace: rename one of them or merge the two tables"));
                    if let Some(first) = first_header(text, path, line_start) {
                        d = d.with_related(id, first, "first defined here");
                    }
                    if what == "goal" {
                        d.goal = Some(table_id.clone());
                    }
                    out.push(d);
                    continue;
                }
            }
            if in_repeated_table && header.is_none() {
                continue;
            }
        }
        out.push(
            Diagnostic::error(RuleId::Syntax, id, span, err.message().to_string())
                .with_label(err.message().to_string())
                .with_help("fix the TOML syntax; https://toml.io describes the format"),
        );
    }
    out
}

/// The finding that stands for the syntax errors not reported one by one.
pub(super) fn more_syntax_errors(id: FileId, span: Span, more: usize) -> Diagnostic {
    Diagnostic::error(
        RuleId::Syntax,
        id,
        span,
        format!("and {more} more syntax errors in this file"),
    )
    .with_label("the next one is here")
    .with_help("fix the errors above first; is this file TOML at all?")
}

/// The dotted path of a `[a.b]` header line, keys unquoted; `None` for other lines.
fn header_path(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('[')?;
    let inner = inner.split('#').next()?.trim_end().strip_suffix(']')?;
    if inner.starts_with('[') {
        return None;
    }
    Some(
        inner
            .split('.')
            .map(|k| k.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
            .collect(),
    )
}

/// The span of the id in the first `[segment.id]` header before `before`.
fn first_header(text: &str, path: &[String], before: usize) -> Option<Span> {
    let table_id = path.last()?;
    let mut offset = 0;
    for line in text.get(..before)?.split_inclusive('\n') {
        if header_path(line).as_deref() == Some(path) {
            let at = line.find(table_id.as_str()).unwrap_or(0);
            return Some(Span::new(offset + at, offset + at + table_id.len()));
        }
        offset += line.len();
    }
    None
}
