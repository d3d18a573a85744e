use jiff::civil::date;
use praevnetz_domain::actor::{ActorKind, Home};
use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{ActorId, MeetingId, OrganisationId, PersonId};
use praevnetz_domain::text::Text;
use praevnetz_domain::tie::{Strength, TieData, TieKind, TieSpec};
use praevnetz_domain::time::Period;
use praevnetz_store::AuditFilter;

use crate::actor::{
    add_organisation, add_person, assert_not_found, assert_rejected, field_error, unknown,
};
use crate::backend_tests;
use crate::fixtures::territory;
use crate::harness::TestDb;

backend_tests!(
    ties_are_created_read_updated_and_deleted,
    an_undirected_tie_is_stored_lower_id_first,
    ties_are_listed_by_actor_and_by_level,
    a_tie_needs_existing_actors_of_its_own_kind,
    a_tie_on_the_same_day_is_recorded_once,
    a_tie_recorded_at_a_meeting_goes_with_the_meeting,
    the_database_enforces_tie_rules_itself,
    every_tie_change_is_in_the_audit_log,
);

/// A tie of strength 3 without period, note or meeting.
pub fn tie_data(source: ActorId, target: ActorId, kind: TieKind, directed: bool) -> TieData {
    TieData::new(TieSpec {
        source,
        target,
        kind,
        directed,
        strength: Strength::new(3).unwrap(),
        period: Period::ALWAYS,
        source_note: None,
        meeting_id: None,
    })
    .unwrap()
}

/// Three persons and two organisations.
struct Actors {
    anna: ActorId,
    bernd: ActorId,
    carla: ActorId,
    revier: ActorId,
    stadt: ActorId,
}

async fn actors(db: &TestDb) -> Actors {
    let t = territory(db).await;
    Actors {
        anna: ActorId::Person(add_person(db, "Anna", "Schmidt").await),
        bernd: ActorId::Person(add_person(db, "Bernd", "Albrecht").await),
        carla: ActorId::Person(add_person(db, "Carla", "Zimmer").await),
        revier: ActorId::Organisation(
            add_organisation(db, "Polizeirevier Flöha", Home::Municipality(t.floeha)).await,
        ),
        stadt: ActorId::Organisation(
            add_organisation(db, "Stadtverwaltung Flöha", Home::Municipality(t.floeha)).await,
        ),
    }
}

/// A meeting inserted past the API (meetings are another part of the store), and its id.
async fn meeting(db: &TestDb) -> MeetingId {
    db.raw(
        "insert into meeting (title, starts_at, ends_at, format, status) values \
         ('Netzwerktreffen Mittelsachsen', '2024-03-05T09:00:00Z', '2024-03-05T12:00:00Z', \
          'in_person', 'held')",
    )
    .await
    .unwrap();
    MeetingId::new(db.raw_count("select max(meeting_id) from meeting").await)
}

async fn ties_are_created_read_updated_and_deleted(db: TestDb) {
    let a = actors(&db).await;
    let ctx = db.ctx();
    let data = TieData::new(TieSpec {
        source: a.bernd,
        target: a.anna,
        kind: TieKind::Instruction,
        directed: true,
        strength: Strength::new(5).unwrap(),
        period: Period::new(Some(date(2020, 2, 1)), Some(date(2023, 6, 30))).unwrap(),
        source_note: Some(Text::parse("Interview mit der Revierleitung, März 2023").unwrap()),
        meeting_id: None,
    })
    .unwrap();
    let id = db.store.create_tie(&ctx, &data).await.unwrap();
    let stored = db.store.tie(id).await.unwrap().unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.data, data);
    // Directed: stored the way it was given.
    assert_eq!(
        (stored.data.source(), stored.data.target()),
        (a.bernd, a.anna)
    );

    let changed = TieData::new(TieSpec {
        source: a.carla,
        target: a.anna,
        kind: TieKind::Conflict,
        directed: false,
        strength: Strength::new(1).unwrap(),
        period: Period::new(Some(date(2021, 1, 1)), None).unwrap(),
        source_note: None,
        meeting_id: None,
    })
    .unwrap();
    db.store.update_tie(&ctx, id, &changed).await.unwrap();
    assert_eq!(db.store.tie(id).await.unwrap().unwrap().data, changed);

    // Organisations, too.
    let organisations = tie_data(a.revier, a.stadt, TieKind::FormalAgreement, false);
    let between = db.store.create_tie(&ctx, &organisations).await.unwrap();
    assert_eq!(
        db.store.tie(between).await.unwrap().unwrap().data,
        organisations
    );

    db.store.delete_tie(&ctx, id).await.unwrap();
    assert!(db.store.tie(id).await.unwrap().is_none());
    assert_not_found(
        db.store.delete_tie(&ctx, id).await,
        EntityKind::Tie,
        id.get(),
    );
    assert_not_found(
        db.store.update_tie(&ctx, id, &changed).await,
        EntityKind::Tie,
        id.get(),
    );
    // The actors stay.
    assert_eq!(db.store.persons(None).await.unwrap().len(), 3);
    assert_eq!(db.store.ties(None, None).await.unwrap().len(), 1);
}

