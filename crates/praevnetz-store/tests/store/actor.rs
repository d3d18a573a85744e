use jiff::civil::date;
use praevnetz_domain::actor::{
    DataBasis, Home, LegalBasis, MembershipData, OrganisationData, OrganisationKind, PersonData,
    Pillar, Pillars, Territory,
};
use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::body::{BodyKind, BodyMemberData, BodyRole};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{
    ActorId, DistrictId, MembershipId, MunicipalityId, OrganisationId, PersonId,
};
use praevnetz_domain::text::{Email, ExternalRef, Phone, Text, Url};
use praevnetz_domain::tie::TieKind;
use praevnetz_domain::time::Period;
use praevnetz_store::{AuditFilter, StoreError};

use crate::backend_tests;
use crate::body::body_data;
use crate::fixtures::{name, territory};
use crate::harness::TestDb;
use crate::tie::tie_data;

backend_tests!(
    organisations_are_created_read_updated_and_deleted,
    organisation_lists_come_back_exactly_as_written,
    organisations_are_listed_by_name_and_by_home_municipality,
    persons_are_created_read_updated_and_deleted,
    memberships_are_recorded_listed_and_deleted,
    memberships_without_a_start_date_come_first_on_both_backends,
    concurrent_writes_wait_for_each_other,
    deleting_a_person_removes_their_memberships_seats_and_ties,
    deleting_an_organisation_removes_its_memberships_ties_and_lists,
    external_references_are_unique,
    references_to_missing_records_are_field_errors,
    a_failed_organisation_write_leaves_nothing_behind,
    the_database_enforces_actor_rules_itself,
    every_actor_change_is_in_the_audit_log,
    persons_and_organisations_share_one_namespace_of_references,
    lists_come_in_german_index_order_on_both_backends,
);

// ---------------------------------------------------------------- helpers for all test files

/// A police station at `home` with nothing else recorded.
pub fn organisation_data(title: &str, home: Home) -> OrganisationData {
    OrganisationData {
        external_ref: None,
        name: name(title),
        short_name: None,
        aliases: Vec::new(),
        kind: OrganisationKind::PoliceStation,
        pillars: Pillars::new(Pillar::StatePolice, []),
        home,
        area: Vec::new(),
        email: None,
        phone: None,
        website: None,
        address: None,
        description: None,
    }
}

/// A person held on the basis of their public task, with nothing else recorded.
pub fn person_data(given: &str, family: &str) -> PersonData {
    PersonData {
        external_ref: None,
        title: None,
        given_name: name(given),
        family_name: name(family),
        email: None,
        phone: None,
        basis: DataBasis::new(LegalBasis::PublicTask, None).unwrap(),
        note: None,
    }
}

pub async fn add_organisation(db: &TestDb, title: &str, home: Home) -> OrganisationId {
    db.store
        .create_organisation(&db.ctx(), &organisation_data(title, home))
        .await
        .unwrap()
}

pub async fn add_person(db: &TestDb, given: &str, family: &str) -> PersonId {
    db.store
        .create_person(&db.ctx(), &person_data(given, family))
        .await
        .unwrap()
}

pub fn reference(text: &str) -> ExternalRef {
    ExternalRef::parse(text).unwrap()
}

/// The field error of `result`, or a panic naming what came instead.
pub fn field_error<T: std::fmt::Debug>(result: Result<T, StoreError>) -> (Field, Rule) {
    match result {
        Err(StoreError::Invalid(e)) => (e.field, e.rule),
        other => panic!("expected a field error, got {other:?}"),
    }
}

pub fn unknown(key: impl std::fmt::Display + Copy) -> Rule {
    Rule::UnknownReference {
        key: key.to_string(),
    }
}

pub fn exists(key: &str) -> Rule {
    Rule::AlreadyExists { key: key.into() }
}

/// Asserts that `result` is [`StoreError::NotFound`] for `entity` and `id`.
pub fn assert_not_found<T: std::fmt::Debug>(
    result: Result<T, StoreError>,
    entity: EntityKind,
    id: i64,
) {
    match result {
        Err(StoreError::NotFound { entity: e, id: i }) => assert_eq!((e, i), (entity, id)),
        other => panic!(
            "expected {} {id} not to be found, got {other:?}",
            entity.code()
        ),
    }
}

/// Asserts that every statement fails and that `table` then still has `rows` rows.
pub async fn assert_rejected(db: &TestDb, statements: &[&str], table: &str, rows: i64) {
    for sql in statements {
        assert!(db.raw(sql).await.is_err(), "accepted: {sql}");
    }
    let count = db.raw_count(&format!("select count(*) from {table}")).await;
    assert_eq!(count, rows, "rows in {table}");
}

