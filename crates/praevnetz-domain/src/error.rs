//! Validation errors: which field broke which rule, told in German or English.

use std::fmt;

use crate::codes::code_enum;
use crate::i18n::{Args, Lang, Localize, catalog};
use crate::topic::TopicStatus;

code_enum! {
    /// A field of a domain record, named in messages.
    pub enum Field: "field" {
        Ags = "ags",
        DistrictAgs = "district_ags",
        StateCode = "state_code",
        Name = "name",
        ShortName = "short_name",
        Kind = "kind",
        Nuts3 = "nuts3",
        AreaKm2 = "area_km2",
        Population = "population",
        Latitude = "latitude",
        Longitude = "longitude",
        Slug = "slug",
        Districts = "districts",
        Municipality = "municipality",
        District = "district",
        Region = "region",
        AchievedOn = "achieved_on",
        Amount = "amount",
        Purpose = "purpose",
        Context = "context",
        Note = "note",
        Ref = "ref",
        Pillar = "pillar",
        SecondaryPillars = "secondary_pillars",
        Area = "area",
        Aliases = "aliases",
        Email = "email",
        Phone = "phone",
        Website = "website",
        Address = "address",
        Description = "description",
        GivenName = "given_name",
        FamilyName = "family_name",
        Title = "title",
        LegalBasis = "legal_basis",
        ConsentOn = "consent_on",
        Person = "person",
        Organisation = "organisation",
        Function = "function",
        Since = "since",
        Until = "until",
        Body = "body",
        ParentBody = "parent_body",
        FoundedOn = "founded_on",
        DissolvedOn = "dissolved_on",
        Role = "role",
        Source = "source",
        Target = "target",
        Directed = "directed",
        Strength = "strength",
        SourceNote = "source_note",
        Category = "category",
        Severity = "severity",
        Trend = "trend",
        Status = "status",
        Visibility = "visibility",
        HotspotName = "hotspot_name",
        ObservedSince = "observed_since",
        Responsible = "responsible",
        Affected = "affected",
        Summary = "summary",
        Approach = "approach",
        Outcome = "outcome",
        StartedOn = "started_on",
        EndedOn = "ended_on",
        ContactPerson = "contact_person",
        Partners = "partners",
        Categories = "categories",
        Series = "series",
        Meeting = "meeting",
        StartsAt = "starts_at",
        EndsAt = "ends_at",
        Format = "format",
        VenueName = "venue_name",
        VenueAddress = "venue_address",
        Capacity = "capacity",
        Minutes = "minutes",
        Hosts = "hosts",
        Position = "position",
        DurationMinutes = "duration_minutes",
        Presenter = "presenter",
        Topic = "topic",
        Text = "text",
        Decision = "decision",
        Owner = "owner",
        DueOn = "due_on",
        CompletedOn = "completed_on",
        RaisedBy = "raised_by",
        Municipalities = "municipalities",
        DisplayName = "display_name",
        Language = "language",
        Scope = "scope",
        Organiser = "organiser",
        AgendaItem = "agenda_item",
        Boundary = "boundary",
    }
}

