//! Ties of kind "met at meeting": derived from attendance by the store, in the transaction of
//! the change that causes them, and never written by hand.

use jiff::civil::{Date, date};
use praevnetz_domain::audit::EntityKind;
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{ActorId, MeetingId, OrganisationId, PersonId, TieId};
use praevnetz_domain::meeting::{MeetingData, MeetingStatus, ParticipationStatus, TimeSpan};
use praevnetz_domain::tie::{Strength, Tie, TieData, TieKind, TieSpec};
use praevnetz_domain::time::Period;
use praevnetz_store::AuditFilter;

use crate::actor::add_person;
use crate::backend_tests;
use crate::harness::TestDb;
use crate::meeting::{
    MISSING, Setup, berlin, field_error, meeting_data, participation, setup, unknown,
};
use crate::tie::tie_data;

backend_tests!(
    those_who_attended_a_held_meeting_are_tied_from_its_day,
    a_status_away_from_attended_removes_that_persons_ties,
    cancelling_or_moving_a_held_meeting_updates_its_ties,
    a_participation_moved_to_another_meeting_moves_its_ties,
    two_meetings_on_one_day_tie_the_same_pair_twice,
    a_failed_change_leaves_the_ties_as_they_were,
    ties_of_kind_met_at_meeting_are_not_written_by_hand,
);

/// The ties of kind "met at meeting", as (person, person, start, meeting), in id order.
async fn met(db: &TestDb) -> Vec<(PersonId, PersonId, Option<Date>, Option<MeetingId>)> {
    db.store
        .ties(None, None)
        .await
        .unwrap()
        .into_iter()
        .filter(|t| t.data.kind() == TieKind::MetAtMeeting)
        .map(|t| {
            let person = |a: ActorId| match a {
                ActorId::Person(p) => p,
                ActorId::Organisation(o) => panic!("organisation {o} met at a meeting"),
            };
            (
                person(t.data.source()),
                person(t.data.target()),
                t.data.period().since(),
                t.data.meeting_id(),
            )
        })
        .collect()
}

fn met_ids(ties: &[Tie]) -> Vec<TieId> {
    ties.iter()
        .filter(|t| t.data.kind() == TieKind::MetAtMeeting)
        .map(|t| t.id)
        .collect()
}

/// Anna, Ben and Carla, with Anna's id the lowest.
struct People {
    s: Setup,
    carla: PersonId,
}

async fn people(db: &TestDb) -> People {
    let s = setup(db).await;
    let carla = add_person(db, "Carla", "Zimmer").await;
    People { s, carla }
}

/// A held meeting on 6 September 2022, 10:00–14:00 in Berlin.
fn held() -> MeetingData {
    MeetingData {
        status: MeetingStatus::Held,
        ..meeting_data(
            None,
            "Vernetzungstreffen",
            "06.09.2022 10:00",
            "06.09.2022 14:00",
        )
    }
}

/// The summaries of the audit entries about ties, newest first.
async fn tie_entries(db: &TestDb) -> Vec<String> {
    db.store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Tie),
            ..AuditFilter::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.summary)
        .collect()
}

