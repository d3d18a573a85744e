//! Small, valid domain records for the tests.

use praevnetz_domain::ids::{DistrictId, MunicipalityId};
use praevnetz_domain::territory::{
    Ags, DistrictAgs, DistrictData, DistrictKind, GeoPoint, MunicipalityData,
};
use praevnetz_domain::text::Name;

use crate::harness::TestDb;

pub fn name(text: &str) -> Name {
    Name::parse(text).unwrap()
}

pub fn district(ags: &str, kind: DistrictKind, official: &str) -> DistrictData {
    DistrictData {
        ags: DistrictAgs::parse(ags).unwrap(),
        kind,
        name: name(official),
        nuts3: None,
        area_km2: Some(100.5),
        population: Some(100_000),
    }
}

pub fn municipality(ags: &str, official: &str, location: Option<(f64, f64)>) -> MunicipalityData {
    MunicipalityData {
        ags: Ags::parse(ags).unwrap(),
        name: name(official),
        location: location.map(|(lat, lon)| GeoPoint::new(lat, lon).unwrap()),
        seat_population: Some(11_143),
    }
}

/// A slice of Saxony: Chemnitz (city) and Mittelsachsen with Flöha and Freiberg, plus Amtsberg
/// (Erzgebirgskreis), which has no coordinates in the open data.
pub struct Territory {
    pub chemnitz_district: DistrictId,
    pub mittelsachsen: DistrictId,
    pub erzgebirge: DistrictId,
    pub chemnitz: MunicipalityId,
    pub floeha: MunicipalityId,
    pub freiberg: MunicipalityId,
    pub amtsberg: MunicipalityId,
}

pub async fn territory(db: &TestDb) -> Territory {
    let ctx = db.ctx();
    let s = &db.store;
    let chemnitz_district = s
        .save_district(
            &ctx,
            &district("14511", DistrictKind::KreisfreieStadt, "Chemnitz, Stadt"),
        )
        .await
        .unwrap();
    let erzgebirge = s
        .save_district(
            &ctx,
            &district("14521", DistrictKind::Landkreis, "Erzgebirgskreis"),
        )
        .await
        .unwrap();
    let mittelsachsen = s
        .save_district(
            &ctx,
            &district("14522", DistrictKind::Landkreis, "Mittelsachsen"),
        )
        .await
        .unwrap();
    let chemnitz = s
        .save_municipality(
            &ctx,
            &municipality("14511000", "Chemnitz, Stadt", Some((50.8357, 12.92922))),
        )
        .await
        .unwrap();
    let floeha = s
        .save_municipality(
            &ctx,
            &municipality("14522140", "Flöha, Stadt", Some((50.85613, 13.07407))),
        )
        .await
        .unwrap();
    let freiberg = s
        .save_municipality(
            &ctx,
            &municipality("14522180", "Freiberg, Stadt", Some((50.91089, 13.33881))),
        )
        .await
        .unwrap();
    let amtsberg = s
        .save_municipality(&ctx, &municipality("14521010", "Amtsberg", None))
        .await
        .unwrap();
    Territory {
        chemnitz_district,
        mittelsachsen,
        erzgebirge,
        chemnitz,
        floeha,
        freiberg,
        amtsberg,
    }
}