fn full_organisation(home: MunicipalityId, area: Vec<Territory>) -> OrganisationData {
    OrganisationData {
        external_ref: Some(reference("ORG-PR-FLOEHA")),
        name: name("Polizeirevier Flöha"),
        short_name: Some(name("PR Flöha")),
        // in the order the store returns them (by text)
        aliases: vec![name("PR Flöha"), name("Polizeirevier Flöha-Oederan")],
        kind: OrganisationKind::PoliceStation,
        pillars: Pillars::new(Pillar::StatePolice, [Pillar::Support, Pillar::Civic]),
        home: Home::Municipality(home),
        area,
        email: Some(Email::parse("pr-floeha@polizei.sachsen.de").unwrap()),
        phone: Some(Phone::parse("03726 7880").unwrap()),
        website: Some(Url::parse("www.polizei.sachsen.de").unwrap()),
        address: Some(Text::parse("Augustusburger Straße 1, 09557 Flöha").unwrap()),
        description: Some(
            Text::parse("Zuständig für Flöha und Umgebung.\nMit Bürgerpolizist.").unwrap(),
        ),
    }
}

// ---------------------------------------------------------------- organisations

async fn organisations_are_created_read_updated_and_deleted(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let data = full_organisation(
        t.floeha,
        vec![
            Territory::Municipality(t.floeha),
            Territory::District(t.mittelsachsen),
            Territory::Municipality(t.amtsberg),
        ],
    );
    let id = db.store.create_organisation(&ctx, &data).await.unwrap();
    let stored = db.store.organisation(id).await.unwrap().unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.data, data);
    assert_eq!(
        stored.data.pillars.secondary(),
        &[Pillar::Civic, Pillar::Support]
    );
    let by_ref = db
        .store
        .organisation_by_ref(&ExternalRef::parse("ORG-PR-FLOEHA").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_ref, stored);
    assert!(
        db.store
            .organisation_by_ref(&ExternalRef::parse("ORG-NONE").unwrap())
            .await
            .unwrap()
            .is_none()
    );

    // An update replaces every list and may move the home to a district.
    let mut changed = data.clone();
    changed.name = name("Polizeirevier Flöha (Mittelsachsen)");
    changed.aliases = vec![name("Revier Flöha")];
    changed.pillars = Pillars::new(Pillar::StatePolice, [Pillar::Municipality]);
    changed.home = Home::District(t.mittelsachsen);
    changed.area = vec![Territory::District(t.erzgebirge)];
    changed.email = None;
    db.store
        .update_organisation(&ctx, id, &changed)
        .await
        .unwrap();
    assert_eq!(
        db.store.organisation(id).await.unwrap().unwrap().data,
        changed
    );

    // ... or to the state, with every list emptied.
    let mut state = organisation_data("Landespräventionsrat Sachsen", Home::State);
    state.kind = OrganisationKind::StateAgency;
    state.pillars = Pillars::new(Pillar::Support, []);
    db.store
        .update_organisation(&ctx, id, &state)
        .await
        .unwrap();
    assert_eq!(
        db.store.organisation(id).await.unwrap().unwrap().data,
        state
    );
    for table in [
        "organisation_alias",
        "organisation_pillar",
        "organisation_area",
    ] {
        assert_eq!(
            db.raw_count(&format!("select count(*) from {table}")).await,
            0,
            "{table}"
        );
    }

    db.store.delete_organisation(&ctx, id).await.unwrap();
    assert!(db.store.organisation(id).await.unwrap().is_none());
    assert_eq!(db.raw_count("select count(*) from actor").await, 0);
    assert_not_found(
        db.store.delete_organisation(&ctx, id).await,
        EntityKind::Organisation,
        id.get(),
    );
    assert_not_found(
        db.store.update_organisation(&ctx, id, &state).await,
        EntityKind::Organisation,
        id.get(),
    );
    assert_not_found(
        db.store
            .update_organisation(&ctx, OrganisationId::new(4711), &state)
            .await,
        EntityKind::Organisation,
        4711,
    );
}

async fn organisation_lists_come_back_exactly_as_written(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let mut data = organisation_data("Jugendamt Mittelsachsen", Home::District(t.mittelsachsen));
    data.kind = OrganisationKind::YouthOffice;
    // Aliases come back sorted by their text on both backends, repetitions once.
    data.aliases = vec![
        name("Kreisjugendamt"),
        name("Amt für Jugend"),
        name("Kreisjugendamt"),
        name("Ämter-Verbund"),
    ];
    // The area keeps the order it was written in, repetitions once.
    data.area = vec![
        Territory::Municipality(t.freiberg),
        Territory::District(t.mittelsachsen),
        Territory::Municipality(t.floeha),
        Territory::Municipality(t.freiberg),
    ];
    // Secondary pillars: the primary one and repetitions are dropped, the rest sorted.
    data.pillars = Pillars::new(
        Pillar::Municipality,
        [
            Pillar::Support,
            Pillar::Municipality,
            Pillar::Civic,
            Pillar::Support,
        ],
    );
    let id = db.store.create_organisation(&ctx, &data).await.unwrap();
    let stored = db.store.organisation(id).await.unwrap().unwrap().data;
    assert_eq!(
        stored.aliases,
        [
            name("Amt für Jugend"),
            name("Kreisjugendamt"),
            name("Ämter-Verbund")
        ]
    );
    assert_eq!(
        stored.area,
        [
            Territory::Municipality(t.freiberg),
            Territory::District(t.mittelsachsen),
            Territory::Municipality(t.floeha),
        ]
    );
    assert_eq!(stored.pillars.primary(), Pillar::Municipality);
    assert_eq!(
        stored.pillars.secondary(),
        &[Pillar::Civic, Pillar::Support]
    );
    // Listing all reads the same lists as reading one.
    let listed = db.store.organisations(None).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].data, stored);
}

