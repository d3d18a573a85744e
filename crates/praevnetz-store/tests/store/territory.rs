use jiff::civil::date;
use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::programme::{Funding, MilestoneData, MilestoneKind};
use praevnetz_domain::territory::{Ags, DistrictAgs, DistrictKind, RegionData};
use praevnetz_domain::text::{Slug, Text};
use praevnetz_store::{AuditFilter, StoreError};

use crate::backend_tests;
use crate::fixtures::{district, municipality, name, territory};
use crate::harness::TestDb;

backend_tests!(
    districts_are_saved_read_updated_and_deleted,
    municipalities_belong_to_an_existing_district,
    a_municipality_without_coordinates_is_valid,
    a_district_with_municipalities_cannot_be_deleted,
    regions_group_districts,
    region_keys_are_unique_and_districts_must_exist,
    milestones_are_dated_building_blocks,
    the_database_enforces_territory_rules_itself,
    every_change_is_in_the_audit_log,
);

async fn districts_are_saved_read_updated_and_deleted(db: TestDb) {
    let ctx = db.ctx();
    let data = district("14522", DistrictKind::Landkreis, "Mittelsachsen");
    let id = db.store.save_district(&ctx, &data).await.unwrap();
    let stored = db.store.district(id).await.unwrap().unwrap();
    assert_eq!(stored.data, data);
    assert_eq!(stored.data.display_name(), "Landkreis Mittelsachsen");
    let by_key = db
        .store
        .district_by_ags(&DistrictAgs::parse("14522").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_key.id, id);

    // Saving the same AGS again updates in place.
    let mut changed = data.clone();
    changed.population = Some(306_185);
    assert_eq!(db.store.save_district(&ctx, &changed).await.unwrap(), id);
    assert_eq!(
        db.store
            .district(id)
            .await
            .unwrap()
            .unwrap()
            .data
            .population,
        Some(306_185)
    );
    assert_eq!(db.store.districts().await.unwrap().len(), 1);

    db.store.delete_district(&ctx, id).await.unwrap();
    assert!(db.store.district(id).await.unwrap().is_none());
    let again = db.store.delete_district(&ctx, id).await.unwrap_err();
    assert!(matches!(
        again,
        StoreError::NotFound {
            entity: EntityKind::District,
            ..
        }
    ));
}

async fn municipalities_belong_to_an_existing_district(db: TestDb) {
    let t = territory(&db).await;
    let floeha = db.store.municipality(t.floeha).await.unwrap().unwrap();
    assert_eq!(floeha.district_id, t.mittelsachsen);
    assert_eq!(floeha.data.display_name(), "Flöha");
    assert_eq!(floeha.data.location.unwrap().lat(), 50.85613);
    let in_mittelsachsen = db
        .store
        .municipalities(Some(t.mittelsachsen))
        .await
        .unwrap();
    assert_eq!(
        in_mittelsachsen.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![t.floeha, t.freiberg]
    );
    assert_eq!(db.store.municipalities(None).await.unwrap().len(), 4);
    let erzgebirge = db.store.municipalities(Some(t.erzgebirge)).await.unwrap();
    assert_eq!(
        erzgebirge.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![t.amtsberg]
    );
    let chemnitz = db.store.municipality(t.chemnitz).await.unwrap().unwrap();
    assert_eq!(chemnitz.district_id, t.chemnitz_district);

    // Görlitz district 14626 does not exist here.
    let error = db
        .store
        .save_municipality(&db.ctx(), &municipality("14626110", "Görlitz, Stadt", None))
        .await
        .unwrap_err();
    match error {
        StoreError::Invalid(e) => {
            assert_eq!(e.field, Field::Ags);
            assert_eq!(
                e.rule,
                Rule::UnknownDistrict {
                    ags: "14626".into()
                }
            );
        }
        other => panic!("{other:?}"),
    }

    // Update by AGS.
    let mut renamed = municipality(
        "14522140",
        "Flöha, Große Kreisstadt",
        Some((50.85613, 13.07407)),
    );
    renamed.seat_population = None;
    assert_eq!(
        db.store
            .save_municipality(&db.ctx(), &renamed)
            .await
            .unwrap(),
        t.floeha
    );
    let by_key = db
        .store
        .municipality_by_ags(&Ags::parse("14522140").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_key.data, renamed);

    db.store
        .delete_municipality(&db.ctx(), t.freiberg)
        .await
        .unwrap();
    assert!(db.store.municipality(t.freiberg).await.unwrap().is_none());
}

