//! Networking meetings: series, meetings, participation, agenda, minutes, decisions and action
//! items.

use jiff::Timestamp;
use jiff::civil::Date;
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

/// Start and end of a meeting, in UTC; the end lies after the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TimeSpan {
    starts_at: Timestamp,
    ends_at: Timestamp,
}

impl TimeSpan {
    /// Checks the order.
    pub fn new(starts_at: Timestamp, ends_at: Timestamp) -> Result<TimeSpan, ValidationError> {
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
}
