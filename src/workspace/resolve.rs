//! From the raw files to the resolved workspace: global ids, defaults, links, progress merged
//! into metrics; with the `duplicate-id`, `unknown-reference` and level/`allow` `schema`
//! findings found on the way.
//! (Over 500 lines: one resolver, whose definition pass and link pass share its indexes and
//! its budget of suggestions; split, each half would reach into the other.)

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

use crate::base::date::Date;
use crate::base::span::{Sp, Span};
use crate::base::suggest::{Suggester, did_you_mean};
use crate::base::text::Text;
use crate::catalog::RuleId;
use crate::diagnostic::{Diagnostic, Fix};
use crate::load::LoadedFile;
use crate::model::*;
use crate::settings::Config;
use crate::source::FileId;
use crate::workspace::index::{IdIndex, hash_of};
use crate::workspace::lower::{Lowered, LoweredFile, checkin, lower_loaded};
use crate::workspace::*;

/// Resolves loaded files, given in file order.
pub fn resolve(
    loaded: Vec<LoadedFile>,
    config: Config,
    as_of: Date,
    root: std::path::PathBuf,
) -> (Workspace, Vec<Diagnostic>) {
    let mut resolution = Resolution::new(config, as_of, root);
    for file in loaded {
        resolution.add(file);
    }
    resolution.finish()
}

/// The workspace being built from files handed over one at a time, in file order: each file is
/// defined as it comes (pass 1), so the command line defines the first files while the other
/// cores still load the rest; [`Resolution::finish`] then links across files (pass 2).
pub struct Resolution {
    r: Resolver,
    progress: Vec<(FileId, ProgressDoc)>,
}

impl Resolution {
    pub fn new(config: Config, as_of: Date, root: std::path::PathBuf) -> Self {
        Resolution {
            r: Resolver {
                ws: Workspace {
                    root,
                    config,
                    as_of,
                    files: Vec::new(),
                    broken: Vec::new(),
                    plans: Vec::new(),
                    people: Vec::new(),
                    goals: Vec::new(),
                    metrics: Vec::new(),
                    checkin_refs: Vec::new(),
                    goal_index: IdIndex::default(),
                    person_index: IdIndex::default(),
                },
                diags: Vec::new(),
                metric_index: IdIndex::default(),
                goal_names: None,
                person_names: None,
                suggest_in: None,
            },
            progress: Vec::new(),
        }
    }

    /// Only files marked here get "did you mean" suggestions (the others' findings are not
    /// shown): a budget of suggestions is not spent on typos nobody asked about.
    pub fn suggest_only_in(&mut self, in_scope: Vec<bool>) {
        self.r.suggest_in = Some(in_scope);
    }

    /// Defines the next file; ids are positions, so files must come in order.
    pub fn add(&mut self, file: LoadedFile) {
        let lowered = lower_loaded(file, &self.r.ws.config.levels);
        self.add_lowered(lowered);
    }

    /// [`Resolution::add`] for a file the loader has lowered already.
    pub fn add_lowered(&mut self, lowered: LoweredFile) {
        let LoweredFile { mut file, lowered } = lowered;
        let r = &mut self.r;
        let id = FileId(r.ws.files.len() as u32);
        r.diags.append(&mut file.diags);
        r.ws.broken.push(file.has_syntax_errors);
        r.ws.files.push(file.source);
        if let Some(l) = lowered {
            r.define_file(l);
        } else if let Some(Doc::Progress(p)) = file.doc {
            self.progress.push((id, p));
        }
    }

    /// Pass 2: references resolved, progress files merged into their metrics.
    pub fn finish(self) -> (Workspace, Vec<Diagnostic>) {
        let Resolution { mut r, progress } = self;
        r.link();
        for (file, doc) in progress {
            for c in doc.checkins {
                r.progress_checkin(file, c);
            }
        }
        for m in &mut r.ws.metrics {
            // Stable: check-ins of one date keep the order they were read in.
            m.checkins.sort_by_key(|c| c.date.value);
        }
        (r.ws, r.diags)
    }
}

struct Resolver {
    ws: Workspace,
    diags: Vec<Diagnostic>,
    metric_index: IdIndex,
    /// Built at the first unknown reference, once every id is defined.
    goal_names: Option<Suggester>,
    person_names: Option<Suggester>,
    /// Per file: whether its findings are wanted with suggestions (all files when `None`).
    suggest_in: Option<Vec<bool>>,
}

impl Resolver {
    fn quiet(&self, file: FileId) -> bool {
        self.ws.is_broken(file)
    }

    fn push(&mut self, file: FileId, d: Diagnostic) {
        if !self.quiet(file) {
            self.diags.push(d);
        }
    }

