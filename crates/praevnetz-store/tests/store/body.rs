use jiff::civil::date;
use praevnetz_domain::actor::Home;
use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::body::{BodyData, BodyKind, BodyMemberData, BodyRole};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{
    BodyId, BodyMemberId, DistrictId, MunicipalityId, OrganisationId, PersonId,
};
use praevnetz_domain::text::Text;
use praevnetz_domain::time::Period;
use praevnetz_store::{AuditFilter, StoreError};

use crate::actor::{
    add_organisation, add_person, assert_not_found, assert_rejected, exists, field_error,
    reference, unknown,
};
use crate::backend_tests;
use crate::fixtures::{name, territory};
use crate::harness::TestDb;

backend_tests!(
    bodies_are_created_read_updated_and_deleted,
    bodies_are_listed_by_name_and_by_municipality,
    a_body_with_working_groups_cannot_be_deleted,
    seats_are_given_read_updated_listed_and_removed,
    seats_are_listed_by_rank,
    body_errors_name_their_field,
    the_database_enforces_body_rules_itself,
    every_body_change_is_in_the_audit_log,
    a_body_cannot_come_to_lie_below_itself,
);

/// A body without aliases, parent, period or description.
pub fn body_data(title: &str, kind: BodyKind, home: Home) -> BodyData {
    BodyData {
        external_ref: None,
        name: name(title),
        aliases: Vec::new(),
        kind,
        home,
        parent_id: None,
        period: Period::ALWAYS,
        description: None,
    }
}

fn seat(body_id: BodyId, person_id: PersonId, role: BodyRole) -> BodyMemberData {
    BodyMemberData {
        body_id,
        person_id,
        organisation_id: None,
        role,
        period: Period::ALWAYS,
    }
}

async fn bodies_are_created_read_updated_and_deleted(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let council_data = BodyData {
        external_ref: Some(reference("KPR-FLOEHA")),
        name: name("Kriminalpräventiver Rat Flöha"),
        // in the order the store returns them (by text)
        aliases: vec![
            name("Präventionsrat Flöha"),
            name("Runder Tisch Sicherheit"),
            name("Sicherheitsbeirat"),
        ],
        kind: BodyKind::PreventionCouncil,
        home: Home::Municipality(t.floeha),
        parent_id: None,
        period: Period::new(Some(date(2018, 4, 12)), None).unwrap(),
        description: Some(Text::parse("Tagt viermal im Jahr.").unwrap()),
    };
    let council = db.store.create_body(&ctx, &council_data).await.unwrap();
    let stored = db.store.body(council).await.unwrap().unwrap();
    assert_eq!(stored.id, council);
    assert_eq!(stored.data, council_data);

    let mut group_data = body_data(
        "AG Bahnhof",
        BodyKind::WorkingGroup,
        Home::Municipality(t.floeha),
    );
    group_data.parent_id = Some(council);
    group_data.period = Period::new(Some(date(2019, 1, 1)), Some(date(2022, 12, 31))).unwrap();
    let group = db.store.create_body(&ctx, &group_data).await.unwrap();
    assert_eq!(
        db.store.body(group).await.unwrap().unwrap().data,
        group_data
    );

    // Update replaces the aliases; aliases given in any order come back sorted, once each.
    let mut changed = council_data.clone();
    changed.name = name("Präventionsrat der Stadt Flöha");
    changed.aliases = vec![
        name("Sicherheitsbeirat"),
        name("KPR Flöha"),
        name("Sicherheitsbeirat"),
    ];
    changed.home = Home::District(t.mittelsachsen);
    changed.period = Period::new(Some(date(2018, 4, 12)), Some(date(2024, 1, 31))).unwrap();
    changed.description = None;
    db.store.update_body(&ctx, council, &changed).await.unwrap();
    let stored = db.store.body(council).await.unwrap().unwrap().data;
    assert_eq!(
        stored.aliases,
        [name("KPR Flöha"), name("Sicherheitsbeirat")]
    );
    changed.aliases = vec![name("KPR Flöha"), name("Sicherheitsbeirat")];
    assert_eq!(stored, changed);
    // ... and to no aliases at all, at state level.
    let state = body_data("Landespräventionsrat", BodyKind::Other, Home::State);
    db.store.update_body(&ctx, council, &state).await.unwrap();
    assert_eq!(db.store.body(council).await.unwrap().unwrap().data, state);
    assert_eq!(db.raw_count("select count(*) from body_alias").await, 0);

    db.store.delete_body(&ctx, group).await.unwrap();
    db.store.delete_body(&ctx, council).await.unwrap();
    assert!(db.store.body(council).await.unwrap().is_none());
    assert_not_found(
        db.store.delete_body(&ctx, council).await,
        EntityKind::Body,
        council.get(),
    );
    assert_not_found(
        db.store.update_body(&ctx, council, &state).await,
        EntityKind::Body,
        council.get(),
    );
}

