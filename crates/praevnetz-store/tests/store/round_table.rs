use praevnetz_domain::audit::EntityKind;
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::roundtable::{RoleTemplate, TableRole};
use praevnetz_store::{AuditFilter, StoreError};

use crate::backend_tests;
use crate::harness::TestDb;

backend_tests!(
    every_category_ships_with_a_round_table_template,
    a_template_is_replaced_removed_and_logged,
    a_template_for_an_unknown_category_is_refused_and_nothing_is_written,
    a_reset_keeps_the_templates,
);

fn code(text: &str) -> CategoryCode {
    CategoryCode::parse(text).unwrap()
}

async fn every_category_ships_with_a_round_table_template(db: TestDb) {
    let categories = db.store.problem_categories().await.unwrap();
    let templates = db.store.round_table_templates().await.unwrap();
    assert_eq!(categories.len(), 21);
    let mut with_template: Vec<&str> = templates.iter().map(|t| t.category.as_str()).collect();
    let mut all: Vec<&str> = categories.iter().map(|c| c.code.as_str()).collect();
    with_template.sort_unstable();
    all.sort_unstable();
    assert_eq!(with_template, all);
    // The example: drug crime needs police, public order office, addiction
    // counselling, youth work, school and streetwork.
    let drugs = db
        .store
        .round_table_template(&code("DRG"))
        .await
        .unwrap()
        .unwrap();
    for role in [
        TableRole::Police,
        TableRole::PublicOrder,
        TableRole::AddictionCounselling,
        TableRole::YouthWork,
        TableRole::School,
        TableRole::Streetwork,
    ] {
        assert!(drugs.roles().contains(&role), "{role:?}");
    }
    assert!(drugs.all_pillars);
    assert!(templates.iter().all(|t| !t.roles().is_empty()));
}

async fn a_template_is_replaced_removed_and_logged(db: TestDb) {
    let changed = RoleTemplate::new(
        code("LRM"),
        [TableRole::Housing, TableRole::PublicOrder],
        false,
    )
    .unwrap();
    db.store
        .set_round_table_template(&db.ctx(), &changed)
        .await
        .unwrap();
    assert_eq!(
        db.store.round_table_template(&code("LRM")).await.unwrap(),
        Some(changed.clone())
    );
    // Setting it again changes nothing else.
    db.store
        .set_round_table_template(&db.ctx(), &changed)
        .await
        .unwrap();
    assert_eq!(db.store.round_table_templates().await.unwrap().len(), 21);
    assert!(
        db.store
            .delete_round_table_template(&db.ctx(), &code("LRM"))
            .await
            .unwrap()
    );
    assert!(
        !db.store
            .delete_round_table_template(&db.ctx(), &code("LRM"))
            .await
            .unwrap()
    );
    assert_eq!(
        db.store.round_table_template(&code("LRM")).await.unwrap(),
        None
    );
    assert_eq!(
        db.raw_count("select count(*) from round_table_role where category_code = 'LRM'")
            .await,
        0
    );
    let events = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::RoundTableTemplate),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    let mut summaries: Vec<&str> = events.iter().map(|e| e.summary.as_str()).collect();
    summaries.sort_unstable();
    assert_eq!(
        summaries,
        vec![
            "LRM",
            "LRM: public_order, housing",
            "LRM: public_order, housing"
        ]
    );
}

async fn a_template_for_an_unknown_category_is_refused_and_nothing_is_written(db: TestDb) {
    let template = RoleTemplate::new(code("XYZ"), [TableRole::Police], true).unwrap();
    let error = db
        .store
        .set_round_table_template(&db.ctx(), &template)
        .await
        .unwrap_err();
    match error {
        StoreError::Invalid(e) => {
            assert_eq!(e.field, Field::Category);
            assert!(matches!(e.rule, Rule::UnknownReference { .. }));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        db.raw_count("select count(*) from round_table_template where category_code = 'XYZ'")
            .await,
        0
    );
}

async fn a_reset_keeps_the_templates(db: TestDb) {
    let changed = RoleTemplate::new(code("VRK"), [TableRole::Planning], false).unwrap();
    db.store
        .set_round_table_template(&db.ctx(), &changed)
        .await
        .unwrap();
    db.store.reset(&db.ctx()).await.unwrap();
    assert_eq!(
        db.store.round_table_template(&code("VRK")).await.unwrap(),
        Some(changed)
    );
}
