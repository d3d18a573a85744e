//! Bodies: the municipal prevention council (with its many names), its steering group and its
//! working groups, and who sits on them.

use serde::Serialize;

use crate::actor::Home;
use crate::codes::code_enum;
use crate::ids::{BodyId, BodyMemberId, OrganisationId, PersonId};
use crate::text::{ExternalRef, Name, Text};
use crate::time::Period;

code_enum! {
    /// The kind of a body.
    pub enum BodyKind: "body-kind" {
        /// Kommunaler Präventionsrat (also Kriminalpräventiver Rat, Präventionsgremium,
        /// "Runder Tisch Sicherheit": names are recorded as aliases).
        PreventionCouncil = "prevention_council",
        /// Lenkungsgruppe / Steuerungsgruppe.
        SteeringGroup = "steering_group",
        /// Arbeitsgruppe.
        WorkingGroup = "working_group",
        /// Geschäftsstelle / Koordinierungsstelle.
        Secretariat = "secretariat",
        /// Anything else.
        Other = "other",
    }
}

code_enum! {
    /// A person's role in a body.
    pub enum BodyRole: "body-role" {
        Chair = "chair",
        DeputyChair = "deputy_chair",
        Coordinator = "coordinator",
        Member = "member",
        Advisory = "advisory",
        Guest = "guest",
    }
}

/// What is recorded about a body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BodyData {
    /// Key from the user's own files, if any.
    pub external_ref: Option<ExternalRef>,
    /// Canonical name.
    pub name: Name,
    /// Other names ("Kriminalpräventiver Rat" and "Kommunaler Präventionsrat" for one body).
    pub aliases: Vec<Name>,
    /// Kind.
    pub kind: BodyKind,
    /// Where it works.
    pub home: Home,
    /// The body it belongs to (a working group under its council).
    pub parent_id: Option<BodyId>,
    /// Founded and dissolved.
    pub period: Period,
    /// Remit.
    pub description: Option<Text>,
}

/// A stored body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Body {
    /// Its id.
    pub id: BodyId,
    /// Its data.
    #[serde(flatten)]
    pub data: BodyData,
}

/// A person's seat in a body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BodyMemberData {
    /// The body.
    pub body_id: BodyId,
    /// The person.
    pub person_id: PersonId,
    /// The organisation they represent there, if any.
    pub organisation_id: Option<OrganisationId>,
    /// Their role.
    pub role: BodyRole,
    /// From when to when.
    pub period: Period,
}

/// A stored seat.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BodyMember {
    /// Its id.
    pub id: BodyMemberId,
    /// Its data.
    #[serde(flatten)]
    pub data: BodyMemberData,
}
