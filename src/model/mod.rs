//! The raw model: what one plan or progress file says, field by field, with the span of every
//! value. Nothing here is defaulted or resolved; see [`crate::workspace`] for that.

pub mod schema;

use crate::base::date::Date;
use crate::base::span::{Sp, Span};
use crate::base::text::Text;
use serde::Serialize;

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }
    };
}

keyword_enum! {
    /// The goal framework, which decides the framework rules that apply.
    Framework { Hard = "hard", Mastery = "mastery", Pact = "pact", Micro = "micro", Okr = "okr" }
}

keyword_enum! {
    /// How often progress is reviewed (or feedback given).
    Cadence { Weekly = "weekly", Biweekly = "biweekly", Monthly = "monthly", Quarterly = "quarterly" }
}

keyword_enum! {
    /// An OKR's ambition: committed key results are expected to be met in full.
    OkrType { Committed = "committed", Aspirational = "aspirational" }
}

keyword_enum! {
    /// What a metric measures: a change to make (`number`), a result to deliver, or a level to
    /// hold (`range`).
    MetricKind { Number = "number", Deliverable = "deliverable", Range = "range" }
}

keyword_enum! {
    /// Which way a number metric moves toward its target.
    Direction { Increase = "increase", Decrease = "decrease" }
}

keyword_enum! {
    /// A reporter's own reading of a metric at a check-in. It never changes computed progress.
    ReportedStatus {
        NotStarted = "not-started",
        InProgress = "in-progress",
        OnTrack = "on-track",
        AtRisk = "at-risk",
        OffTrack = "off-track",
        Blocked = "blocked",
        Deferred = "deferred",
        Missed = "missed",
        Done = "done",
    }
}

impl Cadence {
    /// The cadence's length in days, as the progress rules count it.
    pub fn days(self) -> i64 {
        match self {
            Cadence::Weekly => 7,
            Cadence::Biweekly => 14,
            Cadence::Monthly => 31,
            Cadence::Quarterly => 92,
        }
    }
}

/// A pact's `commitments`: party id -> what they commit to.
pub type Commitments = Sp<Vec<(Sp<Text>, Sp<Text>)>>;

/// One `*.plan.toml` (or any explicitly named file that is not a progress file).
#[derive(Clone, Debug, Default)]
pub struct PlanDoc {
    pub plan: Option<PlanHeader>,
    pub people: Vec<PersonDef>,
    pub goals: Vec<GoalDef>,
}

/// The `[plan]` table.
#[derive(Clone, Debug)]
pub struct PlanHeader {
    /// The `[plan]` header.
    pub span: Span,
    pub title: Option<Sp<Text>>,
    pub owner: Option<Sp<Text>>,
    pub team: Option<Sp<Text>>,
    pub start: Option<Sp<Date>>,
    pub end: Option<Sp<Date>>,
    /// Rule names suppressed on every goal of the file.
    pub allow: Vec<Sp<Text>>,
}

/// A `[people.ID]` entry of the roster.
#[derive(Clone, Debug)]
pub struct PersonDef {
    pub id: Sp<Text>,
    pub name: Option<Sp<Text>>,
    pub team: Option<Sp<Text>>,
    /// Hours a week for goal work.
    pub capacity: Option<Sp<f64>>,
    /// Rule names suppressed on the findings about this person.
    pub allow: Vec<Sp<Text>>,
}

/// A `[goals.ID]` table. `id.span` is the id in the goal's table header.
#[derive(Clone, Debug)]
pub struct GoalDef {
    pub id: Sp<Text>,
    pub title: Option<Sp<Text>>,
    pub framework: Option<Sp<Framework>>,
    pub level: Option<Sp<Text>>,
    pub owner: Option<Sp<Text>>,
    pub start: Option<Sp<Date>>,
    pub due: Option<Sp<Date>>,
    /// The `aligns_to` value as a whole (for a string or an array) and its entries.
    pub aligns_to: Option<Sp<Vec<Sp<Text>>>>,
    pub weight: Option<Sp<f64>>,
    pub allow: Vec<Sp<Text>>,
    pub review: Option<Sp<Cadence>>,
    /// The fields of mastery goals, boxed: most goals have none, and every goal would
    /// otherwise carry their room.
    pub mastery: Option<Box<MasteryDef>>,
    pub pact: Option<Box<PactDef>>,
    pub okr_type: Option<Sp<OkrType>>,
    /// The grade recorded for the goal as a whole, 0–1.
    pub score: Option<Sp<f64>>,
    /// Goals this one supports sideways (not alignment).
    pub supports: Option<Sp<Vec<Sp<Text>>>>,
    /// Hours a week the goal takes while it is active.
    pub effort: Option<Sp<f64>>,
    pub metrics: Vec<MetricDef>,
}

