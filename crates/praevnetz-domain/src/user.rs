//! User accounts, their roles and scopes.

use serde::Serialize;

use crate::codes::code_enum;
use crate::i18n::Lang;
use crate::ids::{DistrictId, MunicipalityId, PersonId, RegionId, UserId};
use crate::text::{Email, Name};

code_enum! {
    /// What a user may do.
    pub enum Role: "role" {
        /// Everything.
        Admin = "admin",
        /// Edits within their network regions, sees network-wide data.
        Coordinator = "coordinator",
        /// Edits their own municipalities' or districts' data.
        Member = "member",
        /// Reads within scope.
        Viewer = "viewer",
    }
}

/// A part of the network a user's role applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "level", content = "id", rename_all = "lowercase")]
pub enum Scope {
    /// A network region.
    Region(RegionId),
    /// A district.
    District(DistrictId),
    /// A municipality.
    Municipality(MunicipalityId),
}

/// What is recorded about a user (the password hash is kept apart and never leaves the store).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UserData {
    /// Login, unique regardless of case.
    pub email: Email,
    /// Name shown in the interface and the audit log.
    pub display_name: Name,
    /// Role.
    pub role: Role,
    /// Scopes of the role.
    pub scopes: Vec<Scope>,
    /// Interface language.
    pub language: Lang,
    /// Whether the account may log in.
    pub active: bool,
    /// The person record of this user, if any.
    pub person_id: Option<PersonId>,
}

/// A stored user.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Its data.
    #[serde(flatten)]
    pub data: UserData,
}
