//! The problem taxonomy, problems and practices.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::{MunicipalityId, PracticeId, ProblemId};
use praevnetz_domain::practice::{Practice, PracticeData};
use praevnetz_domain::problem::{CategoryCode, Problem, ProblemCategory, ProblemData};

use crate::{PracticeHit, PracticeSearch, ProblemFilter, VisibleProblems};

store_api! {
    /// The problem categories, in their order.
    fn problem_categories() -> Vec<ProblemCategory> => problem::list_categories;

    /// Records a problem.
    fn create_problem(ctx: &ChangeContext, data: &ProblemData) -> ProblemId => problem::create_problem;
    /// Replaces a problem's data (responsible and affected actors included).
    fn update_problem(ctx: &ChangeContext, id: ProblemId, data: &ProblemData) -> () => problem::update_problem;
    /// A problem.
    fn problem(id: ProblemId) -> Option<Problem> => problem::get_problem;
    /// Problems, filtered.
    fn problems(filter: &ProblemFilter) -> Vec<Problem> => problem::list_problems;
    /// How many problems of each category the user may see, in the taxonomy's order
    /// (categories without visible problems left out).
    fn problem_counts_by_category(visible: &VisibleProblems) -> Vec<(CategoryCode, u64)> => problem::counts_by_category;
    /// Deletes a problem.
    fn delete_problem(ctx: &ChangeContext, id: ProblemId) -> () => problem::delete_problem;

    /// Records a practice.
    fn create_practice(ctx: &ChangeContext, data: &PracticeData) -> PracticeId => practice::create_practice;
    /// Replaces a practice's data (categories and partners included).
    fn update_practice(ctx: &ChangeContext, id: PracticeId, data: &PracticeData) -> () => practice::update_practice;
    /// A practice.
    fn practice(id: PracticeId) -> Option<Practice> => practice::get_practice;
    /// Practices of a municipality and/or on a category, by title.
    fn practices(municipality: Option<MunicipalityId>, category: Option<&CategoryCode>) -> Vec<Practice> => practice::list_practices;
    /// Practices matching a search, best first, then by title (see [`PracticeSearch`]).
    fn search_practices(search: &PracticeSearch) -> Vec<PracticeHit> => practice::search_practices;
    /// Deletes a practice.
    fn delete_practice(ctx: &ChangeContext, id: PracticeId) -> () => practice::delete_practice;
}
