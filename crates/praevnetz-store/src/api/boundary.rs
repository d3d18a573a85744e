//! Municipality boundaries for the map.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::geo::Boundary;
use praevnetz_domain::ids::MunicipalityId;
use praevnetz_domain::import::BoundaryFile;

store_api! {
    /// Stores the boundaries of a file in one transaction, replacing those the municipalities
    /// had; returns how many were stored. A municipality key the database does not know is an
    /// import error naming the feature; all of them are reported and nothing is written. With
    /// `dry_run`, everything is checked and nothing kept.
    fn import_boundaries(ctx: &ChangeContext, file: &BoundaryFile, dry_run: bool) -> u64 => boundary::import_boundaries;
    /// All stored boundaries, by municipality id.
    fn boundaries() -> Vec<(MunicipalityId, Boundary)> => boundary::list_boundaries;
    /// A municipality's boundary, if one was imported.
    fn boundary(municipality: MunicipalityId) -> Option<Boundary> => boundary::get_boundary;
}
