//! Shared problem areas ("gemeinsame Schnittstellen") of a set of municipalities: the problem
//! categories several of them face, how alike their problem profiles are, groups of
//! municipalities with similar profiles, and exchange suggestions — a municipality with an
//! open problem paired with another that recorded a practice on the same category.
//!
//! A municipality's profile is, per category, the sum of the severities (1–5) of its problems
//! that are not resolved. Two profiles are compared by cosine similarity (1: the same mix of
//! problems in the same proportions, 0: nothing in common). Groups are the Louvain communities
//! of the graph whose edges join municipalities with a positive similarity, weighted by it
//! (deterministic for a seed); municipalities without open problems belong to no group.

use std::collections::{BTreeMap, BTreeSet};

use praevnetz_graph::community::louvain;
use praevnetz_graph::{Direction, Graph};

use crate::ids::{MunicipalityId, PersonId, PracticeId};
use crate::practice::Practice;
use crate::problem::{CategoryCode, Problem, ProblemStatus};

/// A category several municipalities of the set face.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedCategory {
    pub code: CategoryCode,
    /// The municipalities (indices into the set) with the summed severity of their open
    /// problems of the category, most severe first.
    pub municipalities: Vec<(usize, u32)>,
    /// The summed severity over all of them.
    pub severity: u32,
}

/// A municipality that could learn from another's practice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The municipality with an open problem (index into the set).
    pub needs: usize,
    pub category: CategoryCode,
    /// The summed severity of its open problems of the category.
    pub severity: u32,
    /// The practice, its municipality and its contact person.
    pub practice: PracticeId,
    pub offers: MunicipalityId,
    pub contact: Option<PersonId>,
}

/// The shared problem areas of a set of municipalities.
#[derive(Clone, Debug, PartialEq)]
pub struct Interfaces {
    /// Categories with open problems in at least two municipalities of the set, those shared
    /// by most first (then by severity).
    pub shared: Vec<SharedCategory>,
    /// Cosine similarity of the profiles, by index into the set.
    pub similarity: Vec<Vec<f64>>,
    /// Groups of at least two municipalities with similar profiles (indices), largest first.
    pub groups: Vec<Vec<usize>>,
    /// Exchange suggestions, the most severe need first.
    pub suggestions: Vec<Suggestion>,
}

/// The shared problem areas of `set` from `problems` (any; those outside the set are ignored)
/// and `practices` (any municipality's: a practice elsewhere is a suggestion too).
///
/// ```
/// use praevnetz_domain::ids::MunicipalityId;
/// use praevnetz_domain::shared::interfaces;
/// let set = [MunicipalityId::new(1), MunicipalityId::new(2)];
/// let none = interfaces(&set, &[], &[], 1);
/// assert!(none.shared.is_empty() && none.groups.is_empty());
/// assert_eq!(none.similarity, vec![vec![0.0, 0.0], vec![0.0, 0.0]]);
/// ```
pub fn interfaces(
    set: &[MunicipalityId],
    problems: &[&Problem],
    practices: &[&Practice],
    seed: u64,
) -> Interfaces {
    let n = set.len();
    let index: BTreeMap<MunicipalityId, usize> =
        set.iter().enumerate().map(|(k, m)| (*m, k)).collect();
    // Profiles: category → severity per municipality.
    let mut profile: Vec<BTreeMap<CategoryCode, u32>> = vec![BTreeMap::new(); n];
    for p in problems {
        if p.data.status == ProblemStatus::Resolved {
            continue;
        }
        if let Some(&k) = index.get(&p.data.municipality_id) {
            *profile[k].entry(p.data.category.clone()).or_default() +=
                u32::from(p.data.severity.get());
        }
    }
    let mut by_category: BTreeMap<CategoryCode, Vec<(usize, u32)>> = BTreeMap::new();
    for (k, categories) in profile.iter().enumerate() {
        for (code, severity) in categories {
            by_category
                .entry(code.clone())
                .or_default()
                .push((k, *severity));
        }
    }
    let mut shared: Vec<SharedCategory> = by_category
        .iter()
        .filter(|(_, places)| places.len() >= 2)
        .map(|(code, places)| {
            let mut municipalities = places.clone();
            municipalities.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            SharedCategory {
                code: code.clone(),
                severity: municipalities.iter().map(|(_, s)| s).sum(),
                municipalities,
            }
        })
        .collect();
    shared.sort_by(|a, b| {
        b.municipalities
            .len()
            .cmp(&a.municipalities.len())
            .then(b.severity.cmp(&a.severity))
            .then(a.code.cmp(&b.code))
    });
    let similarity = similarities(&profile);
    let groups = groups(&similarity, &profile, seed);
    let suggestions = suggestions(set, &profile, practices);
    Interfaces {
        shared,
        similarity,
        groups,
        suggestions,
    }
}

/// Cosine similarity of every two profiles.
fn similarities(profile: &[BTreeMap<CategoryCode, u32>]) -> Vec<Vec<f64>> {
    let norm = |p: &BTreeMap<CategoryCode, u32>| {
        p.values()
            .map(|&v| f64::from(v) * f64::from(v))
            .sum::<f64>()
            .sqrt()
    };
    let n = profile.len();
    let mut out = vec![vec![0.0; n]; n];
    for a in 0..n {
        for b in 0..n {
            let (na, nb) = (norm(&profile[a]), norm(&profile[b]));
            if na > 0.0 && nb > 0.0 {
                let dot: f64 = profile[a]
                    .iter()
                    .filter_map(|(c, &v)| profile[b].get(c).map(|&w| f64::from(v) * f64::from(w)))
                    .sum();
                out[a][b] = dot / (na * nb);
            }
        }
    }
    out
}