async fn an_undirected_tie_is_stored_lower_id_first(db: TestDb) {
    let a = actors(&db).await;
    let ctx = db.ctx();
    let (low, high) = (a.anna, a.carla);
    assert!(low.get() < high.get());
    let id = db
        .store
        .create_tie(&ctx, &tie_data(high, low, TieKind::Cooperation, false))
        .await
        .unwrap();
    let stored = db.store.tie(id).await.unwrap().unwrap();
    assert_eq!((stored.data.source(), stored.data.target()), (low, high));
    assert!(!stored.data.directed());
    assert_eq!(
        db.raw_count(&format!(
            "select count(*) from tie where source_actor_id = {} and target_actor_id = {}",
            low.get(),
            high.get()
        ))
        .await,
        1
    );
    // The same pair given either way round is the same undirected tie.
    assert_eq!(
        tie_data(low, high, TieKind::Cooperation, false),
        tie_data(high, low, TieKind::Cooperation, false)
    );
}

async fn ties_are_listed_by_actor_and_by_level(db: TestDb) {
    let a = actors(&db).await;
    let ctx = db.ctx();
    let create = async |s: ActorId, t: ActorId, kind: TieKind, directed: bool| {
        db.store
            .create_tie(&ctx, &tie_data(s, t, kind, directed))
            .await
            .unwrap()
    };
    let ab = create(a.anna, a.bernd, TieKind::Cooperation, false).await;
    let cb = create(a.carla, a.bernd, TieKind::Instruction, true).await;
    let rs = create(a.revier, a.stadt, TieKind::InformationExchange, false).await;
    let ac = create(a.anna, a.carla, TieKind::Conflict, false).await;
    let sr = create(a.stadt, a.revier, TieKind::Funding, true).await;

    let ids =
        |list: Vec<praevnetz_domain::tie::Tie>| list.into_iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(
        ids(db.store.ties(None, None).await.unwrap()),
        [ab, cb, rs, ac, sr]
    );
    // Either end.
    assert_eq!(
        ids(db.store.ties(Some(a.bernd), None).await.unwrap()),
        [ab, cb]
    );
    assert_eq!(
        ids(db.store.ties(Some(a.carla), None).await.unwrap()),
        [cb, ac]
    );
    assert_eq!(
        ids(db.store.ties(Some(a.revier), None).await.unwrap()),
        [rs, sr]
    );
    // One level.
    assert_eq!(
        ids(db.store.ties(None, Some(ActorKind::Person)).await.unwrap()),
        [ab, cb, ac]
    );
    assert_eq!(
        ids(db
            .store
            .ties(None, Some(ActorKind::Organisation))
            .await
            .unwrap()),
        [rs, sr]
    );
    // Both filters.
    assert_eq!(
        ids(db
            .store
            .ties(Some(a.anna), Some(ActorKind::Person))
            .await
            .unwrap()),
        [ab, ac]
    );
    assert!(
        db.store
            .ties(Some(a.anna), Some(ActorKind::Organisation))
            .await
            .unwrap()
            .is_empty()
    );
    // The listed ties are read in full.
    let listed = db.store.ties(Some(a.stadt), None).await.unwrap();
    assert_eq!(
        listed[1].data,
        tie_data(a.stadt, a.revier, TieKind::Funding, true)
    );
}

