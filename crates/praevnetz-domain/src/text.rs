//! Validated text values: names, long texts, e-mail addresses, phone numbers, web addresses, slugs.

use std::fmt;

use serde::Serialize;

use crate::error::Rule;

/// Longest single-line value (names, titles, functions).
pub const MAX_LINE: usize = 300;
/// Longest free text (descriptions, minutes).
pub const MAX_TEXT: usize = 100_000;

fn single_line(input: &str, max: usize) -> Result<String, Rule> {
    let value = input.trim();
    if value.is_empty() {
        return Err(Rule::NotBlank);
    }
    if value.chars().any(char::is_control) {
        return Err(Rule::ControlCharacters);
    }
    if value.chars().count() > max {
        return Err(Rule::TooLong { max });
    }
    Ok(value.to_owned())
}

/// A name or other short single-line text: trimmed, not blank, no control characters,
/// at most [`MAX_LINE`] characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Name(String);

impl Name {
    /// Validates `input`.
    pub fn parse(input: &str) -> Result<Name, Rule> {
        single_line(input, MAX_LINE).map(Name)
    }

    /// Like [`Name::parse`], but blank input means "not given".
    pub fn parse_optional(input: &str) -> Result<Option<Name>, Rule> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Name::parse(input).map(Some)
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A free text that may span lines (descriptions, minutes in Markdown): trimmed, not blank,
/// no control characters other than tab and line breaks, at most [`MAX_TEXT`] characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Validates `input`.
    pub fn parse(input: &str) -> Result<Text, Rule> {
        let value = input.trim();
        if value.is_empty() {
            return Err(Rule::NotBlank);
        }
        if value
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err(Rule::ControlCharacters);
        }
        if value.chars().count() > MAX_TEXT {
            return Err(Rule::TooLong { max: MAX_TEXT });
        }
        Ok(Text(value.replace("\r\n", "\n")))
    }

    /// Like [`Text::parse`], but blank input means "not given".
    pub fn parse_optional(input: &str) -> Result<Option<Text>, Rule> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Text::parse(input).map(Some)
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An e-mail address, syntax checked after RFC 5322 (via the `email_address` crate) and trimmed.
/// The domain part is lower-cased; the local part is kept as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Validates `input`.
    pub fn parse(input: &str) -> Result<Email, Rule> {
        let value = input.trim();
        if value.is_empty() {
            return Err(Rule::NotBlank);
        }
        let invalid = || Rule::Email {
            found: value.to_owned(),
        };
        // The crate accepts display-name forms ("Name <a@b>") and quoted local parts; a contact
        // field wants the plain address, so those are refused too.
        if value.contains(['<', '>', '"', ' ']) || value.chars().count() > 254 {
            return Err(invalid());
        }
        let parsed: email_address::EmailAddress = value.parse().map_err(|_| invalid())?;
        let domain = parsed.domain();
        if !domain.contains('.') || domain.starts_with('[') {
            return Err(invalid());
        }
        Ok(Email(format!(
            "{}@{}",
            parsed.local_part(),
            domain.to_lowercase()
        )))
    }

    /// Like [`Email::parse`], but blank input means "not given".
    pub fn parse_optional(input: &str) -> Result<Option<Email>, Rule> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Email::parse(input).map(Some)
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address lower-cased entirely, for logins and look-ups.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A phone number as people write it: digits with `+ / - ( )` and spaces, at least 3 digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    /// Validates `input`.
    pub fn parse(input: &str) -> Result<Phone, Rule> {
        let value = single_line(input, 40)?;
        let digits = value.chars().filter(char::is_ascii_digit).count();
        let allowed = value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '/' | '-' | '(' | ')' | ' ' | '.'));
        if !allowed || digits < 3 {
            return Err(Rule::NotANumber { found: value });
        }
        Ok(Phone(value))
    }

    /// Like [`Phone::parse`], but blank input means "not given".
    pub fn parse_optional(input: &str) -> Result<Option<Phone>, Rule> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Phone::parse(input).map(Some)
        }
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A web address with scheme `http` or `https`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Url(String);

impl Url {
    /// Validates `input`. A bare host such as `www.floeha.de` gets `https://` in front.
    pub fn parse(input: &str) -> Result<Url, Rule> {
        let value = single_line(input, 2000)?;
        let full = if value.contains("://") {
            value
        } else {
            format!("https://{value}")
        };
        let invalid = || Rule::Url {
            found: input.trim().to_owned(),
        };
        let rest = full
            .strip_prefix("https://")
            .or_else(|| full.strip_prefix("http://"))
            .ok_or_else(invalid)?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_ok = !host.is_empty()
            && host.contains('.')
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
        if !host_ok || full.contains(char::is_whitespace) {
            return Err(invalid());
        }
        Ok(Url(full))
    }

