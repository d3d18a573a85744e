//! A meeting's record as planners edit it: agenda items placed at a position with the agenda
//! kept numbered without gaps, and the minutes.

use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{AgendaItemId, MeetingId};
use praevnetz_domain::meeting::{AgendaItemData, DecisionData};
use praevnetz_store::AuditFilter;

use crate::backend_tests;
use crate::fixtures::name;
use crate::harness::TestDb;
use crate::meeting::{MISSING, assert_not_found, field_error, some_meeting, text};

backend_tests!(
    agenda_items_are_placed_and_the_agenda_stays_numbered_without_gaps,
    a_position_outside_the_agenda_writes_nothing,
    items_of_another_meeting_are_not_found,
    minutes_are_replaced_and_logged,
    concurrent_additions_each_take_their_place,
);

fn item(meeting: MeetingId, position: u32, title: &str) -> AgendaItemData {
    AgendaItemData {
        meeting_id: meeting,
        position,
        title: name(title),
        duration_minutes: None,
        presenter_id: None,
        topic_id: None,
        notes: None,
    }
}

/// The agenda as (title, position), by position.
async fn agenda(db: &TestDb, meeting: MeetingId) -> Vec<(String, u32)> {
    db.store
        .agenda_items(Some(meeting), None)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.data.title.to_string(), a.data.position))
        .collect()
}

fn numbered(titles: &[&str]) -> Vec<(String, u32)> {
    titles
        .iter()
        .zip(1..)
        .map(|(t, p)| ((*t).to_owned(), p))
        .collect()
}

async fn agenda_items_are_placed_and_the_agenda_stays_numbered_without_gaps(db: TestDb) {
    let ctx = db.ctx();
    let store = &db.store;
    let m = some_meeting(&db, "Vernetzungstreffen").await;
    let place = |id: Option<AgendaItemId>, data: AgendaItemData| {
        let store = store.clone();
        let ctx = ctx.clone();
        async move { store.place_agenda_item(&ctx, id, &data).await.unwrap() }
    };
    let welcome = place(None, item(m, 1, "Begrüßung")).await;
    let groups = place(None, item(m, 2, "Gruppen am Bahnhof")).await;
    let next = place(None, item(m, 3, "Nächstes Treffen")).await;
    assert_eq!(
        agenda(&db, m).await,
        numbered(&["Begrüßung", "Gruppen am Bahnhof", "Nächstes Treffen"])
    );
    // A new item at the top moves the others down.
    let news = place(None, item(m, 1, "Aktuelles")).await;
    assert_eq!(
        agenda(&db, m).await,
        numbered(&[
            "Aktuelles",
            "Begrüßung",
            "Gruppen am Bahnhof",
            "Nächstes Treffen"
        ])
    );
    // The last item moved up to 2, renamed, with its fields kept.
    let mut changed = item(m, 2, "Termin des nächsten Treffens");
    changed.duration_minutes = Some(10);
    changed.notes = Some(text("Vorschlag: März"));
    assert_eq!(place(Some(next), changed.clone()).await, next);
    assert_eq!(
        agenda(&db, m).await,
        numbered(&[
            "Aktuelles",
            "Termin des nächsten Treffens",
            "Begrüßung",
            "Gruppen am Bahnhof"
        ])
    );
    assert_eq!(
        store.agenda_item(next).await.unwrap().unwrap().data,
        changed
    );
    // Moved down to the end, and a removal closes the gap.
    place(Some(news), item(m, 4, "Aktuelles")).await;
    store.remove_agenda_item(&ctx, m, welcome).await.unwrap();
    assert_eq!(
        agenda(&db, m).await,
        numbered(&[
            "Termin des nächsten Treffens",
            "Gruppen am Bahnhof",
            "Aktuelles"
        ])
    );
    // A decision taken under a removed item stays, without it.
    let decision = store
        .create_decision(
            &ctx,
            &DecisionData {
                meeting_id: m,
                agenda_item_id: Some(groups),
                text: text("Handreichung erarbeiten"),
            },
        )
        .await
        .unwrap();
    store.remove_agenda_item(&ctx, m, groups).await.unwrap();
    assert_eq!(
        store
            .decision(decision)
            .await
            .unwrap()
            .unwrap()
            .data
            .agenda_item_id,
        None
    );
    assert_eq!(
        agenda(&db, m).await,
        numbered(&["Termin des nächsten Treffens", "Aktuelles"])
    );
    // Each change of an item is one audit entry, the moves of the others none.
    assert_eq!(
        agenda_events(&db).await,
        [
            (AuditAction::Delete, "Gruppen am Bahnhof"),
            (AuditAction::Delete, "Begrüßung"),
            (AuditAction::Update, "Aktuelles"),
            (AuditAction::Update, "Termin des nächsten Treffens"),
            (AuditAction::Create, "Aktuelles"),
            (AuditAction::Create, "Nächstes Treffen"),
            (AuditAction::Create, "Gruppen am Bahnhof"),
            (AuditAction::Create, "Begrüßung"),
        ]
        .map(|(action, title)| (action, title.to_owned()))
    );
}