async fn bodies_are_listed_by_name_and_by_municipality(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let create = async |title: &str, kind: BodyKind, home: Home, aliases: &[&str]| {
        let mut data = body_data(title, kind, home);
        data.aliases = aliases.iter().map(|a| name(a)).collect();
        db.store.create_body(&ctx, &data).await.unwrap()
    };
    let floeha = create(
        "Präventionsrat Flöha",
        BodyKind::PreventionCouncil,
        Home::Municipality(t.floeha),
        &["Runder Tisch"],
    )
    .await;
    let steering = create(
        "Lenkungsgruppe Flöha",
        BodyKind::SteeringGroup,
        Home::Municipality(t.floeha),
        &[],
    )
    .await;
    let freiberg = create(
        "Kriminalpräventiver Rat Freiberg",
        BodyKind::PreventionCouncil,
        Home::Municipality(t.freiberg),
        &["KPR Freiberg", "Arbeitskreis Sicherheit"],
    )
    .await;
    let district = create(
        "Kreispräventionsrat Mittelsachsen",
        BodyKind::PreventionCouncil,
        Home::District(t.mittelsachsen),
        &[],
    )
    .await;
    let ids = |list: Vec<praevnetz_domain::body::Body>| {
        list.into_iter().map(|b| b.id).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(db.store.bodies(Some(t.floeha)).await.unwrap()),
        [steering, floeha]
    );
    assert_eq!(
        ids(db.store.bodies(Some(t.freiberg)).await.unwrap()),
        [freiberg]
    );
    assert!(db.store.bodies(Some(t.chemnitz)).await.unwrap().is_empty());
    let all = db.store.bodies(None).await.unwrap();
    assert_eq!(ids(all.clone()), [district, freiberg, steering, floeha]);
    // Each listed body carries its own aliases.
    assert_eq!(
        all[1].data.aliases,
        [name("Arbeitskreis Sicherheit"), name("KPR Freiberg")]
    );
    assert!(all[2].data.aliases.is_empty());
    assert_eq!(all[3].data.aliases, [name("Runder Tisch")]);
}

async fn a_body_with_working_groups_cannot_be_deleted(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let home = Home::Municipality(t.floeha);
    let council = db
        .store
        .create_body(
            &ctx,
            &body_data("Präventionsrat Flöha", BodyKind::PreventionCouncil, home),
        )
        .await
        .unwrap();
    let mut group = body_data("AG Jugend", BodyKind::WorkingGroup, home);
    group.parent_id = Some(council);
    let group = db.store.create_body(&ctx, &group).await.unwrap();
    let anna = add_person(&db, "Anna", "Schmidt").await;
    db.store
        .create_body_member(&ctx, &seat(council, anna, BodyRole::Chair))
        .await
        .unwrap();
    db.store
        .create_body_member(&ctx, &seat(group, anna, BodyRole::Member))
        .await
        .unwrap();

    assert_eq!(
        field_error(db.store.delete_body(&ctx, council).await),
        (Field::Body, Rule::InUse)
    );
    // Refused as a whole: the council keeps its seats.
    assert!(db.store.body(council).await.unwrap().is_some());
    assert_eq!(
        db.store
            .body_members(Some(council), None)
            .await
            .unwrap()
            .len(),
        1
    );

    // Without working groups it goes, seats and all.
    db.store.delete_body(&ctx, group).await.unwrap();
    assert!(
        db.store
            .body_members(Some(group), None)
            .await
            .unwrap()
            .is_empty()
    );
    db.store.delete_body(&ctx, council).await.unwrap();
    assert_eq!(db.raw_count("select count(*) from body_member").await, 0);
    assert!(db.store.person(anna).await.unwrap().is_some());
}

async fn seat_ids(
    db: &TestDb,
    body: Option<BodyId>,
    person: Option<PersonId>,
) -> Vec<BodyMemberId> {
    let list = db.store.body_members(body, person).await.unwrap();
    list.into_iter().map(|m| m.id).collect()
}