async fn those_who_attended_a_held_meeting_are_tied_from_its_day(db: TestDb) {
    let People { s, carla } = people(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = store.create_meeting(&ctx, &held()).await.unwrap();
    // A tie of another kind between the same two is never touched.
    let cooperation = store
        .create_tie(
            &ctx,
            &tie_data(
                ActorId::Person(s.anna),
                ActorId::Person(s.ben),
                TieKind::Cooperation,
                false,
            ),
        )
        .await
        .unwrap();
    let day = Some(date(2022, 9, 6));
    store
        .create_participation(
            &ctx,
            &participation(meeting, s.anna, ParticipationStatus::Attended),
        )
        .await
        .unwrap();
    // One who attended alone has met no one.
    assert!(met(&db).await.is_empty());
    store
        .create_participation(
            &ctx,
            &participation(meeting, s.ben, ParticipationStatus::Attended),
        )
        .await
        .unwrap();
    let excused = store
        .create_participation(
            &ctx,
            &participation(meeting, carla, ParticipationStatus::Excused),
        )
        .await
        .unwrap();
    assert_eq!(met(&db).await, [(s.anna, s.ben, day, Some(meeting))]);
    // Weak, undirected, from the meeting's day without end.
    let ties = store
        .ties(Some(ActorId::Person(s.ben)), None)
        .await
        .unwrap();
    let tie = ties
        .iter()
        .find(|t| t.data.kind() == TieKind::MetAtMeeting)
        .unwrap();
    assert_eq!(
        tie.data,
        TieData::new(TieSpec {
            source: ActorId::Person(s.ben),
            target: ActorId::Person(s.anna),
            kind: TieKind::MetAtMeeting,
            directed: false,
            strength: Strength::new(1).unwrap(),
            period: Period::new(day, None).unwrap(),
            source_note: None,
            meeting_id: Some(meeting),
        })
        .unwrap()
    );
    // Carla did come after all.
    store
        .update_participation(
            &ctx,
            excused,
            &participation(meeting, carla, ParticipationStatus::Attended),
        )
        .await
        .unwrap();
    assert_eq!(
        met(&db).await,
        [
            (s.anna, s.ben, day, Some(meeting)),
            (s.anna, carla, day, Some(meeting)),
            (s.ben, carla, day, Some(meeting)),
        ]
    );
    assert_eq!(
        store.tie(cooperation).await.unwrap().unwrap().data,
        tie_data(
            ActorId::Person(s.anna),
            ActorId::Person(s.ben),
            TieKind::Cooperation,
            false
        )
    );
    // Each change that changed ties is in the audit log with what it changed; the others
    // (Anna alone, Carla excused) wrote no entry about ties.
    let m = meeting.get();
    assert_eq!(
        tie_entries(&db).await,
        [
            format!("met_at_meeting (meeting {m}): 2 created, 0 deleted"),
            format!("met_at_meeting (meeting {m}): 1 created, 0 deleted"),
            "cooperation".to_owned(),
        ]
    );
}

async fn a_status_away_from_attended_removes_that_persons_ties(db: TestDb) {
    let People { s, carla } = people(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = store.create_meeting(&ctx, &held()).await.unwrap();
    let mut ids = Vec::new();
    for person in [s.anna, s.ben, carla] {
        let p = participation(meeting, person, ParticipationStatus::Attended);
        ids.push(store.create_participation(&ctx, &p).await.unwrap());
    }
    assert_eq!(met(&db).await.len(), 3);
    let before = met_ids(&store.ties(None, None).await.unwrap());
    // Ben was recorded by mistake: he was absent.
    store
        .update_participation(
            &ctx,
            ids[1],
            &participation(meeting, s.ben, ParticipationStatus::Absent),
        )
        .await
        .unwrap();
    let day = Some(date(2022, 9, 6));
    assert_eq!(met(&db).await, [(s.anna, carla, day, Some(meeting))]);
    // The tie that stays is the same record.
    let after = met_ids(&store.ties(None, None).await.unwrap());
    assert_eq!(after, [before[1]]);
    // A participation deleted takes its ties along.
    store.delete_participation(&ctx, ids[2]).await.unwrap();
    assert!(met(&db).await.is_empty());
    assert_eq!(
        tie_entries(&db).await[0],
        format!("met_at_meeting (meeting {meeting}): 0 created, 1 deleted")
    );
}

async fn cancelling_or_moving_a_held_meeting_updates_its_ties(db: TestDb) {
    let People { s, carla } = people(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let mut data = MeetingData {
        status: MeetingStatus::Planned,
        ..held()
    };
    let meeting = store.create_meeting(&ctx, &data).await.unwrap();
    for person in [s.anna, s.ben, carla] {
        let p = participation(meeting, person, ParticipationStatus::Attended);
        store.create_participation(&ctx, &p).await.unwrap();
    }
    // Attendance of a meeting still planned makes no ties; recording it as held does.
    assert!(met(&db).await.is_empty());
    data.status = MeetingStatus::Held;
    store.update_meeting(&ctx, meeting, &data).await.unwrap();
    let on = |day| {
        let since = Some(day);
        vec![
            (s.anna, s.ben, since, Some(meeting)),
            (s.anna, carla, since, Some(meeting)),
            (s.ben, carla, since, Some(meeting)),
        ]
    };
    assert_eq!(met(&db).await, on(date(2022, 9, 6)));
    // Moved to a late evening: the day is Berlin's, not UTC's (22:30 UTC is 00:30 the next day).
    data.time = TimeSpan::new(berlin("08.09.2022 00:30"), berlin("08.09.2022 02:00")).unwrap();
    store.update_meeting(&ctx, meeting, &data).await.unwrap();
    assert_eq!(met(&db).await, on(date(2022, 9, 8)));
    // A change that keeps day and attendance keeps the ties as they are, and logs none.
    let entries = tie_entries(&db).await.len();
    let ids = met_ids(&store.ties(None, None).await.unwrap());
    data.title = praevnetz_domain::text::Name::parse("Umbenannt").unwrap();
    data.time = TimeSpan::new(berlin("08.09.2022 09:00"), berlin("08.09.2022 12:00")).unwrap();
    store.update_meeting(&ctx, meeting, &data).await.unwrap();
    assert_eq!(met_ids(&store.ties(None, None).await.unwrap()), ids);
    assert_eq!(tie_entries(&db).await.len(), entries);
    // Cancelled: nobody met there.
    data.status = MeetingStatus::Cancelled;
    store.update_meeting(&ctx, meeting, &data).await.unwrap();
    assert!(met(&db).await.is_empty());
    assert_eq!(
        tie_entries(&db).await[0],
        format!("met_at_meeting (meeting {meeting}): 0 created, 3 deleted")
    );
}

async fn a_participation_moved_to_another_meeting_moves_its_ties(db: TestDb) {
    let People { s, carla } = people(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let first = store.create_meeting(&ctx, &held()).await.unwrap();
    let second = store
        .create_meeting(
            &ctx,
            &MeetingData {
                status: MeetingStatus::Held,
                ..meeting_data(None, "Fachtag", "11.05.2023 09:30", "11.05.2023 15:00")
            },
        )
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (meeting, person) in [(first, s.anna), (first, s.ben), (second, carla)] {
        let p = participation(meeting, person, ParticipationStatus::Attended);
        ids.push(store.create_participation(&ctx, &p).await.unwrap());
    }
    assert_eq!(
        met(&db).await,
        [(s.anna, s.ben, Some(date(2022, 9, 6)), Some(first))]
    );
    // Ben's attendance belongs to the other meeting.
    store
        .update_participation(
            &ctx,
            ids[1],
            &participation(second, s.ben, ParticipationStatus::Attended),
        )
        .await
        .unwrap();
    assert_eq!(
        met(&db).await,
        [(s.ben, carla, Some(date(2023, 5, 11)), Some(second))]
    );
}

async fn two_meetings_on_one_day_tie_the_same_pair_twice(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let morning = store.create_meeting(&ctx, &held()).await.unwrap();
    let mut afternoon = MeetingData {
        status: MeetingStatus::Held,
        ..meeting_data(None, "Fachtag", "06.09.2022 15:00", "06.09.2022 17:00")
    };
    let later = store.create_meeting(&ctx, &afternoon).await.unwrap();
    for meeting in [morning, later] {
        for person in [s.anna, s.ben] {
            let p = participation(meeting, person, ParticipationStatus::Attended);
            store.create_participation(&ctx, &p).await.unwrap();
        }
    }
    let day = Some(date(2022, 9, 6));
    assert_eq!(
        met(&db).await,
        [
            (s.anna, s.ben, day, Some(morning)),
            (s.anna, s.ben, day, Some(later)),
        ]
    );
    // Each meeting answers for its own tie only.
    afternoon.status = MeetingStatus::Cancelled;
    store.update_meeting(&ctx, later, &afternoon).await.unwrap();
    assert_eq!(met(&db).await, [(s.anna, s.ben, day, Some(morning))]);
    // Deleting a meeting deletes its ties with it.
    store.delete_meeting(&ctx, morning).await.unwrap();
    assert!(met(&db).await.is_empty());
}

async fn a_failed_change_leaves_the_ties_as_they_were(db: TestDb) {
    let People { s, carla } = people(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let mut data = held();
    let meeting = store.create_meeting(&ctx, &data).await.unwrap();
    let mut ids = Vec::new();
    for person in [s.anna, s.ben] {
        let p = participation(meeting, person, ParticipationStatus::Attended);
        ids.push(store.create_participation(&ctx, &p).await.unwrap());
    }
    let before = store.ties(None, None).await.unwrap();
    let audit = store.counts().await.unwrap().audit_events;
    // Cancelled, but with a host that does not exist: nothing of it is kept.
    data.status = MeetingStatus::Cancelled;
    data.hosts = vec![s.police, OrganisationId::new(MISSING)];
    assert_eq!(
        field_error(store.update_meeting(&ctx, meeting, &data).await),
        unknown(Field::Hosts, &MISSING)
    );
    // Ben absent, but for an organisation that does not exist.
    let mut absent = participation(meeting, s.ben, ParticipationStatus::Absent);
    absent.organisation_id = Some(OrganisationId::new(MISSING));
    assert_eq!(
        field_error(store.update_participation(&ctx, ids[1], &absent).await),
        unknown(Field::Organisation, &MISSING)
    );
    // Carla attended, but twice.
    let carla_attended = participation(meeting, carla, ParticipationStatus::Attended);
    store
        .create_participation(&ctx, &carla_attended)
        .await
        .unwrap();
    let with_carla = store.ties(None, None).await.unwrap();
    let audit_with_carla = store.counts().await.unwrap().audit_events;
    assert_eq!(met_ids(&with_carla).len(), 3);
    assert!(
        store
            .create_participation(&ctx, &carla_attended)
            .await
            .is_err()
    );
    assert_eq!(store.ties(None, None).await.unwrap(), with_carla);
    assert_eq!(store.counts().await.unwrap().audit_events, audit_with_carla);
    // The earlier failures left the meeting and its one tie as they were.
    assert_eq!(
        audit_with_carla,
        audit + 2,
        "Carla's participation and its ties"
    );
    assert_eq!(met_ids(&before).len(), 1);
    assert!(with_carla.iter().any(|t| t.id == met_ids(&before)[0]));
    assert_eq!(
        store.meeting(meeting).await.unwrap().unwrap().data.status,
        MeetingStatus::Held
    );
}

async fn ties_of_kind_met_at_meeting_are_not_written_by_hand(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let (anna, ben) = (ActorId::Person(s.anna), ActorId::Person(s.ben));
    let meeting = store.create_meeting(&ctx, &held()).await.unwrap();
    let by_hand = TieData::new(TieSpec {
        source: anna,
        target: ben,
        kind: TieKind::MetAtMeeting,
        directed: false,
        strength: Strength::new(1).unwrap(),
        period: Period::ALWAYS,
        source_note: None,
        meeting_id: Some(meeting),
    })
    .unwrap();
    let refused = (Field::Kind, Rule::FromAttendance);
    assert_eq!(field_error(store.create_tie(&ctx, &by_hand).await), refused);
    assert!(met(&db).await.is_empty());
    // A tie of another kind does not become one.
    let cooperation = store
        .create_tie(&ctx, &tie_data(anna, ben, TieKind::Cooperation, false))
        .await
        .unwrap();
    assert_eq!(
        field_error(store.update_tie(&ctx, cooperation, &by_hand).await),
        refused
    );
    // One that follows from attendance is neither changed nor deleted by hand.
    for person in [s.anna, s.ben] {
        let p = participation(meeting, person, ParticipationStatus::Attended);
        store.create_participation(&ctx, &p).await.unwrap();
    }
    let derived = met_ids(&store.ties(None, None).await.unwrap())[0];
    let kept = store.tie(derived).await.unwrap().unwrap();
    assert_eq!(
        field_error(
            store
                .update_tie(
                    &ctx,
                    derived,
                    &tie_data(anna, ben, TieKind::Cooperation, false)
                )
                .await
        ),
        refused
    );
    assert_eq!(field_error(store.delete_tie(&ctx, derived).await), refused);
    assert_eq!(store.tie(derived).await.unwrap(), Some(kept));
    assert_eq!(
        store.tie(cooperation).await.unwrap().unwrap().data.kind(),
        TieKind::Cooperation
    );
}
