//! Reading typed values out of a spanned TOML tree, collecting every problem instead of
//! stopping at the first (which serde's derive would do).
//!
//! Callers walk a table's entries once and dispatch on the key; this module turns each value
//! into a typed [`Sp`] or records a `schema` finding with the value's exact span.

use crate::base::date::Date;
use crate::base::span::{Sp, Span};
use crate::base::suggest::did_you_mean;
use crate::base::text::Text;
use crate::catalog::RuleId;
use crate::diagnostic::{Diagnostic, Fix};
use crate::source::FileId;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

pub type Value<'i> = Spanned<DeValue<'i>>;
pub type Key<'i> = Spanned<DeString<'i>>;

pub fn span_of<T>(spanned: &Spanned<T>) -> Span {
    Span::from_range(spanned.span())
}

/// Collects the `schema` findings of one file.
pub struct Decoder {
    pub file: FileId,
    pub diags: Vec<Diagnostic>,
    /// The text being decoded: strings that are slices of it are shared, not copied.
    source: std::sync::Arc<str>,
}

fn article(type_name: &str) -> &'static str {
    match type_name {
        "integer" | "array" | "inline table" => "an",
        _ => "a",
    }
}

fn describe(value: &DeValue<'_>) -> String {
    let name = match value {
        DeValue::Table(_) => "table",
        DeValue::Datetime(dt) if dt.date.is_some() && dt.time.is_some() => "date-time",
        DeValue::Datetime(dt) if dt.date.is_none() => "time",
        other => other.type_str(),
    };
    format!("{} {name}", article(name))
}

impl Decoder {
    pub fn new(file: FileId, source: std::sync::Arc<str>) -> Self {
        Decoder {
            file,
            diags: Vec::new(),
            source,
        }
    }

    /// A string of the parsed document as [`Text`]: shared when the parser borrowed it from
    /// the source (no escapes), copied otherwise.
    pub fn text(&self, s: &str) -> Text {
        Text::within(&self.source, s)
    }

    /// A fix replacing what is written at `span` with `suggestion`.
    pub fn fix(&self, span: Span, suggestion: &str) -> Fix {
        let written = self.source.get(span.range()).unwrap_or("");
        Fix::replace(self.file, span, written, suggestion)
    }

    pub fn error(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let diags = &mut self.diags;
        diags.push(Diagnostic::error(RuleId::Schema, self.file, span, message));
        diags
            .last_mut()
            .unwrap_or_else(|| unreachable!("pushed just above"))
    }

    fn wrong_type(&mut self, key: &str, expected: &str, value: &Value<'_>, help: Option<String>) {
        let found = describe(value.get_ref());
        let d = self.error(
            span_of(value),
            format!("`{key}` must be {expected}, found {found}"),
        );
        d.label = Some(format!("expected {expected}"));
        d.help = help;
    }

    /// An entry of a table whose keys are fixed: reports it with the closest known field.
    pub fn unknown_field(&mut self, key: &Key<'_>, within: &str, fields: &[&str]) {
        let name = key.get_ref().as_ref();
        let suggestion = did_you_mean(name, fields.iter().copied());
        let help = match suggestion {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("the fields of {within} are: {}", fields.join(", ")),
        };
        let fix = suggestion.map(|s| self.fix(span_of(key), s));
        let d = self.error(span_of(key), format!("unknown field `{name}` in {within}"));
        d.label = Some("unknown field".into());
        d.help = Some(help);
        d.fix = fix;
    }

    /// Reports every required field of `fields` that `table` lacks, in the schema's order;
    /// `at` is the header of the table.
    pub(crate) fn require(
        &mut self,
        at: Span,
        table: &DeTable<'_>,
        fields: &[crate::model::schema::Field],
        within: &str,
    ) {
        for f in fields.iter().filter(|f| f.required) {
            if !table.iter().any(|(key, _)| key.get_ref() == f.name) {
                self.missing(at, f.name, within, f.example);
            }
        }
    }

    /// A required field that is absent; `at` is the header of the table that lacks it.
    pub fn missing(&mut self, at: Span, field: &str, within: &str, example: &str) {
        let d = self.error(at, format!("{within} has no `{field}`, which is required"));
        d.label = Some(format!("`{field}` missing here"));
        d.help = Some(format!("add it, for example: {example}"));
    }