async fn seats_are_given_read_updated_listed_and_removed(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let home = Home::Municipality(t.floeha);
    let council = body_data("Präventionsrat Flöha", BodyKind::PreventionCouncil, home);
    let council = db.store.create_body(&ctx, &council).await.unwrap();
    let steering = body_data("Lenkungsgruppe", BodyKind::SteeringGroup, home);
    let steering = db.store.create_body(&ctx, &steering).await.unwrap();
    let revier = add_organisation(&db, "Polizeirevier Flöha", home).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let bernd = add_person(&db, "Bernd", "Albrecht").await;

    let chair = BodyMemberData {
        organisation_id: Some(revier),
        period: Period::new(Some(date(2018, 4, 12)), Some(date(2023, 4, 11))).unwrap(),
        ..seat(council, anna, BodyRole::Chair)
    };
    let s1 = db.store.create_body_member(&ctx, &chair).await.unwrap();
    assert_eq!(db.store.body_member(s1).await.unwrap().unwrap().data, chair);
    let give = async |body, person, role| {
        let data = seat(body, person, role);
        db.store.create_body_member(&ctx, &data).await.unwrap()
    };
    let s2 = give(council, bernd, BodyRole::Member).await;
    let s3 = give(steering, anna, BodyRole::Coordinator).await;
    // The same person may hold a second seat in the same body (another role or term).
    let s4 = give(council, anna, BodyRole::Member).await;

    // by body, then by rank
    assert_eq!(seat_ids(&db, Some(council), None).await, [s1, s2, s4]);
    assert_eq!(seat_ids(&db, None, Some(anna)).await, [s1, s4, s3]);
    assert_eq!(seat_ids(&db, Some(council), Some(anna)).await, [s1, s4]);
    assert_eq!(seat_ids(&db, Some(steering), Some(bernd)).await, []);
    assert_eq!(seat_ids(&db, None, None).await, [s1, s2, s4, s3]);

    let moved = BodyMemberData {
        body_id: steering,
        person_id: bernd,
        organisation_id: Some(revier),
        role: BodyRole::DeputyChair,
        period: Period::new(None, Some(date(2025, 12, 31))).unwrap(),
    };
    db.store.update_body_member(&ctx, s2, &moved).await.unwrap();
    assert_eq!(db.store.body_member(s2).await.unwrap().unwrap().data, moved);

    db.store.delete_body_member(&ctx, s2).await.unwrap();
    assert!(db.store.body_member(s2).await.unwrap().is_none());
    assert_not_found(
        db.store.delete_body_member(&ctx, s2).await,
        EntityKind::BodyMember,
        s2.get(),
    );
    assert_not_found(
        db.store.update_body_member(&ctx, s2, &moved).await,
        EntityKind::BodyMember,
        s2.get(),
    );
    // Body and person stay.
    assert!(db.store.body(steering).await.unwrap().is_some());
    assert!(db.store.person(bernd).await.unwrap().is_some());
}

async fn seats_are_listed_by_rank(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let council = body_data(
        "Präventionsrat",
        BodyKind::PreventionCouncil,
        Home::Municipality(t.floeha),
    );
    let council = db.store.create_body(&ctx, &council).await.unwrap();
    let anna = add_person(&db, "Anna", "Schmidt").await;
    // Given in an order that is neither rank nor alphabet.
    for role in [
        BodyRole::Member,
        BodyRole::Guest,
        BodyRole::Chair,
        BodyRole::Advisory,
        BodyRole::DeputyChair,
        BodyRole::Coordinator,
    ] {
        db.store
            .create_body_member(&ctx, &seat(council, anna, role))
            .await
            .unwrap();
    }
    let roles: Vec<BodyRole> = db
        .store
        .body_members(Some(council), None)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.data.role)
        .collect();
    assert_eq!(roles, BodyRole::ALL);
}

