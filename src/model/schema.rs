//! The fields of plan and progress files, described once: the loader takes its field names
//! from here (an unknown field is one not listed), `goalc schema` turns the same description
//! into a JSON Schema for editors, and `goalc lsp` completes field names from it.
//! (Over 500 lines: the description of every field of both file kinds, which is data.)

use crate::catalog::RuleId;
use crate::model::{Cadence, Direction, Framework, MetricKind, OkrType, ReportedStatus};
use serde_json::{Map, Value, json};

pub struct Field {
    pub name: &'static str,
    pub doc: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// For a required field: how to write it, for the finding that it is missing.
    pub example: &'static str,
}

pub enum Ty {
    Str,
    Date,
    Number,
    /// A number ≥ 0.
    Weight,
    /// A number from 0 to 1.
    Share,
    /// A number > 0.
    Positive,
    /// An integer from 1 to 5.
    Proficiency,
    Keyword(&'static [&'static str]),
    /// A string, or an array of strings.
    OneOrMany,
    Strings,
    /// An array of rule names.
    RuleNames,
    Table(&'static [Field]),
    /// An array of tables.
    Tables(&'static [Field]),
    /// A table of tables, keyed by id.
    ById(&'static str, &'static [Field]),
    /// A table of strings, keyed by person id.
    TextById,
}

const fn field(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        doc,
        ty,
        required: false,
        example: "",
    }
}

/// A field every table of its kind must have; `example` is what the finding for a missing one
/// suggests writing.
const fn required(name: &'static str, ty: Ty, doc: &'static str, example: &'static str) -> Field {
    Field {
        name,
        doc,
        ty,
        required: true,
        example,
    }
}

const SCHEMA_KEY: Field = field(
    "$schema",
    Ty::Str,
    "The JSON Schema this file follows, for editors; goalc ignores it.",
);

pub static PLAN: &[Field] = &[
    required(
        "title",
        Ty::Str,
        "The plan's name, e.g. \"Learning & Development 2026\".",
        "title = \"Learning & Development 2026\"",
    ),
    required(
        "owner",
        Ty::Str,
        "The id of the person accountable for the plan.",
        "owner = \"maria\"",
    ),
    field(
        "team",
        Ty::Str,
        "The team the plan belongs to; its goals' team unless their owner's roster entry says otherwise.",
    ),
    required(
        "start",
        Ty::Date,
        "When the plan starts (YYYY-MM-DD); goals without `start` start here.",
        "start = 2026-01-01",
    ),
    required(
        "end",
        Ty::Date,
        "When the plan ends (YYYY-MM-DD); goals without `due` are due here.",
        "end = 2026-12-31",
    ),
];

pub static PERSON: &[Field] = &[
    field("name", Ty::Str, "The person's full name."),
    field(
        "team",
        Ty::Str,
        "The person's team; the team of the goals they own.",
    ),
    field(
        "capacity",
        Ty::Positive,
        "Hours a week the person has for goal work.",
    ),
];

/// A check-in's fields, after any given first: progress files' check-ins also name their metric.
macro_rules! checkin_fields {
    ($($first:expr),*) => {
        &[
            $($first,)*
            required(
                "date",
                Ty::Date,
                "When the value was measured (YYYY-MM-DD).",
        "date = 2026-04-01",
            ),
            field(
                "value",
                Ty::Number,
                "The metric's value on that date (a deliverable's: percent complete).",
            ),
            field(
                "status",
                Ty::Keyword(ReportedStatus::NAMES),
                "The reporter's own reading; never changes computed progress.",
            ),
            field(
                "score",
                Ty::Share,
                "A grade from 0 to 1 given at scoring time.",
            ),
            field(
                "note",
                Ty::Str,
                "What the value rests on, or what happened.",
            ),
            field(
                "confidence",
                Ty::Share,
                "How sure the reporter is of the value, 0 to 1.",
            ),
        ]
    };
}

