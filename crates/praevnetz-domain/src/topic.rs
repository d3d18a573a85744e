//! Topics: raised by someone or at a meeting, carried from meeting to meeting until closed.

use jiff::civil::Date;
use serde::Serialize;

use crate::codes::code_enum;
use crate::ids::{MeetingId, MeetingSeriesId, MunicipalityId, PersonId, TopicId};
use crate::problem::CategoryCode;
use crate::text::{ExternalRef, Name, Text};

code_enum! {
    /// Where a topic stands in the pipeline.
    pub enum TopicStatus: "topic-status" {
        Raised = "raised",
        Scheduled = "scheduled",
        Discussed = "discussed",
        FollowUp = "follow_up",
        Closed = "closed",
    }
}

/// What is recorded about a topic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopicData {
    /// Key from the user's own files, if any.
    pub external_ref: Option<ExternalRef>,
    /// Title.
    pub title: Name,
    /// What it is about.
    pub description: Option<Text>,
    /// Status.
    pub status: TopicStatus,
    /// The series whose meetings carry it.
    pub series_id: Option<MeetingSeriesId>,
    /// Who raised it.
    pub raised_by_id: Option<PersonId>,
    /// The meeting where it was raised.
    pub raised_at_id: Option<MeetingId>,
    /// When it was raised.
    pub raised_on: Date,
    /// Problem categories it touches.
    pub categories: Vec<CategoryCode>,
    /// Municipalities concerned.
    pub municipalities: Vec<MunicipalityId>,
}

/// A stored topic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Topic {
    /// Its id.
    pub id: TopicId,
    /// Its data.
    #[serde(flatten)]
    pub data: TopicData,
}
