//! Topics: raised by someone or at a meeting, carried from meeting to meeting until closed.

use jiff::civil::Date;
use serde::Serialize;

use crate::codes::code_enum;
use crate::error::{Field, Rule, ValidationError};
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

impl TopicStatus {
    /// The statuses a topic can move to from this one, in the order of the pipeline.
    ///
    /// A raised topic is put on an agenda (scheduled), discussed where it was raised, or closed;
    /// a scheduled one is discussed, taken off the agenda again (raised) or closed; a
    /// discussed one needs follow-up or is closed; one in follow-up goes on an agenda again,
    /// is discussed or closed; a closed one can only be reopened (raised).
    pub const fn next(self) -> &'static [TopicStatus] {
        use TopicStatus::{Closed, Discussed, FollowUp, Raised, Scheduled};
        match self {
            Raised | FollowUp => &[Scheduled, Discussed, Closed],
            Scheduled => &[Raised, Discussed, Closed],
            Discussed => &[FollowUp, Closed],
            Closed => &[Raised],
        }
    }

    /// Checks that a topic may move from this status to `to`; the error names the status
    /// field, both statuses and the ones allowed instead.
    pub fn check_move(self, to: TopicStatus) -> Result<(), ValidationError> {
        if self.next().contains(&to) {
            Ok(())
        } else {
            Err(Rule::TopicTransition { from: self, to }.at(Field::Status))
        }
    }
}

/// A change of a topic's status, as kept in its history.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopicStatusChange {
    /// The topic.
    pub topic_id: TopicId,
    /// The status before.
    pub from: TopicStatus,
    /// The status after.
    pub to: TopicStatus,
    /// When.
    pub at: jiff::Timestamp,
    /// Why, if said.
    pub note: Option<Text>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipeline_allows_its_moves_and_names_them_when_refusing_others() {
        use TopicStatus::{Closed, Discussed, FollowUp, Raised, Scheduled};
        assert!(Raised.check_move(Scheduled).is_ok());
        assert!(Scheduled.check_move(Discussed).is_ok());
        assert!(Discussed.check_move(FollowUp).is_ok());
        assert!(FollowUp.check_move(Scheduled).is_ok());
        assert!(Closed.check_move(Raised).is_ok());
        for status in TopicStatus::ALL {
            // Staying put is no move; every open topic can be closed.
            assert!(status.check_move(*status).is_err(), "{status:?}");
            assert_eq!(status.check_move(Closed).is_ok(), *status != Closed);
        }
        let error = Closed.check_move(Discussed).unwrap_err();
        assert_eq!(error.field, Field::Status);
        assert_eq!(
            error.to_string(),
            "status: a topic that is “closed” cannot become “discussed”; from there it can \
             become: raised"
        );
        let de = crate::i18n::Localize::localize(&error, crate::i18n::Lang::De);
        assert_eq!(
            de,
            "Status: ein Thema im Stand „abgeschlossen“ kann nicht in den Stand „besprochen“ \
             wechseln; möglich ist von dort: eingebracht"
        );
        assert!(Discussed.check_move(Raised).is_err());
    }
}