async fn organisations_are_listed_by_name_and_by_home_municipality(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let revier = add_organisation(&db, "Polizeirevier Flöha", Home::Municipality(t.floeha)).await;
    let mut office = organisation_data("Ordnungsamt Flöha", Home::Municipality(t.floeha));
    office.kind = OrganisationKind::PublicOrderOffice;
    office.pillars = Pillars::new(Pillar::Municipality, []);
    office.aliases = vec![name("Stadtverwaltung Flöha, Ordnungsamt")];
    let office = db.store.create_organisation(&ctx, &office).await.unwrap();
    let chemnitz = add_organisation(
        &db,
        "Polizeidirektion Chemnitz",
        Home::Municipality(t.chemnitz),
    )
    .await;
    let district = add_organisation(
        &db,
        "Landratsamt Mittelsachsen",
        Home::District(t.mittelsachsen),
    )
    .await;
    let state = add_organisation(&db, "Landespräventionsrat Sachsen", Home::State).await;

    let ids = |list: Vec<praevnetz_domain::actor::Organisation>| {
        list.into_iter().map(|o| o.id).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(db.store.organisations(Some(t.floeha)).await.unwrap()),
        [office, revier]
    );
    assert_eq!(
        ids(db.store.organisations(Some(t.chemnitz)).await.unwrap()),
        [chemnitz]
    );
    assert!(
        db.store
            .organisations(Some(t.amtsberg))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        ids(db.store.organisations(None).await.unwrap()),
        [state, district, office, chemnitz, revier]
    );
    // The list carries the aliases of each organisation.
    let listed = db.store.organisations(Some(t.floeha)).await.unwrap();
    assert_eq!(
        listed[0].data.aliases,
        [name("Stadtverwaltung Flöha, Ordnungsamt")]
    );
    assert!(listed[1].data.aliases.is_empty());
}

// ---------------------------------------------------------------- persons

async fn persons_are_created_read_updated_and_deleted(db: TestDb) {
    let ctx = db.ctx();
    let data = PersonData {
        external_ref: Some(reference("P-0001")),
        title: Some(name("Dr.")),
        given_name: name("Anna"),
        family_name: name("Schmidt"),
        email: Some(Email::parse("Anna.Schmidt@Floeha.de").unwrap()),
        phone: Some(Phone::parse("+49 3726 791-0").unwrap()),
        basis: DataBasis::new(LegalBasis::Consent, Some(date(2022, 9, 6))).unwrap(),
        note: Some(Text::parse("Ansprechpartnerin Kriminalprävention").unwrap()),
    };
    let id = db.store.create_person(&ctx, &data).await.unwrap();
    let stored = db.store.person(id).await.unwrap().unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.data, data);
    let by_ref = db
        .store
        .person_by_ref(&ExternalRef::parse("P-0001").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_ref, stored);
    assert!(
        db.store
            .person_by_ref(&ExternalRef::parse("P-0002").unwrap())
            .await
            .unwrap()
            .is_none()
    );

    // Another basis carries no consent date.
    let mut changed = data.clone();
    changed.title = None;
    changed.email = None;
    changed.basis = DataBasis::new(LegalBasis::PublicTask, None).unwrap();
    db.store.update_person(&ctx, id, &changed).await.unwrap();
    let stored = db.store.person(id).await.unwrap().unwrap();
    assert_eq!(stored.data, changed);
    assert_eq!(stored.data.basis.consent_on(), None);

    let other = add_person(&db, "Bernd", "Albrecht").await;
    let all: Vec<PersonId> = db
        .store
        .persons(None)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(all, [other, id]);

    db.store.delete_person(&ctx, id).await.unwrap();
    assert!(db.store.person(id).await.unwrap().is_none());
    assert_not_found(
        db.store.delete_person(&ctx, id).await,
        EntityKind::Person,
        id.get(),
    );
    assert_not_found(
        db.store.update_person(&ctx, id, &changed).await,
        EntityKind::Person,
        id.get(),
    );
    // A person's id is no organisation's: deleting it as one finds nothing.
    assert_not_found(
        db.store
            .delete_organisation(&ctx, OrganisationId::new(other.get()))
            .await,
        EntityKind::Organisation,
        other.get(),
    );
    assert!(db.store.person(other).await.unwrap().is_some());
}

// ---------------------------------------------------------------- memberships

/// A membership without function or period.
pub fn membership(person_id: PersonId, organisation_id: OrganisationId) -> MembershipData {
    MembershipData {
        person_id,
        organisation_id,
        function: None,
        period: Period::ALWAYS,
    }
}

async fn membership_ids(
    db: &TestDb,
    person: Option<PersonId>,
    organisation: Option<OrganisationId>,
) -> Vec<MembershipId> {
    let list = db.store.memberships(person, organisation).await.unwrap();
    list.into_iter().map(|m| m.id).collect()
}

async fn member_ids(db: &TestDb, organisation: OrganisationId) -> Vec<PersonId> {
    let list = db.store.persons(Some(organisation)).await.unwrap();
    list.into_iter().map(|p| p.id).collect()
}

