//! Bodies and their members.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::body::{Body, BodyData, BodyMember, BodyMemberData};
use praevnetz_domain::ids::{BodyId, BodyMemberId, MunicipalityId, PersonId};

store_api! {
    /// Creates a body.
    fn create_body(ctx: &ChangeContext, data: &BodyData) -> BodyId => body::create_body;
    /// Replaces a body's data (aliases included).
    fn update_body(ctx: &ChangeContext, id: BodyId, data: &BodyData) -> () => body::update_body;
    /// A body.
    fn body(id: BodyId) -> Option<Body> => body::get_body;
    /// Bodies of a municipality, or all, by name.
    fn bodies(municipality: Option<MunicipalityId>) -> Vec<Body> => body::list_bodies;
    /// Deletes a body with its seats; refused while working groups still belong to it.
    fn delete_body(ctx: &ChangeContext, id: BodyId) -> () => body::delete_body;

    /// Gives a person a seat in a body.
    fn create_body_member(ctx: &ChangeContext, data: &BodyMemberData) -> BodyMemberId => body::create_member;
    /// Replaces a seat's data.
    fn update_body_member(ctx: &ChangeContext, id: BodyMemberId, data: &BodyMemberData) -> () => body::update_member;
    /// A seat.
    fn body_member(id: BodyMemberId) -> Option<BodyMember> => body::get_member;
    /// Seats of a body and/or of a person.
    fn body_members(body: Option<BodyId>, person: Option<PersonId>) -> Vec<BodyMember> => body::list_members;
    /// Removes a seat.
    fn delete_body_member(ctx: &ChangeContext, id: BodyMemberId) -> () => body::delete_member;
}
