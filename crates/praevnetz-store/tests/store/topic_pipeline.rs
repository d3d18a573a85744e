//! The topic pipeline: votes (one per account and topic) and status changes along the pipeline
//! with their history.

use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::ids::{TopicId, UserId};
use praevnetz_domain::text::Email;
use praevnetz_domain::topic::TopicStatus;
use praevnetz_domain::user::{Role, UserData};
use praevnetz_store::{AuditFilter, TopicVotes};

use crate::backend_tests;
use crate::fixtures::name;
use crate::harness::TestDb;
use crate::meeting::{MISSING, assert_not_found, field_error, text, topic_data};

backend_tests!(
    an_account_votes_once_per_topic_and_may_withdraw,
    votes_need_a_topic_and_an_account_and_go_with_the_topic,
    the_database_takes_one_vote_per_account_and_topic,
    a_topic_moves_along_the_pipeline_and_keeps_its_history,
    a_move_the_pipeline_does_not_allow_writes_nothing,
    the_database_enforces_status_change_rules_itself,
);

async fn account(db: &TestDb, address: &str) -> UserId {
    db.store
        .create_user(
            &db.ctx(),
            &UserData {
                email: Email::parse(address).unwrap(),
                display_name: name("Anna Schmidt"),
                role: Role::Member,
                scopes: Vec::new(),
                language: Lang::De,
                active: true,
                person_id: None,
            },
            None,
        )
        .await
        .unwrap()
}

async fn topic(db: &TestDb, title: &str) -> TopicId {
    db.store
        .create_topic(&db.ctx(), &topic_data(title))
        .await
        .unwrap()
}

async fn vote_events(db: &TestDb) -> Vec<(AuditAction, Option<i64>, String)> {
    db.store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::TopicVote),
            ..AuditFilter::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.entity_id, e.summary))
        .collect()
}

async fn an_account_votes_once_per_topic_and_may_withdraw(db: TestDb) {
    let ctx = db.ctx();
    let store = &db.store;
    let (anna, ben) = (
        account(&db, "anna@example.org").await,
        account(&db, "ben@example.org").await,
    );
    let bahnhof = topic(&db, "Gruppen am Bahnhof").await;
    let markt = topic(&db, "Lärm am Markt").await;
    assert!(store.topic_votes(Some(anna)).await.unwrap().is_empty());
    assert!(store.vote_topic(&ctx, bahnhof, anna, true).await.unwrap());
    // A second vote of the same account changes nothing.
    assert!(!store.vote_topic(&ctx, bahnhof, anna, true).await.unwrap());
    assert!(store.vote_topic(&ctx, bahnhof, ben, true).await.unwrap());
    assert!(store.vote_topic(&ctx, markt, ben, true).await.unwrap());
    assert_eq!(
        store.topic_votes(Some(anna)).await.unwrap(),
        [
            TopicVotes {
                topic: bahnhof,
                count: 2,
                mine: true
            },
            TopicVotes {
                topic: markt,
                count: 1,
                mine: false
            },
        ]
    );
    assert!(
        store
            .topic_votes(None)
            .await
            .unwrap()
            .iter()
            .all(|v| !v.mine)
    );
    // Withdrawn once; withdrawing again changes nothing.
    assert!(store.vote_topic(&ctx, bahnhof, anna, false).await.unwrap());
    assert!(!store.vote_topic(&ctx, bahnhof, anna, false).await.unwrap());
    let votes = store.topic_votes(Some(anna)).await.unwrap();
    assert_eq!((votes[0].count, votes[0].mine), (1, false));
    // Each change once in the audit log, naming the topic; nothing for the non-changes.
    assert_eq!(
        vote_events(&db).await,
        [
            (
                AuditAction::Delete,
                Some(bahnhof.get()),
                "Gruppen am Bahnhof".to_owned()
            ),
            (
                AuditAction::Create,
                Some(markt.get()),
                "Lärm am Markt".to_owned()
            ),
            (
                AuditAction::Create,
                Some(bahnhof.get()),
                "Gruppen am Bahnhof".to_owned()
            ),
            (
                AuditAction::Create,
                Some(bahnhof.get()),
                "Gruppen am Bahnhof".to_owned()
            ),
        ]
    );
}

async fn votes_need_a_topic_and_an_account_and_go_with_the_topic(db: TestDb) {
    let ctx = db.ctx();
    let store = &db.store;
    let anna = account(&db, "anna@example.org").await;
    let bahnhof = topic(&db, "Gruppen am Bahnhof").await;
    assert_not_found(
        store
            .vote_topic(&ctx, TopicId::new(MISSING), anna, true)
            .await,
        EntityKind::Topic,
        MISSING,
    );
    assert_not_found(
        store
            .vote_topic(&ctx, bahnhof, UserId::new(MISSING), true)
            .await,
        EntityKind::User,
        MISSING,
    );
    assert!(vote_events(&db).await.is_empty());
    store.vote_topic(&ctx, bahnhof, anna, true).await.unwrap();
    store.delete_topic(&ctx, bahnhof).await.unwrap();
    assert!(store.topic_votes(Some(anna)).await.unwrap().is_empty());
    assert_eq!(db.raw_count("select count(*) from topic_vote").await, 0);
}