    /// Gives a lowered file's plan, people, goals and metrics their workspace ids.
    fn define_file(&mut self, lowered: Lowered) {
        let Lowered {
            file,
            plan,
            people,
            goals,
            metrics,
            diags,
        } = lowered;
        self.diags.extend(diags);
        let plan_id = plan.map(|plan| {
            self.ws.plans.push(plan);
            PlanId(self.ws.plans.len() as u32 - 1)
        });
        for p in people {
            let at = self.ws.people.len() as u32;
            let people = &self.ws.people;
            let first = self
                .ws
                .person_index
                .insert_first(&p.id.value, at, |i| people[i as usize].id.value.as_str());
            if let Some(first) = first {
                let prev = &self.ws.people[first as usize];
                let d = duplicate(file, &p.id, "person", prev.file, prev.id.span);
                self.push(file, d);
                continue;
            }
            self.ws.people.push(p);
        }
        let metric_base = self.ws.metrics.len() as u32;
        let goal_base = self.ws.goals.len() as u32;
        for mut goal in goals {
            let id = GoalId(self.ws.goals.len() as u32);
            let goals = &self.ws.goals;
            let first = self.ws.goal_index.insert_first(&goal.id.value, id.0, |i| {
                goals[i as usize].id.value.as_str()
            });
            if let Some(first) = first {
                let prev = self.ws.goal(GoalId(first));
                let d = duplicate(file, &goal.id, "goal", prev.file, prev.id.span)
                    .with_goal(goal.id.value.clone());
                self.push(file, d);
                // The second definition is still resolved and judged, so its own mistakes are
                // reported too; references by id keep meaning the first.
            }
            goal.plan = plan_id;
            for m in &mut goal.metrics {
                m.0 += metric_base;
            }
            if let Some(p) = plan_id {
                self.ws.plans[p.0 as usize].goals.push(id);
            }
            self.ws.goals.push(goal);
        }
        for mut metric in metrics {
            metric.goal.0 += goal_base;
            let at = self.ws.metrics.len() as u32;
            self.ws.metrics.push(metric);
            let (goals, metrics) = (&self.ws.goals, &self.ws.metrics);
            let key = |i: u32| {
                let m = &metrics[i as usize];
                (
                    goals[m.goal.0 as usize].id.value.as_str(),
                    m.id.value.as_str(),
                )
            };
            let wanted = key(at);
            self.metric_index.insert_first_by(
                hash_of(wanted),
                at,
                |i| key(i) == wanted,
                |i| hash_of(key(i)),
            );
        }
    }

    fn link(&mut self) {
        let roster = !self.ws.people.is_empty();
        for i in 0..self.ws.plans.len() {
            let plan = &self.ws.plans[i];
            if let (true, Some(owner)) = (roster, plan.owner.clone()) {
                let file = plan.file;
                self.ws.plans[i].owner_ref = self.person(file, &owner, "plan owner", None);
            }
        }
        // Every goal's links, in definition order (children are listed in that order).
        for gi in 0..self.ws.goals.len() {
            let goal = GoalId(gi as u32);
            let file = self.ws.goals[gi].file;
            let goal_name = self.ws.goals[gi].id.value.clone();
            let mut parents = std::mem::take(&mut self.ws.goals[gi].parents);
            for link in &mut parents {
                if link.id.value.contains('.') {
                    // a key result: the child aligns to its goal, through it
                    link.via = self.metric_ref(file, &link.id, Some(&goal_name));
                    link.target = link.via.map(|m| self.ws.metrics[m.0 as usize].goal);
                } else {
                    link.target = self.goal_ref(file, &link.id, "aligns_to", &goal_name);
                }
                if let Some(parent) = link.target {
                    self.ws.goals[parent.0 as usize].children.push(goal);
                }
            }
            self.ws.goals[gi].parents = parents;
            if let Some(mut extra) = self.ws.goals[gi].extra.take() {
                for link in &mut extra.supports {
                    link.target = self.goal_ref(file, &link.id, "supports", &goal_name);
                }
                self.ws.goals[gi].extra = Some(extra);
            }
            if roster {
                if let Some(mut owner) = self.ws.goals[gi].owner.take() {
                    owner.target = self.person(file, &owner.id, "owner", Some(&goal_name));
                    self.ws.goals[gi].owner = Some(owner);
                }
                let mentor = self.ws.goals[gi]
                    .mastery
                    .as_mut()
                    .and_then(|m| m.mentor.take());
                if let Some(mut mentor) = mentor {
                    mentor.target = self.person(file, &mentor.id, "mentor", Some(&goal_name));
                    if let Some(m) = &mut self.ws.goals[gi].mastery {
                        m.mentor = Some(mentor);
                    }
                }
                let parties = self.ws.goals[gi]
                    .pact
                    .as_mut()
                    .and_then(|p| p.parties.take());
                if let Some(mut parties) = parties {
                    for party in &mut parties.value {
                        party.target = self.person(file, &party.id, "party", Some(&goal_name));
                    }
                    if let Some(p) = &mut self.ws.goals[gi].pact {
                        p.parties = Some(parties);
                    }
                }
            }
            for k in 0..self.ws.goals[gi].metrics.len() {
                let metric = self.ws.goals[gi].metrics[k];
                if roster {
                    let owner = self.ws.metrics[metric.0 as usize]
                        .extra
                        .as_mut()
                        .and_then(|e| e.owner.take());
                    if let Some(mut owner) = owner {
                        let file = self.ws.metrics[metric.0 as usize].file;
                        owner.target =
                            self.person(file, &owner.id, "key result owner", Some(&goal_name));
                        if let Some(e) = &mut self.ws.metrics[metric.0 as usize].extra {
                            e.owner = Some(owner);
                        }
                    }
                }
                let Some(mut link) = self.ws.metrics[metric.0 as usize]
                    .extra
                    .as_mut()
                    .and_then(|e| e.contributes_to.take())
                else {
                    continue;
                };
                link.target = self.metric_ref(file, &link.id, Some(&goal_name));
                if let Some(parent) = link.target {
                    self.ws.metrics[parent.0 as usize].contributors.push(metric);
                }
                if let Some(e) = &mut self.ws.metrics[metric.0 as usize].extra {
                    e.contributes_to = Some(link);
                }
            }
        }
    }

