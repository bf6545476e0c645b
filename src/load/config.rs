//! Reading goalc.toml into the [`Settings`](crate::settings::Config) of a run.

use crate::base::memory;
use crate::base::span::Sp;
use crate::base::suggest::did_you_mean;
use crate::base::text::Text;
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Diagnostic;
use crate::load::decode::{Decoder, span_of};
use crate::settings::{Config, LEVEL_NAMES, RuleLevel, RuleSetting};
use crate::source::{FileId, FileKind, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::de::{DeTable, DeValue};

const FIELDS: &[&str] = &[
    "$schema",
    "as_of",
    "levels",
    "max_file_bytes",
    "rules",
    "exclude",
    "extend-exclude",
    "overrides",
    "title",
];

/// The thresholds a rule takes. The rules know them; the caller passes their table in, so that
/// reading the settings does not depend on the rules' code.
pub type Thresholds = fn(RuleId) -> &'static [&'static Threshold];

/// A goalc.toml that cannot be used; the run stops with exit code 2.
#[derive(Debug)]
pub enum ConfigError {
    Io(PathBuf, std::io::Error),
    Invalid {
        source: Box<SourceFile>,
        diags: Vec<Diagnostic>,
    },
}

/// Reads and validates a goalc.toml.
pub fn load(path: &Path, name: String, thresholds: Thresholds) -> Result<Config, ConfigError> {
    let io = |e| ConfigError::Io(path.to_path_buf(), e);
    let bytes = match crate::base::fsio::read_regular(path, crate::settings::MAX_FILE_BYTES) {
        Ok(crate::base::fsio::Bounded::Bytes(bytes)) => bytes,
        Ok(crate::base::fsio::Bounded::TooLarge(len)) => {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{len} bytes is too large for a configuration"),
            )));
        }
        Err(e) => return Err(io(e)),
    };
    from_bytes(path, name, bytes, thresholds)
}

/// Validates the bytes of a goalc.toml read from `path`.
pub fn from_bytes(
    path: &Path,
    name: String,
    bytes: Vec<u8>,
    thresholds: Thresholds,
) -> Result<Config, ConfigError> {
    let text = String::from_utf8(bytes).map_err(|_| {
        ConfigError::Io(
            path.to_path_buf(),
            std::io::Error::new(std::io::ErrorKind::InvalidData, "not valid UTF-8"),
        )
    })?;
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let source = SourceFile::new(path.to_path_buf(), name, FileKind::Plan, text.clone());
    let mut config = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    let mut dec = Decoder::new(FileId(0), text.clone());
    match DeTable::parse(&text) {
        Err(err) => {
            let span = crate::base::span::Span::from_range(err.span().unwrap_or(0..0));
            dec.diags.push(
                Diagnostic::error(RuleId::Syntax, FileId(0), span, err.message().to_string())
                    .with_label(err.message().to_string()),
            );
        }
        Ok(root) => decode(&mut dec, root.get_ref(), &mut config, thresholds),
    }
    if dec.diags.is_empty() {
        Ok(config)
    } else {
        Err(ConfigError::Invalid {
            source: Box::new(source),
            diags: dec.diags,
        })
    }
}

fn decode(dec: &mut Decoder, root: &DeTable<'_>, config: &mut Config, thresholds: Thresholds) {
    for (key, value) in root.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "$schema" => {
                dec.string(name, value);
            }
            "as_of" => config.as_of = dec.date(name, value).map(|d| d.value),
            "title" => {
                config.title = dec
                    .string(name, value)
                    .map(|t| t.value.as_str().trim().to_string())
                    .filter(|t| !t.is_empty());
            }
            "levels" => {
                if let Some(levels) = dec.strings(name, value, false) {
                    decode_levels(dec, levels, config);
                }
            }
            "max_file_bytes" => {
                if let Some(n) = dec.number_in(name, value, 1.0, memory::CEILING as f64) {
                    if n.value.fract() != 0.0 {
                        let d = dec.error(n.span, format!("`{name}` must be a whole number"));
                        d.label = Some("not a whole number".into());
                    } else {
                        let wanted = n.value as u64;
                        match over_memory(wanted, memory::total()) {
                            Some(message) => {
                                let d = dec.error(n.span, message);
                                d.label = Some("more than this machine can check".into());
                                d.help = Some(format!(
                                    "set it to {} or less, or split the largest plans",
                                    memory::max_file_bytes_for(memory::total())
                                ));
                            }
                            None => config.max_file_bytes = wanted,
                        }
                    }
                }
            }
            "rules" => {
                if let Some(table) = dec.table(name, value) {
                    for (rule, setting) in table.iter() {
                        let levels = config.levels.clone();
                        if let Some(s) = decode_rule(dec, rule, setting, thresholds, levels) {
                            config.rules.push(s);
                        }
                    }
                }
            }
            "exclude" => {
                if let Some(globs) = decode_globs(dec, name, value) {
                    config.exclude = globs;
                }
            }
            "extend-exclude" => {
                if let Some(globs) = decode_globs(dec, name, value) {
                    config.extend_exclude = globs;
                }
            }
            "overrides" => decode_overrides(dec, value, config),
            _ => dec.unknown_field(key, "goalc.toml", FIELDS),
        }
    }
}