async fn a_tie_needs_existing_actors_of_its_own_kind(db: TestDb) {
    let a = actors(&db).await;
    let ctx = db.ctx();
    let missing = ActorId::Person(PersonId::new(9999));
    // Directed, so that the ends stay where they are given.
    assert_eq!(
        field_error(
            db.store
                .create_tie(&ctx, &tie_data(a.anna, missing, TieKind::Cooperation, true))
                .await
        ),
        (Field::Target, unknown(9999))
    );
    assert_eq!(
        field_error(
            db.store
                .create_tie(&ctx, &tie_data(missing, a.anna, TieKind::Cooperation, true))
                .await
        ),
        (Field::Source, unknown(9999))
    );
    // An organisation's id given as a person's: the composite key refuses it.
    let revier_as_person = ActorId::Person(PersonId::new(a.revier.get()));
    assert_eq!(
        field_error(
            db.store
                .create_tie(
                    &ctx,
                    &tie_data(a.anna, revier_as_person, TieKind::Cooperation, true)
                )
                .await
        ),
        (Field::Target, unknown(a.revier.get()))
    );
    let anna_as_organisation = ActorId::Organisation(OrganisationId::new(a.anna.get()));
    assert_eq!(
        field_error(
            db.store
                .create_tie(
                    &ctx,
                    &tie_data(anna_as_organisation, a.stadt, TieKind::Cooperation, true)
                )
                .await
        ),
        (Field::Source, unknown(a.anna.get()))
    );
    // A meeting that does not exist (a cooperation agreed at a meeting names it).
    let mut spec = TieSpec {
        source: a.anna,
        target: a.bernd,
        kind: TieKind::Cooperation,
        directed: false,
        strength: Strength::new(1).unwrap(),
        period: Period::ALWAYS,
        source_note: None,
        meeting_id: Some(MeetingId::new(9998)),
    };
    assert_eq!(
        field_error(
            db.store
                .create_tie(&ctx, &TieData::new(spec.clone()).unwrap())
                .await
        ),
        (Field::Meeting, unknown(9998))
    );
    assert_eq!(db.raw_count("select count(*) from tie").await, 0);

    // An update to a missing actor keeps the tie as it was.
    spec.meeting_id = None;
    let good = TieData::new(spec).unwrap();
    let id = db.store.create_tie(&ctx, &good).await.unwrap();
    assert_eq!(
        field_error(
            db.store
                .update_tie(
                    &ctx,
                    id,
                    &tie_data(a.anna, missing, TieKind::Cooperation, true)
                )
                .await
        ),
        (Field::Target, unknown(9999))
    );
    assert_eq!(db.store.tie(id).await.unwrap().unwrap().data, good);
}

async fn a_tie_on_the_same_day_is_recorded_once(db: TestDb) {
    let a = actors(&db).await;
    let ctx = db.ctx();
    let dated = |kind| {
        TieData::new(TieSpec {
            source: a.anna,
            target: a.bernd,
            kind,
            directed: false,
            strength: Strength::new(2).unwrap(),
            period: Period::new(Some(date(2023, 4, 1)), None).unwrap(),
            source_note: None,
            meeting_id: None,
        })
        .unwrap()
    };
    db.store
        .create_tie(&ctx, &dated(TieKind::Cooperation))
        .await
        .unwrap();
    assert_eq!(
        field_error(
            db.store
                .create_tie(&ctx, &dated(TieKind::Cooperation))
                .await
        ),
        (
            Field::Since,
            Rule::AlreadyExists {
                key: "2023-04-01".into()
            }
        )
    );
    // Another kind of tie between the same two on the same day is another tie.
    db.store
        .create_tie(&ctx, &dated(TieKind::Conflict))
        .await
        .unwrap();
    assert_eq!(db.store.ties(None, None).await.unwrap().len(), 2);
}

async fn a_tie_recorded_at_a_meeting_goes_with_the_meeting(db: TestDb) {
    let a = actors(&db).await;
    let ctx = db.ctx();
    let meeting = meeting(&db).await;
    // A cooperation agreed at the meeting (ties "met at meeting" are not recorded by hand).
    let data = TieData::new(TieSpec {
        source: a.bernd,
        target: a.anna,
        kind: TieKind::Cooperation,
        directed: false,
        strength: Strength::new(1).unwrap(),
        period: Period::new(Some(date(2024, 3, 5)), Some(date(2024, 3, 5))).unwrap(),
        source_note: None,
        meeting_id: Some(meeting),
    })
    .unwrap();
    let id = db.store.create_tie(&ctx, &data).await.unwrap();
    assert_eq!(db.store.tie(id).await.unwrap().unwrap().data, data);
    let other = db
        .store
        .create_tie(
            &ctx,
            &tie_data(a.anna, a.carla, TieKind::Cooperation, false),
        )
        .await
        .unwrap();
    db.raw(&format!(
        "delete from meeting where meeting_id = {}",
        meeting.get()
    ))
    .await
    .unwrap();
    assert!(db.store.tie(id).await.unwrap().is_none());
    assert!(db.store.tie(other).await.unwrap().is_some());
}