async fn the_database_takes_one_vote_per_account_and_topic(db: TestDb) {
    let anna = account(&db, "anna@example.org").await;
    let bahnhof = topic(&db, "Gruppen am Bahnhof").await;
    let insert = format!(
        "insert into topic_vote (topic_id, account_id, voted_at) values ({}, {}, \
         '2024-05-06T07:08:09Z')",
        bahnhof.get(),
        anna.get()
    );
    assert_eq!(db.raw(&insert).await, Ok(1));
    let twice = db.raw(&insert).await.unwrap_err();
    assert!(
        twice.contains("UNIQUE") || twice.contains("duplicate key"),
        "{twice}"
    );
    let nobody = format!(
        "insert into topic_vote (topic_id, account_id, voted_at) values ({}, {MISSING}, \
         '2024-05-06T07:08:09Z')",
        bahnhof.get()
    );
    assert!(db.raw(&nobody).await.is_err());
}

async fn a_topic_moves_along_the_pipeline_and_keeps_its_history(db: TestDb) {
    let ctx = db.ctx();
    let store = &db.store;
    let id = topic(&db, "Gruppen am Bahnhof").await;
    let note = text("Auf der Tagesordnung im März");
    let steps = [
        (TopicStatus::Scheduled, Some(&note)),
        (TopicStatus::Discussed, None),
        (TopicStatus::FollowUp, None),
        (TopicStatus::Closed, None),
        (TopicStatus::Raised, None),
    ];
    let mut before = TopicStatus::Raised;
    for (to, note) in steps {
        assert_eq!(
            store.set_topic_status(&ctx, id, to, note).await.unwrap(),
            before
        );
        assert_eq!(store.topic(id).await.unwrap().unwrap().data.status, to);
        before = to;
    }
    let history = store.topic_status_changes(id).await.unwrap();
    assert_eq!(
        history
            .iter()
            .map(|c| (c.from, c.to, c.note.as_ref().map(ToString::to_string)))
            .collect::<Vec<_>>(),
        [
            (
                TopicStatus::Raised,
                TopicStatus::Scheduled,
                Some("Auf der Tagesordnung im März".to_owned())
            ),
            (TopicStatus::Scheduled, TopicStatus::Discussed, None),
            (TopicStatus::Discussed, TopicStatus::FollowUp, None),
            (TopicStatus::FollowUp, TopicStatus::Closed, None),
            (TopicStatus::Closed, TopicStatus::Raised, None),
        ]
    );
    assert!(history.iter().all(|c| c.topic_id == id && c.at == ctx.at));
    let updates = store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Topic),
            action: Some(AuditAction::Update),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(updates.len(), 5);
    assert_eq!(
        updates[0].summary,
        "Gruppen am Bahnhof: closed → raised".to_owned()
    );
    // The history goes with the topic.
    store.delete_topic(&ctx, id).await.unwrap();
    assert_eq!(
        db.raw_count("select count(*) from topic_status_change")
            .await,
        0
    );
}

async fn a_move_the_pipeline_does_not_allow_writes_nothing(db: TestDb) {
    let ctx = db.ctx();
    let store = &db.store;
    let id = topic(&db, "Gruppen am Bahnhof").await;
    let events = |db: &TestDb| {
        let store = db.store.clone();
        async move {
            store
                .audit_events(&AuditFilter::default())
                .await
                .unwrap()
                .len()
        }
    };
    let before = events(&db).await;
    for to in [TopicStatus::Raised, TopicStatus::FollowUp] {
        assert_eq!(
            field_error(store.set_topic_status(&ctx, id, to, None).await),
            (
                Field::Status,
                Rule::TopicTransition {
                    from: TopicStatus::Raised,
                    to
                }
            )
        );
    }
    assert_eq!(
        store.topic(id).await.unwrap().unwrap().data.status,
        TopicStatus::Raised
    );
    assert!(store.topic_status_changes(id).await.unwrap().is_empty());
    assert_eq!(events(&db).await, before);
    assert_not_found(
        store
            .set_topic_status(&ctx, TopicId::new(MISSING), TopicStatus::Closed, None)
            .await,
        EntityKind::Topic,
        MISSING,
    );
}

async fn the_database_enforces_status_change_rules_itself(db: TestDb) {
    let id = topic(&db, "Gruppen am Bahnhof").await.get();
    let insert = |from: &str, to: &str| {
        format!(
            "insert into topic_status_change (topic_id, from_status, to_status, changed_at) \
             values ({id}, '{from}', '{to}', '2024-05-06T07:08:09Z')"
        )
    };
    assert_eq!(db.raw(&insert("raised", "closed")).await, Ok(1));
    // No move to where it stands, no unknown status.
    assert!(db.raw(&insert("closed", "closed")).await.is_err());
    assert!(db.raw(&insert("raised", "archived")).await.is_err());
    assert!(
        db.raw(&format!(
            "insert into topic_status_change (topic_id, from_status, to_status, changed_at) \
             values ({MISSING}, 'raised', 'closed', '2024-05-06T07:08:09Z')"
        ))
        .await
        .is_err()
    );
}
