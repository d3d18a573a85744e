//! Ties between two persons or two organisations.
//!
//! Ties of kind "met at meeting" are not recorded by hand: they follow from attendance
//! ([`met_at_meeting`]), and the store keeps them in step with it.

use jiff::Timestamp;
use serde::Serialize;

use crate::codes::code_enum;
use crate::error::{Field, Rule, ValidationError};
use crate::ids::{ActorId, MeetingId, PersonId, TieId};
use crate::meeting::MeetingStatus;
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
        /// Both attended the same meeting: weak, derived from attendance (see
        /// [`met_at_meeting`]), and excluded from an analysis that asks for working ties only.
        MetAtMeeting = "met_at_meeting",
    }
}

impl TieKind {
    /// Whether ties of this kind have a direction unless recorded otherwise (funding and
    /// instruction flow one way).
    pub fn directed_by_default(self) -> bool {
        matches!(self, TieKind::Funding | TieKind::Instruction)
    }

    /// The kinds users record by hand: all but "met at meeting", which follows from attendance.
    pub const BY_HAND: [TieKind; 6] = [
        TieKind::Cooperation,
        TieKind::InformationExchange,
        TieKind::FormalAgreement,
        TieKind::Funding,
        TieKind::Instruction,
        TieKind::Conflict,
    ];