async fn the_database_enforces_tie_rules_itself(db: TestDb) {
    let a = actors(&db).await;
    let (p1, p2) = (a.anna.get(), a.bernd.get());
    let o1 = a.revier.get();
    let insert = |kind: &str, source: i64, target: i64, rest: &str| {
        format!(
            "insert into tie (actor_kind, source_actor_id, target_actor_id, kind, directed, \
             strength, since, until) values ('{kind}', {source}, {target}, {rest})"
        )
    };
    let (yes, no) = match db.url.backend() {
        praevnetz_store::Backend::Sqlite => ("1", "0"),
        praevnetz_store::Backend::Postgres => ("true", "false"),
    };
    // The valid tie the rejected ones differ from in one point each.
    db.raw(&insert(
        "person",
        p1,
        p2,
        &format!("'cooperation', {no}, 3, '2020-01-01', '2020-12-31'"),
    ))
    .await
    .unwrap();
    assert_rejected(
        &db,
        &[
            // strength 0 and 6
            &insert(
                "person",
                p1,
                p2,
                &format!("'conflict', {no}, 0, null, null"),
            ),
            &insert(
                "person",
                p1,
                p2,
                &format!("'conflict', {no}, 6, null, null"),
            ),
            // an actor tied to itself
            &insert(
                "person",
                p1,
                p1,
                &format!("'conflict', {yes}, 3, null, null"),
            ),
            // a person and an organisation
            &insert(
                "person",
                p1,
                o1,
                &format!("'conflict', {yes}, 3, null, null"),
            ),
            &insert(
                "organisation",
                p1,
                o1,
                &format!("'conflict', {yes}, 3, null, null"),
            ),
            // undirected, stored higher id first
            &insert(
                "person",
                p2,
                p1,
                &format!("'conflict', {no}, 3, null, null"),
            ),
            // since after until
            &insert(
                "person",
                p1,
                p2,
                &format!("'conflict', {no}, 3, '2021-01-01', '2020-12-31'"),
            ),
            // unknown kind of tie
            &insert(
                "person",
                p1,
                p2,
                &format!("'friendship', {no}, 3, null, null"),
            ),
            // unknown level
            &insert("robot", p1, p2, &format!("'conflict', {no}, 3, null, null")),
            // a missing actor
            &insert(
                "person",
                p1,
                9999,
                &format!("'conflict', {yes}, 3, null, null"),
            ),
            // the same tie again
            &insert(
                "person",
                p1,
                p2,
                &format!("'cooperation', {no}, 5, '2020-01-01', null"),
            ),
        ],
        "tie",
        1,
    )
    .await;
    // Directed, the higher id may come first.
    db.raw(&insert(
        "person",
        p2,
        p1,
        &format!("'instruction', {yes}, 3, null, null"),
    ))
    .await
    .unwrap();
}

async fn every_tie_change_is_in_the_audit_log(db: TestDb) {
    let a = actors(&db).await;
    let ctx = db.ctx();
    let data = tie_data(a.anna, a.bernd, TieKind::Cooperation, false);
    let id = db.store.create_tie(&ctx, &data).await.unwrap();
    db.store.update_tie(&ctx, id, &data).await.unwrap();
    db.store.delete_tie(&ctx, id).await.unwrap();
    let events = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Tie),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    let seen: Vec<_> = events
        .iter()
        .map(|e| (e.action, e.entity_id, e.at))
        .collect();
    assert_eq!(
        seen,
        [
            (AuditAction::Delete, Some(id.get()), ctx.at),
            (AuditAction::Update, Some(id.get()), ctx.at),
            (AuditAction::Create, Some(id.get()), ctx.at),
        ]
    );
    assert_eq!(events[2].summary, "cooperation");
}