/// A rule that an input broke. The variants carry what the message needs to name the bad input.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// A value is required.
    Required,
    /// The value is empty after trimming.
    NotBlank,
    /// The value is longer than `max` characters.
    TooLong { max: usize },
    /// The value contains control characters (tabs and line breaks are only allowed in long texts).
    ControlCharacters,
    /// The value must be exactly `len` decimal digits.
    Digits { len: usize, found: String },
    /// No German state has this two-digit code.
    UnknownState { code: String },
    /// No district with this AGS exists.
    UnknownDistrict { ags: String },
    /// The municipality's AGS does not begin with its district's AGS.
    DistrictMismatch { ags: String, district: String },
    /// The district's AGS does not begin with its state's code.
    StateMismatch { ags: String, state: String },
    /// Not a whole number.
    NotAnInteger { found: String },
    /// Not a decimal number.
    NotANumber { found: String },
    /// The number is outside `min..=max`.
    OutOfRange {
        min: String,
        max: String,
        found: String,
    },
    /// Not a calendar date.
    InvalidDate { found: String },
    /// Not a date and time.
    InvalidDateTime { found: String },
    /// `since` lies after `until`.
    DateOrder { since: String, until: String },
    /// The end lies before the start.
    TimeOrder { start: String, end: String },
    /// A tie connects an actor to itself.
    SelfTie,
    /// Ties connect two persons or two organisations, never one of each.
    MixedTie,
    /// Not an e-mail address.
    Email { found: String },
    /// Not one of the allowed codes.
    UnknownCode { found: String, allowed: String },
    /// Not a URL slug (lower-case letters, digits, hyphens).
    Slug { found: String },
    /// Set both this field and `other`, or neither.
    BothOrNeither { other: Field },
    /// At most one of this field and `other` may be set.
    NotBoth { other: Field },
    /// Only allowed for the milestone "funding granted".
    OnlyForFunding,
    /// The legal basis "consent" needs the date the consent was given.
    ConsentDateRequired,
    /// Not yes or no.
    NotABoolean { found: String },
    /// The referenced record does not exist.
    UnknownReference { key: String },
    /// A record with this key exists already.
    AlreadyExists { key: String },
    /// The record is still referenced by others and cannot be deleted.
    InUse,
    /// Not a web address.
    Url { found: String },
    /// Only allowed when the status is "done".
    OnlyWhenDone,
    /// A topic cannot move from its status `from` to `to` (the pipeline allows
    /// [`TopicStatus::next`] only).
    TopicTransition { from: TopicStatus, to: TopicStatus },
    /// The reference names both a person and an organisation.
    AmbiguousReference { key: String },
    /// A consent date with another legal basis than consent.
    OnlyForConsent,
    /// The body would come to lie below itself.
    ParentCycle,
    /// A boundary ring (counted from 0) has fewer than four points.
    RingTooShort { ring: usize, points: usize },
    /// A boundary ring (counted from 0) does not end where it begins.
    RingNotClosed { ring: usize },
    /// The change would leave no active administrator.
    LastAdmin,
    /// Ties of kind "met at meeting" follow from recorded attendance; they are not recorded,
    /// changed or deleted by hand.
    FromAttendance,
}

impl Rule {
    /// Attaches the field this rule was broken in.
    pub fn at(self, field: Field) -> ValidationError {
        ValidationError { field, rule: self }
    }