async fn agenda_events(db: &TestDb) -> Vec<(AuditAction, String)> {
    db.store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::AgendaItem),
            ..AuditFilter::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.summary))
        .collect()
}

async fn a_position_outside_the_agenda_writes_nothing(db: TestDb) {
    let ctx = db.ctx();
    let store = &db.store;
    let m = some_meeting(&db, "Vernetzungstreffen").await;
    let first = store
        .place_agenda_item(&ctx, None, &item(m, 1, "Begrüßung"))
        .await
        .unwrap();
    let before = store
        .audit_events(&AuditFilter::default())
        .await
        .unwrap()
        .len();
    // A new item: 1 or 2; a changed one: only 1.
    assert_eq!(
        field_error(
            store
                .place_agenda_item(&ctx, None, &item(m, 3, "Später"))
                .await
        ),
        (
            Field::Position,
            Rule::OutOfRange {
                min: "1".into(),
                max: "2".into(),
                found: "3".into()
            }
        )
    );
    assert_eq!(
        field_error(
            store
                .place_agenda_item(&ctx, Some(first), &item(m, 2, "Begrüßung"))
                .await
        )
        .0,
        Field::Position
    );
    assert_eq!(
        field_error(
            store
                .place_agenda_item(&ctx, None, &item(m, 0, "Vorher"))
                .await
        )
        .0,
        Field::Position
    );
    assert_eq!(agenda(&db, m).await, numbered(&["Begrüßung"]));
    assert_eq!(
        store
            .audit_events(&AuditFilter::default())
            .await
            .unwrap()
            .len(),
        before
    );
}

async fn items_of_another_meeting_are_not_found(db: TestDb) {
    let ctx = db.ctx();
    let store = &db.store;
    let m = some_meeting(&db, "Vernetzungstreffen").await;
    let other = some_meeting(&db, "Fachrunde").await;
    let foreign = store
        .place_agenda_item(&ctx, None, &item(other, 1, "Begrüßung"))
        .await
        .unwrap();
    assert_not_found(
        store
            .place_agenda_item(&ctx, Some(foreign), &item(m, 1, "Begrüßung"))
            .await,
        EntityKind::AgendaItem,
        foreign.get(),
    );
    assert_not_found(
        store.remove_agenda_item(&ctx, m, foreign).await,
        EntityKind::AgendaItem,
        foreign.get(),
    );
    assert_eq!(agenda(&db, other).await, numbered(&["Begrüßung"]));
    assert!(agenda(&db, m).await.is_empty());
    // A missing meeting is named on its field.
    assert_eq!(
        field_error(
            store
                .place_agenda_item(&ctx, None, &item(MeetingId::new(MISSING), 1, "X"))
                .await
        )
        .0,
        Field::Meeting
    );
}

async fn minutes_are_replaced_and_logged(db: TestDb) {
    let ctx = db.ctx();
    let store = &db.store;
    let m = some_meeting(&db, "Vernetzungstreffen").await;
    let before = store.meeting(m).await.unwrap().unwrap();
    let minutes = text("## Ergebnisse\n- Handreichung bis März");
    store
        .set_meeting_minutes(&ctx, m, Some(&minutes))
        .await
        .unwrap();
    let after = store.meeting(m).await.unwrap().unwrap();
    assert_eq!(after.data.minutes, Some(minutes));
    // Nothing else of the meeting changed.
    assert_eq!(
        (after.data.title, after.data.time, after.data.hosts),
        (before.data.title, before.data.time, before.data.hosts)
    );
    store.set_meeting_minutes(&ctx, m, None).await.unwrap();
    assert_eq!(store.meeting(m).await.unwrap().unwrap().data.minutes, None);
    let events = store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Meeting),
            action: Some(AuditAction::Update),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].summary, "Vernetzungstreffen");
    assert_not_found(
        store
            .set_meeting_minutes(&ctx, MeetingId::new(MISSING), None)
            .await,
        EntityKind::Meeting,
        MISSING,
    );
}

async fn concurrent_additions_each_take_their_place(db: TestDb) {
    let m = some_meeting(&db, "Vernetzungstreffen").await;
    // Ten items at once, each asking for the first place: none is refused, none lost, and the
    // agenda is numbered 1 to 10.
    let tasks: Vec<_> = (0..10)
        .map(|k| {
            let store = db.store.clone();
            let ctx = db.ctx();
            tokio::spawn(async move {
                store
                    .place_agenda_item(&ctx, None, &item(m, 1, &format!("Punkt {k}")))
                    .await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let agenda = agenda(&db, m).await;
    assert_eq!(agenda.len(), 10);
    assert!(
        agenda.iter().zip(1..).all(|((_, p), k)| *p == k),
        "{agenda:?}"
    );
}
