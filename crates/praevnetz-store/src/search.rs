//! Text for searching: what users type turned into safe terms, German stemming for the practice
//! index on SQLite, and normalised keys for matching and ordering names.
//!
//! PostgreSQL stems with its `german` text search configuration (Snowball); SQLite has no
//! stemmer, so the store stems with the same Snowball algorithm here (`rust-stemmers`) and drops
//! the same stop words (`german.stop`, PostgreSQL's list), both when it indexes a practice and
//! when it reads a query. Users' input never reaches either query language as it is: it is cut
//! into terms of letters and digits only, so quotes, operators (`OR`, `NEAR`, `-`, `*`) and SQL
//! are just words or nothing.

use std::collections::HashSet;
use std::sync::LazyLock;

use praevnetz_domain::text::sort_key;
use rust_stemmers::{Algorithm, Stemmer};

/// At most this many terms of a query are used; the rest is ignored.
const MAX_TERMS: usize = 8;
/// Terms are cut to this many characters (no German word in a practice is longer).
const MAX_TERM_CHARS: usize = 48;

static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("german.stop")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

static GERMAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::German));

/// The words of `text`, lower-cased: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// The Snowball German stem of a lower-cased word (umlauts become plain vowels, `ß` `ss`).
fn stem(word: &str) -> String {
    GERMAN.stem(word).into_owned()
}

/// A text as the SQLite practice index holds it: stems of its words without stop words,
/// separated by spaces.
pub(crate) fn stemmed(text: &str) -> String {
    words(text)
        .filter(|word| !STOP_WORDS.contains(word.as_str()))
        .map(|word| stem(&word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a user typed into a search box, as terms every result must contain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Terms {
    /// Lower-cased words without stop words, at most [`MAX_TERMS`], each at most
    /// [`MAX_TERM_CHARS`] characters; letters and digits only.
    words: Vec<String>,
    /// Whether the last word is to be matched as a prefix (it was still being typed: nothing
    /// followed it).
    last_is_prefix: bool,
}

impl Terms {
    /// Cuts `input` into terms. Never fails: input without a usable word gives no terms.
    pub(crate) fn parse(input: &str) -> Terms {
        let mut terms: Vec<String> = Vec::new();
        for word in words(input) {
            if terms.len() == MAX_TERMS {
                break;
            }
            let word: String = word.chars().take(MAX_TERM_CHARS).collect();
            if STOP_WORDS.contains(word.as_str()) || terms.contains(&word) {
                continue;
            }
            terms.push(word);
        }
        let last_is_prefix = input.chars().last().is_some_and(char::is_alphanumeric);
        Terms {
            words: terms,
            last_is_prefix,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// An FTS5 query over the stemmed index: every stem quoted (so no word is an operator),
    /// joined by `AND`, the last one as a prefix if it was still being typed.
    pub(crate) fn fts5(&self) -> String {
        let last = self.words.len().saturating_sub(1);
        self.words
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let star = if i == last && self.last_is_prefix {
                    "*"
                } else {
                    ""
                };
                format!("\"{}\"{star}", stem(word))
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// A PostgreSQL `tsquery` text for `to_tsquery('german', …)`, which stems each word:
    /// words joined by `&`, the last one with `:*` if it was still being typed.
    pub(crate) fn tsquery(&self) -> String {
        let last = self.words.len().saturating_sub(1);
        self.words
            .iter()
            .enumerate()
            .map(|(i, word)| {
                if i == last && self.last_is_prefix {
                    format!("{word}:*")
                } else {
                    word.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" & ")
    }

    /// `like` patterns matching each word anywhere in a [`search_key`] (case and umlauts
    /// folded alike). Stop words are kept out here too, which is harmless for names.
    pub(crate) fn like_patterns(&self) -> Vec<String> {
        self.words
            .iter()
            .map(|word| format!("%{}%", search_key(word)))
            .collect()
    }
}

/// A text folded for matching: [`sort_key`] (case ignored, `ä` as `a`, `ß` as `ss`) with every
/// run of other characters than letters and digits as one space. Terms contain only letters and
/// digits, so they hold no `like` wildcards.
pub(crate) fn search_key(text: &str) -> String {
    let folded = sort_key(text);
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_share_a_stem() {
        assert_eq!(stemmed("Jugendlicher"), stemmed("Jugendliche"));
        assert_eq!(stemmed("Konflikte"), stemmed("Konflikt"));
        assert_eq!(stemmed("Präventionsräte"), "praventionsrat");
    }

    #[test]
    fn stop_words_are_not_indexed() {
        assert_eq!(stemmed("Die Jugend und der Platz"), "jugend platz");
    }

    #[test]
    fn hostile_input_becomes_plain_terms() {
        let terms = Terms::parse(r#"" OR 1=1; drop table practice; -- NEAR(a b) *"#);
        assert_eq!(
            terms.fts5(),
            r#""or" AND "1" AND "drop" AND "tabl" AND "practic" AND "near" AND "a" AND "b""#
        );
        assert!(!terms.tsquery().contains(';'));
        assert!(Terms::parse("\"*-()'").is_empty());
        let long = "a".repeat(10_000);
        assert_eq!(Terms::parse(&long).words[0].len(), MAX_TERM_CHARS);
    }

    #[test]
    fn the_last_word_is_a_prefix_while_typed() {
        assert_eq!(
            Terms::parse("Konflikte Jug").fts5(),
            "\"konflikt\" AND \"jug\"*"
        );
        assert_eq!(Terms::parse("Konflikte Jug").tsquery(), "konflikte & jug:*");
        assert_eq!(Terms::parse("Konflikte ").tsquery(), "konflikte");
    }

    #[test]
    fn search_keys_fold_case_umlauts_and_punctuation() {
        assert_eq!(
            search_key("Müller-Lüdenscheidt, Dr."),
            "muller ludenscheidt dr"
        );
        assert_eq!(Terms::parse("MÜLLER").like_patterns(), vec!["%muller%"]);
    }
}
