use jiff::civil::date;
use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{MeetingId, MeetingSeriesId, MunicipalityId, PersonId, TopicId};
use praevnetz_domain::meeting::AgendaItemData;
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::topic::{TopicData, TopicStatus};
use praevnetz_store::{AuditFilter, TopicFilter};

use crate::backend_tests;
use crate::fixtures::name;
use crate::harness::TestDb;
use crate::meeting::{
    MISSING, Setup, assert_not_found, external_ref, field_error, meeting_data, series_data, setup,
    some_meeting, text, topic_data, unknown,
};

backend_tests!(
    topics_round_trip_with_categories_and_municipalities,
    categories_and_municipalities_are_kept_as_sets,
    topics_are_listed_longest_standing_first_by_series_and_status,
    topics_are_listed_by_municipality_and_category,
    topic_references_must_exist_and_nothing_is_left_behind,
    a_failed_topic_update_keeps_the_topic,
    missing_topics_cannot_be_updated_or_deleted,
    the_database_enforces_topic_rules_itself,
    topics_outlive_their_meeting_series_raiser_and_municipalities,
    deleting_a_topic_removes_its_lists_but_keeps_the_agenda,
    every_topic_change_is_in_the_audit_log,
);

fn codes(values: &[&str]) -> Vec<CategoryCode> {
    values
        .iter()
        .map(|code| CategoryCode::parse(code).unwrap())
        .collect()
}

fn sorted(mut ids: Vec<MunicipalityId>) -> Vec<MunicipalityId> {
    ids.sort();
    ids
}

