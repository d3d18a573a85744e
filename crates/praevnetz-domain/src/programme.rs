//! Programme milestones of a municipality.
//!
//! ASSKomm is a toolkit, not a pipeline: a municipality picks building blocks, several run in
//! parallel, and each is dated on its own. So a municipality has a set of dated milestones rather
//! than one stage.

use jiff::civil::Date;
use serde::Serialize;

use crate::codes::code_enum;
use crate::error::{Field, Rule, ValidationError};
use crate::ids::{MilestoneId, MunicipalityId};
use crate::text::{Name, Text};

code_enum! {
    /// A building block of the programme that a municipality reached on a date.
    pub enum MilestoneKind: "milestone" {
        Contacted = "contacted",
        Consultation = "consultation",
        ModelMunicipality = "model_municipality",
        CouncilConstituted = "council_constituted",
        PreliminaryAgreement = "preliminary_agreement",
        CooperationAgreement = "cooperation_agreement",
        CoachingStarted = "coaching_started",
        CoachingEnded = "coaching_ended",
        SecurityAnalysisStarted = "security_analysis_started",
        SecurityAnalysisCompleted = "security_analysis_completed",
        FundingGranted = "funding_granted",
        StaffTrained = "staff_trained",
    }
}

/// A grant under the funding guideline: amount and purpose.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Funding {
    /// Amount in euro cents.
    pub amount_cents: i64,
    /// What the money is for.
    pub purpose: Option<Name>,
}

/// What is recorded about a milestone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneData {
    municipality_id: MunicipalityId,
    kind: MilestoneKind,
    achieved_on: Date,
    context: Option<Name>,
    funding: Option<Funding>,
    note: Option<Text>,
}

impl MilestoneData {
    /// Checks that funding details appear only on a "funding granted" milestone.
    pub fn new(
        municipality_id: MunicipalityId,
        kind: MilestoneKind,
        achieved_on: Date,
        context: Option<Name>,
        funding: Option<Funding>,
        note: Option<Text>,
    ) -> Result<MilestoneData, ValidationError> {
        if funding.is_some() && kind != MilestoneKind::FundingGranted {
            return Err(Rule::OnlyForFunding.at(Field::Amount));
        }
        Ok(MilestoneData {
            municipality_id,
            kind,
            achieved_on,
            context,
            funding,
            note,
        })
    }

    /// The municipality.
    pub fn municipality_id(&self) -> MunicipalityId {
        self.municipality_id
    }
    /// The building block.
    pub fn kind(&self) -> MilestoneKind {
        self.kind
    }
    /// When it was reached.
    pub fn achieved_on(&self) -> Date {
        self.achieved_on
    }
    /// In which context (e.g. "ASSKomm" or "Pilot Sicherheitsanalyse" for a model municipality).
    pub fn context(&self) -> Option<&Name> {
        self.context.as_ref()
    }
    /// The grant, for "funding granted".
    pub fn funding(&self) -> Option<&Funding> {
        self.funding.as_ref()
    }
    /// A remark.
    pub fn note(&self) -> Option<&Text> {
        self.note.as_ref()
    }
}

/// A stored milestone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Milestone {
    /// Its id.
    pub id: MilestoneId,
    /// Its data.
    #[serde(flatten)]
    pub data: MilestoneData,
}