pub static CHECKIN: &[Field] = checkin_fields!();

pub static PROGRESS_CHECKIN: &[Field] = checkin_fields!(required(
    "metric",
    Ty::Str,
    "The metric, as goal-id.metric-id.",
    "metric = \"erp-fluency.certified\""
));

pub static WAYPOINT: &[Field] = &[
    required(
        "date",
        Ty::Date,
        "A date strictly inside the metric's span.",
        "date = 2026-06-30",
    ),
    required(
        "value",
        Ty::Number,
        "The value planned for that date, between baseline and target.",
        "value = 20",
    ),
];

pub static METRIC: &[Field] = &[
    field("title", Ty::Str, "What is measured, in words."),
    field(
        "kind",
        Ty::Keyword(MetricKind::NAMES),
        "\"number\" (default): a change to make; \"deliverable\": done or not; \"range\": a level to hold.",
    ),
    field(
        "unit",
        Ty::Str,
        "The unit of the values, e.g. \"%\", \"days\", \"people\".",
    ),
    field("baseline", Ty::Number, "The value when the goal starts."),
    field(
        "target",
        Ty::Number,
        "The value that means the goal is met; below the baseline for a decrease.",
    ),
    field(
        "direction",
        Ty::Keyword(Direction::NAMES),
        "Number metrics: \"increase\" or \"decrease\", when no baseline tells it.",
    ),
    field("min", Ty::Number, "Ranges: the lowest value that holds."),
    field("max", Ty::Number, "Ranges: the highest value that holds."),
    field(
        "waypoints",
        Ty::Tables(WAYPOINT),
        "Number metrics: the planned path from baseline to target, for plans that are not linear.",
    ),
    field(
        "owner",
        Ty::Str,
        "The id of the person who owns this key result (default: the goal's owner).",
    ),
    field(
        "due",
        Ty::Date,
        "When this key result is due (default: the goal's due date).",
    ),
    field(
        "done",
        Ty::Date,
        "Deliverables: the day it was delivered (YYYY-MM-DD).",
    ),
    field(
        "weight",
        Ty::Weight,
        "The metric's share of the goal's progress, relative to its siblings (default 1).",
    ),
    field(
        "contributes_to",
        Ty::Str,
        "A metric of a higher goal this one adds up to, as goal-id.metric-id.",
    ),
    field(
        "checkins",
        Ty::Tables(CHECKIN),
        "Measured values, by date; progress files can hold more.",
    ),
];

pub static MILESTONE: &[Field] = &[
    required(
        "title",
        Ty::Str,
        "What the person can do at this milestone.",
        "title = \"Leads a review unaided\"",
    ),
    field(
        "level",
        Ty::Proficiency,
        "The proficiency level it stands for, 1 to 5.",
    ),
    field("due", Ty::Date, "When it should be reached (YYYY-MM-DD)."),
    field("done", Ty::Date, "When it was reached (YYYY-MM-DD)."),
];