    /// Like [`Url::parse`], but blank input means "not given".
    pub fn parse_optional(input: &str) -> Result<Option<Url>, Rule> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Url::parse(input).map(Some)
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A URL-safe key: lower-case ASCII letters, digits and single hyphens, 1–80 characters,
/// beginning with a letter or digit. Used for network regions and import references.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Validates `input`.
    pub fn parse(input: &str) -> Result<Slug, Rule> {
        let value = input.trim();
        let ok = !value.is_empty()
            && value.len() <= 80
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
            && !value.starts_with(['-', '.'])
            && !value.ends_with(['-', '.'])
            && !value.contains("--");
        if ok {
            Ok(Slug(value.to_owned()))
        } else {
            Err(Rule::Slug {
                found: value.to_owned(),
            })
        }
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A key from the user's own files or systems that identifies a record across imports
/// ("Referenz" column in the import files). Any non-blank single-line text up to 120 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ExternalRef(String);

impl ExternalRef {
    /// Validates `input`.
    pub fn parse(input: &str) -> Result<ExternalRef, Rule> {
        single_line(input, 120).map(ExternalRef)
    }

    /// Like [`ExternalRef::parse`], but blank input means "not given".
    pub fn parse_optional(input: &str) -> Result<Option<ExternalRef>, Rule> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            ExternalRef::parse(input).map(Some)
        }
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ExternalRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A key that sorts names the way German phone books and indexes do (DIN 5007, variant 1):
/// case is ignored, `ä ö ü` sort as `a o u`, `ß` as `ss`. Lists are sorted with it in Rust
/// rather than by the database, whose collation differs between SQLite (bytes) and PostgreSQL
/// (the server's locale).
pub fn sort_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' | 'á' | 'à' | 'â' => key.push('a'),
            'ö' | 'ó' | 'ò' | 'ô' => key.push('o'),
            'ü' | 'ú' | 'ù' | 'û' => key.push('u'),
            'é' | 'è' | 'ê' | 'ë' => key.push('e'),
            'ß' => key.push_str("ss"),
            other => key.push(other),
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_like_a_german_index() {
        let mut names = vec![
            "Zentrum",
            "alpha",
            "Ärzte",
            "Amt",
            "Oelsnitz",
            "Öffentlich",
            "Straße",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            [
                "alpha",
                "Amt",
                "Ärzte",
                "Oelsnitz",
                "Öffentlich",
                "Straße",
                "Zentrum"
            ]
        );
        assert_eq!(sort_key("Straße"), "strasse");
    }

    #[test]
    fn names_are_trimmed_and_must_not_be_blank() {
        assert_eq!(Name::parse("  Flöha ").unwrap().as_str(), "Flöha");
        assert_eq!(Name::parse(" \t "), Err(Rule::NotBlank));
        assert_eq!(Name::parse("a\u{0}b"), Err(Rule::ControlCharacters));
        assert_eq!(Name::parse("a\nb"), Err(Rule::ControlCharacters));
        assert_eq!(
            Name::parse(&"x".repeat(MAX_LINE + 1)),
            Err(Rule::TooLong { max: MAX_LINE })
        );
        assert_eq!(Name::parse_optional("  ").unwrap(), None);
    }

    #[test]
    fn texts_keep_line_breaks() {
        let text = Text::parse("Zeile 1\r\nZeile 2\n").unwrap();
        assert_eq!(text.as_str(), "Zeile 1\nZeile 2");
    }

    #[test]
    fn email_syntax_is_checked() {
        assert_eq!(
            Email::parse(" A.Schmidt@Floeha.DE ").unwrap().as_str(),
            "A.Schmidt@floeha.de"
        );
        for bad in [
            "schmidt",
            "schmidt@",
            "@floeha.de",
            "a b@floeha.de",
            "Anna <a@floeha.de>",
            "a@localhost",
        ] {
            assert!(
                matches!(Email::parse(bad), Err(Rule::Email { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn phone_numbers_are_written_as_people_write_them() {
        assert!(Phone::parse("+49 3726 791-0").is_ok());
        assert!(Phone::parse("(03726) 79 10").is_ok());
        assert!(Phone::parse("call me").is_err());
        assert!(Phone::parse("12").is_err());
    }

    #[test]
    fn urls_get_a_scheme() {
        assert_eq!(
            Url::parse("www.floeha.de").unwrap().as_str(),
            "https://www.floeha.de"
        );
        assert!(Url::parse("ftp://x.de").is_err());
        assert!(Url::parse("https://").is_err());
        assert!(Url::parse("https://a b.de").is_err());
    }

    #[test]
    fn slugs_are_lower_case_words_with_hyphens() {
        assert!(Slug::parse("chemnitz-erzgebirge-mittelsachsen").is_ok());
        for bad in ["", "Chemnitz", "-a", "a-", "a--b", "ä", "a b"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }
}
