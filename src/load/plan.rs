//! Decoding a plan file's tree into the raw [`PlanDoc`](crate::model::PlanDoc).

use crate::base::span::{Sp, Span};
use crate::load::decode::{Decoder, Key, Value, span_of};
use crate::model::schema;
use crate::model::*;
use toml::de::{DeTable, DeValue};

/// Framework fields and the framework they belong to.
pub(super) const FRAMEWORK_FIELDS: &[(&str, Framework)] = &[
    ("skill", Framework::Mastery),
    ("mentor", Framework::Mastery),
    ("resources", Framework::Mastery),
    ("feedback", Framework::Mastery),
    ("milestones", Framework::Mastery),
    ("parties", Framework::Pact),
    ("commitments", Framework::Pact),
    ("agreed", Framework::Pact),
    ("type", Framework::Okr),
];

pub(super) fn decode_plan(dec: &mut Decoder, root: &DeTable<'_>) -> PlanDoc {
    let mut doc = PlanDoc::default();
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "$schema" => {
                dec.string("$schema", value);
            }
            "plan" => {
                if let Some(table) = dec.table("plan", value) {
                    doc.plan = Some(decode_plan_header(dec, span_of(value), table));
                }
            }
            "people" => {
                if let Some(table) = dec.table("people", value) {
                    doc.people.reserve_exact(table.len());
                    for (id, person) in table.iter() {
                        if let Some(p) = decode_person(dec, id, person) {
                            doc.people.push(p);
                        }
                    }
                }
            }
            "goals" => {
                if let Some(table) = dec.table("goals", value) {
                    // Exact: a vector's first growth step is four entries, and most plans
                    // hold one to three goals of a few hundred bytes each.
                    doc.goals.reserve_exact(table.len());
                    for (id, goal) in table.iter() {
                        if let Some(g) = decode_goal(dec, id, goal) {
                            doc.goals.push(g);
                        }
                    }
                }
            }
            "checkin" => {
                let d = dec.error(span_of(key), "check-ins belong in progress files");
                d.label = Some("`[[checkin]]` in a plan file".into());
                d.help = Some("move them to a file named `*.progress.toml`, or write them as `checkins = [...]` on the metric".into());
            }
            _ => dec.unknown_field(key, "a plan file", &schema::names(schema::PLAN_FILE)),
        }
    }
    if doc.plan.is_none() && !root.is_empty() {
        dec.missing(
            Span::new(0, 0),
            "[plan]",
            "this plan file",
            "[plan] with title, owner, start and end",
        );
    }
    doc
}

fn decode_plan_header(dec: &mut Decoder, span: Span, table: &DeTable<'_>) -> PlanHeader {
    let mut plan = PlanHeader {
        span,
        title: None,
        owner: None,
        team: None,
        start: None,
        end: None,
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "title" => plan.title = dec.string(name, value),
            "owner" => plan.owner = dec.string(name, value),
            "team" => plan.team = dec.string(name, value),
            "start" => plan.start = dec.date(name, value),
            "end" => plan.end = dec.date(name, value),
            _ => dec.unknown_field(key, "`[plan]`", &schema::names(schema::PLAN)),
        }
    }
    dec.require(span, table, schema::PLAN, "the plan");
    plan
}

fn decode_person(dec: &mut Decoder, key: &Key<'_>, value: &Value<'_>) -> Option<PersonDef> {
    let table = dec.table(&format!("people.{}", key.get_ref()), value)?;
    let id = dec.id(key, "person")?;
    let mut person = PersonDef {
        id,
        name: None,
        team: None,
        capacity: None,
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "name" => person.name = dec.string(name, value),
            "team" => person.team = dec.string(name, value),
            "capacity" => person.capacity = dec.hours(name, value),
            _ => dec.unknown_field(key, "a person", &schema::names(schema::PERSON)),
        }
    }
    Some(person)
}

