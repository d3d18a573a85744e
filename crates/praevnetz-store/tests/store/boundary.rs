use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::i18n::{Lang, Localize};
use praevnetz_domain::import::BoundaryFile;
use praevnetz_store::{AuditFilter, StoreError};

use crate::backend_tests;
use crate::fixtures::territory;
use crate::harness::TestDb;

backend_tests!(
    boundaries_are_imported_read_and_replaced,
    an_unknown_municipality_key_refuses_the_whole_file,
    a_dry_run_keeps_nothing,
    boundaries_go_with_their_municipality_and_with_a_reset,
    the_database_refuses_rings_that_are_not_a_json_array,
);

/// A square of 0.1° at (`lon`, `lat`) for each AGS.
fn file(features: &[(&str, f64, f64)]) -> BoundaryFile {
    let features: Vec<String> = features
        .iter()
        .map(|(ags, lon, lat)| {
            let (e, n) = (lon + 0.1, lat + 0.1);
            format!(
                r#"{{"type":"Feature","properties":{{"AGS":"{ags}"}},"geometry":{{"type":"Polygon",
                "coordinates":[[[{lon},{lat}],[{e},{lat}],[{e},{n}],[{lon},{n}],[{lon},{lat}]]]}}}}"#
            )
        })
        .collect();
    let json = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    BoundaryFile::read("grenzen.geojson", json.as_bytes()).unwrap()
}

async fn boundaries_are_imported_read_and_replaced(db: TestDb) {
    let t = territory(&db).await;
    let first = file(&[("14522140", 13.0, 50.8), ("14511000", 12.85, 50.75)]);
    let count = db
        .store
        .import_boundaries(&db.ctx(), &first, false)
        .await
        .unwrap();
    assert_eq!(count, 2);
    let all = db.store.boundaries().await.unwrap();
    assert_eq!(
        all,
        vec![
            (t.chemnitz, first.features[1].boundary.clone()),
            (t.floeha, first.features[0].boundary.clone()),
        ]
    );
    assert_eq!(
        db.store.boundary(t.floeha).await.unwrap(),
        Some(first.features[0].boundary.clone())
    );
    assert_eq!(db.store.boundary(t.freiberg).await.unwrap(), None);

    // Importing again replaces a municipality's boundary and keeps the others.
    let second = file(&[("14522140", 13.01, 50.81)]);
    db.store
        .import_boundaries(&db.ctx(), &second, false)
        .await
        .unwrap();
    assert_eq!(
        db.store.boundary(t.floeha).await.unwrap(),
        Some(second.features[0].boundary.clone())
    );
    assert_eq!(db.store.boundaries().await.unwrap().len(), 2);

    // One audit event per file.
    let events = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Boundary),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].action, AuditAction::Import);
    assert_eq!(events[0].summary, "grenzen.geojson: 1 boundaries");
}

async fn an_unknown_municipality_key_refuses_the_whole_file(db: TestDb) {
    territory(&db).await;
    let bad = file(&[
        ("14522140", 13.0, 50.8),
        ("14522999", 13.2, 50.8),
        ("14612000", 13.7, 51.0),
    ]);
    let error = db
        .store
        .import_boundaries(&db.ctx(), &bad, false)
        .await
        .unwrap_err();
    let StoreError::Import(errors) = &error else {
        panic!("{error:?}");
    };
    let messages: Vec<String> = errors
        .errors()
        .iter()
        .map(|e| e.localize(Lang::En))
        .collect();
    assert_eq!(
        messages,
        [
            r#"grenzen.geojson, features[1]: official municipality key (AGS): "14522999" is not known"#,
            r#"grenzen.geojson, features[2]: official municipality key (AGS): "14612000" is not known"#,
        ]
    );
    assert!(error.is_user_error());
    assert!(db.store.boundaries().await.unwrap().is_empty());
}

async fn a_dry_run_keeps_nothing(db: TestDb) {
    territory(&db).await;
    let good = file(&[("14522140", 13.0, 50.8)]);
    let count = db
        .store
        .import_boundaries(&db.ctx(), &good, true)
        .await
        .unwrap();
    assert_eq!(count, 1);
    assert!(db.store.boundaries().await.unwrap().is_empty());
    assert_eq!(
        db.raw_count("select count(*) from audit_event where entity = 'boundary'")
            .await,
        0
    );
}

async fn boundaries_go_with_their_municipality_and_with_a_reset(db: TestDb) {
    let t = territory(&db).await;
    let good = file(&[("14522140", 13.0, 50.8), ("14521010", 13.0, 50.6)]);
    db.store
        .import_boundaries(&db.ctx(), &good, false)
        .await
        .unwrap();
    db.store
        .delete_municipality(&db.ctx(), t.amtsberg)
        .await
        .unwrap();
    assert_eq!(db.store.boundaries().await.unwrap().len(), 1);
    db.store.reset(&db.ctx()).await.unwrap();
    assert_eq!(
        db.raw_count("select count(*) from municipality_boundary")
            .await,
        0
    );
}

async fn the_database_refuses_rings_that_are_not_a_json_array(db: TestDb) {
    let t = territory(&db).await;
    let insert = |rings: &str| {
        format!(
            "insert into municipality_boundary (municipality_id, rings, imported_at) \
             values ({}, '{rings}', '2024-05-06T07:08:09Z')",
            t.floeha.get()
        )
    };
    assert!(db.raw(&insert("{\"a\": 1}")).await.is_err());
    assert!(db.raw(&insert("[[[13,50]")).await.is_err());
    assert!(
        db.raw(
            "insert into municipality_boundary (municipality_id, rings, imported_at) \
             values (999999, '[]', '2024-05-06T07:08:09Z')"
        )
        .await
        .is_err()
    );
    assert_eq!(db.raw(&insert("[]")).await, Ok(1));
    // What the store cannot read back is reported as corrupt, not a panic.
    assert!(matches!(
        db.store.boundary(t.floeha).await.unwrap_err(),
        StoreError::Corrupt { .. }
    ));
}
