//! The web catalogue: the domain's and the store's messages plus the pages' own, and the choice
//! of language for a request.
//!
//! Page texts are looked up for every string of every page, so messages without arguments are
//! formatted once at start and served from a map; messages with arguments go through Fluent.

use std::collections::HashMap;
use std::sync::LazyLock;

use praevnetz_domain::i18n::{Args, Catalog, DOMAIN_SOURCES, Lang};
use praevnetz_store::STORE_SOURCES;

/// The pages' own Fluent files, one pair per area so that areas can grow apart.
pub const WEB_SOURCES: &[(Lang, &str)] = &[
    (Lang::De, include_str!("../i18n/de.ftl")),
    (Lang::En, include_str!("../i18n/en.ftl")),
    (Lang::De, include_str!("../i18n/people.de.ftl")),
    (Lang::En, include_str!("../i18n/people.en.ftl")),
    (Lang::De, include_str!("../i18n/problems.de.ftl")),
    (Lang::En, include_str!("../i18n/problems.en.ftl")),
    (Lang::De, include_str!("../i18n/meetings.de.ftl")),
    (Lang::En, include_str!("../i18n/meetings.en.ftl")),
    (Lang::De, include_str!("../i18n/practices.de.ftl")),
    (Lang::En, include_str!("../i18n/practices.en.ftl")),
    (Lang::De, include_str!("../i18n/territory.de.ftl")),
    (Lang::En, include_str!("../i18n/territory.en.ftl")),
    (Lang::De, include_str!("../i18n/map.de.ftl")),
    (Lang::En, include_str!("../i18n/map.en.ftl")),
    (Lang::De, include_str!("../i18n/network.de.ftl")),
    (Lang::En, include_str!("../i18n/network.en.ftl")),
    (Lang::De, include_str!("../i18n/admin.de.ftl")),
    (Lang::En, include_str!("../i18n/admin.en.ftl")),
    (Lang::De, include_str!("../i18n/roundtable.de.ftl")),
    (Lang::En, include_str!("../i18n/roundtable.en.ftl")),
    (Lang::De, include_str!("../i18n/topics.de.ftl")),
    (Lang::En, include_str!("../i18n/topics.en.ftl")),
    (Lang::De, include_str!("../i18n/meeting_record.de.ftl")),
    (Lang::En, include_str!("../i18n/meeting_record.en.ftl")),
];

/// All messages a page can show.
pub struct Texts {
    catalog: Catalog,
    plain: [HashMap<String, String>; 2],
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts")
            .field("catalog", &self.catalog)
            .finish_non_exhaustive()
    }
}

static TEXTS: LazyLock<Texts> = LazyLock::new(Texts::build);

/// The web catalogue.
pub fn texts() -> &'static Texts {
    &TEXTS
}

impl Texts {
    fn build() -> Texts {
        let sources: Vec<(Lang, &str)> = DOMAIN_SOURCES
            .into_iter()
            .chain(STORE_SOURCES)
            .chain(WEB_SOURCES.iter().copied())
            .collect();
        let catalog = Catalog::from_sources(&sources);
        let plain = Lang::ALL.map(|lang| {
            catalog
                .ids(lang)
                .iter()
                .filter_map(|id| {
                    catalog
                        .check(lang, id, &Args::new())
                        .ok()
                        .map(|text| (id.clone(), text))
                })
                .collect()
        });
        Texts { catalog, plain }
    }

    /// The underlying catalogue.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// A message without arguments; a missing one shows as its id in brackets (the catalogue
    /// tests keep that from reaching users).
    pub fn get<'a>(&'a self, lang: Lang, id: &'a str) -> &'a str {
        self.plain[usize::from(lang == Lang::En)]
            .get(id)
            .map_or(id, String::as_str)
    }

    /// A message with arguments.
    pub fn format(&self, lang: Lang, id: &str, args: &Args<'_>) -> String {
        self.catalog.message(lang, id, args)
    }
}

/// The language of a request: the account's setting, else the `lang` cookie (set by the
/// language switch), else the browser's `Accept-Language`, else German.
pub fn negotiate(account: Option<Lang>, cookie: Option<&str>, accept: Option<&str>) -> Lang {
    if let Some(lang) = account {
        return lang;
    }
    if let Some(lang) = cookie.and_then(Lang::from_tag) {
        return lang;
    }
    accept.and_then(from_accept_language).unwrap_or_default()
}

/// The preferred supported language of an `Accept-Language` header (quality values honoured;
/// malformed parts are skipped).
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or_default().trim();
        let quality = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
        let (Some(lang), Some(quality)) = (Lang::from_tag(tag), quality) else {
            continue;
        };
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_web_catalogue_is_complete_in_both_languages() {
        let catalog = texts().catalog();
        assert!(catalog.problems().is_empty(), "{:?}", catalog.problems());
        assert_eq!(catalog.ids(Lang::De), catalog.ids(Lang::En));
    }

    #[test]
    fn the_account_setting_wins_then_the_cookie_then_the_browser() {
        assert_eq!(negotiate(Some(Lang::En), Some("de"), Some("de")), Lang::En);
        assert_eq!(negotiate(None, Some("en"), Some("de")), Lang::En);
        assert_eq!(negotiate(None, None, Some("en-GB,en;q=0.9")), Lang::En);
        assert_eq!(negotiate(None, Some("fr"), None), Lang::De);
    }

    #[test]
    fn accept_language_honours_quality_and_skips_garbage() {
        assert_eq!(
            from_accept_language("fr-FR, en;q=0.5, de;q=0.8"),
            Some(Lang::De)
        );
        assert_eq!(from_accept_language("en;q=abc, de;q=0.1"), Some(Lang::De));
        assert_eq!(from_accept_language("fr, *;q=0.1"), None);
        assert_eq!(from_accept_language("en;q=0"), None);
        assert_eq!(from_accept_language(""), None);
    }
}
