//! The territory as pages and the policy need it: districts, municipalities and network regions
//! with their links resolved, looked up by id and key.

use std::collections::HashMap;

use praevnetz_domain::ids::{DistrictId, MunicipalityId, RegionId};
use praevnetz_domain::territory::{Ags, District, Municipality, Region};
use praevnetz_store::{Store, StoreError};

/// A snapshot of the territory.
#[derive(Debug, Default)]
pub struct Atlas {
    /// Districts, by name.
    pub districts: Vec<District>,
    /// Municipalities, by name.
    pub municipalities: Vec<Municipality>,
    /// Network regions, by name.
    pub regions: Vec<Region>,
    district_index: HashMap<DistrictId, usize>,
    municipality_index: HashMap<MunicipalityId, usize>,
    ags_index: HashMap<String, usize>,
    region_districts: HashMap<RegionId, Vec<DistrictId>>,
}

impl Atlas {
    /// Reads the territory from the store.
    pub async fn load(store: &Store) -> Result<Atlas, StoreError> {
        let districts = store.districts().await?;
        let municipalities = store.municipalities(None).await?;
        let regions = store.regions().await?;
        Ok(Atlas::new(districts, municipalities, regions))
    }

    /// Builds the indexes.
    pub fn new(
        districts: Vec<District>,
        municipalities: Vec<Municipality>,
        regions: Vec<Region>,
    ) -> Atlas {
        let district_index = districts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();
        let by_ags: HashMap<&str, DistrictId> = districts
            .iter()
            .map(|d| (d.data.ags.as_str(), d.id))
            .collect();
        let region_districts = regions
            .iter()
            .map(|r| {
                let ids = r
                    .data
                    .districts
                    .iter()
                    .filter_map(|ags| by_ags.get(ags.as_str()).copied())
                    .collect();
                (r.id, ids)
            })
            .collect();
        let municipality_index = municipalities
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id, i))
            .collect();
        let ags_index = municipalities
            .iter()
            .enumerate()
            .map(|(i, m)| (m.data.ags.as_str().to_owned(), i))
            .collect();
        Atlas {
            districts,
            municipalities,
            regions,
            district_index,
            municipality_index,
            ags_index,
            region_districts,
        }
    }

    /// A district by id.
    pub fn district(&self, id: DistrictId) -> Option<&District> {
        self.district_index.get(&id).map(|&i| &self.districts[i])
    }

    /// A district by its key ("14522").
    pub fn district_by_ags(&self, ags: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.data.ags.as_str() == ags)
    }

    /// A network region by id.
    pub fn region(&self, id: RegionId) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// A network region by its slug.
    pub fn region_by_slug(&self, slug: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.data.slug.as_str() == slug)
    }

    /// A municipality by id.
    pub fn municipality(&self, id: MunicipalityId) -> Option<&Municipality> {
        self.municipality_index
            .get(&id)
            .map(|&i| &self.municipalities[i])
    }

    /// A municipality by its key.
    pub fn municipality_by_ags(&self, ags: &Ags) -> Option<&Municipality> {
        self.ags_index
            .get(ags.as_str())
            .map(|&i| &self.municipalities[i])
    }

    /// The districts of a region.
    pub fn region_districts(&self, id: RegionId) -> &[DistrictId] {
        self.region_districts.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The regions a district belongs to.
    pub fn regions_of(&self, district: DistrictId) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(move |r| {
            self.region_districts
                .get(&r.id)
                .is_some_and(|ds| ds.contains(&district))
        })
    }

    /// The municipalities of a district.
    pub fn municipalities_of(&self, district: DistrictId) -> impl Iterator<Item = &Municipality> {
        self.municipalities
            .iter()
            .filter(move |m| m.district_id == district)
    }
}