async fn a_municipality_without_coordinates_is_valid(db: TestDb) {
    let t = territory(&db).await;
    let amtsberg = db.store.municipality(t.amtsberg).await.unwrap().unwrap();
    assert_eq!(amtsberg.data.location, None);
}

async fn a_district_with_municipalities_cannot_be_deleted(db: TestDb) {
    let t = territory(&db).await;
    let error = db
        .store
        .delete_district(&db.ctx(), t.mittelsachsen)
        .await
        .unwrap_err();
    match error {
        StoreError::Invalid(e) => assert_eq!((e.field, e.rule), (Field::District, Rule::InUse)),
        other => panic!("{other:?}"),
    }
    assert!(db.store.district(t.mittelsachsen).await.unwrap().is_some());
}

fn region_data(slug: &str, districts: &[&str]) -> RegionData {
    RegionData {
        slug: Slug::parse(slug).unwrap(),
        name: name("Chemnitz · Erzgebirge · Mittelsachsen"),
        description: Some(Text::parse("Bereich der Polizeidirektion Chemnitz").unwrap()),
        districts: districts
            .iter()
            .map(|d| DistrictAgs::parse(d).unwrap())
            .collect(),
    }
}

async fn regions_group_districts(db: TestDb) {
    territory(&db).await;
    let ctx = db.ctx();
    let data = region_data(
        "chemnitz-erzgebirge-mittelsachsen",
        &["14522", "14511", "14521"],
    );
    let id = db.store.create_region(&ctx, &data).await.unwrap();
    let stored = db.store.region(id).await.unwrap().unwrap();
    assert_eq!(stored.data.name, data.name);
    let keys: Vec<&str> = stored
        .data
        .districts
        .iter()
        .map(DistrictAgs::as_str)
        .collect();
    assert_eq!(keys, ["14511", "14521", "14522"]);

    let smaller = region_data("chemnitz-mittelsachsen", &["14511", "14522"]);
    db.store.update_region(&ctx, id, &smaller).await.unwrap();
    let by_slug = db
        .store
        .region_by_slug(&smaller.slug)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_slug.id, id);
    assert_eq!(by_slug.data.districts.len(), 2);
    assert_eq!(db.store.regions().await.unwrap().len(), 1);

    db.store.delete_region(&ctx, id).await.unwrap();
    assert!(db.store.region(id).await.unwrap().is_none());
    // The districts stay.
    assert_eq!(db.store.districts().await.unwrap().len(), 3);
}

async fn region_keys_are_unique_and_districts_must_exist(db: TestDb) {
    territory(&db).await;
    let ctx = db.ctx();
    db.store
        .create_region(&ctx, &region_data("pd-chemnitz", &["14511"]))
        .await
        .unwrap();
    let duplicate = db
        .store
        .create_region(&ctx, &region_data("pd-chemnitz", &["14522"]))
        .await
        .unwrap_err();
    match duplicate {
        StoreError::Invalid(e) => assert_eq!(
            (e.field, e.rule),
            (
                Field::Slug,
                Rule::AlreadyExists {
                    key: "pd-chemnitz".into()
                }
            )
        ),
        other => panic!("{other:?}"),
    }
    let unknown = db
        .store
        .create_region(&ctx, &region_data("pd-goerlitz", &["14625"]))
        .await
        .unwrap_err();
    match unknown {
        StoreError::Invalid(e) => assert_eq!(
            (e.field, e.rule),
            (
                Field::Districts,
                Rule::UnknownDistrict {
                    ags: "14625".into()
                }
            )
        ),
        other => panic!("{other:?}"),
    }
    // The failed create left nothing behind.
    assert_eq!(db.store.regions().await.unwrap().len(), 1);
    assert_eq!(
        db.raw_count("select count(*) from region_district").await,
        1
    );
}