fn decode_goal(dec: &mut Decoder, key: &Key<'_>, value: &Value<'_>) -> Option<GoalDef> {
    let table = dec.table(&format!("goals.{}", key.get_ref()), value)?;
    let id = dec.id(key, "goal")?;
    let header = id.span;
    let mut g = GoalDef {
        id,
        title: None,
        framework: None,
        level: None,
        owner: None,
        start: None,
        due: None,
        aligns_to: None,
        weight: None,
        allow: Vec::new(),
        review: None,
        mastery: None,
        pact: None,
        okr_type: None,
        score: None,
        supports: None,
        effort: None,
        metrics: Vec::new(),
    };
    let mut framework_fields: Vec<(&str, Span, Framework)> = Vec::new();
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        if let Some((_, fw)) = FRAMEWORK_FIELDS.iter().find(|(f, _)| *f == name) {
            framework_fields.push((name, span_of(key), *fw));
        }
        match name {
            "title" => g.title = dec.string(name, value),
            "framework" => {
                g.framework = dec.keyword(name, value, Framework::parse, Framework::NAMES);
            }
            "level" => g.level = dec.string(name, value),
            "owner" => g.owner = dec.string(name, value),
            "start" => g.start = dec.date(name, value),
            "due" => g.due = dec.date(name, value),
            "aligns_to" => g.aligns_to = dec.strings(name, value, true),
            "weight" => g.weight = dec.number_in(name, value, 0.0, f64::MAX),
            "allow" => {
                g.allow = dec
                    .strings(name, value, false)
                    .map(|s| s.value)
                    .unwrap_or_default();
            }
            "review" => g.review = dec.keyword(name, value, Cadence::parse, Cadence::NAMES),
            "skill" => g.mastery_mut().skill = dec.string(name, value),
            "mentor" => g.mastery_mut().mentor = dec.string(name, value),
            "resources" => g.mastery_mut().resources = dec.strings(name, value, false),
            "feedback" => {
                g.mastery_mut().feedback = dec.keyword(name, value, Cadence::parse, Cadence::NAMES);
            }
            "milestones" => {
                if let Some(items) = dec.tables(name, value) {
                    let list = items
                        .into_iter()
                        .map(|(span, t)| decode_milestone(dec, span, t))
                        .collect();
                    g.mastery_mut().milestones = Some(Sp::new(list, span_of(value)));
                }
            }
            "parties" => g.pact_mut().parties = dec.strings(name, value, false),
            "commitments" => {
                if let Some(table) = dec.table(name, value) {
                    let mut list = Vec::new();
                    for (who, what) in table.iter() {
                        let who = Sp::new(dec.text(who.get_ref()), span_of(who));
                        if let Some(text) = dec.string(&format!("commitments.{}", who.value), what)
                        {
                            list.push((who, text));
                        }
                    }
                    g.pact_mut().commitments = Some(Sp::new(list, span_of(value)));
                }
            }
            "agreed" => g.pact_mut().agreed = dec.date(name, value),
            "type" => g.okr_type = dec.keyword(name, value, OkrType::parse, OkrType::NAMES),
            "score" => g.score = dec.number_in(name, value, 0.0, 1.0),
            "supports" => g.supports = dec.strings(name, value, true),
            "effort" => g.effort = dec.hours(name, value),
            "metrics" => {
                if let Some(table) = dec.table(name, value) {
                    g.metrics.reserve_exact(table.len());
                    for (id, metric) in table.iter() {
                        if let Some(m) = decode_metric(dec, id, metric) {
                            g.metrics.push(m);
                        }
                    }
                }
            }
            _ => dec.unknown_field(key, "a goal", &schema::names(schema::GOAL)),
        }
    }
    let framework = g.framework.as_ref().map_or(Framework::Hard, |f| f.value);
    for (field, span, wanted) in framework_fields {
        if wanted != framework {
            let d = dec.error(
                span,
                format!(
                    "`{field}` belongs to {} goals, but this goal is {}",
                    wanted.as_str(),
                    framework.as_str()
                ),
            );
            d.label = Some(format!("{} field", wanted.as_str()));
            d.help = Some(format!(
                "set `framework = \"{}\"` on the goal, or remove `{field}`",
                wanted.as_str()
            ));
            d.goal = Some(g.id.value.to_string());
        }
    }
    dec.require(
        header,
        table,
        schema::GOAL,
        &format!("goal `{}`", g.id.value),
    );
    Some(g)
}

