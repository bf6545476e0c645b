//! Every rule's identity, and the shape of a rule's thresholds. A leaf: the settings, the
//! loader and the resolver name rules through [`RuleId`] without depending on the rules' code,
//! which lives above them in [`crate::rules`].

use serde::Serialize;

macro_rules! rule_ids {
    ($($variant:ident => $name:literal,)*) => {
        /// A rule, by identity. The order is the registry's: structural rules first, then in
        /// the order of the documentation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The rule's name, as goalc.toml, `allow` and every output spell it.
            pub const fn name(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $name,)*
                }
            }
        }
    };
}

rule_ids! {
    Syntax => "syntax",
    Schema => "schema",
    DuplicateId => "duplicate-id",
    UnknownReference => "unknown-reference",
    InvalidDates => "invalid-dates",
    OrphanGoal => "orphan-goal",
    AlignmentCycle => "alignment-cycle",
    LevelInversion => "level-inversion",
    DeadlineAfterParent => "deadline-after-parent",
    OutsidePlanPeriod => "outside-plan-period",
    NoContributors => "no-contributors",
    ContributionShortfall => "contribution-shortfall",
    UnitMismatch => "unit-mismatch",
    MissingMetric => "missing-metric",
    MissingTarget => "missing-target",
    MissingBaseline => "missing-baseline",
    MissingUnit => "missing-unit",
    NoChange => "no-change",
    VagueTitle => "vague-title",
    ActivityMetric => "activity-metric",
    DeliverablesOnly => "deliverables-only",
    CompoundMetric => "compound-metric",
    PercentOutOfRange => "percent-out-of-range",
    UnrealisticTarget => "unrealistic-target",
    OffPace => "off-pace",
    Overdue => "overdue",
    ClaimContradictsProgress => "claim-contradicts-progress",
    ConfidenceContradictsPace => "confidence-contradicts-pace",
    ScoreContradictsProgress => "score-contradicts-progress",
    TooManyGoals => "too-many-goals",
    OverCapacity => "over-capacity",
    KeyResultCount => "key-result-count",
    MasteryWithoutMilestones => "mastery-without-milestones",
    MilestonesNotProgressive => "milestones-not-progressive",
    MasteryWithoutSupport => "mastery-without-support",
    MilestoneOverdue => "milestone-overdue",
    MasteryWithoutFeedback => "mastery-without-feedback",
    StandardizedGoal => "standardized-goal",
    PactSingleParty => "pact-single-party",
    PactMissingCommitment => "pact-missing-commitment",
    PactWithoutReview => "pact-without-review",
    PactOwnerNotParty => "pact-owner-not-party",
    PactNotAgreed => "pact-not-agreed",
    MicroTooLong => "micro-too-long",
    MicroUnaligned => "micro-unaligned",
    StaleProgress => "stale-progress",
    CheckinInFuture => "checkin-in-future",
    CheckinOutsideGoal => "checkin-outside-goal",
    TargetLowered => "target-lowered",
    DeadlinePushed => "deadline-pushed",
    BaselineRewritten => "baseline-rewritten",
    UnusedAllow => "unused-allow",
}

impl RuleId {
    pub fn from_name(name: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// Found while loading and resolving; always errors, never configured or allowed.
    pub const fn is_structural(self) -> bool {
        matches!(
            self,
            RuleId::Syntax
                | RuleId::Schema
                | RuleId::DuplicateId
                | RuleId::UnknownReference
                | RuleId::InvalidDates
        )
    }

    /// Rules whose settings take `levels = [...]`: the levels they judge.
    pub const fn takes_levels(self) -> bool {
        matches!(self, RuleId::NoContributors)
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        RuleId::ALL.iter().map(|r| r.name())
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A configurable number of a rule, such as `too-many-goals`' `max`. Each is a static next to
/// its rule, and rules read their value through that static, so a misspelt threshold does not
/// compile.
#[derive(Debug)]
pub struct Threshold {
    pub name: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub integer: bool,
    pub description: &'static str,
}