/// An array of globs, each checked here so that a bad one is shown where it is written.
fn decode_globs(
    dec: &mut Decoder,
    name: &str,
    value: &crate::load::decode::Value<'_>,
) -> Option<Vec<String>> {
    let globs = dec.strings(name, value, false)?;
    let mut out = Vec::with_capacity(globs.value.len());
    for glob in &globs.value {
        match globset::Glob::new(glob.value.trim_end_matches('/')) {
            Ok(_) => out.push(glob.value.to_string()),
            Err(e) => {
                let d = dec.error(
                    glob.span,
                    format!("invalid glob `{}`: {}", glob.value, e.kind()),
                );
                d.label = Some("not a glob".into());
                d.help = Some("for example: \"drafts/**\" or \"*.old.plan.toml\"".into());
            }
        }
    }
    Some(out)
}

fn decode_overrides(
    dec: &mut Decoder,
    value: &crate::load::decode::Value<'_>,
    config: &mut Config,
) {
    let DeValue::Array(entries) = value.get_ref() else {
        let d = dec.error(span_of(value), "`overrides` must be an array of tables");
        d.help = Some(
            "for example:\n[[overrides]]\nfiles = [\"people/**\"]\nrules = { orphan-goal = \"off\" }"
                .into(),
        );
        return;
    };
    for entry in entries.iter() {
        let Some(table) = dec.table("overrides", entry) else {
            continue;
        };
        let mut files = None;
        let mut rules = Vec::new();
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            match name {
                "files" => {
                    let Some(globs) = decode_globs(dec, name, value) else {
                        continue;
                    };
                    let mut set = globset::GlobSetBuilder::new();
                    for glob in &globs {
                        if let Ok(g) = globset::GlobBuilder::new(glob.trim_end_matches('/'))
                            .literal_separator(true)
                            .build()
                        {
                            set.add(g);
                        }
                    }
                    files = set.build().ok();
                }
                "rules" => {
                    let Some(table) = dec.table(name, value) else {
                        continue;
                    };
                    for (rule_key, setting) in table.iter() {
                        let Some(rule) = rule_name(dec, rule_key) else {
                            continue;
                        };
                        if let Some(level) = decode_level(dec, rule.name(), setting) {
                            rules.push((rule, level, span_of(rule_key)));
                        }
                    }
                }
                _ => dec.unknown_field(key, "an `[[overrides]]` entry", &["files", "rules"]),
            }
        }
        match files {
            Some(files) => config
                .overrides
                .push(crate::settings::Override { files, rules }),
            None => {
                let d = dec.error(span_of(entry), "an `[[overrides]]` entry needs `files`");
                d.help = Some("for example: files = [\"people/**\"]".into());
            }
        }
    }
}

/// A rule named as a key of goalc.toml: one that exists and can be configured.
fn rule_name(dec: &mut Decoder, key: &crate::load::decode::Key<'_>) -> Option<RuleId> {
    let name = key.get_ref().as_ref();
    let Some(rule) = RuleId::from_name(name) else {
        let suggestion = did_you_mean(name, RuleId::names());
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? `goalc rules` lists every rule"),
            None => "`goalc rules` lists every rule".to_string(),
        };
        let fix = suggestion.map(|s| dec.fix(span_of(key), s));
        let d = dec.error(span_of(key), format!("unknown rule `{name}`"));
        d.label = Some("no such rule".into());
        d.help = Some(help);
        d.fix = fix;
        return None;
    };
    if rule.is_structural() {
        let d = dec.error(
            span_of(key),
            format!("`{name}` is a structural rule and cannot be configured"),
        );
        d.label = Some("always an error".into());
        d.help = Some(
            "structural problems make the rest of the check unreliable; fix them instead".into(),
        );
        return None;
    }
    Some(rule)
}

fn decode_levels(dec: &mut Decoder, levels: Sp<Vec<Sp<Text>>>, config: &mut Config) {
    if levels.value.is_empty() {
        let d = dec.error(levels.span, "`levels` must name at least one level");
        d.help = Some("for example: levels = [\"org\", \"team\", \"individual\"]".into());
        return;
    }
    let mut names: Vec<String> = Vec::new();
    for level in &levels.value {
        if level.value.trim().is_empty() || names.iter().any(|n| *n == level.value) {
            let d = dec.error(
                level.span,
                format!("level \"{}\" is empty or listed twice", level.value),
            );
            d.help = Some("list each level once, top level first".into());
        } else {
            names.push(level.value.to_string());
        }
    }
    config.levels = names;
}

