//! Ties between two persons or two organisations.

use serde::Serialize;

use crate::codes::code_enum;
use crate::error::{Field, Rule, ValidationError};
use crate::ids::{ActorId, MeetingId, TieId};
use crate::text::Text;
use crate::time::Period;

code_enum! {
    /// What a tie consists of.
    pub enum TieKind: "tie-kind" {
        Cooperation = "cooperation",
        InformationExchange = "information_exchange",
        FormalAgreement = "formal_agreement",
        Funding = "funding",
        Instruction = "instruction",
        Conflict = "conflict",
        /// Both attended the same meeting: weak, recorded automatically, and excluded from an
        /// analysis that asks for working ties only.
        MetAtMeeting = "met_at_meeting",
    }
}

impl TieKind {
    /// Whether ties of this kind have a direction unless recorded otherwise (funding and
    /// instruction flow one way).
    pub fn directed_by_default(self) -> bool {
        matches!(self, TieKind::Funding | TieKind::Instruction)
    }
}

/// How strong a tie is: 1 (weak) to 5 (very strong).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Strength(u8);

impl Strength {
    /// Weakest.
    pub const MIN: u8 = 1;
    /// Strongest.
    pub const MAX: u8 = 5;

    /// Checks the range.
    pub fn new(value: i64) -> Result<Strength, Rule> {
        u8::try_from(value)
            .ok()
            .filter(|v| (Self::MIN..=Self::MAX).contains(v))
            .map(Strength)
            .ok_or_else(|| Rule::OutOfRange {
                min: Self::MIN.to_string(),
                max: Self::MAX.to_string(),
                found: value.to_string(),
            })
    }

    /// The value.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// The parts of a tie before checking; [`TieData::new`] turns it into a valid tie.
#[derive(Clone, Debug, PartialEq)]
pub struct TieSpec {
    /// Where the tie starts.
    pub source: ActorId,
    /// Where it ends.
    pub target: ActorId,
    /// What it consists of.
    pub kind: TieKind,
    /// Whether it has a direction.
    pub directed: bool,
    /// How strong.
    pub strength: Strength,
    /// Since and until when.
    pub period: Period,
    /// Where the knowledge of it comes from.
    pub source_note: Option<Text>,
    /// The meeting that created it.
    pub meeting_id: Option<MeetingId>,
}

/// What is recorded about a tie. Built with [`TieData::new`], which enforces: both ends of the
/// same kind, never an actor with itself, and for undirected ties the lower id first (so the
/// same pair is stored one way only).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TieData {
    source: ActorId,
    target: ActorId,
    kind: TieKind,
    directed: bool,
    strength: Strength,
    period: Period,
    source_note: Option<Text>,
    meeting_id: Option<MeetingId>,
}

impl TieData {
    /// Checks and normalises a tie.
    pub fn new(spec: TieSpec) -> Result<TieData, ValidationError> {
        let TieSpec {
            source,
            target,
            kind,
            directed,
            strength,
            period,
            source_note,
            meeting_id,
        } = spec;
        if source.kind() != target.kind() {
            return Err(Rule::MixedTie.at(Field::Target));
        }
        if source == target {
            return Err(Rule::SelfTie.at(Field::Target));
        }
        let (source, target) = if !directed && target < source {
            (target, source)
        } else {
            (source, target)
        };
        Ok(TieData {
            source,
            target,
            kind,
            directed,
            strength,
            period,
            source_note,
            meeting_id,
        })
    }

    /// Where the tie starts (for undirected ties, the actor with the lower id).
    pub fn source(&self) -> ActorId {
        self.source
    }
    /// Where it ends.
    pub fn target(&self) -> ActorId {
        self.target
    }
    /// What it consists of.
    pub fn kind(&self) -> TieKind {
        self.kind
    }
    /// Whether it has a direction.
    pub fn directed(&self) -> bool {
        self.directed
    }
    /// How strong.
    pub fn strength(&self) -> Strength {
        self.strength
    }
    /// Since and until when.
    pub fn period(&self) -> Period {
        self.period
    }
    /// Where the knowledge of it comes from ("Interview 2021", "Akteurslandkarte KPR").
    pub fn source_note(&self) -> Option<&Text> {
        self.source_note.as_ref()
    }
    /// The meeting that created it (for "met at meeting").
    pub fn meeting_id(&self) -> Option<MeetingId> {
        self.meeting_id
    }
}

/// A stored tie.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tie {
    /// Its id.
    pub id: TieId,
    /// Its data.
    #[serde(flatten)]
    pub data: TieData,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{OrganisationId, PersonId};

    fn person(id: i64) -> ActorId {
        ActorId::Person(PersonId::new(id))
    }

    fn tie(a: ActorId, b: ActorId, directed: bool) -> Result<TieData, ValidationError> {
        TieData::new(TieSpec {
            source: a,
            target: b,
            kind: TieKind::Cooperation,
            directed,
            strength: Strength::new(3).unwrap(),
            period: Period::ALWAYS,
            source_note: None,
            meeting_id: None,
        })
    }

    #[test]
    fn strength_is_one_to_five() {
        assert!(Strength::new(0).is_err());
        assert_eq!(Strength::new(5).unwrap().get(), 5);
        assert!(Strength::new(6).is_err());
        assert!(Strength::new(-1).is_err());
    }

    #[test]
    fn a_tie_never_connects_an_actor_to_itself() {
        assert_eq!(
            tie(person(7), person(7), false).unwrap_err().rule,
            Rule::SelfTie
        );
    }

    #[test]
    fn a_tie_connects_two_persons_or_two_organisations() {
        let org = ActorId::Organisation(OrganisationId::new(8));
        assert_eq!(tie(person(7), org, false).unwrap_err().rule, Rule::MixedTie);
    }

    #[test]
    fn undirected_ties_are_stored_lower_id_first() {
        let t = tie(person(9), person(3), false).unwrap();
        assert_eq!((t.source(), t.target()), (person(3), person(9)));
        let d = tie(person(9), person(3), true).unwrap();
        assert_eq!((d.source(), d.target()), (person(9), person(3)));
    }
}