fn decode_metric(dec: &mut Decoder, key: &Key<'_>, value: &Value<'_>) -> Option<MetricDef> {
    let table = dec.table(&format!("metrics.{}", key.get_ref()), value)?;
    let id = dec.id(key, "metric")?;
    let mut m = MetricDef {
        id,
        title: None,
        kind: None,
        unit: None,
        baseline: None,
        target: None,
        direction: None,
        min: None,
        max: None,
        owner: None,
        due: None,
        done: None,
        waypoints: None,
        weight: None,
        contributes_to: None,
        checkins: Vec::new(),
    };
    // Where each field was written, for the findings of fields the metric's kind does not take.
    let mut written: Vec<(&str, Span)> = Vec::new();
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        written.push((name, span_of(key)));
        match name {
            "title" => m.title = dec.string(name, value),
            "kind" => m.kind = dec.keyword(name, value, MetricKind::parse, MetricKind::NAMES),
            "unit" => m.unit = dec.string(name, value),
            "baseline" => m.baseline = dec.number(name, value),
            "target" => m.target = dec.number(name, value),
            "direction" => {
                m.direction = dec.keyword(name, value, Direction::parse, Direction::NAMES);
            }
            "min" => m.min = dec.number(name, value),
            "max" => m.max = dec.number(name, value),
            "owner" => m.owner = dec.string(name, value),
            "due" => m.due = dec.date(name, value),
            "done" => m.done = dec.date(name, value),
            "waypoints" => {
                if let Some(items) = dec.tables(name, value) {
                    let list = items
                        .into_iter()
                        .map(|(span, t)| decode_waypoint(dec, span, t))
                        .collect();
                    m.waypoints = Some(Sp::new(list, span_of(value)));
                }
            }
            "weight" => m.weight = dec.number_in(name, value, 0.0, f64::MAX),
            "contributes_to" => m.contributes_to = dec.string(name, value),
            "checkins" => {
                if let Some(items) = dec.tables(name, value) {
                    m.checkins = items
                        .into_iter()
                        .map(|(span, t)| decode_checkin(dec, span, t, false))
                        .collect();
                }
            }
            _ => dec.unknown_field(key, "a metric", &schema::names(schema::METRIC)),
        }
    }
    super::kinds::check_kind_fields(dec, &m, &written);
    Some(m)
}

fn decode_waypoint(dec: &mut Decoder, span: Span, table: &DeTable<'_>) -> WaypointDef {
    let mut w = WaypointDef {
        span,
        date: None,
        value: None,
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "date" => w.date = dec.date(name, value),
            "value" => w.value = dec.number(name, value),
            _ => dec.unknown_field(key, "a waypoint", &schema::names(schema::WAYPOINT)),
        }
    }
    dec.require(span, table, schema::WAYPOINT, "this waypoint");
    w
}

pub(super) fn decode_checkin(
    dec: &mut Decoder,
    span: Span,
    table: &DeTable<'_>,
    in_progress_file: bool,
) -> CheckinDef {
    let mut c = CheckinDef {
        span,
        metric: None,
        date: None,
        value: None,
        note: None,
        confidence: None,
        status: None,
        score: None,
    };
    let fields = schema::names(if in_progress_file {
        schema::PROGRESS_CHECKIN
    } else {
        schema::CHECKIN
    });
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "metric" if in_progress_file => c.metric = dec.string(name, value),
            "date" => c.date = dec.date(name, value),
            "value" => c.value = dec.number(name, value),
            "note" => c.note = dec.string(name, value),
            "confidence" => c.confidence = dec.number_in(name, value, 0.0, 1.0),
            "status" => {
                c.status = dec.keyword(name, value, ReportedStatus::parse, ReportedStatus::NAMES);
            }
            "score" => c.score = dec.number_in(name, value, 0.0, 1.0),
            _ => dec.unknown_field(key, "a check-in", &fields),
        }
    }
    let fields = match in_progress_file {
        true => schema::PROGRESS_CHECKIN,
        false => schema::CHECKIN,
    };
    dec.require(span, table, fields, "this check-in");
    let says = |k: &str| table.iter().any(|(key, _)| key.get_ref() == k);
    if !says("value") && !says("status") && !says("score") {
        let d = dec.error(
            span,
            "this check-in reports nothing: no `value`, `status` or `score`",
        );
        d.label = Some("an empty check-in".into());
        d.help = Some(
            "add what was measured (`value = 44`), the reporter's reading (`status = \"on-track\"`) or a grade (`score = 0.7`)"
                .into(),
        );
    }
    c
}

fn decode_milestone(dec: &mut Decoder, span: Span, table: &DeTable<'_>) -> MilestoneDef {
    let mut m = MilestoneDef {
        span,
        title: None,
        level: None,
        due: None,
        done: None,
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "title" => m.title = dec.string(name, value),
            "level" => {
                m.level = match value.get_ref() {
                    DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                        Ok(n @ 1..=5) => Some(Sp::new(n as u8, span_of(value))),
                        _ => {
                            let d = dec.error(
                                span_of(value),
                                "`level` must be a proficiency level from 1 to 5",
                            );
                            d.label = Some("out of range".into());
                            None
                        }
                    },
                    _ => {
                        let d = dec.error(span_of(value), "`level` must be an integer from 1 to 5");
                        d.label = Some("expected an integer".into());
                        None
                    }
                }
            }
            "due" => m.due = dec.date(name, value),
            "done" => m.done = dec.date(name, value),
            _ => dec.unknown_field(key, "a milestone", &schema::names(schema::MILESTONE)),
        }
    }
    dec.require(span, table, schema::MILESTONE, "this milestone");
    m
}
