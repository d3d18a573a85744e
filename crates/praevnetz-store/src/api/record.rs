//! A meeting's record: its agenda kept in order, and its minutes.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::{AgendaItemId, MeetingId};
use praevnetz_domain::meeting::AgendaItemData;
use praevnetz_domain::text::Text;

store_api! {
    /// Adds an agenda item (`id` none) or changes one of its meeting's, placing it at its
    /// position (1 to one after the last for a new item, to the last for a changed one; a field
    /// error on the position otherwise) and moving the others so that the agenda stays
    /// numbered 1, 2, 3 … without gaps. An item of another meeting is not found.
    fn place_agenda_item(ctx: &ChangeContext, id: Option<AgendaItemId>, data: &AgendaItemData) -> AgendaItemId => record::place_agenda_item;
    /// Removes an agenda item of a meeting and closes the gap; decisions taken under it stay,
    /// without it.
    fn remove_agenda_item(ctx: &ChangeContext, meeting: MeetingId, id: AgendaItemId) -> () => record::remove_agenda_item;
    /// Replaces a meeting's minutes (Markdown) and nothing else of it.
    fn set_meeting_minutes(ctx: &ChangeContext, meeting: MeetingId, minutes: Option<&Text>) -> () => record::set_meeting_minutes;
}