fn decode_rule(
    dec: &mut Decoder,
    key: &crate::load::decode::Key<'_>,
    value: &crate::load::decode::Value<'_>,
    thresholds: Thresholds,
    config_levels: Vec<String>,
) -> Option<RuleSetting> {
    let name = key.get_ref().as_ref();
    let rule = rule_name(dec, key)?;
    let mut setting = RuleSetting {
        rule,
        level: RuleLevel::Default,
        thresholds: Vec::new(),
        levels: None,
    };
    match value.get_ref() {
        DeValue::String(_) => setting.level = decode_level(dec, name, value)?,
        DeValue::Table(table) => {
            let mut spans = Vec::new();
            for (key, value) in table.iter() {
                let field = key.get_ref().as_ref();
                if field == "level" {
                    setting.level = decode_level(dec, "level", value)?;
                    continue;
                }
                if field == "levels" && rule.takes_levels() {
                    setting.levels = decode_rule_levels(dec, value, &config_levels);
                    continue;
                }
                let Some(threshold) = thresholds(rule).iter().find(|t| t.name == field) else {
                    let mut known: Vec<&str> = vec!["level"];
                    if rule.takes_levels() {
                        known.push("levels");
                    }
                    known.extend(thresholds(rule).iter().map(|t| t.name));
                    dec.unknown_field(key, &format!("the settings of `{name}`"), &known);
                    continue;
                };
                let Some(n) = dec.number_in(field, value, threshold.min, threshold.max) else {
                    continue;
                };
                if threshold.integer && n.value.fract() != 0.0 {
                    let d = dec.error(n.span, format!("`{field}` must be a whole number"));
                    d.label = Some("not a whole number".into());
                    continue;
                }
                setting.thresholds.push((threshold.name, n.value));
                spans.push(n.span);
            }
            check_bounds_order(dec, name, thresholds(rule), &setting.thresholds, &spans);
        }
        _ => {
            let d = dec.error(
                span_of(value),
                format!("the setting of `{name}` must be a severity or a table"),
            );
            d.help = Some(format!(
                "for example: {name} = \"warning\", or {name} = {{ level = \"error\" }}"
            ));
            return None;
        }
    }
    Some(setting)
}

/// A rule's `levels`: names of the workspace's levels (goalc.toml's `levels`, or the default
/// ones when goalc.toml sets them after the rules).
fn decode_rule_levels(
    dec: &mut Decoder,
    value: &crate::load::decode::Value<'_>,
    known: &[String],
) -> Option<Vec<String>> {
    let list = dec.strings("levels", value, false)?;
    let mut out = Vec::new();
    for level in list.value {
        if known.iter().any(|k| *k == level.value) {
            out.push(level.value.to_string());
        } else {
            let names: Vec<&str> = known.iter().map(String::as_str).collect();
            let suggestion = did_you_mean(&level.value, names.iter().copied());
            let fix = suggestion.map(|s| dec.fix(level.span, s));
            let d = dec.error(level.span, format!("unknown level \"{}\"", level.value));
            d.label = Some("not a level of this workspace".into());
            d.help = Some(format!("the levels are: {}", names.join(", ")));
            d.fix = fix;
        }
    }
    Some(out)
}

fn decode_level(
    dec: &mut Decoder,
    key: &str,
    value: &crate::load::decode::Value<'_>,
) -> Option<RuleLevel> {
    dec.keyword(key, value, RuleLevel::parse, LEVEL_NAMES)
        .map(|l| l.value)
}

/// A rule's `min`/`max` (or `min-X`/`max-X`) thresholds, as configured or by default, must not
/// cross: no count is both at least 5 and at most 2, and a rule so set would fire on everything.
fn check_bounds_order(
    dec: &mut Decoder,
    rule: &str,
    known: &[&'static Threshold],
    set: &[(&'static str, f64)],
    spans: &[crate::base::span::Span],
) {
    let value = |name: &str| {
        set.iter()
            .position(|(n, _)| *n == name)
            .and_then(|i| Some((set.get(i)?.1, spans.get(i).copied())))
            .or_else(|| {
                known
                    .iter()
                    .find(|t| t.name == name)
                    .map(|t| (t.default, None))
            })
    };
    for low in known {
        let Some(rest) = low.name.strip_prefix("min") else {
            continue;
        };
        let high = format!("max{rest}");
        let (Some((lo, lo_span)), Some((hi, hi_span))) = (value(low.name), value(&high)) else {
            continue;
        };
        // Only what the user wrote can be wrong; the defaults are in order.
        let Some(span) = lo_span.or(hi_span) else {
            continue;
        };
        if lo > hi {
            let d = dec.error(
                span,
                format!(
                    "`{}` ({lo}) is above `{high}` ({hi}) in the settings of `{rule}`",
                    low.name
                ),
            );
            d.label = Some(format!("above `{high}`"));
            d.help = Some(format!("`{}` must be at most `{high}`", low.name));
        }
    }
}

/// Why a `max_file_bytes` of `wanted` cannot be checked in `total` bytes of memory, if it cannot.
fn over_memory(wanted: u64, total: Option<u64>) -> Option<String> {
    let allowed = memory::max_file_bytes_for(total);
    let total = total?;
    (wanted > allowed).then(|| {
        format!(
            "`max_file_bytes` = {wanted} would need about {} of memory to check one file that \
             large (about {} bytes per byte of plan, measured); this machine has {}, enough for \
             {allowed}",
            memory::human(wanted.saturating_mul(memory::PEAK_PER_BYTE)),
            memory::PEAK_PER_BYTE,
            memory::human(total),
        )
    })
}
