//! Message catalogues.
//!
//! Every text a user reads comes from a Fluent catalogue (German default, English second). The domain
//! ships the catalogue for its own messages (validation rules, field names, code labels); the web
//! crate adds its page texts to the same [`Catalog`] type.

use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// A language the user interface speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German, the default.
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    /// All supported languages, the default first.
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The ISO 639-1 code.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Reads a language tag or POSIX locale such as `de`, `de-DE`, `en_GB.UTF-8`.
    /// Returns `None` for languages we do not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    const fn index(self) -> usize {
        match self {
            Lang::De => 0,
            Lang::En => 1,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Arguments for a message.
#[derive(Default)]
pub struct Args<'a>(FluentArgs<'a>);

impl<'a> Args<'a> {
    /// No arguments.
    pub fn new() -> Self {
        Args(FluentArgs::new())
    }

    /// Adds a text argument.
    #[must_use]
    pub fn text(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.0.set(name, FluentValue::from(value.into()));
        self
    }

    /// Adds a number argument (Fluent picks plural forms from it).
    #[must_use]
    pub fn number(mut self, name: &'a str, value: impl Into<f64>) -> Self {
        self.0.set(name, FluentValue::from(value.into()));
        self
    }
}

/// A set of Fluent bundles, one per [`Lang`].
pub struct Catalog {
    bundles: [FluentBundle<FluentResource>; 2],
    ids: [Vec<String>; 2],
    problems: Vec<String>,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("messages_de", &self.ids[0].len())
            .field("messages_en", &self.ids[1].len())
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// Builds a catalogue from Fluent sources. Later sources override earlier ones with the same id.
    /// Syntax errors do not stop the build (the valid messages are kept); they are listed by
    /// [`Catalog::problems`], and the catalogue tests require that list to be empty.
    pub fn from_sources(sources: &[(Lang, &str)]) -> Catalog {
        let mut bundles = Lang::ALL.map(|lang| {
            let id: LanguageIdentifier = match lang {
                Lang::De => unic_langid::langid!("de"),
                Lang::En => unic_langid::langid!("en"),
            };
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Isolation marks around arguments would end up in CLI output and CSV error messages.
            bundle.set_use_isolating(false);
            bundle
        });
        let mut ids: [Vec<String>; 2] = [Vec::new(), Vec::new()];
        let mut problems = Vec::new();
        for (lang, source) in sources {
            let resource = match FluentResource::try_new((*source).to_owned()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    problems.extend(errors.iter().map(|e| format!("{lang}: {e:?}")));
                    resource
                }
            };
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    ids[lang.index()].push(message.id.name.to_owned());
                }
            }
            bundles[lang.index()].add_resource_overriding(resource);
        }
        for list in &mut ids {
            list.sort();
            list.dedup();
        }
        Catalog {
            bundles,
            ids,
            problems,
        }
    }

    /// The message `id` in `lang`, formatted with `args`. A missing message yields its id in
    /// brackets (the catalogue tests make sure that never reaches a user).
    pub fn message(&self, lang: Lang, id: &str, args: &Args<'_>) -> String {
        let bundle = &self.bundles[lang.index()];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return format!("[{id}]");
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args.0), &mut errors);
        text.into_owned()
    }

    /// Like [`Catalog::message`], reporting formatting problems (missing arguments, unknown
    /// references) instead of hiding them. Used by tests.
    pub fn check(&self, lang: Lang, id: &str, args: &Args<'_>) -> Result<String, String> {
        let bundle = &self.bundles[lang.index()];
        let pattern = bundle
            .get_message(id)
            .and_then(|m| m.value())
            .ok_or_else(|| format!("{lang}: no message '{id}'"))?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args.0), &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(format!("{lang}: message '{id}': {errors:?}"))
        }
    }

    /// Whether `lang` has a message `id`.
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles[lang.index()].has_message(id)
    }

    /// The ids of all messages in `lang`, sorted.
    pub fn ids(&self, lang: Lang) -> &[String] {
        &self.ids[lang.index()]
    }

    /// Syntax problems found while building.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

/// The domain's Fluent sources, for crates that build a larger catalogue on top.
pub const DOMAIN_SOURCES: [(Lang, &str); 2] = [
    (Lang::De, include_str!("../i18n/de.ftl")),
    (Lang::En, include_str!("../i18n/en.ftl")),
];

static DOMAIN_CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::from_sources(&DOMAIN_SOURCES));

/// The catalogue of the domain's own messages.
pub fn catalog() -> &'static Catalog {
    &DOMAIN_CATALOG
}

/// Something that can be told to a user in their language.
pub trait Localize {
    /// The text in `lang`.
    fn localize(&self, lang: Lang) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_define_the_same_messages() {
        let cat = catalog();
        assert!(cat.problems().is_empty(), "{:?}", cat.problems());
        assert_eq!(cat.ids(Lang::De), cat.ids(Lang::En));
    }

    #[test]
    fn locale_tags_map_to_languages() {
        assert_eq!(Lang::from_tag("de_DE.UTF-8"), Some(Lang::De));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