async fn memberships_are_recorded_listed_and_deleted(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let revier = add_organisation(&db, "Polizeirevier Flöha", Home::Municipality(t.floeha)).await;
    let stadt = add_organisation(&db, "Stadtverwaltung Flöha", Home::Municipality(t.floeha)).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let bernd = add_person(&db, "Bernd", "Albrecht").await;
    let carla = add_person(&db, "Carla", "Zimmer").await;

    let data = MembershipData {
        function: Some(name("Revierleiterin")),
        period: Period::new(Some(date(2019, 1, 1)), Some(date(2023, 12, 31))).unwrap(),
        ..membership(anna, revier)
    };
    let m1 = db.store.create_membership(&ctx, &data).await.unwrap();
    assert_eq!(db.store.membership(m1).await.unwrap().unwrap().data, data);
    let coordinator = MembershipData {
        function: Some(name("Präventionskoordinatorin")),
        period: Period::new(Some(date(2024, 1, 1)), None).unwrap(),
        ..membership(anna, stadt)
    };
    let m2 = db
        .store
        .create_membership(&ctx, &coordinator)
        .await
        .unwrap();
    let officer = MembershipData {
        period: Period::new(Some(date(2020, 3, 1)), None).unwrap(),
        ..membership(bernd, revier)
    };
    let m3 = db.store.create_membership(&ctx, &officer).await.unwrap();

    assert_eq!(membership_ids(&db, Some(anna), None).await, [m1, m2]);
    assert_eq!(membership_ids(&db, None, Some(revier)).await, [m1, m3]);
    assert_eq!(membership_ids(&db, Some(bernd), Some(revier)).await, [m3]);
    assert_eq!(membership_ids(&db, Some(bernd), Some(stadt)).await, []);
    assert_eq!(membership_ids(&db, None, None).await, [m1, m3, m2]);
    // Members past and present of an organisation, by family name.
    assert_eq!(member_ids(&db, revier).await, [bernd, anna]);
    assert_eq!(member_ids(&db, stadt).await, [anna]);
    assert_eq!(db.store.persons(None).await.unwrap().len(), 3);

    // Update moves the membership.
    let moved = membership(carla, stadt);
    db.store.update_membership(&ctx, m3, &moved).await.unwrap();
    assert_eq!(db.store.membership(m3).await.unwrap().unwrap().data, moved);
    assert_eq!(membership_ids(&db, None, Some(revier)).await, [m1]);

    db.store.delete_membership(&ctx, m1).await.unwrap();
    assert!(db.store.membership(m1).await.unwrap().is_none());
    assert_not_found(
        db.store.delete_membership(&ctx, m1).await,
        EntityKind::Membership,
        m1.get(),
    );
    assert_not_found(
        db.store.update_membership(&ctx, m1, &moved).await,
        EntityKind::Membership,
        m1.get(),
    );
    // Person and organisation stay.
    assert!(db.store.person(anna).await.unwrap().is_some());
    assert!(db.store.organisation(revier).await.unwrap().is_some());
}

async fn memberships_without_a_start_date_come_first_on_both_backends(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let revier = add_organisation(&db, "Polizeirevier Flöha", Home::Municipality(t.floeha)).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let membership = |since| MembershipData {
        person_id: anna,
        organisation_id: revier,
        function: None,
        period: Period::new(since, None).unwrap(),
    };
    let dated_late = db
        .store
        .create_membership(&ctx, &membership(Some(date(2021, 5, 1))))
        .await
        .unwrap();
    let undated = db
        .store
        .create_membership(&ctx, &membership(None))
        .await
        .unwrap();
    let dated_early = db
        .store
        .create_membership(&ctx, &membership(Some(date(2015, 5, 1))))
        .await
        .unwrap();
    let order: Vec<_> = db
        .store
        .memberships(Some(anna), None)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(order, [undated, dated_early, dated_late]);
}

