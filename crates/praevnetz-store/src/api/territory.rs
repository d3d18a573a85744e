//! Districts, municipalities, network regions, milestones.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::{DistrictId, MilestoneId, MunicipalityId, RegionId};
use praevnetz_domain::programme::{Milestone, MilestoneData};
use praevnetz_domain::territory::{
    Ags, District, DistrictAgs, DistrictData, Municipality, MunicipalityData, Region, RegionData,
};
use praevnetz_domain::text::Slug;

store_api! {
    /// Inserts a district or updates the one with the same AGS.
    fn save_district(ctx: &ChangeContext, data: &DistrictData) -> DistrictId => territory::save_district;
    /// A district.
    fn district(id: DistrictId) -> Option<District> => territory::get_district;
    /// A district by its key.
    fn district_by_ags(ags: &DistrictAgs) -> Option<District> => territory::district_by_ags;
    /// All districts, by key.
    fn districts() -> Vec<District> => territory::list_districts;
    /// Deletes a district that has no municipalities.
    fn delete_district(ctx: &ChangeContext, id: DistrictId) -> () => territory::delete_district;
    /// Inserts a municipality or updates the one with the same AGS.
    fn save_municipality(ctx: &ChangeContext, data: &MunicipalityData) -> MunicipalityId => territory::save_municipality;
    /// A municipality.
    fn municipality(id: MunicipalityId) -> Option<Municipality> => territory::get_municipality;
    /// A municipality by its key.
    fn municipality_by_ags(ags: &Ags) -> Option<Municipality> => territory::municipality_by_ags;
    /// Municipalities, all or of one district, by key.
    fn municipalities(district: Option<DistrictId>) -> Vec<Municipality> => territory::list_municipalities;
    /// Deletes a municipality with everything recorded about it.
    fn delete_municipality(ctx: &ChangeContext, id: MunicipalityId) -> () => territory::delete_municipality;
    /// Creates a network region.
    fn create_region(ctx: &ChangeContext, data: &RegionData) -> RegionId => territory::create_region;
    /// Replaces a network region's data.
    fn update_region(ctx: &ChangeContext, id: RegionId, data: &RegionData) -> () => territory::update_region;
    /// A network region.
    fn region(id: RegionId) -> Option<Region> => territory::get_region;
    /// A network region by its key.
    fn region_by_slug(slug: &Slug) -> Option<Region> => territory::region_by_slug;
    /// All network regions, by name.
    fn regions() -> Vec<Region> => territory::list_regions;
    /// Deletes a network region.
    fn delete_region(ctx: &ChangeContext, id: RegionId) -> () => territory::delete_region;
    /// Records a milestone.
    fn create_milestone(ctx: &ChangeContext, data: &MilestoneData) -> MilestoneId => territory::create_milestone;
    /// Replaces a milestone's data.
    fn update_milestone(ctx: &ChangeContext, id: MilestoneId, data: &MilestoneData) -> () => territory::update_milestone;
    /// A milestone.
    fn milestone(id: MilestoneId) -> Option<Milestone> => territory::get_milestone;
    /// Milestones, all or of one municipality.
    fn milestones(municipality: Option<MunicipalityId>) -> Vec<Milestone> => territory::list_milestones;
    /// Deletes a milestone.
    fn delete_milestone(ctx: &ChangeContext, id: MilestoneId) -> () => territory::delete_milestone;
}
