//! Meeting series, meetings, participations, agenda items, decisions and action items.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::{
    ActionItemId, AgendaItemId, DecisionId, MeetingId, MeetingSeriesId, OrganisationId,
    ParticipationId, PersonId, RegionId, TopicId,
};
use praevnetz_domain::meeting::{
    ActionItem, ActionItemData, AgendaItem, AgendaItemData, Decision, DecisionData, Meeting,
    MeetingData, MeetingSeries, MeetingSeriesData, Participation, ParticipationData,
};
use praevnetz_domain::text::ExternalRef;

use crate::{ActionItemFilter, MeetingFilter};

store_api! {
    /// Creates a meeting series.
    fn create_meeting_series(ctx: &ChangeContext, data: &MeetingSeriesData) -> MeetingSeriesId => meeting::create_series;
    /// Replaces a meeting series' data.
    fn update_meeting_series(ctx: &ChangeContext, id: MeetingSeriesId, data: &MeetingSeriesData) -> () => meeting::update_series;
    /// A meeting series.
    fn meeting_series(id: MeetingSeriesId) -> Option<MeetingSeries> => meeting::get_series;
    /// A meeting series by its external reference.
    fn meeting_series_by_ref(external_ref: &ExternalRef) -> Option<MeetingSeries> => meeting::series_by_ref;
    /// Meeting series serving a region, or all, by name.
    fn meeting_series_list(region: Option<RegionId>) -> Vec<MeetingSeries> => meeting::list_series;
    /// Deletes a meeting series; refused while meetings belong to it. Its topics stay, without
    /// series.
    fn delete_meeting_series(ctx: &ChangeContext, id: MeetingSeriesId) -> () => meeting::delete_series;

    /// Creates a meeting with its hosts.
    fn create_meeting(ctx: &ChangeContext, data: &MeetingData) -> MeetingId => meeting::create_meeting;
    /// Replaces a meeting's data (hosts included), and brings its ties of kind "met at
    /// meeting" in line with its status and start in the same transaction.
    fn update_meeting(ctx: &ChangeContext, id: MeetingId, data: &MeetingData) -> () => meeting::update_meeting;
    /// A meeting; its hosts come ordered by id.
    fn meeting(id: MeetingId) -> Option<Meeting> => meeting::get_meeting;
    /// A meeting by its external reference.
    fn meeting_by_ref(external_ref: &ExternalRef) -> Option<Meeting> => meeting::meeting_by_ref;
    /// Meetings, filtered, by start.
    fn meetings(filter: &MeetingFilter) -> Vec<Meeting> => meeting::list_meetings;
    /// Deletes a meeting with its participations, agenda, decisions, action items and the ties
    /// it created; topics raised at it stay, without the meeting.
    fn delete_meeting(ctx: &ChangeContext, id: MeetingId) -> () => meeting::delete_meeting;

    /// Records a person's participation in a meeting (once per person and meeting). This and
    /// the other changes of participations bring the meeting's ties of kind "met at meeting" in
    /// line with attendance in the same transaction: for a held meeting, one tie between every
    /// two persons who attended.
    fn create_participation(ctx: &ChangeContext, data: &ParticipationData) -> ParticipationId => meeting::create_participation;
    /// Invites persons to a meeting (with the organisation each comes for) in one transaction:
    /// those not yet listed as "invited", each with its audit event; those listed keep their
    /// status. A missing meeting, person or organisation refuses all. Returns the persons
    /// newly invited.
    fn invite_persons(ctx: &ChangeContext, meeting: MeetingId, invitees: &[(PersonId, Option<OrganisationId>)]) -> Vec<PersonId> => meeting::invite_persons;
    /// Replaces a participation's data.
    fn update_participation(ctx: &ChangeContext, id: ParticipationId, data: &ParticipationData) -> () => meeting::update_participation;
    /// A participation.
    fn participation(id: ParticipationId) -> Option<Participation> => meeting::get_participation;
    /// Participations in a meeting and/or of a person.
    fn participations(meeting: Option<MeetingId>, person: Option<PersonId>) -> Vec<Participation> => meeting::list_participations;
    /// Deletes a participation.
    fn delete_participation(ctx: &ChangeContext, id: ParticipationId) -> () => meeting::delete_participation;

    /// Adds an item to a meeting's agenda (each position once).
    fn create_agenda_item(ctx: &ChangeContext, data: &AgendaItemData) -> AgendaItemId => meeting::create_agenda_item;
    /// Replaces an agenda item's data.
    fn update_agenda_item(ctx: &ChangeContext, id: AgendaItemId, data: &AgendaItemData) -> () => meeting::update_agenda_item;
    /// An agenda item.
    fn agenda_item(id: AgendaItemId) -> Option<AgendaItem> => meeting::get_agenda_item;
    /// Agenda items of a meeting and/or taking up a topic, by the meeting's start and position.
    fn agenda_items(meeting: Option<MeetingId>, topic: Option<TopicId>) -> Vec<AgendaItem> => meeting::list_agenda_items;
    /// Deletes an agenda item; decisions taken under it stay, without it.
    fn delete_agenda_item(ctx: &ChangeContext, id: AgendaItemId) -> () => meeting::delete_agenda_item;

    /// Records a decision; its agenda item, if any, must be one of the same meeting.
    fn create_decision(ctx: &ChangeContext, data: &DecisionData) -> DecisionId => meeting::create_decision;
    /// Replaces a decision's data.
    fn update_decision(ctx: &ChangeContext, id: DecisionId, data: &DecisionData) -> () => meeting::update_decision;
    /// A decision.
    fn decision(id: DecisionId) -> Option<Decision> => meeting::get_decision;
    /// Decisions of a meeting, or all, in the order they were recorded.
    fn decisions(meeting: Option<MeetingId>) -> Vec<Decision> => meeting::list_decisions;
    /// Deletes a decision; action items implementing it stay, without it.
    fn delete_decision(ctx: &ChangeContext, id: DecisionId) -> () => meeting::delete_decision;

    /// Records an action item; its decision, if any, must be one of the same meeting.
    fn create_action_item(ctx: &ChangeContext, data: &ActionItemData) -> ActionItemId => meeting::create_action_item;
    /// Replaces an action item's data.
    fn update_action_item(ctx: &ChangeContext, id: ActionItemId, data: &ActionItemData) -> () => meeting::update_action_item;
    /// An action item.
    fn action_item(id: ActionItemId) -> Option<ActionItem> => meeting::get_action_item;
    /// Action items, filtered, the soonest due first and those without a due date last.
    fn action_items(filter: &ActionItemFilter) -> Vec<ActionItem> => meeting::list_action_items;
    /// Deletes an action item.
    fn delete_action_item(ctx: &ChangeContext, id: ActionItemId) -> () => meeting::delete_action_item;
}
