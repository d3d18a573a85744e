//! Pillar coverage: whether the organisations working for a municipality reach all four pillars
//! of local prevention (ASSKomm's four-pillar strategy, DOMAIN.md §2.1), and what is missing.
//!
//! An organisation counts for its primary and its secondary pillars. A pillar is *covered* when
//! at least one such organisation has a current contact person; it has *no contact* when
//! organisations are recorded but none has a current member; it is *missing* when no
//! organisation of the pillar works for the municipality at all.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::actor::{Pillar, Pillars};
use crate::i18n::{Args, Lang, catalog};
use crate::ids::{OrganisationId, PersonId};

/// What one pillar has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PillarPresence {
    /// The pillar.
    pub pillar: Pillar,
    /// Organisations counting for it.
    pub organisations: BTreeSet<OrganisationId>,
    /// Distinct persons with a current membership in one of them.
    pub contacts: BTreeSet<PersonId>,
}

/// Something the network of a municipality lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Gap {
    /// No organisation of the pillar works for the municipality.
    Missing(Pillar),
    /// Organisations are recorded, but none has a current contact person.
    NoContact(Pillar),
}

impl Gap {
    /// The pillar concerned.
    pub fn pillar(self) -> Pillar {
        match self {
            Gap::Missing(p) | Gap::NoContact(p) => p,
        }
    }

    /// The id of its message ("coverage-missing-state_police").
    pub fn message_id(self) -> String {
        match self {
            Gap::Missing(p) => format!("coverage-missing-{}", p.code()),
            Gap::NoContact(p) => format!("coverage-no-contact-{}", p.code()),
        }
    }

    /// How it reads ("Kein Kontakt zur Polizei").
    pub fn text(self, lang: Lang) -> String {
        catalog().message(lang, &self.message_id(), &Args::new())
    }
}

/// The coverage of the four pillars, in the order of [`Pillar::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pillars: Vec<PillarPresence>,
}

impl Coverage {
    /// Counts `organisations`: each with its pillars and the persons currently in it.
    pub fn of<'a>(
        organisations: impl IntoIterator<Item = (OrganisationId, &'a Pillars, &'a [PersonId])>,
    ) -> Coverage {
        let mut pillars: Vec<PillarPresence> = Pillar::ALL
            .iter()
            .map(|&pillar| PillarPresence {
                pillar,
                organisations: BTreeSet::new(),
                contacts: BTreeSet::new(),
            })
            .collect();
        for (id, org_pillars, persons) in organisations {
            for presence in &mut pillars {
                if org_pillars.covers(presence.pillar) {
                    presence.organisations.insert(id);
                    presence.contacts.extend(persons.iter().copied());
                }
            }
        }
        Coverage { pillars }
    }

    /// Each pillar's organisations and contacts.
    pub fn pillars(&self) -> &[PillarPresence] {
        &self.pillars
    }

    /// What is missing, pillar by pillar; empty when all four are covered.
    pub fn gaps(&self) -> Vec<Gap> {
        self.pillars
            .iter()
            .filter_map(|p| {
                if p.organisations.is_empty() {
                    Some(Gap::Missing(p.pillar))
                } else if p.contacts.is_empty() {
                    Some(Gap::NoContact(p.pillar))
                } else {
                    None
                }
            })
            .collect()
    }

    /// Whether all four pillars have a current contact.
    pub fn is_complete(&self) -> bool {
        self.gaps().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: i64) -> OrganisationId {
        OrganisationId::new(id)
    }

    fn person(id: i64) -> PersonId {
        PersonId::new(id)
    }

    #[test]
    fn a_municipality_without_organisations_misses_every_pillar() {
        let coverage = Coverage::of(std::iter::empty());
        assert_eq!(
            coverage.gaps(),
            Pillar::ALL
                .iter()
                .map(|&p| Gap::Missing(p))
                .collect::<Vec<_>>()
        );
        assert!(!coverage.is_complete());
    }

    #[test]
    fn an_organisation_without_current_members_leaves_its_pillar_without_contact() {
        let police = Pillars::new(Pillar::StatePolice, []);
        let town = Pillars::new(Pillar::Municipality, []);
        let people = [person(1)];
        let coverage = Coverage::of([(org(1), &police, &[][..]), (org(2), &town, &people[..])]);
        let gaps = coverage.gaps();
        assert!(gaps.contains(&Gap::NoContact(Pillar::StatePolice)));
        assert!(!gaps.iter().any(|g| g.pillar() == Pillar::Municipality));
        assert!(gaps.contains(&Gap::Missing(Pillar::Civic)));
        assert!(gaps.contains(&Gap::Missing(Pillar::Support)));
    }

    #[test]
    fn secondary_pillars_count_and_persons_are_counted_once_per_pillar() {
        // A youth club: support services, also civic engagement.
        let club = Pillars::new(Pillar::Support, [Pillar::Civic]);
        let church = Pillars::new(Pillar::Civic, []);
        let both = [person(7)];
        let coverage = Coverage::of([(org(1), &club, &both[..]), (org(2), &church, &both[..])]);
        let civic = &coverage.pillars()[Pillar::ALL
            .iter()
            .position(|&p| p == Pillar::Civic)
            .unwrap()];
        assert_eq!(civic.organisations.len(), 2);
        assert_eq!(civic.contacts.len(), 1);
        let gaps = coverage.gaps();
        assert!(!gaps.iter().any(|g| g.pillar() == Pillar::Civic));
        assert!(!gaps.iter().any(|g| g.pillar() == Pillar::Support));
    }

    #[test]
    fn gaps_read_as_the_users_words() {
        assert_eq!(
            Gap::Missing(Pillar::StatePolice).text(Lang::En),
            "No police contact"
        );
        assert_eq!(
            Gap::Missing(Pillar::Civic).text(Lang::De),
            "Keine zivilgesellschaftlichen Akteure"
        );
        for &pillar in Pillar::ALL {
            for gap in [Gap::Missing(pillar), Gap::NoContact(pillar)] {
                for lang in Lang::ALL {
                    assert!(catalog().has(lang, &gap.message_id()), "{gap:?} {lang:?}");
                }
            }
        }
    }
}