    pub fn string(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<Text>> {
        match value.get_ref() {
            DeValue::String(s) => Some(Sp::new(self.text(s), span_of(value))),
            _ => {
                self.wrong_type(key, "a string", value, None);
                None
            }
        }
    }

    pub fn date(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<Date>> {
        let span = span_of(value);
        match value.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    match Date::from_ymd(i32::from(d.year), d.month.into(), d.day.into()) {
                        Some(date) => Some(Sp::new(date, span)),
                        None => {
                            self.error(span, format!("`{key}` is not a calendar date"));
                            None
                        }
                    }
                }
                (Some(d), Some(_)) => {
                    let date = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
                    self.wrong_type(
                        key,
                        "a date",
                        value,
                        Some(format!(
                            "plans count whole days; drop the time: `{key} = {date}`"
                        )),
                    );
                    None
                }
                _ => {
                    self.wrong_type(key, "a date", value, None);
                    None
                }
            },
            DeValue::String(s) => {
                let help = Date::parse(s.trim())
                    .map(|d| format!("write dates without quotes: `{key} = {d}`"))
                    .or_else(|| Some("write dates as YYYY-MM-DD, without quotes".into()));
                self.wrong_type(key, "a date", value, help);
                None
            }
            _ => {
                self.wrong_type(
                    key,
                    "a date",
                    value,
                    Some("write dates as YYYY-MM-DD, without quotes".into()),
                );
                None
            }
        }
    }

    /// An integer or a float, finite.
    pub fn number(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<f64>> {
        let span = span_of(value);
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            DeValue::String(s) => {
                let help = s
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .map(|n| format!("write numbers without quotes: `{key} = {n}`"));
                self.wrong_type(key, "a number", value, help);
                return None;
            }
            _ => {
                self.wrong_type(key, "a number", value, None);
                return None;
            }
        };
        match parsed {
            Some(n) if n.is_finite() => Some(Sp::new(n, span)),
            _ => {
                let d = self.error(span, format!("`{key}` must be a finite number"));
                d.label = Some("not a finite number".into());
                d.help = Some("`nan` and `inf` cannot be measured against; write a number".into());
                None
            }
        }
    }

    /// A number that must lie in `min..=max`.
    pub fn number_in(
        &mut self,
        key: &str,
        value: &Value<'_>,
        min: f64,
        max: f64,
    ) -> Option<Sp<f64>> {
        let n = self.number(key, value)?;
        if n.value < min || n.value > max {
            let range = if max == f64::MAX {
                format!("at least {min}")
            } else {
                format!("between {min} and {max}")
            };
            let d = self.error(
                n.span,
                format!("`{key}` must be {range}, found {}", n.value),
            );
            d.label = Some("out of range".into());
            return None;
        }
        Some(n)
    }

    /// Hours a week: a number above 0 (`effort`, `capacity`).
    pub fn hours(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<f64>> {
        let n = self.number(key, value)?;
        if n.value <= 0.0 {
            let d = self.error(
                n.span,
                format!(
                    "`{key}` must be more than 0 hours a week, found {}",
                    n.value
                ),
            );
            d.label = Some("not a positive number".into());
            d.help = Some(format!("leave `{key}` out when it is not known"));
            return None;
        }
        Some(n)
    }

    /// One of a fixed set of words (`framework`, a cadence, ...).
    pub fn keyword<T>(
        &mut self,
        key: &str,
        value: &Value<'_>,
        parse: fn(&str) -> Option<T>,
        names: &[&str],
    ) -> Option<Sp<T>> {
        let text = self.string(key, value)?;
        match parse(&text.value) {
            Some(v) => Some(Sp::new(v, text.span)),
            None => {
                self.invalid_choice(key, &text, names);
                None
            }
        }
    }

    /// A string value that is not one of `names`.
    pub fn invalid_choice(&mut self, key: &str, text: &Sp<Text>, names: &[&str]) {
        let suggestion = did_you_mean(&text.value, names.iter().copied());
        let help = match suggestion {
            Some(s) => format!("did you mean \"{s}\"?"),
            None => format!("use one of: {}", names.join(", ")),
        };
        let fix = suggestion.map(|s| self.fix(text.span, s));
        let d = self.error(
            text.span,
            format!(
                "`{key}` must be one of {}, found \"{}\"",
                quoted_list(names),
                text.value
            ),
        );
        d.label = Some("invalid value".into());
        d.help = Some(help);
        d.fix = fix;
    }

    /// An array of strings, or (when `single_allowed`) a lone string standing for one entry.
    pub fn strings(
        &mut self,
        key: &str,
        value: &Value<'_>,
        single_allowed: bool,
    ) -> Option<Sp<Vec<Sp<Text>>>> {
        let span = span_of(value);
        match value.get_ref() {
            DeValue::String(s) if single_allowed => {
                Some(Sp::new(vec![Sp::new(self.text(s), span)], span))
            }
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items.iter() {
                    if let Some(s) = self.string(&format!("{key}[{}]", out.len()), item) {
                        out.push(s);
                    }
                }
                Some(Sp::new(out, span))
            }
            _ => {
                let expected = if single_allowed {
                    "a string or an array of strings"
                } else {
                    "an array of strings"
                };
                self.wrong_type(key, expected, value, None);
                None
            }
        }
    }

    pub fn table<'a, 'i>(&mut self, key: &str, value: &'a Value<'i>) -> Option<&'a DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(key, "a table", value, None);
                None
            }
        }
    }

    /// An array whose items are tables (`[[x]]` or `x = [{...}, ...]`), with each item's span.
    pub fn tables<'a, 'i>(
        &mut self,
        key: &str,
        value: &'a Value<'i>,
    ) -> Option<Vec<(Span, &'a DeTable<'i>)>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, "an array of tables", value, None);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((span_of(item), t)),
                _ => self.wrong_type(&format!("{key}[{}]", out.len()), "a table", item, None),
            }
        }
        Some(out)
    }

    /// A table key used as an id (goal, person, metric). Ids appear in `goal.metric` references
    /// and as words in reports, so dots, blanks and control characters are refused.
    pub fn id(&mut self, key: &Key<'_>, what: &str) -> Option<Sp<Text>> {
        let name = key.get_ref().as_ref();
        let span = span_of(key);
        let bad = name
            .chars()
            .find(|c| *c == '.' || c.is_whitespace() || c.is_control());
        if name.is_empty() || bad.is_some() {
            let d = self.error(
                span,
                format!("`{}` is not a valid {what} id", name.escape_debug()),
            );
            d.label = Some("invalid id".into());
            d.help = Some(format!(
                "{what} ids are single words such as `erp-fluency`: no dots, blanks or control characters"
            ));
            return None;
        }
        if crate::load::ids::refuse_invisible(self, name, span, what) {
            return None;
        }
        Some(Sp::new(self.text(name), span))
    }
}

fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}
