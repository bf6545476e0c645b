//! From one file's raw model to the workspace's shapes, on its own: defaults, levels,
//! check-ins, and the findings that need nothing from other files. Runs right after a file
//! is decoded, on the loading thread, so the raw model is dropped while the file is still hot;
//! [`crate::workspace::resolve`] then only numbers what it gets and links across files.

use crate::base::date::Date;
use crate::base::span::{Sp, Span};
use crate::base::suggest::did_you_mean;
use crate::base::text::Text;
use crate::catalog::RuleId;
use crate::diagnostic::{Diagnostic, Fix};
use crate::load::LoadedFile;
use crate::model::*;
use crate::source::FileId;
use crate::workspace::*;

/// One plan file in the workspace's shapes, goal and metric ids counted from 0 in the file.
/// References by id (`aligns_to`, owners, mentors, parties, `contributes_to`) are [`Link`]s
/// without a target yet: the resolver fills them in once every file is defined.
/// Goals and metrics are boxed: the workspace takes them over without copying each.
#[derive(Clone)]
pub struct Lowered {
    pub file: FileId,
    pub plan: Option<Plan>,
    pub people: Vec<Person>,
    pub goals: Vec<Box<Goal>>,
    pub metrics: Vec<Box<Metric>>,
    pub diags: Vec<Diagnostic>,
}

/// Lowers a decoded plan file; `broken` (the TOML had errors) keeps its findings quiet.
pub fn lower_file(
    file: FileId,
    text: &str,
    doc: PlanDoc,
    levels: &[String],
    broken: bool,
) -> Lowered {
    let allows: Vec<Sp<Text>> = doc
        .plan
        .iter()
        .flat_map(|h| h.allow.iter())
        .chain(doc.people.iter().flat_map(|p| p.allow.iter()))
        .cloned()
        .collect();
    let mut out = Lowered {
        file,
        plan: doc.plan.map(|h| Plan {
            file,
            span: h.span,
            title: h.title,
            owner: h.owner,
            owner_ref: None,
            team: h.team,
            start: h.start,
            end: h.end,
            goals: Vec::new(),
            allow: h.allow.into_boxed_slice(),
        }),
        people: doc
            .people
            .into_iter()
            .map(|p| Person {
                id: p.id,
                file,
                name: p.name,
                team: p.team,
                capacity: p.capacity,
                allow: p.allow.into_boxed_slice(),
            })
            .collect(),
        goals: Vec::with_capacity(doc.goals.len()),
        metrics: Vec::with_capacity(doc.goals.iter().map(|g| g.metrics.len()).sum()),
        diags: Vec::new(),
    };
    check_allow(&mut out, text, &allows);
    for g in doc.goals {
        lower_goal(&mut out, text, g, levels);
    }
    // The tree recovered from broken TOML is a guess: its fields are not judged.
    if broken {
        out.diags.clear();
    }
    out
}

/// A loaded file, its plan (if it is one) lowered.
#[derive(Clone)]
pub struct LoweredFile {
    /// The file as loaded; its `doc` is taken when it was a plan.
    pub file: LoadedFile,
    pub lowered: Option<Lowered>,
}

/// Lowers a loaded plan file: the step the loader runs on its own threads for the check, so the
/// raw model is dropped while the file is still hot.
pub fn lower_loaded(mut file: LoadedFile, levels: &[String]) -> LoweredFile {
    let lowered = match file.doc.take() {
        Some(Doc::Plan(plan)) => Some(lower_file(
            file.id,
            &file.source.text,
            plan,
            levels,
            file.has_syntax_errors,
        )),
        other => {
            file.doc = other;
            None
        }
    };
    LoweredFile { file, lowered }
}

/// A reference as written, to be resolved once every file is defined.
fn unresolved<T>(id: Sp<Text>) -> Link<T> {
    Link { id, target: None }
}

