//! Networking meetings: series, meetings, participation, agenda, minutes, decisions and action
//! items.

use jiff::civil::Date;
use jiff::{RoundMode, Timestamp, TimestampRound, Unit};
use serde::Serialize;

use crate::codes::code_enum;
use crate::error::{Field, Rule, ValidationError};
use crate::ids::{
    ActionItemId, AgendaItemId, DecisionId, MeetingId, MeetingSeriesId, MunicipalityId,
    OrganisationId, ParticipationId, PersonId, RegionId, TopicId,
};
use crate::territory::GeoPoint;
use crate::text::{ExternalRef, Name, Text};

/// What is recorded about a meeting series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingSeriesData {
    /// Key from the user's own files, if any.
    pub external_ref: Option<ExternalRef>,
    /// Name ("Vernetzungstreffen Chemnitz · Erzgebirge · Mittelsachsen").
    pub name: Name,
    /// Purpose.
    pub description: Option<Text>,
    /// The region it serves.
    pub region_id: Option<RegionId>,
    /// Who organises it.
    pub organiser_id: Option<OrganisationId>,
}

/// A stored meeting series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingSeries {
    /// Its id.
    pub id: MeetingSeriesId,
    /// Its data.
    #[serde(flatten)]
    pub data: MeetingSeriesData,
}

code_enum! {
    /// How people attend.
    pub enum MeetingFormat: "meeting-format" {
        InPerson = "in_person",
        Online = "online",
        Hybrid = "hybrid",
    }
}

code_enum! {
    /// Whether the meeting is ahead, took place, or was called off.
    pub enum MeetingStatus: "meeting-status" {
        Planned = "planned",
        Held = "held",
        Cancelled = "cancelled",
    }
}

/// Start and end of a meeting, in UTC, in whole seconds; the end lies after the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TimeSpan {
    starts_at: Timestamp,
    ends_at: Timestamp,
}

impl TimeSpan {
    /// Drops fractions of a second, then checks the order.
    ///
    /// Meetings are planned to the minute; keeping whole seconds only means that both storage
    /// backends hold the very same instant (PostgreSQL keeps microseconds, a timestamp has
    /// nanoseconds) and that stored times sort correctly as text in SQLite.
    pub fn new(starts_at: Timestamp, ends_at: Timestamp) -> Result<TimeSpan, ValidationError> {
        let starts_at = whole_second(starts_at, Field::StartsAt)?;
        let ends_at = whole_second(ends_at, Field::EndsAt)?;
        if ends_at <= starts_at {
            return Err(Rule::TimeOrder {
                start: crate::time::local(starts_at)
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string(),
                end: crate::time::local(ends_at)
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string(),
            }
            .at(Field::EndsAt));
        }
        Ok(TimeSpan { starts_at, ends_at })
    }

    /// Start.
    pub fn starts_at(&self) -> Timestamp {
        self.starts_at
    }

    /// End.
    pub fn ends_at(&self) -> Timestamp {
        self.ends_at
    }
}

/// `ts` without its fraction of a second (rounded down, so that it stays within the same
/// second).
fn whole_second(ts: Timestamp, field: Field) -> Result<Timestamp, ValidationError> {
    ts.round(
        TimestampRound::new()
            .smallest(Unit::Second)
            .mode(RoundMode::Floor),
    )
    .map_err(|_| {
        Rule::InvalidDateTime {
            found: ts.to_string(),
        }
        .at(field)
    })
}

/// The largest count or position that can be stored (the columns hold 32-bit integers).
pub const MAX_COUNT: u32 = i32::MAX.unsigned_abs();

/// Checks that a count or position lies in `1..=MAX_COUNT`.
fn at_least_one(value: u32, field: Field) -> Result<(), ValidationError> {
    if (1..=MAX_COUNT).contains(&value) {
        Ok(())
    } else {
        Err(Rule::OutOfRange {
            min: "1".to_owned(),
            max: MAX_COUNT.to_string(),
            found: value.to_string(),
        }
        .at(field))
    }
}

/// Where a meeting takes place.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Venue {
    /// Name ("Stadtsaal „Alte Baumwolle“").
    pub name: Option<Name>,
    /// Address.
    pub address: Option<Text>,
    /// Municipality.
    pub municipality_id: Option<MunicipalityId>,
    /// Location.
    pub location: Option<GeoPoint>,
}

