//! The command line's message catalogue: domain and store messages plus its own.

use std::sync::LazyLock;

use praevnetz_domain::i18n::{Args, Catalog, DOMAIN_SOURCES, Lang};
use praevnetz_store::STORE_SOURCES;

const CLI_SOURCES: [(Lang, &str); 2] = [
    (Lang::De, include_str!("../i18n/de.ftl")),
    (Lang::En, include_str!("../i18n/en.ftl")),
];

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let sources: Vec<(Lang, &str)> = DOMAIN_SOURCES
        .into_iter()
        .chain(STORE_SOURCES)
        .chain(CLI_SOURCES)
        .collect();
    Catalog::from_sources(&sources)
});

/// A message without arguments.
pub fn text(lang: Lang, id: &str) -> String {
    CATALOG.message(lang, id, &Args::new())
}

/// A message with arguments.
pub fn text_with(lang: Lang, id: &str, args: &Args<'_>) -> String {
    CATALOG.message(lang, id, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_catalogue_is_complete_in_both_languages() {
        assert!(CATALOG.problems().is_empty(), "{:?}", CATALOG.problems());
        assert_eq!(CATALOG.ids(Lang::De), CATALOG.ids(Lang::En));
    }
}
