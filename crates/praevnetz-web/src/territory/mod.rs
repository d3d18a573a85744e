//! Kommunen, Kreise and Regionen: the territory as pages.
//!
//! A user sees the municipalities, districts and regions they may read
//! (`Principal::can_read`); others answer 404. Every count of problems counts only the problems
//! the user may see (`Snapshot::visible_problems`), so counts never tell more than the lists.

mod districts;
mod facts;
mod municipalities;
mod regions;

use std::collections::BTreeMap;

use praevnetz_domain::i18n::Lang;
use praevnetz_domain::ids::MunicipalityId;
use praevnetz_domain::number::format_count;
use praevnetz_domain::problem::ProblemStatus;
use praevnetz_domain::programme::MilestoneKind;
use praevnetz_domain::territory::{District, Municipality, Region};

pub(crate) use facts::MunicipalityFacts;
pub(crate) use municipalities::{Filter, category_choices, district_choices, region_choices};

use crate::policy::{Place, Principal};
use crate::routing::Routes;
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .merge(municipalities::routes())
        .merge(districts::routes())
        .merge(regions::routes())
}

/// One line of a count table, linking to the list it counts.
#[derive(Debug)]
pub(crate) struct CountRow {
    pub label: String,
    pub count: usize,
    pub href: String,
}

/// The place of a municipality.
pub(crate) fn place_of(m: &Municipality) -> Place {
    Place::Municipality(m.id, m.district_id)
}

/// The municipalities the user may read, in the atlas's order (by name).
pub(crate) fn readable_municipalities<'a>(
    data: &'a Snapshot,
    principal: &'a Principal,
) -> impl Iterator<Item = &'a Municipality> + 'a {
    data.atlas
        .municipalities
        .iter()
        .filter(|m| principal.can_read(place_of(m)))
}

/// How many of `municipalities` reached each building block; `query` is added to the links
/// (`kreis=14522`), which go to the filtered municipality list.
pub(crate) fn block_counts(
    data: &Snapshot,
    municipalities: &[&Municipality],
    query: &str,
    lang: Lang,
) -> Vec<CountRow> {
    MilestoneKind::ALL
        .iter()
        .map(|&kind| CountRow {
            label: kind.label(lang),
            count: municipalities
                .iter()
                .filter(|m| data.reached(m.id, kind))
                .count(),
            href: format!("/kommunen?baustein={}{query}", kind.code()),
        })
        .collect()
}

/// The open problems the user may see in the municipalities `within` accepts: their number and
/// their count by category, most frequent first; links go to the problem list with `query`
/// (none without a query: the list has no filter for that set).
pub(crate) fn open_problem_counts(
    data: &Snapshot,
    principal: &Principal,
    within: impl Fn(MunicipalityId) -> bool,
    query: Option<&str>,
    lang: Lang,
) -> (usize, Vec<CountRow>) {
    let mut by_category: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    let mut total = 0;
    for problem in data.visible_problems(principal) {
        if problem.data.status == ProblemStatus::Resolved || !within(problem.data.municipality_id) {
            continue;
        }
        total += 1;
        by_category
            .entry(data.category_label(&problem.data.category, lang))
            .or_insert((0, problem.data.category.as_str()))
            .0 += 1;
    }
    let mut rows: Vec<CountRow> = by_category
        .into_iter()
        .map(|(label, (count, code))| CountRow {
            label: label.to_owned(),
            count,
            href: query
                .map(|q| format!("/problemlagen?kategorie={code}{q}"))
                .unwrap_or_default(),
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    (total, rows)
}

/// The number of open problems the user may see, by municipality.
pub(crate) fn open_problems_by_municipality(
    data: &Snapshot,
    principal: &Principal,
) -> std::collections::HashMap<MunicipalityId, usize> {
    let mut counts = std::collections::HashMap::new();
    for problem in data.visible_problems(principal) {
        if problem.data.status != ProblemStatus::Resolved {
            *counts.entry(problem.data.municipality_id).or_insert(0) += 1;
        }
    }
    counts
}

/// A municipality as the lists show it.
#[derive(Debug)]
pub(crate) struct MunicipalityRow {
    pub ags: String,
    pub name: String,
    pub district: String,
    pub district_ags: String,
    /// Main place's population, formatted; empty if unknown.
    pub population: String,
    /// Building blocks reached, in programme order.
    pub blocks: Vec<String>,
    pub open_problems: usize,
}

/// The list row of `m`.
pub(crate) fn municipality_row(
    data: &Snapshot,
    m: &Municipality,
    open_problems: usize,
    lang: Lang,
) -> MunicipalityRow {
    let district = data.atlas.district(m.district_id);
    MunicipalityRow {
        ags: m.data.ags.as_str().to_owned(),
        name: m.data.display_name().to_owned(),
        district: district.map(|d| d.data.display_name()).unwrap_or_default(),
        district_ags: district
            .map(|d| d.data.ags.as_str().to_owned())
            .unwrap_or_default(),
        population: m
            .data
            .seat_population
            .map(|p| format_count(p, lang))
            .unwrap_or_default(),
        blocks: MilestoneKind::ALL
            .iter()
            .filter(|&&k| data.reached(m.id, k))
            .map(|k| k.label(lang))
            .collect(),
        open_problems,
    }
}

/// Whether the user may read the district (some part of it is readable).
pub(crate) fn can_read_district(principal: &Principal, district: &District) -> bool {
    principal.can_read(Place::District(district.id))
}

/// Whether the user may read the region: any of its districts.
pub(crate) fn can_read_region(data: &Snapshot, principal: &Principal, region: &Region) -> bool {
    data.atlas
        .region_districts(region.id)
        .iter()
        .any(|&d| principal.can_read(Place::District(d)))
}

/// What the pages of a district and a region show about their municipalities.
#[derive(Debug)]
pub(crate) struct Summary {
    /// How many municipalities the user may read there.
    pub municipalities: usize,
    pub blocks: Vec<CountRow>,
    pub open_problems: usize,
    pub problems: Vec<CountRow>,
    pub rows: Vec<MunicipalityRow>,
}

/// The summary of the readable municipalities `within` accepts; `query` (`&kreis=14522`) goes
/// into the links to the municipality list, `problem_query` into those to the problem list.
pub(crate) fn summary(
    data: &Snapshot,
    principal: &Principal,
    within: impl Fn(&Municipality) -> bool,
    query: &str,
    problem_query: Option<&str>,
    lang: Lang,
) -> Summary {
    let municipalities: Vec<&Municipality> = readable_municipalities(data, principal)
        .filter(|m| within(m))
        .collect();
    let ids: std::collections::HashSet<MunicipalityId> =
        municipalities.iter().map(|m| m.id).collect();
    let (open_problems, problems) =
        open_problem_counts(data, principal, |id| ids.contains(&id), problem_query, lang);
    let open = open_problems_by_municipality(data, principal);
    Summary {
        municipalities: municipalities.len(),
        blocks: block_counts(data, &municipalities, query, lang),
        open_problems,
        problems,
        rows: municipalities
            .iter()
            .map(|m| municipality_row(data, m, open.get(&m.id).copied().unwrap_or(0), lang))
            .collect(),
    }
}

/// A count as users read it.
pub(crate) fn count_text(n: Option<i64>, lang: Lang) -> String {
    n.map(|n| format_count(n, lang)).unwrap_or_default()
}