/// What is recorded about a meeting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingData {
    /// Key from the user's own files, if any.
    pub external_ref: Option<ExternalRef>,
    /// The series it belongs to.
    pub series_id: Option<MeetingSeriesId>,
    /// Title.
    pub title: Name,
    /// When.
    pub time: TimeSpan,
    /// How people attend.
    pub format: MeetingFormat,
    /// Status.
    pub status: MeetingStatus,
    /// Where.
    pub venue: Venue,
    /// How many can attend; further registrations go to the waiting list.
    pub capacity: Option<u32>,
    /// Invitation text.
    pub description: Option<Text>,
    /// Minutes (Markdown).
    pub minutes: Option<Text>,
    /// Hosting organisations.
    pub hosts: Vec<OrganisationId>,
}

impl MeetingData {
    /// Checks what the field types cannot: a limit of places is at least one.
    pub fn validate(&self) -> Result<(), ValidationError> {
        self.capacity
            .map_or(Ok(()), |capacity| at_least_one(capacity, Field::Capacity))
    }
}

/// A stored meeting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Meeting {
    /// Its id.
    pub id: MeetingId,
    /// Its data.
    #[serde(flatten)]
    pub data: MeetingData,
}

code_enum! {
    /// Where a person stands with respect to a meeting.
    pub enum ParticipationStatus: "participation-status" {
        Invited = "invited",
        Registered = "registered",
        Waitlisted = "waitlisted",
        Excused = "excused",
        Attended = "attended",
        Absent = "absent",
    }
}

/// A person's participation in a meeting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParticipationData {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// The person.
    pub person_id: PersonId,
    /// The organisation they come for.
    pub organisation_id: Option<OrganisationId>,
    /// Status.
    pub status: ParticipationStatus,
    /// A remark.
    pub note: Option<Text>,
}

/// A stored participation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Participation {
    /// Its id.
    pub id: ParticipationId,
    /// Its data.
    #[serde(flatten)]
    pub data: ParticipationData,
}

/// An agenda item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgendaItemData {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// Place in the agenda, from 1.
    pub position: u32,
    /// Title.
    pub title: Name,
    /// Planned length in minutes.
    pub duration_minutes: Option<u32>,
    /// Who presents it.
    pub presenter_id: Option<PersonId>,
    /// The topic it takes up.
    pub topic_id: Option<TopicId>,
    /// Notes.
    pub notes: Option<Text>,
}

impl AgendaItemData {
    /// Checks what the field types cannot: positions count from 1, a planned length is at least
    /// a minute.
    pub fn validate(&self) -> Result<(), ValidationError> {
        at_least_one(self.position, Field::Position)?;
        self.duration_minutes.map_or(Ok(()), |minutes| {
            at_least_one(minutes, Field::DurationMinutes)
        })
    }
}

/// A stored agenda item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgendaItem {
    /// Its id.
    pub id: AgendaItemId,
    /// Its data.
    #[serde(flatten)]
    pub data: AgendaItemData,
}

/// A decision taken at a meeting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecisionData {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// The agenda item it was taken under.
    pub agenda_item_id: Option<AgendaItemId>,
    /// What was decided.
    pub text: Text,
}

/// A stored decision.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    /// Its id.
    pub id: DecisionId,
    /// Its data.
    #[serde(flatten)]
    pub data: DecisionData,
}

code_enum! {
    /// Where an action item stands.
    pub enum ActionStatus: "action-status" {
        Open = "open",
        InProgress = "in_progress",
        Done = "done",
        Cancelled = "cancelled",
    }
}

/// An action item: something someone agreed to do.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionItemData {
    /// The meeting where it was agreed.
    pub meeting_id: Option<MeetingId>,
    /// The decision it implements.
    pub decision_id: Option<DecisionId>,
    /// What is to be done.
    pub title: Name,
    /// Who does it.
    pub owner_id: Option<PersonId>,
    /// By when.
    pub due_on: Option<Date>,
    /// Status.
    pub status: ActionStatus,
    /// When it was done.
    pub completed_on: Option<Date>,
}

impl ActionItemData {
    /// Checks what the field types cannot: only a done item has a completion date.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.completed_on.is_some() && self.status != ActionStatus::Done {
            // With a completion date, "done" is the only status that fits.
            return Err(Rule::UnknownCode {
                found: self.status.code().to_owned(),
                allowed: ActionStatus::Done.code().to_owned(),
            }
            .at(Field::Status));
        }
        Ok(())
    }
}

