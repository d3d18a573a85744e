//! Record identifiers. Each kind of record has its own id type, so a person's id cannot be passed
//! where an organisation's is expected.

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {
        $(
            $(#[$meta])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
            #[serde(transparent)]
            pub struct $name(i64);

            impl $name {
                /// Wraps a stored id.
                pub const fn new(id: i64) -> Self {
                    Self(id)
                }

                /// The stored id.
                pub const fn get(self) -> i64 {
                    self.0
                }
            }

            impl std::fmt::Display for $name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    write!(f, "{}", self.0)
                }
            }

            impl std::str::FromStr for $name {
                type Err = std::num::ParseIntError;
                fn from_str(s: &str) -> Result<Self, Self::Err> {
                    s.trim().parse().map(Self)
                }
            }
        )+
    };
}

id_type! {
    /// A district (Kreis).
    DistrictId,
    /// A municipality (Gemeinde).
    MunicipalityId,
    /// A network region.
    RegionId,
    /// A programme milestone of a municipality.
    MilestoneId,
    /// An organisation (also its actor id).
    OrganisationId,
    /// A person (also their actor id).
    PersonId,
    /// A person's membership in an organisation.
    MembershipId,
    /// A body such as a prevention council.
    BodyId,
    /// A person's seat in a body.
    BodyMemberId,
    /// A tie between two actors.
    TieId,
    /// A problem (Problemlage) of a municipality.
    ProblemId,
    /// A practice (experience, good practice).
    PracticeId,
    /// A meeting series.
    MeetingSeriesId,
    /// A meeting.
    MeetingId,
    /// A person's participation in a meeting.
    ParticipationId,
    /// An agenda item of a meeting.
    AgendaItemId,
    /// A decision taken at a meeting.
    DecisionId,
    /// An action item.
    ActionItemId,
    /// A topic.
    TopicId,
    /// A user account.
    UserId,
    /// An entry of the audit log.
    AuditEventId,
}

/// An actor: a person or an organisation. Ties connect two actors of the same kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum ActorId {
    /// A person.
    Person(PersonId),
    /// An organisation.
    Organisation(OrganisationId),
}

impl ActorId {
    /// The shared actor id (persons and organisations draw ids from one sequence).
    pub const fn get(self) -> i64 {
        match self {
            ActorId::Person(id) => id.get(),
            ActorId::Organisation(id) => id.get(),
        }
    }

    /// The actor kind.
    pub const fn kind(self) -> crate::actor::ActorKind {
        match self {
            ActorId::Person(_) => crate::actor::ActorKind::Person,
            ActorId::Organisation(_) => crate::actor::ActorKind::Organisation,
        }
    }

    /// Rebuilds an actor id from its kind and number.
    pub const fn from_parts(kind: crate::actor::ActorKind, id: i64) -> ActorId {
        match kind {
            crate::actor::ActorKind::Person => ActorId::Person(PersonId::new(id)),
            crate::actor::ActorKind::Organisation => ActorId::Organisation(OrganisationId::new(id)),
        }
    }
}