/// Louvain communities of the similarity graph, those of two or more.
fn groups(
    similarity: &[Vec<f64>],
    profile: &[BTreeMap<CategoryCode, u32>],
    seed: u64,
) -> Vec<Vec<usize>> {
    let n = similarity.len();
    let mut edges = Vec::new();
    for (a, row) in similarity.iter().enumerate() {
        for (b, &s) in row.iter().enumerate().skip(a + 1) {
            if s > 0.0 {
                edges.push((a, b, s));
            }
        }
    }
    let Ok(graph) = Graph::from_weighted_edges(n, &edges, Direction::Undirected) else {
        return Vec::new();
    };
    let partition = louvain(&graph, seed);
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &label) in partition.labels.iter().enumerate() {
        if !profile[k].is_empty() {
            members.entry(label).or_default().push(k);
        }
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().filter(|g| g.len() >= 2).collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    groups
}

/// For every open need of the set, the practices of other municipalities on its category.
fn suggestions(
    set: &[MunicipalityId],
    profile: &[BTreeMap<CategoryCode, u32>],
    practices: &[&Practice],
) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    let mut seen: BTreeSet<(usize, CategoryCode, PracticeId)> = BTreeSet::new();
    for (k, needs) in profile.iter().enumerate() {
        for (code, &severity) in needs {
            for practice in practices {
                let offers = practice.data.municipality_id;
                if offers != set[k]
                    && practice.data.categories.contains(code)
                    && seen.insert((k, code.clone(), practice.id))
                {
                    out.push(Suggestion {
                        needs: k,
                        category: code.clone(),
                        severity,
                        practice: practice.id,
                        offers,
                        contact: practice.data.contact_person_id,
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.needs.cmp(&b.needs))
            .then(a.category.cmp(&b.category))
            .then(a.practice.cmp(&b.practice))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ProblemId;
    use crate::practice::PracticeData;
    use crate::problem::{ProblemData, Severity, Trend, Visibility};
    use crate::text::Name;
    use crate::time::Period;

    fn m(id: i64) -> MunicipalityId {
        MunicipalityId::new(id)
    }

    fn code(c: &str) -> CategoryCode {
        CategoryCode::parse(c).unwrap()
    }

    fn problem(
        id: i64,
        place: i64,
        category: &str,
        severity: i64,
        status: ProblemStatus,
    ) -> Problem {
        Problem {
            id: ProblemId::new(id),
            data: ProblemData {
                external_ref: None,
                municipality_id: m(place),
                category: code(category),
                title: Name::parse("Problem").unwrap(),
                description: None,
                severity: Severity::new(severity).unwrap(),
                trend: Trend::Unknown,
                status,
                visibility: Visibility::Network,
                hotspot: None,
                observed_since: None,
                responsible: Vec::new(),
                affected: Vec::new(),
            },
        }
    }

    fn practice(id: i64, place: i64, categories: &[&str]) -> Practice {
        Practice {
            id: PracticeId::new(id),
            data: PracticeData {
                external_ref: None,
                municipality_id: m(place),
                title: Name::parse("Praxis").unwrap(),
                summary: None,
                approach: None,
                outcome: None,
                categories: categories.iter().map(|c| code(c)).collect(),
                partners: Vec::new(),
                contact_person_id: Some(PersonId::new(7)),
                period: Period::new(None, None).unwrap(),
            },
        }
    }

    #[test]
    fn shared_categories_similarity_groups_and_suggestions() {
        use ProblemStatus::{Open, Resolved};
        let set = [m(1), m(2), m(3), m(4)];
        let problems = [
            problem(1, 1, "GRP", 4, Open),
            problem(2, 1, "DRG", 2, Open),
            problem(3, 2, "GRP", 2, Open),
            problem(4, 2, "DRG", 1, Open),
            problem(5, 3, "DEM", 5, Open),
            // Resolved problems and problems outside the set do not count.
            problem(6, 3, "GRP", 5, Resolved),
            problem(7, 9, "GRP", 5, Open),
        ];
        let practices = [practice(1, 2, &["GRP"]), practice(2, 9, &["DEM", "DRG"])];
        let refs: Vec<&Problem> = problems.iter().collect();
        let offered: Vec<&Practice> = practices.iter().collect();
        let i = interfaces(&set, &refs, &offered, 1);
        let shared: Vec<(&str, Vec<(usize, u32)>)> = i
            .shared
            .iter()
            .map(|s| (s.code.as_str(), s.municipalities.clone()))
            .collect();
        assert_eq!(
            shared,
            vec![("GRP", vec![(0, 4), (1, 2)]), ("DRG", vec![(0, 2), (1, 1)])]
        );
        // 1 and 2 have the same mix (4:2 and 2:1): similarity 1; 3 shares nothing.
        assert!((i.similarity[0][1] - 1.0).abs() < 1e-12);
        assert!(i.similarity[0][2].abs() < 1e-12);
        assert_eq!(i.similarity[3], vec![0.0; 4]);
        assert_eq!(i.groups, vec![vec![0, 1]]);
        // Municipality 1 learns GRP from 2's practice and DRG from 9's; 2 learns DRG from 9;
        // 3 learns DEM from 9; nobody is offered their own practice.
        let pairs: Vec<(usize, &str, i64)> = i
            .suggestions
            .iter()
            .map(|s| (s.needs, s.category.as_str(), s.practice.get()))
            .collect();
        assert_eq!(
            pairs,
            vec![(2, "DEM", 2), (0, "GRP", 1), (0, "DRG", 2), (1, "DRG", 2)]
        );
        assert!(
            i.suggestions
                .iter()
                .all(|s| s.contact == Some(PersonId::new(7)))
        );
    }
}