fn lower_goal(out: &mut Lowered, text: &str, g: GoalDef, levels: &[String]) {
    let file = out.file;
    let id = GoalId(out.goals.len() as u32);
    let (level, level_origin) = level(out, text, &g, levels);
    let plan = out.plan.as_ref();
    let inherit = |own: Option<Sp<Date>>, from_plan: Option<&Sp<Date>>| match own {
        Some(d) => (Some(d), Origin::Goal),
        None => (from_plan.cloned(), Origin::Default),
    };
    let (start, start_origin) = inherit(g.start, plan.and_then(|p| p.start.as_ref()));
    let (due, due_origin) = inherit(g.due, plan.and_then(|p| p.end.as_ref()));
    let (framework, framework_origin) = match g.framework {
        Some(f) => (f, Origin::Goal),
        None => (Sp::new(Framework::Hard, g.id.span), Origin::Default),
    };
    check_allow(out, text, &g.allow);

    let mut metric_ids = Vec::with_capacity(g.metrics.len());
    for mut m in g.metrics {
        let mid = MetricId(out.metrics.len() as u32);
        // A fresh vector of its own size: collecting in place would keep the raw check-ins'
        // larger allocation alive under the smaller ones.
        let defs = std::mem::take(&mut m.checkins);
        let mut checkins = Vec::with_capacity(defs.len());
        checkins.extend(defs.into_iter().filter_map(|c| checkin(file, c)));
        let kind = m.kind.as_ref().map_or(MetricKind::Number, |k| k.value);
        let waypoints = match (&m.waypoints, kind) {
            (Some(w), MetricKind::Number) => {
                let due = m.due.as_ref().or(due.as_ref());
                check_waypoints(out, &m, w, start.as_ref(), due, &g.id.value)
            }
            _ => Vec::new(),
        };
        let has_extra = m.kind.is_some()
            || m.contributes_to.is_some()
            || m.direction.is_some()
            || m.min.is_some()
            || m.max.is_some()
            || m.owner.is_some()
            || m.due.is_some()
            || m.done.is_some()
            || !waypoints.is_empty();
        let extra = has_extra.then(|| {
            Box::new(MetricExtra {
                kind_span: m.kind.as_ref().map(|k| k.span),
                contributes_to: m.contributes_to.map(unresolved),
                direction: m.direction,
                min: m.min,
                max: m.max,
                owner: m.owner.map(unresolved),
                due: m.due,
                done: m.done,
                waypoints,
            })
        });
        let mut metric = Box::new(Metric {
            id: m.id,
            goal: id,
            file,
            title: m.title,
            kind,
            unit: m.unit,
            baseline: m.baseline,
            target: m.target,
            weight: m.weight.map_or(1.0, |w| w.value),
            extra,
            contributors: Vec::new(),
            checkins,
            counts_new: false,
        });
        metric.counts_new = counts::classify(&metric);
        out.metrics.push(metric);
        metric_ids.push(mid);
    }
    let (aligns_to_span, aligns_to) = match g.aligns_to {
        Some(a) => (Some(a.span), a.value),
        None => (None, Vec::new()),
    };
    let mastery = g.mastery.map(|m| {
        Box::new(Mastery {
            skill: m.skill,
            mentor: m.mentor.map(unresolved),
            resources: m.resources,
            feedback: m.feedback,
            milestones: m.milestones.map(|ms| {
                ms.map(|list| {
                    list.into_iter()
                        .map(|m| Milestone {
                            span: m.span,
                            title: m.title,
                            level: m.level,
                            due: m.due,
                            done: m.done,
                        })
                        .collect()
                })
            }),
        })
    });
    let pact = g.pact.map(|p| {
        Box::new(Pact {
            parties: p
                .parties
                .map(|list| list.map(|ids| ids.into_iter().map(unresolved).collect())),
            commitments: p.commitments,
            agreed: p.agreed,
        })
    });
    let goal = Box::new(Goal {
        id: g.id,
        file,
        // set when the file is defined
        plan: None,
        title: g.title,
        framework,
        framework_origin,
        level,
        level_origin,
        owner: g.owner.map(unresolved),
        start,
        start_origin,
        due,
        due_origin,
        aligns_to_span,
        parents: aligns_to
            .into_iter()
            .map(|id| Parent {
                id,
                target: None,
                via: None,
            })
            .collect(),
        children: Vec::new(),
        weight: g.weight.map_or(1.0, |w| w.value),
        allow: g.allow.into_boxed_slice(),
        review: g.review,
        mastery,
        pact,
        extra: (g.okr_type.is_some()
            || g.score.is_some()
            || g.supports.is_some()
            || g.effort.is_some())
        .then(|| {
            let (supports_span, supports) = match g.supports {
                Some(s) => (Some(s.span), s.value.into_iter().map(unresolved).collect()),
                None => (None, Vec::new()),
            };
            Box::new(GoalExtra {
                okr_type: g.okr_type,
                score: g.score,
                supports_span,
                supports,
                effort: g.effort,
            })
        }),
        metrics: metric_ids.into_boxed_slice(),
    });
    out.goals.push(goal);
}

/// A fix replacing the value written at `at` with `suggestion`.
fn fix(file: FileId, text: &str, at: Span, suggestion: &str) -> Fix {
    Fix::replace(file, at, text.get(at.range()).unwrap_or(""), suggestion)
}

fn level(out: &mut Lowered, text: &str, g: &GoalDef, levels: &[String]) -> (Sp<usize>, Origin) {
    let bottom = levels.len().saturating_sub(1);
    let Some(level) = &g.level else {
        return (Sp::new(bottom, g.id.span), Origin::Default);
    };
    match levels.iter().position(|l| *l == level.value) {
        Some(i) => (Sp::new(i, level.span), Origin::Goal),
        None => {
            let names: Vec<&str> = levels.iter().map(String::as_str).collect();
            let suggestion = did_you_mean(&level.value, names.iter().copied());
            let help = match suggestion {
                Some(s) => format!("did you mean \"{s}\"?"),
                None => format!(
                    "the levels of this workspace are: {} (set `levels` in goalc.toml to change them)",
                    names.join(", ")
                ),
            };
            let mut d = Diagnostic::error(
                RuleId::Schema,
                out.file,
                level.span,
                format!("unknown level \"{}\"", level.value),
            )
            .with_label("not a level of this workspace")
            .with_help(help)
            .with_goal(g.id.value.clone());
            d.fix = suggestion.map(|s| fix(out.file, text, level.span, s));
            out.diags.push(d);
            (Sp::new(bottom, level.span), Origin::Default)
        }
    }
}

