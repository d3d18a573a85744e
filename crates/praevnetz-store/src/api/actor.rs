//! Organisations, persons, memberships.

use jiff::civil::Date;
use praevnetz_domain::actor::{
    Membership, MembershipData, Organisation, OrganisationData, Person, PersonData,
};
use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::{MembershipId, MunicipalityId, OrganisationId, PersonId};
use praevnetz_domain::text::ExternalRef;

use crate::{OrganisationSearch, Page, PersonSearch};

store_api! {
    /// Creates an organisation.
    fn create_organisation(ctx: &ChangeContext, data: &OrganisationData) -> OrganisationId => actor::create_organisation;
    /// Replaces an organisation's data (aliases, pillars and area included).
    fn update_organisation(ctx: &ChangeContext, id: OrganisationId, data: &OrganisationData) -> () => actor::update_organisation;
    /// An organisation.
    fn organisation(id: OrganisationId) -> Option<Organisation> => actor::get_organisation;
    /// An organisation by its external reference.
    fn organisation_by_ref(external_ref: &ExternalRef) -> Option<Organisation> => actor::organisation_by_ref;
    /// Organisations at home in a municipality, or all, by name.
    fn organisations(municipality: Option<MunicipalityId>) -> Vec<Organisation> => actor::list_organisations;
    /// Deletes an organisation with its memberships and ties.
    fn delete_organisation(ctx: &ChangeContext, id: OrganisationId) -> () => actor::delete_organisation;
    /// Creates a person.
    fn create_person(ctx: &ChangeContext, data: &PersonData) -> PersonId => actor::create_person;
    /// Creates a person with their first membership in one transaction (the membership's
    /// `person_id` is replaced by the new person's).
    fn create_person_with_membership(ctx: &ChangeContext, data: &PersonData, membership: &MembershipData) -> (PersonId, MembershipId) => actor::create_person_with_membership;
    /// Replaces a person's data.
    fn update_person(ctx: &ChangeContext, id: PersonId, data: &PersonData) -> () => actor::update_person;
    /// A person.
    fn person(id: PersonId) -> Option<Person> => actor::get_person;
    /// A person by their external reference.
    fn person_by_ref(external_ref: &ExternalRef) -> Option<Person> => actor::person_by_ref;
    /// Persons, all or the members (past and present) of one organisation, by name.
    fn persons(organisation: Option<OrganisationId>) -> Vec<Person> => actor::list_persons;
    /// Deletes a person with their memberships, seats and ties.
    fn delete_person(ctx: &ChangeContext, id: PersonId) -> () => actor::delete_person;
    /// Records a membership.
    fn create_membership(ctx: &ChangeContext, data: &MembershipData) -> MembershipId => actor::create_membership;
    /// Replaces a membership's data.
    fn update_membership(ctx: &ChangeContext, id: MembershipId, data: &MembershipData) -> () => actor::update_membership;
    /// A membership.
    fn membership(id: MembershipId) -> Option<Membership> => actor::get_membership;
    /// Memberships of a person and/or an organisation.
    fn memberships(person: Option<PersonId>, organisation: Option<OrganisationId>) -> Vec<Membership> => actor::list_memberships;
    /// Persons matching a search, a page at a time, by name (see [`PersonSearch`]).
    fn search_persons(search: &PersonSearch) -> Page<Person> => actor::search_persons;
    /// Organisations matching a search, a page at a time, by name (see [`OrganisationSearch`]).
    fn search_organisations(search: &OrganisationSearch) -> Page<Organisation> => actor::search_organisations;
    /// Persons with a membership current on `on` in an organisation at home in the
    /// municipality, by name, each with those memberships.
    fn persons_of_municipality(municipality: MunicipalityId, on: Date) -> Vec<(Person, Vec<Membership>)> => actor::persons_of_municipality;
    /// Deletes a membership.
    fn delete_membership(ctx: &ChangeContext, id: MembershipId) -> () => actor::delete_membership;
}
