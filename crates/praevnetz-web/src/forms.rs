//! Form plumbing shared by all areas: field errors in the user's language, kept beside the
//! field, and the values typed kept for the form shown again.
//!
//! A handler reads the posted fields as strings (every field `#[serde(default)]`, so a missing
//! field is an empty one, never a rejection), parses each into its domain type with
//! [`FormErrors::take`] or [`FormErrors::parse`], and either saves the record in one store call
//! or shows the form again with [`page::render_invalid`](crate::page::render_invalid).

use std::collections::BTreeMap;

use praevnetz_domain::error::{Field, Rule, ValidationError};
use praevnetz_domain::i18n::Lang;
use praevnetz_store::StoreError;

use crate::error::WebError;

/// Error messages by form field name (the `name` attribute).
#[derive(Debug, Default)]
pub struct FormErrors {
    lang: Lang,
    by_field: BTreeMap<String, String>,
    /// Messages not tied to one field (shown above the form).
    general: Vec<String>,
}

impl FormErrors {
    /// No errors yet; messages will be in `lang`.
    pub fn new(lang: Lang) -> FormErrors {
        FormErrors {
            lang,
            by_field: BTreeMap::new(),
            general: Vec::new(),
        }
    }

    /// The language of the messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_field.is_empty() && self.general.is_empty()
    }

    /// The message for field `name`, if any (templates: `errors.get("title")`).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.by_field.get(name).map(String::as_str)
    }

    /// The messages not tied to one field.
    pub fn general(&self) -> &[String] {
        &self.general
    }

    /// Records a rule broken in field `name` (the first error of a field wins).
    pub fn rule(&mut self, name: &str, rule: &Rule) {
        self.by_field
            .entry(name.to_owned())
            .or_insert_with(|| rule.text(self.lang));
    }

    /// Records a message for field `name`.
    pub fn message(&mut self, name: &str, message: String) {
        self.by_field.entry(name.to_owned()).or_insert(message);
    }

    /// Records a message for the whole form.
    pub fn general_message(&mut self, message: String) {
        self.general.push(message);
    }

    /// Parses the value of field `name`; on error records it and returns `None`.
    pub fn parse<T>(
        &mut self,
        name: &str,
        raw: &str,
        parse: impl FnOnce(&str) -> Result<T, Rule>,
    ) -> Option<T> {
        match parse(raw) {
            Ok(value) => Some(value),
            Err(rule) => {
                self.rule(name, &rule);
                None
            }
        }
    }

    /// An optional value: empty input is `None`, anything else must parse.
    pub fn optional<T>(
        &mut self,
        name: &str,
        raw: &str,
        parse: impl FnOnce(&str) -> Result<T, Rule>,
    ) -> Option<Option<T>> {
        if raw.trim().is_empty() {
            Some(None)
        } else {
            self.parse(name, raw, parse).map(Some)
        }
    }

    /// Takes a value built from several fields; a cross-field error is shown at the form field
    /// that `map` names for the domain field it was found in.
    pub fn take<T>(
        &mut self,
        result: Result<T, ValidationError>,
        map: impl Fn(Field) -> &'static str,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.rule(map(error.field), &error.rule);
                None
            }
        }
    }

    /// Turns a store refusal into form errors (a unique key, a missing reference, a rule the
    /// database checks); any other store error stays an error of the request.
    pub fn store(
        &mut self,
        error: StoreError,
        map: impl Fn(Field) -> &'static str,
    ) -> Result<(), WebError> {
        match error {
            StoreError::Invalid(e) => {
                self.rule(map(e.field), &e.rule);
                Ok(())
            }
            other => Err(other.into()),
        }
    }
}

/// A value as named in a message: its start (20 characters), without control characters.
pub(crate) fn shown(raw: &str) -> String {
    raw.trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(20)
        .collect()
}

/// Option lists for `<select>`: value, label, selected.
#[derive(Debug)]
pub struct Choice {
    /// The submitted value.
    pub value: String,
    /// What the user reads.
    pub label: String,
    /// Whether it is selected.
    pub selected: bool,
}

impl Choice {
    /// A choice, selected when `value` equals `current`.
    pub fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Choice {
        let value = value.into();
        Choice {
            selected: value == current,
            value,
            label: label.into(),
        }
    }
}

/// The choices of a code enum, labelled in `lang`.
pub fn code_choices<T: praevnetz_domain::Code + Labelled>(
    all: &[T],
    lang: Lang,
    current: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice::new(v.code(), v.labelled(lang), current))
        .collect()
}

/// A code enum's label (the code enums have an inherent `label`; this trait lets generic code
/// reach it).
pub trait Labelled {
    /// The label in `lang`.
    fn labelled(&self, lang: Lang) -> String;
}

macro_rules! labelled {
    ($($t:ty),* $(,)?) => {
        $(impl Labelled for $t {
            fn labelled(&self, lang: Lang) -> String {
                self.label(lang)
            }
        })*
    };
}

labelled!(
    praevnetz_domain::actor::Pillar,
    praevnetz_domain::actor::OrganisationKind,
    praevnetz_domain::actor::LegalBasis,
    praevnetz_domain::tie::TieKind,
    praevnetz_domain::problem::Trend,
    praevnetz_domain::problem::ProblemStatus,
    praevnetz_domain::problem::Visibility,
    praevnetz_domain::user::Role,
    praevnetz_domain::programme::MilestoneKind,
    praevnetz_domain::audit::EntityKind,
    praevnetz_domain::audit::AuditAction,
);