async fn body_errors_name_their_field(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let home = Home::Municipality(t.floeha);
    let mut data = body_data("Präventionsrat Flöha", BodyKind::PreventionCouncil, home);
    data.external_ref = Some(reference("KPR-1"));
    data.aliases = vec![name("Runder Tisch")];
    let council = db.store.create_body(&ctx, &data).await.unwrap();

    // duplicate reference, on create and update
    let mut other = body_data("Präventionsrat Freiberg", BodyKind::PreventionCouncil, home);
    other.external_ref = Some(reference("KPR-1"));
    other.aliases = vec![name("KPR Freiberg")];
    assert_eq!(
        field_error(db.store.create_body(&ctx, &other).await),
        (Field::Ref, exists("KPR-1"))
    );
    other.external_ref = Some(reference("KPR-2"));
    let second = db.store.create_body(&ctx, &other).await.unwrap();
    other.external_ref = Some(reference("KPR-1"));
    assert_eq!(
        field_error(db.store.update_body(&ctx, second, &other).await),
        (Field::Ref, exists("KPR-1"))
    );
    // missing parent, municipality, district
    let mut orphan = body_data("AG", BodyKind::WorkingGroup, home);
    orphan.parent_id = Some(BodyId::new(9999));
    orphan.aliases = vec![name("Arbeitsgruppe")];
    assert_eq!(
        field_error(db.store.create_body(&ctx, &orphan).await),
        (Field::ParentBody, unknown(9999))
    );
    assert_eq!(
        field_error(db.store.update_body(&ctx, second, &orphan).await),
        (Field::ParentBody, unknown(9999))
    );
    let nowhere = body_data(
        "Rat",
        BodyKind::PreventionCouncil,
        Home::Municipality(MunicipalityId::new(9998)),
    );
    assert!(matches!(
        field_error(db.store.create_body(&ctx, &nowhere).await),
        (Field::Municipality, Rule::UnknownReference { .. })
    ));
    let no_district = body_data(
        "Rat",
        BodyKind::PreventionCouncil,
        Home::District(DistrictId::new(9997)),
    );
    assert!(matches!(
        field_error(db.store.create_body(&ctx, &no_district).await),
        (Field::District, Rule::UnknownReference { .. })
    ));
    // Nothing of the failures is left: bodies and aliases as before.
    assert_eq!(db.store.bodies(None).await.unwrap().len(), 2);
    assert_eq!(db.store.body(council).await.unwrap().unwrap().data, data);
    other.external_ref = Some(reference("KPR-2"));
    assert_eq!(db.store.body(second).await.unwrap().unwrap().data, other);
    assert_eq!(db.raw_count("select count(*) from body_alias").await, 2);

    // seats: missing body, person, organisation
    let anna = add_person(&db, "Anna", "Schmidt").await;
    assert_eq!(
        field_error(
            db.store
                .create_body_member(&ctx, &seat(BodyId::new(9996), anna, BodyRole::Member))
                .await
        ),
        (Field::Body, unknown(9996))
    );
    assert_eq!(
        field_error(
            db.store
                .create_body_member(&ctx, &seat(council, PersonId::new(9995), BodyRole::Member))
                .await
        ),
        (Field::Person, unknown(9995))
    );
    let mut for_missing = seat(council, anna, BodyRole::Member);
    for_missing.organisation_id = Some(OrganisationId::new(9994));
    assert_eq!(
        field_error(db.store.create_body_member(&ctx, &for_missing).await),
        (Field::Organisation, unknown(9994))
    );
    let good = seat(council, anna, BodyRole::Member);
    let id = db.store.create_body_member(&ctx, &good).await.unwrap();
    assert_eq!(
        field_error(db.store.update_body_member(&ctx, id, &for_missing).await),
        (Field::Organisation, unknown(9994))
    );
    assert_eq!(db.store.body_member(id).await.unwrap().unwrap().data, good);
    assert_eq!(db.raw_count("select count(*) from body_member").await, 1);
}