    /// Resolves a goal id written in `field` of goal `goal`; an unknown one is a finding.
    fn goal_ref(&mut self, file: FileId, id: &Sp<Text>, field: &str, goal: &str) -> Option<GoalId> {
        if let Some(found) = self.ws.goal_by_id(&id.value) {
            return Some(found);
        }
        let suggestion = self.suggest_goal(file, &id.value);
        let mut d = unknown(file, id, field, suggestion.as_deref(), goal);
        d.fix = suggestion.map(|s| self.fix(file, id.span, &s));
        let d = self.with_suggestion_location(d, |ws, s| {
            ws.goal_by_id(s)
                .map(|g| (ws.goal(g).file, ws.goal(g).id.span))
        });
        self.push(file, d);
        None
    }

    /// A fix replacing the reference written at `at` with `suggestion`.
    fn fix(&self, file: FileId, at: Span, suggestion: &str) -> Fix {
        let text = self.ws.files.get(file.0 as usize).map_or("", |f| &f.text);
        Fix::replace(file, at, text.get(at.range()).unwrap_or(""), suggestion)
    }

    /// Adds a related label at the definition of the suggested id.
    fn with_suggestion_location(
        &self,
        mut d: Diagnostic,
        locate: impl Fn(&Workspace, &str) -> Option<(FileId, Span)>,
    ) -> Diagnostic {
        let suggestion = d.fix.as_ref().map(|f| f.suggestion.as_str());
        if let Some((file, span)) = suggestion.and_then(|s| locate(&self.ws, s)) {
            d.related.push(crate::diagnostic::Label {
                file,
                span,
                message: "a similar id is defined here".into(),
            });
        }
        d
    }

    /// Whether findings in `file` get a "did you mean": suggestions spend a budget, which
    /// belongs to the files the user asked about.
    fn suggests(&self, file: FileId) -> bool {
        self.suggest_in
            .as_ref()
            .is_none_or(|scope| scope.get(file.0 as usize).copied().unwrap_or(true))
    }

    fn suggest_goal(&mut self, file: FileId, word: &str) -> Option<String> {
        if !self.suggests(file) {
            return None;
        }
        let goals = &self.ws.goals;
        self.goal_names
            .get_or_insert_with(|| Suggester::new(goals.iter().map(|g| g.id.value.as_str())))
            .suggest(word)
    }