/// Writes that check a reference before they write, run side by side: on SQLite each must wait
/// for the write lock instead of failing with "database is locked".
async fn concurrent_writes_wait_for_each_other(db: TestDb) {
    let t = territory(&db).await;
    let revier = add_organisation(&db, "Polizeirevier Flöha", Home::Municipality(t.floeha)).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let mut tasks = Vec::new();
    for round in 0..24 {
        let store = db.store.clone();
        let ctx = db.ctx();
        tasks.push(tokio::spawn(async move {
            let id = store
                .create_membership(&ctx, &membership(anna, revier))
                .await?;
            let data = MembershipData {
                function: Some(name(&format!("Funktion {round}"))),
                ..membership(anna, revier)
            };
            store.update_membership(&ctx, id, &data).await?;
            // a failing write in between, whose transaction is rolled back
            let missing = MembershipId::new(100_000 + round);
            let refused = store.delete_membership(&ctx, missing).await;
            assert!(
                matches!(refused, Err(StoreError::NotFound { .. })),
                "{refused:?}"
            );
            Ok::<_, StoreError>(())
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(membership_ids(&db, Some(anna), None).await.len(), 24);
}

// ---------------------------------------------------------------- cascades

async fn deleting_a_person_removes_their_memberships_seats_and_ties(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let revier = add_organisation(&db, "Polizeirevier Flöha", Home::Municipality(t.floeha)).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let bernd = add_person(&db, "Bernd", "Albrecht").await;
    let carla = add_person(&db, "Carla", "Zimmer").await;
    for person in [anna, bernd] {
        let data = membership(person, revier);
        db.store.create_membership(&ctx, &data).await.unwrap();
    }
    let council = body_data(
        "Kriminalpräventiver Rat Flöha",
        BodyKind::PreventionCouncil,
        Home::Municipality(t.floeha),
    );
    let council = db.store.create_body(&ctx, &council).await.unwrap();
    for person in [anna, carla] {
        let seat = BodyMemberData {
            body_id: council,
            person_id: person,
            organisation_id: Some(revier),
            role: BodyRole::Member,
            period: Period::ALWAYS,
        };
        db.store.create_body_member(&ctx, &seat).await.unwrap();
    }
    let (a, b, c) = (
        ActorId::Person(anna),
        ActorId::Person(bernd),
        ActorId::Person(carla),
    );
    for tie in [
        tie_data(a, b, TieKind::Cooperation, false),
        tie_data(c, a, TieKind::Instruction, true),
    ] {
        db.store.create_tie(&ctx, &tie).await.unwrap();
    }
    let kept = tie_data(b, c, TieKind::InformationExchange, false);
    let kept = db.store.create_tie(&ctx, &kept).await.unwrap();

    db.store.delete_person(&ctx, anna).await.unwrap();

    assert!(db.store.person(anna).await.unwrap().is_none());
    assert!(
        db.store
            .memberships(Some(anna), None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(db.store.memberships(None, None).await.unwrap().len(), 1);
    assert!(
        db.store
            .body_members(None, Some(anna))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db.store
            .body_members(Some(council), None)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(db.store.ties(Some(a), None).await.unwrap().is_empty());
    let left: Vec<_> = db
        .store
        .ties(None, None)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(left, [kept]);
    assert_eq!(
        db.raw_count(&format!(
            "select count(*) from actor where actor_id = {}",
            anna.get()
        ))
        .await,
        0
    );
    // Everyone else stays.
    assert_eq!(db.store.persons(None).await.unwrap().len(), 2);
    assert!(db.store.organisation(revier).await.unwrap().is_some());
    assert!(db.store.body(council).await.unwrap().is_some());
}

async fn deleting_an_organisation_removes_its_memberships_ties_and_lists(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let mut data = organisation_data("Polizeirevier Flöha", Home::Municipality(t.floeha));
    data.aliases = vec![name("PR Flöha")];
    data.pillars = Pillars::new(Pillar::StatePolice, [Pillar::Civic]);
    data.area = vec![Territory::Municipality(t.floeha)];
    let revier = db.store.create_organisation(&ctx, &data).await.unwrap();
    let stadt = add_organisation(&db, "Stadtverwaltung Flöha", Home::Municipality(t.floeha)).await;
    let kreis = add_organisation(&db, "Landratsamt", Home::District(t.mittelsachsen)).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let membership = db
        .store
        .create_membership(&ctx, &membership(anna, revier))
        .await
        .unwrap();
    let council = db
        .store
        .create_body(
            &ctx,
            &body_data(
                "Präventionsrat Flöha",
                BodyKind::PreventionCouncil,
                Home::Municipality(t.floeha),
            ),
        )
        .await
        .unwrap();
    let seat = db
        .store
        .create_body_member(
            &ctx,
            &BodyMemberData {
                body_id: council,
                person_id: anna,
                organisation_id: Some(revier),
                role: BodyRole::Chair,
                period: Period::ALWAYS,
            },
        )
        .await
        .unwrap();
    let r = ActorId::Organisation(revier);
    let s = ActorId::Organisation(stadt);
    let k = ActorId::Organisation(kreis);
    db.store
        .create_tie(&ctx, &tie_data(r, s, TieKind::FormalAgreement, false))
        .await
        .unwrap();
    let kept = db
        .store
        .create_tie(&ctx, &tie_data(k, s, TieKind::Funding, true))
        .await
        .unwrap();

    db.store.delete_organisation(&ctx, revier).await.unwrap();

    assert!(db.store.organisation(revier).await.unwrap().is_none());
    assert!(db.store.membership(membership).await.unwrap().is_none());
    assert!(db.store.ties(Some(r), None).await.unwrap().is_empty());
    assert_eq!(
        db.store
            .ties(None, None)
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.id)
            .collect::<Vec<_>>(),
        [kept]
    );
    for table in [
        "organisation_alias",
        "organisation_pillar",
        "organisation_area",
    ] {
        assert_eq!(
            db.raw_count(&format!("select count(*) from {table}")).await,
            0,
            "{table}"
        );
    }
    // The seat stays, only the organisation it was held for is forgotten.
    let seat = db.store.body_member(seat).await.unwrap().unwrap();
    assert_eq!(seat.data.person_id, anna);
    assert_eq!(seat.data.organisation_id, None);
    assert!(db.store.person(anna).await.unwrap().is_some());
    assert_eq!(db.store.organisations(None).await.unwrap().len(), 2);
}

// ---------------------------------------------------------------- errors

async fn external_references_are_unique(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let mut first = organisation_data("Polizeirevier Flöha", Home::Municipality(t.floeha));
    first.external_ref = Some(reference("ORG-1"));
    db.store.create_organisation(&ctx, &first).await.unwrap();
    let mut second = organisation_data("Polizeirevier Freiberg", Home::Municipality(t.freiberg));
    second.external_ref = Some(reference("ORG-1"));
    assert_eq!(
        field_error(db.store.create_organisation(&ctx, &second).await),
        (Field::Ref, exists("ORG-1"))
    );
    // The failed create took its actor row with it.
    assert_eq!(db.raw_count("select count(*) from actor").await, 1);
    second.external_ref = Some(reference("ORG-2"));
    let id = db.store.create_organisation(&ctx, &second).await.unwrap();
    second.external_ref = Some(reference("ORG-1"));
    assert_eq!(
        field_error(db.store.update_organisation(&ctx, id, &second).await),
        (Field::Ref, exists("ORG-1"))
    );
    assert_eq!(
        db.store
            .organisation(id)
            .await
            .unwrap()
            .unwrap()
            .data
            .external_ref,
        Some(reference("ORG-2"))
    );

    let mut anna = person_data("Anna", "Schmidt");
    anna.external_ref = Some(reference("P-1"));
    db.store.create_person(&ctx, &anna).await.unwrap();
    let mut bernd = person_data("Bernd", "Albrecht");
    bernd.external_ref = Some(reference("P-1"));
    assert_eq!(
        field_error(db.store.create_person(&ctx, &bernd).await),
        (Field::Ref, exists("P-1"))
    );
    bernd.external_ref = None;
    let bernd_id = db.store.create_person(&ctx, &bernd).await.unwrap();
    bernd.external_ref = Some(reference("P-1"));
    assert_eq!(
        field_error(db.store.update_person(&ctx, bernd_id, &bernd).await),
        (Field::Ref, exists("P-1"))
    );
    // Persons and organisations share one namespace (ties name either by reference).
    let mut carla = person_data("Carla", "Zimmer");
    carla.external_ref = Some(reference("ORG-1"));
    assert_eq!(
        field_error(db.store.create_person(&ctx, &carla).await),
        (Field::Ref, exists("ORG-1"))
    );
    // Records without reference are many.
    db.store
        .create_person(&ctx, &person_data("Dora", "Ohne"))
        .await
        .unwrap();
    assert_eq!(db.store.persons(None).await.unwrap().len(), 3);
}

async fn references_to_missing_records_are_field_errors(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let revier = add_organisation(&db, "Polizeirevier Flöha", Home::Municipality(t.floeha)).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let missing_municipality = MunicipalityId::new(9999);
    let missing_district = DistrictId::new(9998);

    let data = organisation_data("Nirgendwo", Home::Municipality(missing_municipality));
    assert!(matches!(
        field_error(db.store.create_organisation(&ctx, &data).await),
        (Field::Municipality, Rule::UnknownReference { .. })
    ));
    let data = organisation_data("Nirgendkreis", Home::District(missing_district));
    assert!(matches!(
        field_error(db.store.create_organisation(&ctx, &data).await),
        (Field::District, Rule::UnknownReference { .. })
    ));
    assert!(matches!(
        field_error(db.store.update_organisation(&ctx, revier, &data).await),
        (Field::District, Rule::UnknownReference { .. })
    ));

    let to_missing_organisation = MembershipData {
        person_id: anna,
        organisation_id: OrganisationId::new(9997),
        function: None,
        period: Period::ALWAYS,
    };
    assert_eq!(
        field_error(
            db.store
                .create_membership(&ctx, &to_missing_organisation)
                .await
        ),
        (Field::Organisation, unknown(9997))
    );
    let of_missing_person = MembershipData {
        person_id: PersonId::new(9996),
        organisation_id: revier,
        function: None,
        period: Period::ALWAYS,
    };
    assert_eq!(
        field_error(db.store.create_membership(&ctx, &of_missing_person).await),
        (Field::Person, unknown(9996))
    );
    // An organisation's id is no person's.
    let organisation_as_person = MembershipData {
        person_id: PersonId::new(revier.get()),
        organisation_id: revier,
        function: None,
        period: Period::ALWAYS,
    };
    assert_eq!(
        field_error(
            db.store
                .create_membership(&ctx, &organisation_as_person)
                .await
        ),
        (Field::Person, unknown(revier.get()))
    );
    let good = MembershipData {
        person_id: anna,
        organisation_id: revier,
        function: None,
        period: Period::ALWAYS,
    };
    let id = db.store.create_membership(&ctx, &good).await.unwrap();
    assert_eq!(
        field_error(
            db.store
                .update_membership(&ctx, id, &to_missing_organisation)
                .await
        ),
        (Field::Organisation, unknown(9997))
    );
    assert_eq!(db.store.membership(id).await.unwrap().unwrap().data, good);
    assert_eq!(db.store.memberships(None, None).await.unwrap().len(), 1);
    assert_eq!(db.store.organisations(None).await.unwrap().len(), 1);
}

async fn a_failed_organisation_write_leaves_nothing_behind(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let mut data = organisation_data("Polizeirevier Flöha", Home::Municipality(t.floeha));
    data.aliases = vec![name("PR Flöha")];
    data.pillars = Pillars::new(Pillar::StatePolice, [Pillar::Civic]);
    data.area = vec![
        Territory::Municipality(t.floeha),
        Territory::Municipality(MunicipalityId::new(9999)),
    ];
    assert!(matches!(
        field_error(db.store.create_organisation(&ctx, &data).await),
        (Field::Area, Rule::UnknownReference { .. })
    ));
    for table in [
        "actor",
        "organisation",
        "organisation_alias",
        "organisation_pillar",
        "organisation_area",
    ] {
        assert_eq!(
            db.raw_count(&format!("select count(*) from {table}")).await,
            0,
            "{table}"
        );
    }

    // A failed update keeps the record and its lists as they were.
    data.area = vec![Territory::Municipality(t.floeha)];
    let id = db.store.create_organisation(&ctx, &data).await.unwrap();
    let mut broken = data.clone();
    broken.name = name("Umbenannt");
    broken.aliases = vec![name("Anderer Name")];
    broken.area = vec![
        Territory::District(t.mittelsachsen),
        Territory::District(DistrictId::new(9998)),
    ];
    assert!(matches!(
        field_error(db.store.update_organisation(&ctx, id, &broken).await),
        (Field::Area, Rule::UnknownReference { .. })
    ));
    assert_eq!(db.store.organisation(id).await.unwrap().unwrap().data, data);
    // Neither failure reached the audit log.
    let events = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Organisation),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action, AuditAction::Create);
}

async fn the_database_enforces_actor_rules_itself(db: TestDb) {
    territory(&db).await;
    // Valid rows first, so that each rejection below is due to its one broken rule.
    for sql in [
        "insert into actor (actor_id, kind) values (901, 'organisation')",
        "insert into actor (actor_id, kind) values (902, 'person')",
        "insert into actor (actor_id, kind) values (903, 'person')",
        "insert into organisation (organisation_id, name, kind, pillar) \
         values (901, 'Polizeirevier', 'police_station', 'state_police')",
        "insert into person (person_id, given_name, family_name, legal_basis, consent_on) \
         values (902, 'Anna', 'Schmidt', 'consent', '2022-09-06')",
        "insert into membership (person_id, organisation_id, since, until) \
         values (902, 901, '2020-01-01', '2020-01-01')",
    ] {
        db.raw(sql).await.unwrap();
    }
    assert_rejected(
        &db,
        &[
            // consent without its date
            "insert into person (person_id, given_name, family_name, legal_basis) \
             values (903, 'Bernd', 'Albrecht', 'consent')",
            // a consent date on another basis
            "insert into person (person_id, given_name, family_name, legal_basis, consent_on) \
             values (903, 'Bernd', 'Albrecht', 'public_task', '2022-09-06')",
            // unknown legal basis
            "insert into person (person_id, given_name, family_name, legal_basis) \
             values (903, 'Bernd', 'Albrecht', 'gossip')",
            // a person whose actor is an organisation
            "insert into person (person_id, given_name, family_name, legal_basis) \
             values (901, 'Bernd', 'Albrecht', 'public_task')",
            // a person without an actor
            "insert into person (person_id, given_name, family_name, legal_basis) \
             values (999, 'Bernd', 'Albrecht', 'public_task')",
            // blank name
            "insert into person (person_id, given_name, family_name, legal_basis) \
             values (903, ' ', 'Albrecht', 'public_task')",
            // no e-mail address
            "insert into person (person_id, given_name, family_name, legal_basis, email) \
             values (903, 'Bernd', 'Albrecht', 'public_task', 'bernd')",
        ],
        "person",
        1,
    )
    .await;
    db.raw("insert into actor (actor_id, kind) values (904, 'organisation')")
        .await
        .unwrap();
    assert_rejected(
        &db,
        &[
            // unknown pillar
            "insert into organisation (organisation_id, name, kind, pillar) \
             values (904, 'Verein', 'association', 'church')",
            // unknown kind
            "insert into organisation (organisation_id, name, kind, pillar) \
             values (904, 'Verein', 'club', 'civic')",
            // an organisation whose actor is a person
            "insert into organisation (organisation_id, name, kind, pillar) \
             values (902, 'Verein', 'association', 'civic')",
            // at home in a district and a municipality at once
            "insert into organisation (organisation_id, name, kind, pillar, district_id, \
             municipality_id) select 904, 'Verein', 'association', 'civic', d.district_id, \
             m.municipality_id from district d, municipality m \
             where d.ags = '14522' and m.ags = '14522140'",
        ],
        "organisation",
        1,
    )
    .await;
    assert_rejected(
        &db,
        &["insert into organisation_pillar (organisation_id, pillar) values (901, 'police')"],
        "organisation_pillar",
        0,
    )
    .await;
    assert_rejected(
        &db,
        &[
            // neither a district nor a municipality
            "insert into organisation_area (organisation_id) values (901)",
            // both
            "insert into organisation_area (organisation_id, district_id, municipality_id) \
             select 901, d.district_id, m.municipality_id from district d, municipality m \
             where d.ags = '14522' and m.ags = '14522140'",
        ],
        "organisation_area",
        0,
    )
    .await;
    assert_rejected(
        &db,
        &[
            // ends before it starts
            "insert into membership (person_id, organisation_id, since, until) \
             values (902, 901, '2021-01-01', '2020-12-31')",
            // unknown organisation
            "insert into membership (person_id, organisation_id) values (902, 999)",
            // a person as organisation
            "insert into membership (person_id, organisation_id) values (902, 902)",
        ],
        "membership",
        1,
    )
    .await;
    assert_rejected(
        &db,
        &["insert into actor (actor_id, kind) values (905, 'robot')"],
        "actor",
        4,
    )
    .await;
}

async fn every_actor_change_is_in_the_audit_log(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let before = db
        .store
        .audit_events(&AuditFilter::default())
        .await
        .unwrap()
        .len();
    let data = organisation_data("Polizeirevier Flöha", Home::Municipality(t.floeha));
    let org = db.store.create_organisation(&ctx, &data).await.unwrap();
    db.store
        .update_organisation(&ctx, org, &data)
        .await
        .unwrap();
    let mut anna = person_data("Anna", "Schmidt");
    anna.title = Some(name("Dr."));
    let person = db.store.create_person(&ctx, &anna).await.unwrap();
    db.store.update_person(&ctx, person, &anna).await.unwrap();
    let membership = MembershipData {
        person_id: person,
        organisation_id: org,
        function: None,
        period: Period::ALWAYS,
    };
    let m = db.store.create_membership(&ctx, &membership).await.unwrap();
    db.store
        .update_membership(&ctx, m, &membership)
        .await
        .unwrap();
    db.store.delete_membership(&ctx, m).await.unwrap();
    db.store.delete_person(&ctx, person).await.unwrap();
    db.store.delete_organisation(&ctx, org).await.unwrap();

    let events = db
        .store
        .audit_events(&AuditFilter::default())
        .await
        .unwrap();
    assert_eq!(events.len() - before, 9);
    let seen: Vec<_> = events[..9]
        .iter()
        .rev()
        .map(|e| (e.action, e.entity, e.entity_id))
        .collect();
    assert_eq!(
        seen,
        [
            (
                AuditAction::Create,
                EntityKind::Organisation,
                Some(org.get())
            ),
            (
                AuditAction::Update,
                EntityKind::Organisation,
                Some(org.get())
            ),
            (AuditAction::Create, EntityKind::Person, Some(person.get())),
            (AuditAction::Update, EntityKind::Person, Some(person.get())),
            (AuditAction::Create, EntityKind::Membership, Some(m.get())),
            (AuditAction::Update, EntityKind::Membership, Some(m.get())),
            (AuditAction::Delete, EntityKind::Membership, Some(m.get())),
            (AuditAction::Delete, EntityKind::Person, Some(person.get())),
            (
                AuditAction::Delete,
                EntityKind::Organisation,
                Some(org.get())
            ),
        ]
    );
    assert_eq!(events[8].summary, "Polizeirevier Flöha");
    assert_eq!(events[6].summary, "Dr. Anna Schmidt");
    assert!(
        events[..9]
            .iter()
            .all(|e| e.at == ctx.at && e.user_id.is_none())
    );
    let only_persons = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Person),
            entity_id: Some(person.get()),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(only_persons.len(), 3);
}

async fn persons_and_organisations_share_one_namespace_of_references(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let mut station = organisation_data("Polizeirevier Flöha", Home::Municipality(t.floeha));
    station.external_ref = Some(reference("floeha-1"));
    db.store.create_organisation(&ctx, &station).await.unwrap();
    let mut anna = person_data("Anna", "Berger");
    anna.external_ref = Some(reference("floeha-1"));
    let taken = Rule::AlreadyExists {
        key: "floeha-1".into(),
    };
    assert_eq!(
        field_error(db.store.create_person(&ctx, &anna).await),
        (Field::Ref, taken.clone())
    );
    anna.external_ref = Some(reference("anna"));
    let id = db.store.create_person(&ctx, &anna).await.unwrap();
    anna.external_ref = Some(reference("floeha-1"));
    assert_eq!(
        field_error(db.store.update_person(&ctx, id, &anna).await),
        (Field::Ref, taken)
    );
    assert_eq!(db.store.persons(None).await.unwrap().len(), 1);
}

async fn lists_come_in_german_index_order_on_both_backends(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    for title in ["Zentrum", "alpha", "Ärzte", "Amt", "Straße", "Strasse"] {
        add_organisation(&db, title, Home::Municipality(t.floeha)).await;
    }
    let names: Vec<String> = db
        .store
        .organisations(None)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.data.name.to_string())
        .collect();
    // "Straße" and "Strasse" sort alike; the one recorded first comes first.
    assert_eq!(
        names,
        ["alpha", "Amt", "Ärzte", "Straße", "Strasse", "Zentrum"]
    );
    for (given, family) in [("Zoe", "Özdemir"), ("Anna", "Ober"), ("Bernd", "oben")] {
        db.store
            .create_person(&ctx, &person_data(given, family))
            .await
            .unwrap();
    }
    let families: Vec<String> = db
        .store
        .persons(None)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.data.family_name.to_string())
        .collect();
    assert_eq!(families, ["oben", "Ober", "Özdemir"]);
}
