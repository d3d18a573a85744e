//! Ties.

use praevnetz_domain::actor::ActorKind;
use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::{ActorId, TieId};
use praevnetz_domain::tie::{Tie, TieData};

store_api! {
    /// Records a tie; ties of kind "met at meeting" follow from attendance and are refused
    /// here (`Rule::FromAttendance` on the kind), as in `update_tie` and `delete_tie`.
    fn create_tie(ctx: &ChangeContext, data: &TieData) -> TieId => tie::create_tie;
    /// Replaces a tie's data (not of a tie "met at meeting", nor into one).
    fn update_tie(ctx: &ChangeContext, id: TieId, data: &TieData) -> () => tie::update_tie;
    /// A tie.
    fn tie(id: TieId) -> Option<Tie> => tie::get_tie;
    /// Ties of one actor (either end) and/or of one level (persons or organisations).
    fn ties(actor: Option<ActorId>, level: Option<ActorKind>) -> Vec<Tie> => tie::list_ties;
    /// Ties between two of the given actors (both ends among them), in id order.
    fn ties_of_actors(actors: &[ActorId]) -> Vec<Tie> => tie::ties_of_actors;
    /// Deletes a tie (to record that a tie ended, set its `until` instead); not one "met at
    /// meeting".
    fn delete_tie(ctx: &ChangeContext, id: TieId) -> () => tie::delete_tie;
}
