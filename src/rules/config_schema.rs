//! The JSON Schema of goalc.toml (`goalc schema --config`), from the rule registry: every rule
//! that can be configured, its levels and its thresholds with their ranges, so editors complete
//! and check the file as goalc reads it.

use super::RULES;
use crate::settings::LEVEL_NAMES;
use serde_json::{Map, Value, json};

/// The JSON Schema (draft-07) of goalc.toml.
pub fn json_schema() -> Value {
    let mut rules = Map::new();
    let mut levels_only = Map::new();
    for rule in RULES.iter().filter(|r| !r.structural()) {
        let level = json!({ "type": "string", "enum": LEVEL_NAMES });
        let mut table = Map::new();
        table.insert("level".into(), level.clone());
        for t in rule.thresholds {
            let mut n = Map::new();
            n.insert(
                "type".into(),
                json!(if t.integer { "integer" } else { "number" }),
            );
            n.insert("minimum".into(), json!(t.min));
            n.insert("maximum".into(), json!(t.max));
            n.insert("default".into(), json!(t.default));
            n.insert("description".into(), json!(t.description));
            table.insert(t.name.into(), Value::Object(n));
        }
        rules.insert(
            rule.name().into(),
            json!({
                "description": rule.summary,
                "anyOf": [
                    level,
                    { "type": "object", "properties": table, "additionalProperties": false }
                ]
            }),
        );
        levels_only.insert(
            rule.name().into(),
            json!({ "description": rule.summary, "type": "string", "enum": LEVEL_NAMES }),
        );
    }
    let globs =
        |doc: &str| json!({ "type": "array", "items": { "type": "string" }, "description": doc });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "urn:goalc:schema:config",
        "title": "goalc.toml",
        "description": "The settings of a goalc workspace: levels, the as-of date, rule levels and thresholds, exclusions and per-path overrides.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "$schema": { "type": "string", "description": "The JSON Schema this file follows, for editors; goalc ignores it." },
            "as_of": { "type": "string", "format": "date", "description": "The date progress and time-dependent rules are judged at (YYYY-MM-DD); --as-of overrides it." },
            "title": { "type": "string", "description": "The title of reports (a quarterly review's heading); default: the title of the top-level plan." },
            "levels": {
                "type": "array", "minItems": 1, "uniqueItems": true,
                "items": { "type": "string", "minLength": 1 },
                "description": "The goal levels, top first. Default: [\"org\", \"team\", \"individual\"]."
            },
            "max_file_bytes": { "type": "integer", "minimum": 1, "maximum": 1073741824, "description": "Plan and progress files larger than this are not parsed." },
            "exclude": globs("Globs of files and folders discovery skips (relative to this file's folder, or a name). Replaces the default, [\"node_modules\"]."),
            "extend-exclude": globs("Globs skipped beside `exclude`."),
            "rules": {
                "type": "object", "additionalProperties": false, "properties": rules,
                "description": "Rule levels (\"error\", \"warning\", \"off\") and thresholds."
            },
            "overrides": {
                "type": "array",
                "description": "Rule levels for some files only, like ruff's per-file-ignores.",
                "items": {
                    "type": "object", "additionalProperties": false, "required": ["files", "rules"],
                    "properties": {
                        "files": globs("Globs of the plan and progress files (relative to this file's folder) the override applies to."),
                        "rules": { "type": "object", "additionalProperties": false, "properties": levels_only }
                    }
                }
            }
        }
    })
}