async fn milestones_are_dated_building_blocks(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let agreement = MilestoneData::new(
        t.floeha,
        MilestoneKind::CooperationAgreement,
        date(2021, 6, 14),
        None,
        None,
        None,
    )
    .unwrap();
    let funding = MilestoneData::new(
        t.floeha,
        MilestoneKind::FundingGranted,
        date(2022, 3, 1),
        None,
        Some(Funding {
            amount_cents: 1_250_000,
            purpose: Some(name("Mobile Jugendarbeit am Bahnhof")),
        }),
        Some(Text::parse("RL KommPräv").unwrap()),
    )
    .unwrap();
    let a = db.store.create_milestone(&ctx, &agreement).await.unwrap();
    let f = db.store.create_milestone(&ctx, &funding).await.unwrap();
    assert_eq!(db.store.milestone(f).await.unwrap().unwrap().data, funding);
    assert_eq!(db.store.milestones(Some(t.floeha)).await.unwrap().len(), 2);
    assert_eq!(
        db.store.milestones(Some(t.chemnitz)).await.unwrap().len(),
        0
    );

    // The same building block on the same day is recorded once.
    let twice = db
        .store
        .create_milestone(&ctx, &agreement)
        .await
        .unwrap_err();
    assert!(
        matches!(twice, StoreError::Invalid(ref e) if e.field == Field::AchievedOn),
        "{twice:?}"
    );

    let moved = MilestoneData::new(
        t.floeha,
        MilestoneKind::CooperationAgreement,
        date(2021, 7, 1),
        None,
        None,
        None,
    )
    .unwrap();
    db.store.update_milestone(&ctx, a, &moved).await.unwrap();
    assert_eq!(
        db.store
            .milestone(a)
            .await
            .unwrap()
            .unwrap()
            .data
            .achieved_on(),
        date(2021, 7, 1)
    );
    db.store.delete_milestone(&ctx, a).await.unwrap();
    assert!(db.store.milestone(a).await.unwrap().is_none());

    // Deleting the municipality removes its milestones.
    db.store.delete_municipality(&ctx, t.floeha).await.unwrap();
    assert!(db.store.milestone(f).await.unwrap().is_none());
}

async fn the_database_enforces_territory_rules_itself(db: TestDb) {
    territory(&db).await;
    let rejected = [
        // 7-digit AGS
        "insert into municipality (ags, district_ags, name) values ('1452214', '14522', 'X')",
        // AGS not inside its district
        "insert into municipality (ags, district_ags, name) values ('14511999', '14522', 'X')",
        // unknown district
        "insert into municipality (ags, district_ags, name) values ('14626999', '14626', 'X')",
        // duplicate AGS
        "insert into municipality (ags, district_ags, name) values ('14522140', '14522', 'X')",
        // blank name
        "insert into municipality (ags, district_ags, name) values ('14522999', '14522', '  ')",
        // latitude without longitude
        "insert into municipality (ags, district_ags, name, latitude) values ('14522998', '14522', 'X', 50.0)",
        // latitude out of range
        "insert into municipality (ags, district_ags, name, latitude, longitude) values ('14522997', '14522', 'X', 91.0, 13.0)",
        // district key of another state than its state code
        "insert into district (ags, state_code, kind, name) values ('09162', '14', 'landkreis', 'X')",
        // unknown district kind
        "insert into district (ags, state_code, kind, name) values ('14999', '14', 'county', 'X')",
        // funding amount on a milestone that is no grant
        "insert into milestone (municipality_id, kind, achieved_on, amount_cents) \
         select municipality_id, 'contacted', '2021-01-01', 100 from municipality where ags = '14522140'",
        // invalid date
        "insert into milestone (municipality_id, kind, achieved_on) \
         select municipality_id, 'contacted', '2021-02-30' from municipality where ags = '14522140'",
    ];
    for sql in rejected {
        assert!(db.raw(sql).await.is_err(), "accepted: {sql}");
    }
    assert_eq!(db.raw_count("select count(*) from municipality").await, 4);
    assert_eq!(db.raw_count("select count(*) from milestone").await, 0);
}

async fn every_change_is_in_the_audit_log(db: TestDb) {
    let t = territory(&db).await;
    db.store
        .delete_municipality(&db.ctx(), t.amtsberg)
        .await
        .unwrap();
    let events = db
        .store
        .audit_events(&AuditFilter::default())
        .await
        .unwrap();
    // 3 districts + 4 municipalities created, 1 deleted
    assert_eq!(events.len(), 8);
    let newest = &events[0];
    assert_eq!(newest.action, AuditAction::Delete);
    assert_eq!(newest.entity, EntityKind::Municipality);
    assert_eq!(newest.entity_id, Some(t.amtsberg.get()));
    assert_eq!(newest.at, db.ctx().at);
    let only_districts = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::District),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(only_districts.len(), 3);
    // The log cannot be changed afterwards.
    assert!(
        db.raw("update audit_event set summary = 'x'")
            .await
            .is_err()
    );
    assert!(db.raw("delete from audit_event").await.is_err());
    assert_eq!(db.raw_count("select count(*) from audit_event").await, 8);
}
