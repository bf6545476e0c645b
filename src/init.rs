//! `goalc init`: a starter workspace that passes `goalc check`.
//!
//! The plan's dates are counted from the day it is created, so the starter stays clean
//! whenever it is run: nothing is overdue, stale or off pace on its first day.

use crate::base::date::Date;
use std::path::{Path, PathBuf};

pub(crate) const CONFIG: &str = r#"# goalc workspace configuration. Every *.plan.toml and *.progress.toml below this folder
# belongs to the workspace; goal ids are resolved across all of them.

# The levels of the cascade, top first. Goals default to the bottom level.
levels = ["org", "team", "individual"]

# The date progress is judged at. Leave it out to use today; pin it in CI for reproducible runs.
# as_of = 2026-06-15

[rules]
# Every rule except the structural ones can be "error", "warning" or "off", and some take
# thresholds. `goalc rules` lists them, `goalc explain RULE` documents one.
# too-many-goals = { level = "warning", max = 5 }
"#;

const PLAN: &str = r#"# A starter plan. `goalc check` checks it; `goalc explain RULE` explains any finding.

[plan]
title = "Learning & Development {YEAR}"
owner = "maria"
team = "learning"
start = {START}
end = {END}

# The roster: owners, mentors and pact parties refer to these ids.
[people.maria]
name = "Maria Chen"
team = "learning"

[people.tomas]
name = "Tomás Rivera"
team = "learning"

[people.aiko]
name = "Aiko Tanaka"
team = "learning"

# An org goal: a hard, measurable outcome. Start and due default to the plan's period.
[goals.erp-fluency]
title = "Certify 60 % of staff at advanced ERP level within a year"
level = "org"
owner = "maria"

[goals.erp-fluency.metrics.certified]
title = "Share of staff certified at advanced ERP level"
unit = "%"
baseline = 20
target = 60

# A team OKR: an objective with two to five key results.
[goals.trainer-network]
title = "Build a network of ERP floor trainers in every department"
framework = "okr"
type = "committed"
level = "team"
owner = "tomas"
aligns_to = "erp-fluency"
review = "monthly"

[goals.trainer-network.metrics.trainers]
title = "Certified floor trainers"
unit = "count"
baseline = 10
target = 30

[goals.trainer-network.metrics.departments]
title = "Departments with at least one floor trainer"
unit = "count"
baseline = 4
target = 12

# A deliverable: a result that is done or not. It has its own owner and due date (both default
# to the goal's); record `done = YYYY-MM-DD` when it is delivered, and check-ins as % complete.
[goals.trainer-network.metrics.handbook]
title = "Floor-trainer handbook published on the intranet"
kind = "deliverable"
owner = "aiko"
due = {HANDBOOK_DUE}

# A micro goal: a small SMART step with a short horizon, aligned to a broader goal.
[goals.first-cohort]
title = "Certify the first 8 floor trainers within 60 days"
framework = "micro"
owner = "aiko"
due = {MICRO_DUE}
aligns_to = ["trainer-network"]

[goals.first-cohort.metrics.certified-trainers]
title = "Floor trainers certified in the first cohort"
unit = "count"
baseline = 0
target = 8

# A mastery goal: proficiency pursued through progressive milestones, with support.
[goals.facilitation-mastery]
title = "Reach level 4 in workshop facilitation"
framework = "mastery"
owner = "aiko"
aligns_to = "trainer-network"
skill = "workshop facilitation"
mentor = "maria"
resources = ["Facilitator's Guide to Participatory Decision-Making"]
feedback = "monthly"
milestones = [
  { title = "Co-facilitates a trainer workshop", level = 2, due = {M1} },
  { title = "Runs a trainer workshop alone", level = 3, due = {M2} },
  { title = "Coaches new facilitators", level = 4, due = {M3} },
]

# A pact: an agreement between a person and the team, with commitments from each party.
[goals.office-hours-pact]
title = "Hold 2 ERP office hours a week for the finance team"
framework = "pact"
owner = "tomas"
aligns_to = "trainer-network"
parties = ["tomas", "maria"]
commitments = { tomas = "hosts two office hours a week", maria = "keeps Friday afternoons free of meetings for the team" }
review = "monthly"
agreed = {START}

[goals.office-hours-pact.metrics.questions-answered]
title = "Finance questions answered within a week"
unit = "%"
baseline = 50
target = 80

# A range: a level to hold rather than a change to make (`min`, `max` or both).
[goals.office-hours-pact.metrics.attendance]
title = "Finance staff attending each office hour"
kind = "range"
unit = "people"
min = 3
max = 12

# Progress goes in *.progress.toml files (or inline as `checkins = [...]` on a metric):
#
#   [[checkin]]
#   metric = "erp-fluency.certified"
#   date = 2026-02-01
#   value = 24
#   note = "first cohort certified"
#
# A check-in may also carry the reporter's own reading and, at the end, a grade:
#   status = "on-track"    # not-started, in-progress, on-track, at-risk, off-track, blocked, ...
#   score = 0.7            # 0.0-1.0, as OKRs are scored
"#;

/// The files `init` writes, with their text for a plan starting on `today`.
pub(crate) fn files(today: Date) -> Vec<(&'static str, String)> {
    let (year, _, _) = today.ymd();
    let plan = PLAN
        .replace("{YEAR}", &year.to_string())
        .replace("{START}", &today.to_string())
        .replace("{END}", &today.add_days(364).to_string())
        .replace("{MICRO_DUE}", &today.add_days(60).to_string())
        .replace("{HANDBOOK_DUE}", &today.add_days(120).to_string())
        .replace("{M1}", &today.add_days(90).to_string())
        .replace("{M2}", &today.add_days(180).to_string())
        .replace("{M3}", &today.add_days(300).to_string());
    vec![
        ("goalc.toml", CONFIG.to_string()),
        ("learning.plan.toml", plan),
    ]
}

/// Writes the starter workspace into `dir`, refusing to overwrite anything.
pub(crate) fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let files = files(today);
    for (name, _) in &files {
        let path = dir.join(name);
        if path.exists() {
            return Err(format!(
                "{} already exists; goalc init does not overwrite files",
                path.display()
            ));
        }
    }
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        crate::base::fsio::write_atomic(&path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