    /// The catalogue id of the rule's message.
    pub fn message_id(&self) -> &'static str {
        match self {
            Rule::Required => "rule-required",
            Rule::NotBlank => "rule-not-blank",
            Rule::TooLong { .. } => "rule-too-long",
            Rule::ControlCharacters => "rule-control-characters",
            Rule::Digits { .. } => "rule-digits",
            Rule::UnknownState { .. } => "rule-unknown-state",
            Rule::UnknownDistrict { .. } => "rule-unknown-district",
            Rule::DistrictMismatch { .. } => "rule-district-mismatch",
            Rule::StateMismatch { .. } => "rule-state-mismatch",
            Rule::NotAnInteger { .. } => "rule-not-an-integer",
            Rule::NotANumber { .. } => "rule-not-a-number",
            Rule::OutOfRange { .. } => "rule-out-of-range",
            Rule::InvalidDate { .. } => "rule-invalid-date",
            Rule::InvalidDateTime { .. } => "rule-invalid-date-time",
            Rule::DateOrder { .. } => "rule-date-order",
            Rule::TimeOrder { .. } => "rule-time-order",
            Rule::SelfTie => "rule-self-tie",
            Rule::MixedTie => "rule-mixed-tie",
            Rule::Email { .. } => "rule-email",
            Rule::UnknownCode { .. } => "rule-unknown-code",
            Rule::Slug { .. } => "rule-slug",
            Rule::BothOrNeither { .. } => "rule-both-or-neither",
            Rule::NotBoth { .. } => "rule-not-both",
            Rule::OnlyForFunding => "rule-only-for-funding",
            Rule::ConsentDateRequired => "rule-consent-date-required",
            Rule::NotABoolean { .. } => "rule-not-a-boolean",
            Rule::UnknownReference { .. } => "rule-unknown-reference",
            Rule::AlreadyExists { .. } => "rule-already-exists",
            Rule::InUse => "rule-in-use",
            Rule::Url { .. } => "rule-url",
            Rule::OnlyWhenDone => "rule-only-when-done",
            Rule::TopicTransition { .. } => "rule-topic-transition",
            Rule::AmbiguousReference { .. } => "rule-ambiguous-reference",
            Rule::OnlyForConsent => "rule-only-for-consent",
            Rule::ParentCycle => "rule-parent-cycle",
            Rule::RingTooShort { .. } => "rule-ring-too-short",
            Rule::RingNotClosed { .. } => "rule-ring-not-closed",
            Rule::LastAdmin => "rule-last-admin",
            Rule::FromAttendance => "rule-from-attendance",
        }
    }

    /// The rule's text in `lang`, without the field.
    pub fn text(&self, lang: Lang) -> String {
        let args = match self {
            Rule::Required
            | Rule::NotBlank
            | Rule::ControlCharacters
            | Rule::SelfTie
            | Rule::MixedTie
            | Rule::OnlyForFunding
            | Rule::ConsentDateRequired
            | Rule::OnlyWhenDone
            | Rule::OnlyForConsent
            | Rule::ParentCycle
            | Rule::LastAdmin
            | Rule::FromAttendance
            | Rule::InUse => Args::new(),
            Rule::TooLong { max } => Args::new().number("max", *max as f64),
            Rule::Digits { len, found } => Args::new()
                .number("len", *len as f64)
                .text("found", found.clone()),
            Rule::UnknownState { code } => Args::new().text("found", code.clone()),
            Rule::UnknownDistrict { ags } => Args::new().text("found", ags.clone()),
            Rule::DistrictMismatch { ags, district } => Args::new()
                .text("ags", ags.clone())
                .text("district", district.clone()),
            Rule::StateMismatch { ags, state } => Args::new()
                .text("ags", ags.clone())
                .text("state", state.clone()),
            Rule::NotAnInteger { found }
            | Rule::NotANumber { found }
            | Rule::InvalidDate { found }
            | Rule::InvalidDateTime { found }
            | Rule::Email { found }
            | Rule::Slug { found }
            | Rule::NotABoolean { found }
            | Rule::Url { found } => Args::new().text("found", found.clone()),
            Rule::OutOfRange { min, max, found } => Args::new()
                .text("min", min.clone())
                .text("max", max.clone())
                .text("found", found.clone()),
            Rule::DateOrder { since, until } => Args::new()
                .text("since", since.clone())
                .text("until", until.clone()),
            Rule::TimeOrder { start, end } => Args::new()
                .text("start", start.clone())
                .text("end", end.clone()),
            Rule::UnknownCode { found, allowed } => Args::new()
                .text("found", found.clone())
                .text("allowed", allowed.clone()),
            Rule::BothOrNeither { other } | Rule::NotBoth { other } => {
                Args::new().text("other", other.label(lang))
            }
            Rule::UnknownReference { key }
            | Rule::AlreadyExists { key }
            | Rule::AmbiguousReference { key } => Args::new().text("key", key.clone()),
            Rule::RingTooShort { ring, points } => Args::new()
                .text("ring", ring.to_string())
                .number("points", *points as f64),
            Rule::RingNotClosed { ring } => Args::new().text("ring", ring.to_string()),
            Rule::TopicTransition { from, to } => Args::new()
                .text("from", from.label(lang))
                .text("to", to.label(lang))
                .text(
                    "allowed",
                    from.next()
                        .iter()
                        .map(|s| s.label(lang))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
        };
        catalog().message(lang, self.message_id(), &args)
    }
}

impl fmt::Display for Rule {
    /// English, for logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A field and the rule its value broke.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError {
    /// Where.
    pub field: Field,
    /// What.
    pub rule: Rule,
}

impl Localize for ValidationError {
    fn localize(&self, lang: Lang) -> String {
        catalog().message(
            lang,
            "validation-error",
            &Args::new()
                .text("field", self.field.label(lang))
                .text("rule", self.rule.text(lang)),
        )
    }
}

impl fmt::Display for ValidationError {
    /// English, for logs; users get [`Localize::localize`] in their language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for ValidationError {}

/// Several validation errors found in one record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl ValidationErrors {
    /// Records the error of `result`, if any, and passes its value on.
    pub fn take<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    /// Whether no error was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Localize for ValidationErrors {
    fn localize(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|e| e.localize(lang))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for ValidationErrors {}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        ValidationErrors(vec![error])
    }
}