/// The mastery fields of a goal (whatever its framework says).
#[derive(Clone, Debug, Default)]
pub struct MasteryDef {
    pub skill: Option<Sp<Text>>,
    pub mentor: Option<Sp<Text>>,
    pub resources: Option<Sp<Vec<Sp<Text>>>>,
    pub feedback: Option<Sp<Cadence>>,
    pub milestones: Option<Sp<Vec<MilestoneDef>>>,
}

/// The PACT fields of a goal.
#[derive(Clone, Debug, Default)]
pub struct PactDef {
    pub parties: Option<Sp<Vec<Sp<Text>>>>,
    pub commitments: Option<Commitments>,
    pub agreed: Option<Sp<Date>>,
}

impl GoalDef {
    pub fn mastery_mut(&mut self) -> &mut MasteryDef {
        self.mastery.get_or_insert_with(Box::default)
    }

    pub fn pact_mut(&mut self) -> &mut PactDef {
        self.pact.get_or_insert_with(Box::default)
    }
}

/// A `[goals.ID.metrics.ID]` table. `id.span` is the metric id in its header.
#[derive(Clone, Debug)]
pub struct MetricDef {
    pub id: Sp<Text>,
    pub title: Option<Sp<Text>>,
    pub kind: Option<Sp<MetricKind>>,
    pub unit: Option<Sp<Text>>,
    pub baseline: Option<Sp<f64>>,
    pub target: Option<Sp<f64>>,
    pub direction: Option<Sp<Direction>>,
    pub min: Option<Sp<f64>>,
    pub max: Option<Sp<f64>>,
    pub owner: Option<Sp<Text>>,
    pub due: Option<Sp<Date>>,
    pub done: Option<Sp<Date>>,
    pub waypoints: Option<Sp<Vec<WaypointDef>>>,
    pub weight: Option<Sp<f64>>,
    pub contributes_to: Option<Sp<Text>>,
    pub checkins: Vec<CheckinDef>,
}

/// A point of a number metric's planned path.
#[derive(Clone, Debug)]
pub struct WaypointDef {
    pub span: Span,
    pub date: Option<Sp<Date>>,
    pub value: Option<Sp<f64>>,
}

/// A check-in: an entry of a metric's `checkins` array, or a `[[checkin]]` of a progress file
/// (which also names its `metric`).
#[derive(Clone, Debug)]
pub struct CheckinDef {
    /// The whole entry (inline table, or the `[[checkin]]` header).
    pub span: Span,
    pub metric: Option<Sp<Text>>,
    pub date: Option<Sp<Date>>,
    pub value: Option<Sp<f64>>,
    pub note: Option<Sp<Text>>,
    pub confidence: Option<Sp<f64>>,
    pub status: Option<Sp<ReportedStatus>>,
    pub score: Option<Sp<f64>>,
}

/// An entry of a mastery goal's `milestones`.
#[derive(Clone, Debug)]
pub struct MilestoneDef {
    pub span: Span,
    pub title: Option<Sp<Text>>,
    pub level: Option<Sp<u8>>,
    pub due: Option<Sp<Date>>,
    pub done: Option<Sp<Date>>,
}

/// One `*.progress.toml`.
#[derive(Clone, Debug, Default)]
pub struct ProgressDoc {
    pub checkins: Vec<CheckinDef>,
}

/// What a file turned out to hold.
#[derive(Clone, Debug)]
pub enum Doc {
    Plan(PlanDoc),
    Progress(ProgressDoc),
}