async fn topics_round_trip_with_categories_and_municipalities(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let series = store
        .create_meeting_series(&ctx, &series_data("Vernetzungstreffen", Some(s.region)))
        .await
        .unwrap();
    let meeting = some_meeting(&db, "Vernetzungstreffen September").await;
    let data = TopicData {
        external_ref: Some(external_ref("T-17")),
        title: name("Gruppen am Bahnhof"),
        description: Some(text(
            "Trinkerszene und Jugendgruppen am Bahnhofsvorplatz;\nAnwohner fühlen sich unsicher.",
        )),
        status: TopicStatus::Scheduled,
        series_id: Some(series),
        raised_by_id: Some(s.anna),
        raised_at_id: Some(meeting),
        raised_on: date(2022, 9, 6),
        categories: codes(&["ALK", "GRP"]),
        municipalities: sorted(vec![s.t.freiberg, s.t.floeha]),
    };
    let id = store.create_topic(&ctx, &data).await.unwrap();
    let stored = store.topic(id).await.unwrap().unwrap();
    assert_eq!((stored.id, &stored.data), (id, &data));
    let by_ref = store
        .topic_by_ref(&external_ref("T-17"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_ref, stored);
    assert!(
        store
            .topic_by_ref(&external_ref("T-18"))
            .await
            .unwrap()
            .is_none()
    );

    // the whole record is replaced, lists included
    let changed = TopicData {
        external_ref: None,
        title: name("Drogenhandel am Bahnhof"),
        description: None,
        status: TopicStatus::FollowUp,
        series_id: None,
        raised_by_id: None,
        raised_at_id: None,
        raised_on: date(2022, 10, 1),
        categories: codes(&["DRG"]),
        municipalities: vec![s.t.chemnitz],
    };
    store.update_topic(&ctx, id, &changed).await.unwrap();
    assert_eq!(store.topic(id).await.unwrap().unwrap().data, changed);
    assert_eq!(db.raw_count("select count(*) from topic_category").await, 1);
    assert_eq!(
        db.raw_count("select count(*) from topic_municipality")
            .await,
        1
    );

    // and the lists may be emptied
    let bare = topic_data("Drogenhandel am Bahnhof");
    store.update_topic(&ctx, id, &bare).await.unwrap();
    assert_eq!(store.topic(id).await.unwrap().unwrap().data, bare);

    store.delete_topic(&ctx, id).await.unwrap();
    assert!(store.topic(id).await.unwrap().is_none());
}

async fn categories_and_municipalities_are_kept_as_sets(db: TestDb) {
    let s = setup(&db).await;
    let data = TopicData {
        // codes are read in any case
        categories: codes(&["grp", "ALK", "GRP", "van"]),
        municipalities: vec![s.t.freiberg, s.t.floeha, s.t.freiberg],
        ..topic_data("Vandalismus und Gruppen")
    };
    let id = db.store.create_topic(&db.ctx(), &data).await.unwrap();
    let stored = db.store.topic(id).await.unwrap().unwrap().data;
    assert_eq!(stored.categories, codes(&["ALK", "GRP", "VAN"]));
    assert_eq!(
        stored.municipalities,
        sorted(vec![s.t.floeha, s.t.freiberg])
    );
}

/// Four topics in two series, raised on different days.
struct Agenda {
    s: Setup,
    a: MeetingSeriesId,
    b: MeetingSeriesId,
    /// In the order they are listed: March 2022, two of September 2022, January 2023.
    t: [TopicId; 4],
    data: [TopicData; 4],
}

async fn agenda(db: &TestDb) -> Agenda {
    let s = setup(db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let a = store
        .create_meeting_series(&ctx, &series_data("Vernetzungstreffen", None))
        .await
        .unwrap();
    let b = store
        .create_meeting_series(&ctx, &series_data("Runder Tisch", None))
        .await
        .unwrap();
    let groups = TopicData {
        series_id: Some(a),
        categories: codes(&["GRP"]),
        municipalities: vec![s.t.floeha],
        ..topic_data("Gruppen am Bahnhof")
    };
    let drugs = TopicData {
        series_id: Some(a),
        status: TopicStatus::Closed,
        raised_on: date(2022, 3, 15),
        categories: codes(&["DRG", "GRP"]),
        municipalities: sorted(vec![s.t.floeha, s.t.freiberg]),
        ..topic_data("Crystal im Umfeld der Schulen")
    };
    let staff = TopicData {
        raised_on: date(2023, 1, 10),
        ..topic_data("Personalmangel im Ordnungsamt")
    };
    // raised on the same day as `groups`, recorded after it
    let dealing = TopicData {
        series_id: Some(b),
        status: TopicStatus::FollowUp,
        categories: codes(&["DRG"]),
        municipalities: vec![s.t.chemnitz],
        ..topic_data("Drogenhandel im Stadthallenpark")
    };
    let t1 = store.create_topic(&ctx, &groups).await.unwrap();
    let t2 = store.create_topic(&ctx, &drugs).await.unwrap();
    let t3 = store.create_topic(&ctx, &staff).await.unwrap();
    let t4 = store.create_topic(&ctx, &dealing).await.unwrap();
    Agenda {
        s,
        a,
        b,
        t: [t2, t1, t4, t3],
        data: [drugs, groups, dealing, staff],
    }
}

async fn listed(db: &TestDb, filter: &TopicFilter) -> Vec<TopicId> {
    db.store
        .topics(filter)
        .await
        .unwrap()
        .iter()
        .map(|t| t.id)
        .collect()
}

async fn topics_are_listed_longest_standing_first_by_series_and_status(db: TestDb) {
    let Agenda {
        a,
        b,
        t: [drugs, groups, dealing, staff],
        data,
        ..
    } = agenda(&db).await;
    let all = TopicFilter::default();
    assert_eq!(listed(&db, &all).await, [drugs, groups, dealing, staff]);
    let topics = db.store.topics(&all).await.unwrap();
    assert_eq!(
        topics.into_iter().map(|t| t.data).collect::<Vec<_>>(),
        data,
        "lists are read for every topic"
    );
    let cases = [
        (
            TopicFilter {
                series: Some(a),
                ..all.clone()
            },
            vec![drugs, groups],
        ),
        (
            TopicFilter {
                series: Some(b),
                ..all.clone()
            },
            vec![dealing],
        ),
        (
            TopicFilter {
                status: Some(TopicStatus::Raised),
                ..all.clone()
            },
            vec![groups, staff],
        ),
        (
            TopicFilter {
                status: Some(TopicStatus::Scheduled),
                ..all.clone()
            },
            vec![],
        ),
        (
            TopicFilter {
                series: Some(a),
                status: Some(TopicStatus::Closed),
                ..all.clone()
            },
            vec![drugs],
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(listed(&db, &filter).await, expected, "{filter:?}");
    }
}

async fn topics_are_listed_by_municipality_and_category(db: TestDb) {
    let Agenda {
        s,
        a,
        b,
        t: [drugs, groups, dealing, _],
        ..
    } = agenda(&db).await;
    let all = TopicFilter::default();
    let category = |code: &str| Some(CategoryCode::parse(code).unwrap());
    let cases = [
        (
            TopicFilter {
                municipality: Some(s.t.floeha),
                ..all.clone()
            },
            vec![drugs, groups],
        ),
        (
            TopicFilter {
                municipality: Some(s.t.freiberg),
                ..all.clone()
            },
            vec![drugs],
        ),
        (
            TopicFilter {
                municipality: Some(s.t.amtsberg),
                ..all.clone()
            },
            vec![],
        ),
        (
            TopicFilter {
                category: category("GRP"),
                ..all.clone()
            },
            vec![drugs, groups],
        ),
        (
            TopicFilter {
                category: category("DRG"),
                ..all.clone()
            },
            vec![drugs, dealing],
        ),
        (
            TopicFilter {
                category: category("VAN"),
                ..all.clone()
            },
            vec![],
        ),
        (
            TopicFilter {
                series: Some(a),
                status: Some(TopicStatus::Closed),
                municipality: Some(s.t.freiberg),
                category: category("DRG"),
            },
            vec![drugs],
        ),
        (
            TopicFilter {
                series: Some(b),
                municipality: Some(s.t.floeha),
                ..all.clone()
            },
            vec![],
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(listed(&db, &filter).await, expected, "{filter:?}");
    }
}

async fn topic_references_must_exist_and_nothing_is_left_behind(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let audit_before = store.counts().await.unwrap().audit_events;
    let lists_are_empty = async || {
        assert_eq!(db.raw_count("select count(*) from topic").await, 0);
        assert_eq!(db.raw_count("select count(*) from topic_category").await, 0);
        assert_eq!(
            db.raw_count("select count(*) from topic_municipality")
                .await,
            0
        );
    };

    // an unknown category, after a known one and a municipality were written
    let data = TopicData {
        categories: codes(&["ALK", "XYZ"]),
        municipalities: vec![s.t.floeha],
        ..topic_data("Gruppen am Bahnhof")
    };
    assert_eq!(
        field_error(store.create_topic(&ctx, &data).await),
        (
            Field::Categories,
            Rule::UnknownReference { key: "XYZ".into() }
        )
    );
    lists_are_empty().await;

    let data = TopicData {
        categories: codes(&["ALK"]),
        municipalities: vec![s.t.floeha, MunicipalityId::new(MISSING)],
        ..topic_data("Gruppen am Bahnhof")
    };
    assert_eq!(
        field_error(store.create_topic(&ctx, &data).await),
        unknown(Field::Municipalities, &MISSING)
    );
    lists_are_empty().await;

    let data = TopicData {
        series_id: Some(MeetingSeriesId::new(MISSING)),
        ..topic_data("Gruppen am Bahnhof")
    };
    assert_eq!(
        field_error(store.create_topic(&ctx, &data).await),
        unknown(Field::Series, &MISSING)
    );
    let data = TopicData {
        raised_by_id: Some(PersonId::new(MISSING)),
        ..topic_data("Gruppen am Bahnhof")
    };
    assert_eq!(
        field_error(store.create_topic(&ctx, &data).await),
        unknown(Field::RaisedBy, &MISSING)
    );
    // an organisation is an actor, but no person
    let data = TopicData {
        raised_by_id: Some(PersonId::new(s.police.get())),
        ..topic_data("Gruppen am Bahnhof")
    };
    assert_eq!(
        field_error(store.create_topic(&ctx, &data).await),
        unknown(Field::RaisedBy, &s.police)
    );
    let data = TopicData {
        raised_at_id: Some(MeetingId::new(MISSING)),
        ..topic_data("Gruppen am Bahnhof")
    };
    assert_eq!(
        field_error(store.create_topic(&ctx, &data).await),
        unknown(Field::Meeting, &MISSING)
    );
    lists_are_empty().await;
    assert_eq!(store.counts().await.unwrap().audit_events, audit_before);
}

async fn a_failed_topic_update_keeps_the_topic(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    // A failed update keeps the topic as it was.
    let kept = TopicData {
        external_ref: Some(external_ref("T-1")),
        categories: codes(&["GRP"]),
        municipalities: vec![s.t.floeha],
        ..topic_data("Gruppen am Bahnhof")
    };
    let id = store.create_topic(&ctx, &kept).await.unwrap();
    let broken = TopicData {
        title: name("Umbenannt"),
        categories: codes(&["DRG", "QQQ"]),
        municipalities: vec![s.t.chemnitz],
        ..kept.clone()
    };
    assert_eq!(
        field_error(store.update_topic(&ctx, id, &broken).await),
        (
            Field::Categories,
            Rule::UnknownReference { key: "QQQ".into() }
        )
    );
    assert_eq!(store.topic(id).await.unwrap().unwrap().data, kept);

    // external references are unique
    let twin = TopicData {
        external_ref: Some(external_ref("T-1")),
        ..topic_data("Doppelt")
    };
    assert_eq!(
        field_error(store.create_topic(&ctx, &twin).await),
        (Field::Ref, Rule::AlreadyExists { key: "T-1".into() })
    );
    assert_eq!(store.counts().await.unwrap().topics, 1);
}

async fn missing_topics_cannot_be_updated_or_deleted(db: TestDb) {
    setup(&db).await;
    let ctx = db.ctx();
    let before = db.store.counts().await.unwrap();
    assert_not_found(
        db.store
            .update_topic(&ctx, TopicId::new(MISSING), &topic_data("X"))
            .await,
        EntityKind::Topic,
        MISSING,
    );
    assert_not_found(
        db.store.delete_topic(&ctx, TopicId::new(MISSING)).await,
        EntityKind::Topic,
        MISSING,
    );
    assert!(
        db.store
            .topic(TopicId::new(MISSING))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(db.store.counts().await.unwrap(), before);
}

async fn the_database_enforces_topic_rules_itself(db: TestDb) {
    let s = setup(&db).await;
    let topic = db
        .store
        .create_topic(
            &db.ctx(),
            &TopicData {
                categories: codes(&["GRP"]),
                municipalities: vec![s.t.floeha],
                ..topic_data("Gruppen am Bahnhof")
            },
        )
        .await
        .unwrap();
    let t = topic.get();
    let floeha = s.t.floeha.get();
    assert_eq!(
        db.raw("insert into topic (title, status, raised_on) values ('X', 'raised', '2022-09-06')")
            .await,
        Ok(1),
        "a valid row is accepted, so the refusals below are about their values"
    );
    let rejected = [
        "insert into topic (title, status, raised_on) values (' ', 'raised', '2022-09-06')"
            .to_owned(),
        "insert into topic (title, status, raised_on) values ('X', 'open', '2022-09-06')"
            .to_owned(),
        "insert into topic (title, status, raised_on) values ('X', 'raised', '2022-02-30')"
            .to_owned(),
        "insert into topic (title, status) values ('X', 'raised')".to_owned(),
        "insert into topic (title, status, raised_on, meeting_series_id) \
         values ('X', 'raised', '2022-09-06', 999999)"
            .to_owned(),
        format!("insert into topic_category (topic_id, category_code) values ({t}, 'XYZ')"),
        format!("insert into topic_category (topic_id, category_code) values ({t}, 'GRP')"),
        "insert into topic_category (topic_id, category_code) values (999999, 'DRG')".to_owned(),
        format!("insert into topic_municipality (topic_id, municipality_id) values ({t}, 999999)"),
        format!(
            "insert into topic_municipality (topic_id, municipality_id) values ({t}, {floeha})"
        ),
        // a category in use stays
        "delete from problem_category where code = 'GRP'".to_owned(),
    ];
    for sql in &rejected {
        assert!(db.raw(sql).await.is_err(), "accepted: {sql}");
    }
    assert_eq!(db.raw_count("select count(*) from topic").await, 2);
    assert_eq!(db.raw_count("select count(*) from topic_category").await, 1);
    assert_eq!(
        db.raw_count("select count(*) from topic_municipality")
            .await,
        1
    );
    assert_eq!(
        db.raw_count("select count(*) from problem_category where code = 'GRP'")
            .await,
        1
    );
}

async fn topics_outlive_their_meeting_series_raiser_and_municipalities(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let series = store
        .create_meeting_series(&ctx, &series_data("Vernetzungstreffen", None))
        .await
        .unwrap();
    let meeting = store
        .create_meeting(
            &ctx,
            &meeting_data(
                Some(series),
                "Treffen",
                "06.09.2022 10:00",
                "06.09.2022 14:00",
            ),
        )
        .await
        .unwrap();
    let id = store
        .create_topic(
            &ctx,
            &TopicData {
                series_id: Some(series),
                raised_by_id: Some(s.anna),
                raised_at_id: Some(meeting),
                categories: codes(&["GRP"]),
                municipalities: sorted(vec![s.t.floeha, s.t.freiberg]),
                ..topic_data("Gruppen am Bahnhof")
            },
        )
        .await
        .unwrap();
    let current = async || store.topic(id).await.unwrap().unwrap().data;

    store.delete_meeting(&ctx, meeting).await.unwrap();
    let topic = current().await;
    assert_eq!(
        (topic.raised_at_id, topic.series_id, topic.raised_by_id),
        (None, Some(series), Some(s.anna))
    );
    store.delete_meeting_series(&ctx, series).await.unwrap();
    assert_eq!(current().await.series_id, None);
    store.delete_person(&ctx, s.anna).await.unwrap();
    assert_eq!(current().await.raised_by_id, None);
    store.delete_municipality(&ctx, s.t.freiberg).await.unwrap();
    let topic = current().await;
    assert_eq!(topic.municipalities, [s.t.floeha]);
    assert_eq!(topic.categories, codes(&["GRP"]));
}

async fn deleting_a_topic_removes_its_lists_but_keeps_the_agenda(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let topic = store
        .create_topic(
            &ctx,
            &TopicData {
                categories: codes(&["GRP", "ALK"]),
                municipalities: vec![s.t.floeha],
                raised_at_id: Some(meeting),
                ..topic_data("Gruppen am Bahnhof")
            },
        )
        .await
        .unwrap();
    let other = store
        .create_topic(
            &ctx,
            &TopicData {
                categories: codes(&["GRP"]),
                municipalities: vec![s.t.floeha],
                ..topic_data("Lärm am Markt")
            },
        )
        .await
        .unwrap();
    let item = store
        .create_agenda_item(
            &ctx,
            &AgendaItemData {
                meeting_id: meeting,
                position: 1,
                title: name("Gruppen am Bahnhof"),
                duration_minutes: Some(30),
                presenter_id: None,
                topic_id: Some(topic),
                notes: None,
            },
        )
        .await
        .unwrap();
    store.delete_topic(&ctx, topic).await.unwrap();
    let t = topic.get();
    assert_eq!(
        db.raw_count(&format!(
            "select count(*) from topic_category where topic_id = {t}"
        ))
        .await,
        0
    );
    assert_eq!(
        db.raw_count(&format!(
            "select count(*) from topic_municipality where topic_id = {t}"
        ))
        .await,
        0
    );
    let item = store.agenda_item(item).await.unwrap().unwrap();
    assert_eq!(item.data.topic_id, None);
    assert_eq!(item.data.duration_minutes, Some(30));
    // the other topic, the categories and the municipality stay
    assert_eq!(
        store.topic(other).await.unwrap().unwrap().data.categories,
        codes(&["GRP"])
    );
    assert_eq!(store.problem_categories().await.unwrap().len(), 21);
    assert!(store.municipality(s.t.floeha).await.unwrap().is_some());
    assert!(store.meeting(meeting).await.unwrap().is_some());
}

async fn every_topic_change_is_in_the_audit_log(db: TestDb) {
    setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let data = topic_data("Gruppen am Bahnhof");
    let id = store.create_topic(&ctx, &data).await.unwrap();
    store
        .update_topic(&ctx, id, &topic_data("Gruppen am Markt"))
        .await
        .unwrap();
    store.delete_topic(&ctx, id).await.unwrap();
    let events = store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Topic),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(
        events
            .iter()
            .map(|e| (e.action, e.entity_id, e.summary.as_str()))
            .collect::<Vec<_>>(),
        [
            (AuditAction::Delete, Some(id.get()), ""),
            (AuditAction::Update, Some(id.get()), "Gruppen am Markt"),
            (AuditAction::Create, Some(id.get()), "Gruppen am Bahnhof"),
        ]
    );
    assert!(events.iter().all(|e| e.at == ctx.at && e.user_id.is_none()));
    let by_id = store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Topic),
            entity_id: Some(id.get()),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(by_id.len(), 3);
}