    /// The kind itself if users may record, change or delete ties of it by hand;
    /// [`Rule::FromAttendance`] for "met at meeting".
    pub fn by_hand(self) -> Result<TieKind, Rule> {
        if self == TieKind::MetAtMeeting {
            Err(Rule::FromAttendance)
        } else {
            Ok(self)
        }
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

/// The ties that attendance at a meeting makes: if the meeting was held, one undirected tie of
/// kind "met at meeting" between every two persons in `attended`, of strength 1, beginning on the
/// meeting's day in Europe/Berlin and without end, carrying the meeting's id. A meeting planned
/// or cancelled makes none. Repetitions in `attended` count once; the ties come ordered by
/// their ends.
///
/// ```
/// use jiff::Timestamp;
/// use praevnetz_domain::ids::{ActorId, MeetingId, PersonId};
/// use praevnetz_domain::meeting::MeetingStatus;
/// use praevnetz_domain::tie::{TieKind, met_at_meeting};
/// // 23:30 UTC on 5 September is 01:30 on 6 September in Berlin.
/// let start: Timestamp = "2022-09-05T23:30:00Z".parse()?;
/// let people = [PersonId::new(9), PersonId::new(3), PersonId::new(5)];
/// let ties = met_at_meeting(MeetingId::new(1), MeetingStatus::Held, start, &people);
/// assert_eq!(ties.len(), 3);
/// assert_eq!(ties[0].source(), ActorId::Person(PersonId::new(3)));
/// assert_eq!(ties[0].target(), ActorId::Person(PersonId::new(5)));
/// assert_eq!(ties[0].kind(), TieKind::MetAtMeeting);
/// assert_eq!(ties[0].period().since(), Some(jiff::civil::date(2022, 9, 6)));
/// assert!(met_at_meeting(MeetingId::new(1), MeetingStatus::Planned, start, &people).is_empty());
/// # Ok::<(), jiff::Error>(())
/// ```
pub fn met_at_meeting(
    meeting: MeetingId,
    status: MeetingStatus,
    starts_at: Timestamp,
    attended: &[PersonId],
) -> Vec<TieData> {
    if status != MeetingStatus::Held {
        return Vec::new();
    }
    let mut persons = attended.to_vec();
    persons.sort_unstable();
    persons.dedup();
    let period = Period::starting(crate::time::local(starts_at).date());
    let mut ties = Vec::with_capacity(persons.len() * persons.len().saturating_sub(1) / 2);
    for (i, &a) in persons.iter().enumerate() {
        for &b in &persons[i + 1..] {
            // Distinct persons, lower id first: what `TieData::new` would make of them.
            ties.push(TieData {
                source: ActorId::Person(a),
                target: ActorId::Person(b),
                kind: TieKind::MetAtMeeting,
                directed: false,
                strength: Strength(Strength::MIN),
                period,
                source_note: None,
                meeting_id: Some(meeting),
            });
        }
    }
    ties
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

    fn held(attended: &[i64]) -> Vec<TieData> {
        let start: Timestamp = "2022-09-06T08:00:00Z".parse().unwrap();
        let persons: Vec<PersonId> = attended.iter().map(|&p| PersonId::new(p)).collect();
        met_at_meeting(MeetingId::new(4), MeetingStatus::Held, start, &persons)
    }

    #[test]
    fn attendance_makes_one_weak_undirected_tie_per_pair_from_the_meeting_day() {
        let ties = held(&[8, 2, 5, 2]);
        let pairs: Vec<(i64, i64)> = ties
            .iter()
            .map(|t| (t.source().get(), t.target().get()))
            .collect();
        assert_eq!(pairs, vec![(2, 5), (2, 8), (5, 8)]);
        for t in &ties {
            assert_eq!(t.kind(), TieKind::MetAtMeeting);
            assert!(!t.directed());
            assert_eq!(t.strength().get(), 1);
            assert_eq!(
                t.period(),
                Period::new(Some(jiff::civil::date(2022, 9, 6)), None).unwrap()
            );
            assert_eq!(t.meeting_id(), Some(MeetingId::new(4)));
            assert_eq!(t.source_note(), None);
            // Each is what checking the same parts gives.
            let spec = TieSpec {
                source: t.target(),
                target: t.source(),
                kind: t.kind(),
                directed: false,
                strength: t.strength(),
                period: t.period(),
                source_note: None,
                meeting_id: t.meeting_id(),
            };
            assert_eq!(&TieData::new(spec).unwrap(), t);
        }
        // n attendees, n(n-1)/2 ties.
        let many: Vec<i64> = (1..=35).collect();
        assert_eq!(held(&many).len(), 35 * 34 / 2);
    }

    #[test]
    fn fewer_than_two_attendees_or_a_meeting_not_held_make_no_ties() {
        assert!(held(&[]).is_empty());
        assert!(held(&[7, 7]).is_empty());
        let start: Timestamp = "2022-09-06T08:00:00Z".parse().unwrap();
        let two = [PersonId::new(1), PersonId::new(2)];
        for status in [MeetingStatus::Planned, MeetingStatus::Cancelled] {
            assert!(met_at_meeting(MeetingId::new(1), status, start, &two).is_empty());
        }
    }

    #[test]
    fn the_day_is_the_meetings_day_in_berlin_across_daylight_saving() {
        let day = |utc: &str| {
            let start: Timestamp = utc.parse().unwrap();
            let two = [PersonId::new(1), PersonId::new(2)];
            met_at_meeting(MeetingId::new(1), MeetingStatus::Held, start, &two)[0]
                .period()
                .since()
                .unwrap()
                .to_string()
        };
        // Summer (UTC+2) and winter (UTC+1): late evening UTC is the next day in Berlin.
        assert_eq!(day("2023-06-30T22:30:00Z"), "2023-07-01");
        assert_eq!(day("2023-06-30T21:30:00Z"), "2023-06-30");
        assert_eq!(day("2023-12-31T23:30:00Z"), "2024-01-01");
        assert_eq!(day("2023-12-31T22:30:00Z"), "2023-12-31");
    }

    #[test]
    fn met_at_meeting_is_the_one_kind_not_recorded_by_hand() {
        for kind in TieKind::ALL {
            assert_eq!(
                kind.by_hand().is_ok(),
                TieKind::BY_HAND.contains(kind),
                "{kind:?}"
            );
        }
        assert_eq!(TieKind::MetAtMeeting.by_hand(), Err(Rule::FromAttendance));
        assert_eq!(TieKind::BY_HAND.len() + 1, TieKind::ALL.len());
    }

    #[test]
    fn undirected_ties_are_stored_lower_id_first() {
        let t = tie(person(9), person(3), false).unwrap();
        assert_eq!((t.source(), t.target()), (person(3), person(9)));
        let d = tie(person(9), person(3), true).unwrap();
        assert_eq!((d.source(), d.target()), (person(9), person(3)));
    }
}
