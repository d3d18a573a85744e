//! Every label, field name and rule the domain can show must exist in both languages and format
//! without errors.

use crate::actor::{ActorKind, LegalBasis, OrganisationKind, Pillar};
use crate::audit::{AuditAction, Channel, EntityKind};
use crate::body::{BodyKind, BodyRole};
use crate::error::{Field, Rule};
use crate::i18n::{Args, Lang, Localize, catalog};
use crate::meeting::{ActionStatus, MeetingFormat, MeetingStatus, ParticipationStatus};
use crate::problem::{ProblemStatus, Trend, Visibility};
use crate::programme::MilestoneKind;
use crate::territory::DistrictKind;
use crate::tie::TieKind;
use crate::topic::TopicStatus;
use crate::user::Role;

fn all_label_ids() -> Vec<String> {
    let mut ids = Vec::new();
    macro_rules! collect {
        ($($ty:ty),+) => { $( ids.extend(<$ty>::ALL.iter().map(|v| v.message_id())); )+ };
    }
    collect!(
        Field,
        ActorKind,
        Pillar,
        OrganisationKind,
        LegalBasis,
        AuditAction,
        Channel,
        EntityKind,
        BodyKind,
        BodyRole,
        MeetingFormat,
        MeetingStatus,
        ParticipationStatus,
        ActionStatus,
        ProblemStatus,
        Trend,
        Visibility,
        MilestoneKind,
        DistrictKind,
        TieKind,
        TopicStatus,
        Role,
        crate::import::ImportKind,
        crate::import::JsonKind,
        crate::roundtable::TableRole
    );
    ids
}

fn sample_rules() -> Vec<Rule> {
    let s = || "x".to_owned();
    vec![
        Rule::Required,
        Rule::NotBlank,
        Rule::TooLong { max: 300 },
        Rule::ControlCharacters,
        Rule::Digits { len: 8, found: s() },
        Rule::UnknownState { code: s() },
        Rule::UnknownDistrict { ags: s() },
        Rule::DistrictMismatch {
            ags: s(),
            district: s(),
        },
        Rule::StateMismatch {
            ags: s(),
            state: s(),
        },
        Rule::NotAnInteger { found: s() },
        Rule::NotANumber { found: s() },
        Rule::OutOfRange {
            min: s(),
            max: s(),
            found: s(),
        },
        Rule::InvalidDate { found: s() },
        Rule::InvalidDateTime { found: s() },
        Rule::DateOrder {
            since: s(),
            until: s(),
        },
        Rule::TimeOrder {
            start: s(),
            end: s(),
        },
        Rule::SelfTie,
        Rule::MixedTie,
        Rule::Email { found: s() },
        Rule::UnknownCode {
            found: s(),
            allowed: s(),
        },
        Rule::Slug { found: s() },
        Rule::BothOrNeither {
            other: Field::Latitude,
        },
        Rule::NotBoth {
            other: Field::District,
        },
        Rule::OnlyForFunding,
        Rule::ConsentDateRequired,
        Rule::NotABoolean { found: s() },
        Rule::UnknownReference { key: s() },
        Rule::AlreadyExists { key: s() },
        Rule::InUse,
        Rule::Url { found: s() },
        Rule::OnlyWhenDone,
        Rule::TopicTransition {
            from: TopicStatus::Closed,
            to: TopicStatus::Discussed,
        },
        Rule::AmbiguousReference { key: s() },
        Rule::OnlyForConsent,
        Rule::ParentCycle,
        Rule::RingTooShort { ring: 1, points: 3 },
        Rule::RingNotClosed { ring: 1 },
        Rule::LastAdmin,
        Rule::FromAttendance,
    ]
}

#[test]
fn every_label_exists_in_both_languages() {
    let catalog = catalog();
    let missing: Vec<String> = all_label_ids()
        .into_iter()
        .flat_map(|id| {
            Lang::ALL
                .into_iter()
                .filter_map(move |lang| catalog.check(lang, &id, &Args::new()).err())
        })
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_rule_formats_with_its_arguments_in_both_languages() {
    for rule in sample_rules() {
        for lang in Lang::ALL {
            let text = rule.text(lang);
            assert!(!text.starts_with('['), "{lang}: {rule:?} -> {text}");
            assert!(!text.contains('{'), "{lang}: {rule:?} -> {text}");
        }
    }
}

#[test]
fn a_validation_error_names_field_and_rule() {
    let error = Rule::Digits {
        len: 8,
        found: "1452214".into(),
    }
    .at(Field::Ags);
    let de = error.localize(Lang::De);
    let en = error.localize(Lang::En);
    assert!(
        de.contains("Gemeindeschlüssel") && de.contains('8') && de.contains("1452214"),
        "{de}"
    );
    assert!(
        en.contains("municipality key") && en.contains('8') && en.contains("1452214"),
        "{en}"
    );
}

#[test]
fn labels_are_unique_within_a_vocabulary_so_that_parsing_them_is_unambiguous() {
    fn check<T: Copy + std::fmt::Debug + PartialEq>(all: &[T], label: impl Fn(T, Lang) -> String) {
        for lang in Lang::ALL {
            let mut seen = std::collections::HashSet::new();
            for v in all {
                assert!(seen.insert(label(*v, lang).to_lowercase()), "{lang}: {v:?}");
            }
        }
    }
    check(Pillar::ALL, Pillar::label);
    check(OrganisationKind::ALL, OrganisationKind::label);
    check(TieKind::ALL, TieKind::label);
    check(MilestoneKind::ALL, MilestoneKind::label);
    check(BodyKind::ALL, BodyKind::label);
    check(BodyRole::ALL, BodyRole::label);
    check(Field::ALL, Field::label);
    check(ParticipationStatus::ALL, ParticipationStatus::label);
    check(
        crate::roundtable::TableRole::ALL,
        crate::roundtable::TableRole::label,
    );
}