fn check_allow(out: &mut Lowered, text: &str, allow: &[Sp<Text>]) {
    for entry in allow {
        let message = match RuleId::from_name(&entry.value) {
            Some(rule) if rule.is_structural() => format!(
                "`{}` is a structural rule and cannot be allowed",
                entry.value
            ),
            Some(_) => continue,
            None => format!("unknown rule `{}` in `allow`", entry.value),
        };
        let suggestion = did_you_mean(&entry.value, RuleId::names());
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? `goalc rules` lists every rule"),
            None => "`goalc rules` lists every rule".into(),
        };
        let mut d = Diagnostic::error(RuleId::Schema, out.file, entry.span, message)
            .with_label("not a rule that can be allowed")
            .with_help(help);
        // a structural rule's own name is no fix
        d.fix = suggestion
            .filter(|s| *s != entry.value.as_str())
            .map(|s| fix(out.file, text, entry.span, s));
        out.diags.push(d);
    }
}

pub fn checkin(file: FileId, c: CheckinDef) -> Option<Checkin> {
    // A check-in that says nothing has its `schema` finding; it is not kept.
    if c.value.is_none() && c.status.is_none() && c.score.is_none() {
        return None;
    }
    let extra =
        c.note.is_some() || c.confidence.is_some() || c.status.is_some() || c.score.is_some();
    Some(Checkin {
        file,
        span: c.span,
        date: c.date?,
        raw_value: c.value.unwrap_or(Sp::new(f64::NAN, c.span)),
        extra: extra.then(|| {
            Box::new(CheckinExtra {
                note: c.note,
                confidence: c.confidence,
                status: c.status,
                score: c.score,
            })
        }),
    })
}

/// A number metric's waypoints, checked against its span and its baseline → target: dates
/// strictly inside the span and increasing, values between baseline and target that never move
/// away from the target. The ones that fail are findings and are dropped.
fn check_waypoints(
    out: &mut Lowered,
    m: &MetricDef,
    list: &Sp<Vec<WaypointDef>>,
    start: Option<&Sp<Date>>,
    due: Option<&Sp<Date>>,
    goal: &Text,
) -> Vec<Waypoint> {
    let file = out.file;
    let mut kept: Vec<Waypoint> = Vec::with_capacity(list.value.len());
    let (Some(baseline), Some(target)) = (&m.baseline, &m.target) else {
        let d = Diagnostic::error(
            RuleId::Schema,
            file,
            list.span,
            "`waypoints` need a `baseline` and a `target`: the path runs from one to the other",
        )
        .with_label("a path without its ends")
        .with_help("add the metric's `baseline` and `target`, or remove `waypoints`")
        .with_goal(goal.to_string());
        out.diags.push(d);
        return kept;
    };
    let (low, high) = if baseline.value <= target.value {
        (baseline.value, target.value)
    } else {
        (target.value, baseline.value)
    };
    let increase = target.value >= baseline.value;
    for w in &list.value {
        let (Some(date), Some(value)) = (&w.date, &w.value) else {
            continue; // its missing field is reported by the decoder
        };
        let problem = if start.is_some_and(|s| date.value <= s.value)
            || due.is_some_and(|d| date.value >= d.value)
        {
            Some((
                date.span,
                "a waypoint's date lies strictly inside the metric's start and due date"
                    .to_string(),
            ))
        } else if kept.last().is_some_and(|p| date.value <= p.date.value) {
            Some((
                date.span,
                "waypoint dates increase: each comes after the one before".to_string(),
            ))
        } else if value.value < low || value.value > high {
            Some((
                value.span,
                format!(
                    "a waypoint's value lies between the baseline ({}) and the target ({})",
                    baseline.value, target.value
                ),
            ))
        } else if kept.last().is_some_and(|p| {
            if increase {
                value.value < p.value.value
            } else {
                value.value > p.value.value
            }
        }) {
            Some((value.span, "waypoints never move away from the target: each is at least as close to it as the one before".to_string()))
        } else {
            None
        };
        match problem {
            Some((span, message)) => out.diags.push(
                Diagnostic::error(RuleId::Schema, file, span, message)
                    .with_label("off the planned path")
                    .with_help("waypoints run from the baseline at the start to the target at the due date")
                    .with_goal(goal.to_string()),
            ),
            None => kept.push(Waypoint {
                date: date.clone(),
                value: value.clone(),
            }),
        }
    }
    kept
}