    fn person(
        &mut self,
        file: FileId,
        id: &Sp<Text>,
        role: &str,
        goal: Option<&str>,
    ) -> Option<PersonId> {
        if let Some(p) = self.ws.person_by_id(&id.value) {
            return Some(p);
        }
        let suggestion = if self.suggests(file) {
            let people = &self.ws.people;
            self.person_names
                .get_or_insert_with(|| Suggester::new(people.iter().map(|p| p.id.value.as_str())))
                .suggest(&id.value)
        } else {
            None
        };
        let mut d = Diagnostic::error(
            RuleId::UnknownReference,
            file,
            id.span,
            format!("{role} `{}` is not on the roster", id.value),
        )
        .with_label("no such person");
        d.help = Some(match &suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("add `[people.{}]` to a plan of the workspace", id.value),
        });
        d.fix = suggestion.map(|s| self.fix(file, id.span, &s));
        d.goal = goal.map(str::to_string);
        let d = self.with_suggestion_location(d, |ws, s| {
            ws.person_by_id(s)
                .map(|p| (ws.person(p).file, ws.person(p).id.span))
        });
        self.push(file, d);
        None
    }

    /// Resolves `goal-id.metric-id`; suggestions look at goal ids first, then that goal's metrics.
    fn metric_ref(
        &mut self,
        file: FileId,
        target: &Sp<Text>,
        goal: Option<&str>,
    ) -> Option<MetricId> {
        let (goals, metrics) = (&self.ws.goals, &self.ws.metrics);
        let found = target.value.split_once('.').and_then(|wanted| {
            self.metric_index.find(hash_of(wanted), |i| {
                let m = &metrics[i as usize];
                (
                    goals[m.goal.0 as usize].id.value.as_str(),
                    m.id.value.as_str(),
                ) == wanted
            })
        });
        if let Some(m) = found {
            return Some(MetricId(m));
        }
        let (goal_part, metric_part) = target.value.split_once('.').unwrap_or((&target.value, ""));
        let (message, help, suggestion) = match self.ws.goal_by_id(goal_part) {
            Some(g) => {
                let metrics: Vec<&str> = self
                    .ws
                    .goal(g)
                    .metrics
                    .iter()
                    .map(|m| self.ws.metric(*m).id.value.as_str())
                    .collect();
                let suggestion = did_you_mean(metric_part, metrics.iter().copied())
                    .map(|s| format!("{goal_part}.{s}"));
                let help = match &suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if metrics.is_empty() => format!("goal `{goal_part}` has no metrics"),
                    None => format!("the metrics of `{goal_part}` are: {}", metrics.join(", ")),
                };
                (
                    format!("goal `{goal_part}` has no metric `{metric_part}`"),
                    help,
                    suggestion,
                )
            }
            None if metric_part.is_empty() => (
                format!("`{}` is not a metric reference", target.value),
                "metric references are written `goal-id.metric-id`".to_string(),
                None,
            ),
            None => {
                let suggestion = self
                    .suggest_goal(file, goal_part)
                    .map(|s| format!("{s}.{metric_part}"));
                let help = match &suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "metric references are written `goal-id.metric-id`".to_string(),
                };
                (
                    format!(
                        "no goal `{goal_part}` for metric reference `{}`",
                        target.value
                    ),
                    help,
                    suggestion,
                )
            }
        };
        let mut d = Diagnostic::error(RuleId::UnknownReference, file, target.span, message)
            .with_label("names no metric")
            .with_help(help);
        d.fix = suggestion.map(|s| self.fix(file, target.span, &s));
        d.goal = goal.map(str::to_string);
        let d = self.with_suggestion_location(d, |ws, s| {
            let (g, m) = s.split_once('.')?;
            let gid = ws.goal_by_id(g)?;
            let mid = ws
                .goal(gid)
                .metrics
                .iter()
                .find(|id| ws.metric(**id).id.value == m)?;
            Some((ws.metric(*mid).file, ws.metric(*mid).id.span))
        });
        self.push(file, d);
        None
    }

    fn progress_checkin(&mut self, file: FileId, c: CheckinDef) {
        let Some(metric) = c.metric.clone() else {
            return;
        };
        // A finding about a check-in names its goal only when that goal exists.
        let goal = metric
            .value
            .split_once('.')
            .map(|(g, _)| g.to_string())
            .filter(|g| self.ws.goal_by_id(g).is_some());
        let target = self.metric_ref(file, &metric, goal.as_deref());
        self.ws
            .checkin_refs
            .push((file, Link { id: metric, target }));
        if let (Some(m), Some(c)) = (target, checkin(file, c)) {
            self.ws.metrics[m.0 as usize].checkins.push(c);
        }
    }
}

fn duplicate(
    file: FileId,
    id: &Sp<Text>,
    what: &str,
    first_file: FileId,
    first: Span,
) -> Diagnostic {
    Diagnostic::error(
        RuleId::DuplicateId,
        file,
        id.span,
        format!("{what} `{}` is defined twice", id.value),
    )
    .with_label("defined again here")
    .with_related(first_file, first, "first defined here")
    .with_help(format!(
        "{what} ids are unique in the workspace: rename one of them or merge the two"
    ))
}

fn unknown(
    file: FileId,
    target: &Sp<Text>,
    field: &str,
    suggestion: Option<&str>,
    goal: &str,
) -> Diagnostic {
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => "no goal of the workspace has this id; check the spelling or define it".into(),
    };
    Diagnostic::error(
        RuleId::UnknownReference,
        file,
        target.span,
        format!("`{field}` names unknown goal `{}`", target.value),
    )
    .with_label("no such goal")
    .with_help(help)
    .with_goal(goal)
}