pub static GOAL: &[Field] = &[
    required(
        "title",
        Ty::Str,
        "What the goal achieves, in one sentence with its number and date.",
        "title = \"Certify 90 % of staff on the new ERP\"",
    ),
    field(
        "framework",
        Ty::Keyword(Framework::NAMES),
        "The goal framework whose rules apply (default \"hard\").",
    ),
    field(
        "level",
        Ty::Str,
        "The level of the cascade, one of goalc.toml's `levels` (default: the lowest).",
    ),
    required(
        "owner",
        Ty::Str,
        "The id of the person accountable for the goal.",
        "owner = \"maria\"",
    ),
    field(
        "start",
        Ty::Date,
        "When work starts (YYYY-MM-DD; default: the plan's start).",
    ),
    field(
        "due",
        Ty::Date,
        "When the goal is due (YYYY-MM-DD; default: the plan's end).",
    ),
    field(
        "aligns_to",
        Ty::OneOrMany,
        "The id(s) of the goal(s) one level up that this goal serves, or a key result as goal-id.metric-id.",
    ),
    field(
        "supports",
        Ty::OneOrMany,
        "Goals this one supports sideways (not alignment): another team's goal it helps.",
    ),
    field(
        "weight",
        Ty::Weight,
        "The goal's share of its parent's cascade progress (default 1).",
    ),
    field(
        "allow",
        Ty::RuleNames,
        "Rules silenced for this goal, each with a reason in a comment.",
    ),
    field(
        "review",
        Ty::Keyword(Cadence::NAMES),
        "How often progress is reviewed.",
    ),
    field("skill", Ty::Str, "Mastery: the skill being learned."),
    field("mentor", Ty::Str, "Mastery: the id of the mentor."),
    field(
        "resources",
        Ty::Strings,
        "Mastery: courses, books and practice that support it.",
    ),
    field(
        "feedback",
        Ty::Keyword(Cadence::NAMES),
        "Mastery: how often the learner gets feedback.",
    ),
    field(
        "milestones",
        Ty::Tables(MILESTONE),
        "Mastery: the proficiency milestones, in order.",
    ),
    field(
        "parties",
        Ty::Strings,
        "PACT: the ids of the people who agree.",
    ),
    field(
        "commitments",
        Ty::TextById,
        "PACT: what each party commits to, keyed by person id.",
    ),
    field(
        "agreed",
        Ty::Date,
        "PACT: when the parties agreed (YYYY-MM-DD).",
    ),
    field(
        "type",
        Ty::Keyword(OkrType::NAMES),
        "OKR: committed or aspirational.",
    ),
    field(
        "score",
        Ty::Share,
        "The grade recorded for the goal as a whole at the end, 0 to 1.",
    ),
    field(
        "effort",
        Ty::Positive,
        "Hours a week the goal takes from its owner (and each party of a pact) while active.",
    ),
    field(
        "metrics",
        Ty::ById("metric", METRIC),
        "How progress is measured, keyed by metric id.",
    ),
];

pub static PLAN_FILE: &[Field] = &[
    SCHEMA_KEY,
    required(
        "plan",
        Ty::Table(PLAN),
        "The plan: its title, owner and dates.",
        "[plan] with title, owner, start and end",
    ),
    field(
        "people",
        Ty::ById("person", PERSON),
        "The roster, keyed by person id.",
    ),
    field(
        "goals",
        Ty::ById("goal", GOAL),
        "The goals, keyed by goal id (unique in the workspace).",
    ),
];

pub static PROGRESS_FILE: &[Field] = &[
    SCHEMA_KEY,
    field(
        "checkin",
        Ty::Tables(PROGRESS_CHECKIN),
        "Check-ins of metrics anywhere in the workspace.",
    ),
];

