//! Practices: what a municipality tried on which problems, with whom, and what came of it.

use serde::Serialize;

use crate::ids::{MunicipalityId, OrganisationId, PersonId, PracticeId};
use crate::problem::CategoryCode;
use crate::text::{ExternalRef, Name, Text};
use crate::time::Period;

/// What is recorded about a practice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PracticeData {
    /// Key from the user's own files, if any.
    pub external_ref: Option<ExternalRef>,
    /// The municipality that tried it.
    pub municipality_id: MunicipalityId,
    /// Title.
    pub title: Name,
    /// Summary in a few sentences.
    pub summary: Option<Text>,
    /// How they went about it (Markdown).
    pub approach: Option<Text>,
    /// What came of it (Markdown).
    pub outcome: Option<Text>,
    /// The problem categories it addresses.
    pub categories: Vec<CategoryCode>,
    /// Partner organisations.
    pub partners: Vec<OrganisationId>,
    /// Whom to ask about it.
    pub contact_person_id: Option<PersonId>,
    /// When it ran.
    pub period: Period,
}

/// A stored practice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Practice {
    /// Its id.
    pub id: PracticeId,
    /// Its data.
    #[serde(flatten)]
    pub data: PracticeData,
}