async fn the_database_enforces_body_rules_itself(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let home = Home::Municipality(t.floeha);
    let council = db
        .store
        .create_body(
            &ctx,
            &body_data("Präventionsrat", BodyKind::PreventionCouncil, home),
        )
        .await
        .unwrap();
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let c = council.get();
    let p = anna.get();
    assert_rejected(
        &db,
        &[
            // unknown kind
            "insert into body (name, kind) values ('Rat', 'parliament')",
            // blank name
            "insert into body (name, kind) values ('   ', 'other')",
            // founded after dissolved
            "insert into body (name, kind, founded_on, dissolved_on) \
             values ('Rat', 'other', '2020-01-02', '2020-01-01')",
            // at home in a district and a municipality at once
            "insert into body (name, kind, district_id, municipality_id) \
             select 'Rat', 'other', d.district_id, m.municipality_id \
             from district d, municipality m where d.ags = '14522' and m.ags = '14522140'",
            // a missing parent
            "insert into body (name, kind, parent_body_id) values ('AG', 'working_group', 9999)",
        ],
        "body",
        1,
    )
    .await;
    // its own parent
    assert!(
        db.raw(&format!(
            "update body set parent_body_id = body_id where body_id = {c}"
        ))
        .await
        .is_err()
    );
    assert_rejected(
        &db,
        &[
            "insert into body_alias (body_id, alias) values (9999, 'Rat')",
            &format!("insert into body_alias (body_id, alias) values ({c}, ' ')"),
        ],
        "body_alias",
        0,
    )
    .await;
    assert_rejected(
        &db,
        &[
            // unknown role
            &format!(
                "insert into body_member (body_id, person_id, role) values ({c}, {p}, 'king')"
            ),
            // ends before it starts
            &format!(
                "insert into body_member (body_id, person_id, role, since, until) \
                 values ({c}, {p}, 'member', '2022-01-01', '2021-01-01')"
            ),
            // not a date
            &format!(
                "insert into body_member (body_id, person_id, role, since) \
                 values ({c}, {p}, 'member', '2022-02-30')"
            ),
            // a missing person
            &format!(
                "insert into body_member (body_id, person_id, role) values ({c}, 9999, 'member')"
            ),
        ],
        "body_member",
        0,
    )
    .await;
}

async fn every_body_change_is_in_the_audit_log(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let data = body_data(
        "Präventionsrat Flöha",
        BodyKind::PreventionCouncil,
        Home::Municipality(t.floeha),
    );
    let body = db.store.create_body(&ctx, &data).await.unwrap();
    db.store.update_body(&ctx, body, &data).await.unwrap();
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let member = seat(body, anna, BodyRole::Guest);
    let s = db.store.create_body_member(&ctx, &member).await.unwrap();
    db.store.update_body_member(&ctx, s, &member).await.unwrap();
    db.store.delete_body_member(&ctx, s).await.unwrap();
    db.store.delete_body(&ctx, body).await.unwrap();

    let of = |entity| {
        let store = db.store.clone();
        async move {
            store
                .audit_events(&AuditFilter {
                    entity: Some(entity),
                    ..AuditFilter::default()
                })
                .await
                .unwrap()
                .into_iter()
                .map(|e| (e.action, e.entity_id))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        of(EntityKind::Body).await,
        [
            (AuditAction::Delete, Some(body.get())),
            (AuditAction::Update, Some(body.get())),
            (AuditAction::Create, Some(body.get())),
        ]
    );
    assert_eq!(
        of(EntityKind::BodyMember).await,
        [
            (AuditAction::Delete, Some(s.get())),
            (AuditAction::Update, Some(s.get())),
            (AuditAction::Create, Some(s.get())),
        ]
    );
    let created = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Body),
            entity_id: Some(body.get()),
            limit: 1,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].action, AuditAction::Delete);
    let first = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Body),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(first[2].summary, "Präventionsrat Flöha");
}

async fn a_body_cannot_come_to_lie_below_itself(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let home = Home::Municipality(t.floeha);
    let council = db
        .store
        .create_body(
            &ctx,
            &body_data("KPR Flöha", BodyKind::PreventionCouncil, home),
        )
        .await
        .unwrap();
    let mut steering = body_data("Lenkungsgruppe", BodyKind::SteeringGroup, home);
    steering.parent_id = Some(council);
    let steering_id = db.store.create_body(&ctx, &steering).await.unwrap();
    let mut group = body_data("AG Innenstadt", BodyKind::WorkingGroup, home);
    group.parent_id = Some(steering_id);
    let group_id = db.store.create_body(&ctx, &group).await.unwrap();

    // Council below its own working group: council → steering group → working group → council.
    let mut looped = body_data("KPR Flöha", BodyKind::PreventionCouncil, home);
    looped.parent_id = Some(group_id);
    let error = db
        .store
        .update_body(&ctx, council, &looped)
        .await
        .unwrap_err();
    match error {
        StoreError::Invalid(e) => {
            assert_eq!((e.field, e.rule), (Field::ParentBody, Rule::ParentCycle));
        }
        other => panic!("{other:?}"),
    }
    // Below itself.
    looped.parent_id = Some(council);
    assert!(db.store.update_body(&ctx, council, &looped).await.is_err());
    // Moving the working group directly below the council is fine.
    group.parent_id = Some(council);
    db.store.update_body(&ctx, group_id, &group).await.unwrap();
    assert_eq!(
        db.store
            .body(council)
            .await
            .unwrap()
            .unwrap()
            .data
            .parent_id,
        None
    );
}