/// A stored action item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionItem {
    /// Its id.
    pub id: ActionItemId,
    /// Its data.
    #[serde(flatten)]
    pub data: ActionItemData,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_ends_after_it_starts() {
        let start: Timestamp = "2022-09-06T08:00:00Z".parse().unwrap();
        let end: Timestamp = "2022-09-06T12:00:00Z".parse().unwrap();
        assert!(TimeSpan::new(start, end).is_ok());
        let error = TimeSpan::new(end, start).unwrap_err();
        assert_eq!(error.field, Field::EndsAt);
        assert_eq!(
            error.rule,
            Rule::TimeOrder {
                start: "2022-09-06 14:00".into(),
                end: "2022-09-06 10:00".into()
            }
        );
        assert!(TimeSpan::new(start, start).is_err());
    }

    #[test]
    fn a_time_span_keeps_whole_seconds() {
        let start: Timestamp = "2022-09-06T08:00:00.999999999Z".parse().unwrap();
        let end: Timestamp = "2022-09-06T12:00:00.5Z".parse().unwrap();
        let span = TimeSpan::new(start, end).unwrap();
        assert_eq!(span.starts_at(), "2022-09-06T08:00:00Z".parse().unwrap());
        assert_eq!(span.ends_at(), "2022-09-06T12:00:00Z".parse().unwrap());
        // before 1970 too, rounding goes down, never into the next second
        let early: Timestamp = "1969-12-31T23:59:59.5Z".parse().unwrap();
        let span = TimeSpan::new(early, end).unwrap();
        assert_eq!(span.starts_at(), "1969-12-31T23:59:59Z".parse().unwrap());
        // two instants within one second are no span
        let a: Timestamp = "2022-09-06T08:00:00.1Z".parse().unwrap();
        let b: Timestamp = "2022-09-06T08:00:00.9Z".parse().unwrap();
        assert_eq!(TimeSpan::new(a, b).unwrap_err().field, Field::EndsAt);
    }

    fn meeting(capacity: Option<u32>) -> MeetingData {
        MeetingData {
            external_ref: None,
            series_id: None,
            title: Name::parse("Vernetzungstreffen").unwrap(),
            time: TimeSpan::new(
                "2022-09-06T08:00:00Z".parse().unwrap(),
                "2022-09-06T12:00:00Z".parse().unwrap(),
            )
            .unwrap(),
            format: MeetingFormat::InPerson,
            status: MeetingStatus::Planned,
            venue: Venue::default(),
            capacity,
            description: None,
            minutes: None,
            hosts: Vec::new(),
        }
    }

    #[test]
    fn places_are_unlimited_or_at_least_one() {
        assert!(meeting(None).validate().is_ok());
        assert!(meeting(Some(1)).validate().is_ok());
        assert!(meeting(Some(MAX_COUNT)).validate().is_ok());
        for wrong in [0, MAX_COUNT + 1] {
            let error = meeting(Some(wrong)).validate().unwrap_err();
            assert_eq!(error.field, Field::Capacity);
            assert!(matches!(error.rule, Rule::OutOfRange { .. }), "{error:?}");
        }
    }

    #[test]
    fn agenda_positions_and_lengths_start_at_one() {
        let item = |position, duration_minutes| AgendaItemData {
            meeting_id: MeetingId::new(1),
            position,
            title: Name::parse("Begrüßung").unwrap(),
            duration_minutes,
            presenter_id: None,
            topic_id: None,
            notes: None,
        };
        assert!(item(1, Some(15)).validate().is_ok());
        assert!(item(3, None).validate().is_ok());
        assert_eq!(item(0, None).validate().unwrap_err().field, Field::Position);
        assert_eq!(
            item(1, Some(0)).validate().unwrap_err().field,
            Field::DurationMinutes
        );
    }

    #[test]
    fn only_a_done_action_item_has_a_completion_date() {
        let item = |status, completed_on| ActionItemData {
            meeting_id: None,
            decision_id: None,
            title: Name::parse("Protokoll versenden").unwrap(),
            owner_id: None,
            due_on: None,
            status,
            completed_on,
        };
        let day = jiff::civil::date(2022, 9, 20);
        assert!(item(ActionStatus::Done, Some(day)).validate().is_ok());
        assert!(item(ActionStatus::Done, None).validate().is_ok());
        assert!(item(ActionStatus::Open, None).validate().is_ok());
        for status in [
            ActionStatus::Open,
            ActionStatus::InProgress,
            ActionStatus::Cancelled,
        ] {
            let error = item(status, Some(day)).validate().unwrap_err();
            assert_eq!(error.field, Field::Status);
        }
    }
}