/// The names of `fields`, for "unknown field" messages and completion.
pub fn names(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

/// The JSON Schema (draft-07) of plan files, or of progress files.
pub fn json_schema(progress: bool) -> Value {
    let (fields, title, id) = if progress {
        (
            PROGRESS_FILE,
            "goalc progress file",
            "urn:goalc:schema:progress",
        )
    } else {
        (PLAN_FILE, "goalc plan file", "urn:goalc:schema:plan")
    };
    let mut root = object(fields);
    if let Value::Object(map) = &mut root {
        map.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        // An absolute URI: Taplo (Even Better TOML) refuses a schema whose `$id` is relative.
        map.insert("$id".into(), json!(id));
        map.insert("title".into(), json!(title));
        map.insert(
            "description".into(),
            json!(if progress {
                "Check-ins of goal metrics (*.progress.toml), checked by goalc."
            } else {
                "A goal plan (*.plan.toml): its goals, metrics and people, checked by goalc."
            }),
        );
    }
    root
}

/// Ids are single words: no dots, blanks or control characters.
const ID_PATTERN: &str = "^[^.\\s\\x00-\\x1f\\x7f]+$";

fn object(fields: &[Field]) -> Value {
    let mut properties = Map::new();
    for f in fields {
        let mut schema = ty(&f.ty);
        if let Value::Object(map) = &mut schema {
            map.insert("description".into(), json!(f.doc));
        }
        properties.insert(f.name.into(), schema);
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let mut out = Map::new();
    out.insert("type".into(), json!("object"));
    out.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".into(), json!(required));
    }
    out.insert("additionalProperties".into(), json!(false));
    if std::ptr::eq(fields, METRIC) {
        out.insert("allOf".into(), kind_rules());
    }
    if std::ptr::eq(fields, CHECKIN) || std::ptr::eq(fields, PROGRESS_CHECKIN) {
        // value is optional when a status or a score is given, but one of the three is needed
        out.insert(
            "anyOf".into(),
            json!([
                { "required": ["value"] },
                { "required": ["status"] },
                { "required": ["score"] }
            ]),
        );
    }
    Value::Object(out)
}

/// The fields each metric kind does not take, as the loader's `schema` findings say (the CI
/// schema check holds the two to the same answers, field by field).
const NOT_TAKEN: [(MetricKind, &[&str]); 3] = [
    (MetricKind::Number, &["done", "min", "max"]),
    (
        MetricKind::Deliverable,
        &[
            "baseline",
            "target",
            "unit",
            "contributes_to",
            "direction",
            "min",
            "max",
            "waypoints",
        ],
    ),
    (
        MetricKind::Range,
        &["baseline", "target", "waypoints", "direction", "done"],
    ),
];

/// `if kind … then not these fields`, per kind; a metric without `kind` is a number. A range
/// with both bounds needs `min <= max`, which JSON Schema cannot say (goalc does).
fn kind_rules() -> Value {
    let rules: Vec<Value> = NOT_TAKEN
        .iter()
        .map(|(kind, fields)| {
            let forbidden: Vec<Value> = fields.iter().map(|f| json!({ "required": [f] })).collect();
            let condition = if *kind == MetricKind::Number {
                json!({
                    "anyOf": [
                        { "not": { "required": ["kind"] } },
                        { "properties": { "kind": { "const": "number" } }, "required": ["kind"] }
                    ]
                })
            } else {
                json!({ "properties": { "kind": { "const": kind.as_str() } }, "required": ["kind"] })
            };
            json!({ "if": condition, "then": { "not": { "anyOf": forbidden } } })
        })
        .collect();
    Value::Array(rules)
}

fn ty(t: &Ty) -> Value {
    match t {
        Ty::Str => json!({ "type": "string" }),
        Ty::Date => json!({ "type": "string", "format": "date" }),
        Ty::Number => json!({ "type": "number" }),
        Ty::Weight => json!({ "type": "number", "minimum": 0 }),
        Ty::Share => json!({ "type": "number", "minimum": 0, "maximum": 1 }),
        Ty::Positive => json!({ "type": "number", "exclusiveMinimum": 0 }),
        Ty::Proficiency => json!({ "type": "integer", "minimum": 1, "maximum": 5 }),
        Ty::Keyword(names) => json!({ "type": "string", "enum": names }),
        Ty::OneOrMany => json!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        }),
        Ty::Strings => json!({ "type": "array", "items": { "type": "string" } }),
        Ty::RuleNames => {
            let names: Vec<&str> = RuleId::ALL
                .iter()
                .filter(|r| !r.is_structural())
                .map(|r| r.name())
                .collect();
            json!({ "type": "array", "items": { "type": "string", "enum": names } })
        }
        Ty::Table(fields) => object(fields),
        Ty::Tables(fields) => json!({ "type": "array", "items": object(fields) }),
        Ty::ById(_, fields) => json!({
            "type": "object",
            "propertyNames": { "pattern": ID_PATTERN },
            "additionalProperties": object(fields)
        }),
        Ty::TextById => json!({
            "type": "object",
            "additionalProperties": { "type": "string" }
        }),
    }
}
