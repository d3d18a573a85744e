use std::fmt::Debug;

use jiff::Timestamp;
use jiff::civil::date;
use praevnetz_domain::actor::{
    DataBasis, Home, LegalBasis, OrganisationData, OrganisationKind, PersonData, Pillars,
};
use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{
    ActionItemId, ActorId, AgendaItemId, DecisionId, MeetingId, MeetingSeriesId, MunicipalityId,
    OrganisationId, ParticipationId, PersonId, RegionId, TopicId,
};
use praevnetz_domain::meeting::{
    ActionItemData, ActionStatus, AgendaItemData, DecisionData, MeetingData, MeetingFormat,
    MeetingSeriesData, MeetingStatus, ParticipationData, ParticipationStatus, TimeSpan, Venue,
};
use praevnetz_domain::territory::{DistrictAgs, GeoPoint, RegionData};
use praevnetz_domain::text::{ExternalRef, Slug, Text};
use praevnetz_domain::tie::TieKind;
use praevnetz_domain::time::{local, parse_timestamp};
use praevnetz_domain::topic::{TopicData, TopicStatus};
use praevnetz_store::{ActionItemFilter, AuditFilter, MeetingFilter, StoreError};

use crate::backend_tests;
use crate::fixtures::{Territory, name, territory};
use crate::harness::TestDb;

backend_tests!(
    meeting_series_are_created_read_updated_and_deleted,
    meetings_round_trip_with_venue_hosts_and_exact_times,
    hosts_are_kept_as_a_set,
    meetings_are_listed_by_series_host_place_and_status,
    meetings_are_listed_by_start_with_exact_bounds,
    a_series_with_meetings_cannot_be_deleted,
    series_and_meeting_references_must_exist,
    participation_and_agenda_references_must_exist,
    decisions_and_action_items_reference_their_own_meeting,
    a_person_takes_part_in_a_meeting_once,
    invitations_add_those_not_yet_listed,
    an_invitation_naming_a_missing_person_writes_nothing,
    agenda_items_are_ordered_and_each_position_is_taken_once,
    decisions_are_recorded_per_meeting,
    action_items_are_listed_soonest_due_first,
    values_the_database_would_refuse_are_field_errors,
    missing_series_and_meetings_cannot_be_updated_or_deleted,
    missing_meeting_records_cannot_be_updated_or_deleted,
    the_database_enforces_meeting_rules_itself,
    the_database_enforces_agenda_and_minutes_rules_itself,
    deleting_a_meeting_removes_what_belongs_to_it,
    deleting_actors_keeps_meetings_consistent,
    every_meeting_change_is_in_the_audit_log,
    a_failed_meeting_write_leaves_nothing_behind,
);

// ---------------------------------------------------------------- fixtures

pub fn text(value: &str) -> Text {
    Text::parse(value).unwrap()
}

pub fn external_ref(value: &str) -> ExternalRef {
    ExternalRef::parse(value).unwrap()
}

/// A local time in Europe/Berlin, as users type it.
pub fn berlin(value: &str) -> Timestamp {
    parse_timestamp(value).unwrap()
}

fn organisation(official: &str, kind: OrganisationKind, home: Home) -> OrganisationData {
    OrganisationData {
        external_ref: None,
        name: name(official),
        short_name: None,
        aliases: Vec::new(),
        kind,
        pillars: Pillars::new(kind.default_pillar().unwrap(), []),
        home,
        area: Vec::new(),
        email: None,
        phone: None,
        website: None,
        address: None,
        description: None,
    }
}

fn person(given: &str, family: &str) -> PersonData {
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

/// Territory, a network region, three organisations and two persons.
pub struct Setup {
    pub t: Territory,
    pub region: RegionId,
    pub police: OrganisationId,
    pub town: OrganisationId,
    pub youth: OrganisationId,
    pub anna: PersonId,
    pub ben: PersonId,
}

pub async fn setup(db: &TestDb) -> Setup {
    let t = territory(db).await;
    let ctx = db.ctx();
    let s = &db.store;
    let region = s
        .create_region(
            &ctx,
            &RegionData {
                slug: Slug::parse("chemnitz-erzgebirge-mittelsachsen").unwrap(),
                name: name("Chemnitz · Erzgebirge · Mittelsachsen"),
                description: None,
                districts: ["14511", "14521", "14522"]
                    .iter()
                    .map(|ags| DistrictAgs::parse(ags).unwrap())
                    .collect(),
            },
        )
        .await
        .unwrap();
    let police = s
        .create_organisation(
            &ctx,
            &organisation(
                "Polizeirevier Flöha",
                OrganisationKind::PoliceStation,
                Home::Municipality(t.floeha),
            ),
        )
        .await
        .unwrap();
    let town = s
        .create_organisation(
            &ctx,
            &organisation(
                "Stadtverwaltung Flöha",
                OrganisationKind::Administration,
                Home::Municipality(t.floeha),
            ),
        )
        .await
        .unwrap();
    let youth = s
        .create_organisation(
            &ctx,
            &organisation(
                "Mobile Jugendarbeit Mittelsachsen",
                OrganisationKind::YouthWork,
                Home::District(t.mittelsachsen),
            ),
        )
        .await
        .unwrap();
    let anna = s
        .create_person(&ctx, &person("Anna", "Schmidt"))
        .await
        .unwrap();
    let ben = s
        .create_person(&ctx, &person("Ben", "Krause"))
        .await
        .unwrap();
    Setup {
        t,
        region,
        police,
        town,
        youth,
        anna,
        ben,
    }
}

pub fn series_data(title: &str, region: Option<RegionId>) -> MeetingSeriesData {
    MeetingSeriesData {
        external_ref: None,
        name: name(title),
        description: None,
        region_id: region,
        organiser_id: None,
    }
}

/// A planned in-person meeting from `start` to `end` (local times).
pub fn meeting_data(
    series: Option<MeetingSeriesId>,
    title: &str,
    start: &str,
    end: &str,
) -> MeetingData {
    MeetingData {
        external_ref: None,
        series_id: series,
        title: name(title),
        time: TimeSpan::new(berlin(start), berlin(end)).unwrap(),
        format: MeetingFormat::InPerson,
        status: MeetingStatus::Planned,
        venue: Venue::default(),
        capacity: None,
        description: None,
        minutes: None,
        hosts: Vec::new(),
    }
}

/// A meeting without series, for tests that need one.
pub async fn some_meeting(db: &TestDb, title: &str) -> MeetingId {
    db.store
        .create_meeting(
            &db.ctx(),
            &meeting_data(None, title, "06.09.2022 10:00", "06.09.2022 14:00"),
        )
        .await
        .unwrap()
}

pub fn topic_data(title: &str) -> TopicData {
    TopicData {
        external_ref: None,
        title: name(title),
        description: None,
        status: TopicStatus::Raised,
        series_id: None,
        raised_by_id: None,
        raised_at_id: None,
        raised_on: date(2022, 9, 6),
        categories: Vec::new(),
        municipalities: Vec::new(),
    }
}

pub fn participation(
    meeting: MeetingId,
    person: PersonId,
    status: ParticipationStatus,
) -> ParticipationData {
    ParticipationData {
        meeting_id: meeting,
        person_id: person,
        organisation_id: None,
        status,
        note: None,
    }
}

fn agenda_item(meeting: MeetingId, position: u32, title: &str) -> AgendaItemData {
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

fn action_item(meeting: Option<MeetingId>, title: &str) -> ActionItemData {
    ActionItemData {
        meeting_id: meeting,
        decision_id: None,
        title: name(title),
        owner_id: None,
        due_on: None,
        status: ActionStatus::Open,
        completed_on: None,
    }
}

/// The field error a write failed with.
#[track_caller]
pub fn field_error<T: Debug>(result: Result<T, StoreError>) -> (Field, Rule) {
    match result {
        Err(StoreError::Invalid(e)) => (e.field, e.rule),
        other => panic!("expected a field error, got {other:?}"),
    }
}

pub fn unknown(field: Field, id: &impl ToString) -> (Field, Rule) {
    (
        field,
        Rule::UnknownReference {
            key: id.to_string(),
        },
    )
}

#[track_caller]
pub fn assert_not_found<T: Debug>(result: Result<T, StoreError>, kind: EntityKind, missing: i64) {
    match result {
        Err(StoreError::NotFound { entity, id }) => assert_eq!((entity, id), (kind, missing)),
        other => panic!("expected not found, got {other:?}"),
    }
}

/// An id no record has.
pub const MISSING: i64 = 999_999;

fn ids<T, I: Copy>(records: &[T], id: impl Fn(&T) -> I) -> Vec<I> {
    records.iter().map(id).collect()
}

// ---------------------------------------------------------------- tests

async fn meeting_series_are_created_read_updated_and_deleted(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let data = MeetingSeriesData {
        external_ref: Some(external_ref("VT-CEM")),
        name: name("Vernetzungstreffen Chemnitz · Erzgebirge · Mittelsachsen"),
        description: Some(text("Austausch der Präventionsakteure\nzweimal im Jahr")),
        region_id: Some(s.region),
        organiser_id: Some(s.town),
    };
    let id = db.store.create_meeting_series(&ctx, &data).await.unwrap();
    let stored = db.store.meeting_series(id).await.unwrap().unwrap();
    assert_eq!((stored.id, &stored.data), (id, &data));
    let by_ref = db
        .store
        .meeting_series_by_ref(&external_ref("VT-CEM"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_ref, stored);
    assert!(
        db.store
            .meeting_series_by_ref(&external_ref("VT-XYZ"))
            .await
            .unwrap()
            .is_none()
    );

    let other = db
        .store
        .create_meeting_series(&ctx, &series_data("ASSKomm-Fachtag", None))
        .await
        .unwrap();
    // by name
    let all = db.store.meeting_series_list(None).await.unwrap();
    assert_eq!(ids(&all, |x| x.id), [other, id]);
    let in_region = db.store.meeting_series_list(Some(s.region)).await.unwrap();
    assert_eq!(ids(&in_region, |x| x.id), [id]);

    let changed = MeetingSeriesData {
        external_ref: None,
        name: name("Vernetzungstreffen Südwestsachsen"),
        description: None,
        region_id: None,
        organiser_id: Some(s.police),
    };
    db.store
        .update_meeting_series(&ctx, id, &changed)
        .await
        .unwrap();
    assert_eq!(
        db.store.meeting_series(id).await.unwrap().unwrap().data,
        changed
    );
    assert!(
        db.store
            .meeting_series_list(Some(s.region))
            .await
            .unwrap()
            .is_empty()
    );

    // the external reference is unique
    let duplicate = MeetingSeriesData {
        external_ref: Some(external_ref("FT")),
        ..series_data("Fachtag 2023", None)
    };
    db.store
        .update_meeting_series(&ctx, other, &duplicate)
        .await
        .unwrap();
    assert_eq!(
        field_error(db.store.create_meeting_series(&ctx, &duplicate).await),
        (Field::Ref, Rule::AlreadyExists { key: "FT".into() })
    );

    db.store.delete_meeting_series(&ctx, id).await.unwrap();
    assert!(db.store.meeting_series(id).await.unwrap().is_none());
    assert_not_found(
        db.store.delete_meeting_series(&ctx, id).await,
        EntityKind::MeetingSeries,
        id.get(),
    );
    assert_eq!(db.store.meeting_series_list(None).await.unwrap().len(), 1);
}

async fn meetings_round_trip_with_venue_hosts_and_exact_times(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let series = db
        .store
        .create_meeting_series(&ctx, &series_data("Vernetzungstreffen", Some(s.region)))
        .await
        .unwrap();
    let start = berlin("06.09.2022 10:00");
    let end = berlin("2022-09-06 14:00");
    // summer time: Berlin is two hours ahead of UTC
    assert_eq!(start, "2022-09-06T08:00:00Z".parse::<Timestamp>().unwrap());
    assert_eq!(end, "2022-09-06T12:00:00Z".parse::<Timestamp>().unwrap());
    let mut hosts = vec![s.town, s.police];
    hosts.sort();
    let data = MeetingData {
        external_ref: Some(external_ref("VT-2022-09")),
        series_id: Some(series),
        title: name("Vernetzungstreffen Chemnitz · Erzgebirge · Mittelsachsen"),
        time: TimeSpan::new(start, end).unwrap(),
        format: MeetingFormat::Hybrid,
        status: MeetingStatus::Held,
        venue: Venue {
            name: Some(name("Stadtsaal „Alte Baumwolle“")),
            address: Some(text("Augustusburger Straße 1\n09557 Flöha")),
            municipality_id: Some(s.t.floeha),
            location: Some(GeoPoint::new(50.856_13, 13.074_07).unwrap()),
        },
        capacity: Some(60),
        description: Some(text("Austausch zu Problemlagen der Region")),
        minutes: Some(text(
            "# Protokoll\n\n- Ressourcenmangel bei Polizei und Ordnungsamt\n- Gruppen am Bahnhof",
        )),
        hosts,
    };
    let id = db.store.create_meeting(&ctx, &data).await.unwrap();
    let stored = db.store.meeting(id).await.unwrap().unwrap();
    assert_eq!((stored.id, &stored.data), (id, &data));
    assert_eq!(
        local(stored.data.time.starts_at())
            .strftime("%d.%m.%Y %H:%M")
            .to_string(),
        "06.09.2022 10:00"
    );
    // The database itself holds the instants in UTC.
    assert_eq!(
        db.raw_count(
            "select count(*) from meeting where starts_at = '2022-09-06T08:00:00Z' \
             and ends_at = '2022-09-06T12:00:00Z'"
        )
        .await,
        1
    );
    let by_ref = db
        .store
        .meeting_by_ref(&external_ref("VT-2022-09"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_ref, stored);

    // winter time: one hour ahead; the whole record is replaced, hosts included
    let changed = MeetingData {
        external_ref: None,
        series_id: None,
        title: name("Vernetzungstreffen (Online)"),
        time: TimeSpan::new(berlin("06.12.2022 09:30"), berlin("06.12.2022 11:00")).unwrap(),
        format: MeetingFormat::Online,
        status: MeetingStatus::Planned,
        venue: Venue {
            name: None,
            address: None,
            municipality_id: Some(s.t.chemnitz),
            location: None,
        },
        capacity: None,
        description: None,
        minutes: None,
        hosts: vec![s.youth],
    };
    db.store.update_meeting(&ctx, id, &changed).await.unwrap();
    let stored = db.store.meeting(id).await.unwrap().unwrap();
    assert_eq!(stored.data, changed);
    assert_eq!(
        stored.data.time.starts_at(),
        "2022-12-06T08:30:00Z".parse::<Timestamp>().unwrap()
    );
    assert_eq!(
        db.raw_count("select count(*) from meeting_host").await,
        1,
        "the old hosts are gone"
    );

    db.store.delete_meeting(&ctx, id).await.unwrap();
    assert!(db.store.meeting(id).await.unwrap().is_none());
    assert!(
        db.store
            .meeting_by_ref(&external_ref("VT-2022-09"))
            .await
            .unwrap()
            .is_none()
    );
}

async fn hosts_are_kept_as_a_set(db: TestDb) {
    let s = setup(&db).await;
    let mut data = meeting_data(None, "Fachtag", "01.03.2023 09:00", "01.03.2023 16:00");
    data.hosts = vec![s.youth, s.police, s.youth, s.town];
    let id = db.store.create_meeting(&db.ctx(), &data).await.unwrap();
    let mut expected = vec![s.police, s.town, s.youth];
    expected.sort();
    assert_eq!(
        db.store.meeting(id).await.unwrap().unwrap().data.hosts,
        expected
    );
    // no hosts at all
    data.hosts.clear();
    db.store.update_meeting(&db.ctx(), id, &data).await.unwrap();
    assert!(
        db.store
            .meeting(id)
            .await
            .unwrap()
            .unwrap()
            .data
            .hosts
            .is_empty()
    );
}

/// Four meetings in two series, created out of order.
struct Calendar {
    s: Setup,
    a: MeetingSeriesId,
    b: MeetingSeriesId,
    /// Spring, September, December 2022, January 2023.
    m: [MeetingId; 4],
    september: MeetingData,
}

async fn calendar(db: &TestDb) -> Calendar {
    let s = setup(db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let a = store
        .create_meeting_series(&ctx, &series_data("Vernetzungstreffen", Some(s.region)))
        .await
        .unwrap();
    let b = store
        .create_meeting_series(&ctx, &series_data("Runder Tisch Flöha", None))
        .await
        .unwrap();
    let mut winter = meeting_data(
        Some(b),
        "Runder Tisch",
        "06.12.2022 10:00",
        "06.12.2022 12:00",
    );
    winter.venue.municipality_id = Some(s.t.floeha);
    winter.hosts = vec![s.youth];
    let mut spring = meeting_data(Some(a), "Frühjahr", "15.03.2022 10:00", "15.03.2022 14:00");
    spring.status = MeetingStatus::Held;
    spring.venue.municipality_id = Some(s.t.chemnitz);
    spring.hosts = vec![s.police];
    let mut next_year = meeting_data(None, "Fachtag", "10.01.2023 09:30", "10.01.2023 16:00");
    next_year.status = MeetingStatus::Cancelled;
    let mut september = meeting_data(Some(a), "Herbst", "06.09.2022 10:00", "06.09.2022 14:00");
    september.status = MeetingStatus::Held;
    september.venue.municipality_id = Some(s.t.floeha);
    september.hosts = vec![s.police, s.town];
    september.hosts.sort();
    let m3 = store.create_meeting(&ctx, &winter).await.unwrap();
    let m1 = store.create_meeting(&ctx, &spring).await.unwrap();
    let m4 = store.create_meeting(&ctx, &next_year).await.unwrap();
    let m2 = store.create_meeting(&ctx, &september).await.unwrap();
    Calendar {
        s,
        a,
        b,
        m: [m1, m2, m3, m4],
        september,
    }
}

async fn listed(db: &TestDb, filter: &MeetingFilter) -> Vec<MeetingId> {
    ids(&db.store.meetings(filter).await.unwrap(), |m| m.id)
}

async fn meetings_are_listed_by_series_host_place_and_status(db: TestDb) {
    let Calendar {
        s,
        a,
        b,
        m: [m1, m2, m3, m4],
        september,
    } = calendar(&db).await;
    let all = MeetingFilter::default();
    // by start, whatever the order they were recorded in
    assert_eq!(listed(&db, &all).await, [m1, m2, m3, m4]);
    let meetings = db.store.meetings(&all).await.unwrap();
    assert_eq!(
        meetings[1].data, september,
        "hosts are read for every meeting"
    );
    let cases = [
        (
            MeetingFilter {
                series: Some(a),
                ..all.clone()
            },
            vec![m1, m2],
        ),
        (
            MeetingFilter {
                series: Some(b),
                ..all.clone()
            },
            vec![m3],
        ),
        (
            MeetingFilter {
                host: Some(s.police),
                ..all.clone()
            },
            vec![m1, m2],
        ),
        (
            MeetingFilter {
                host: Some(s.youth),
                ..all.clone()
            },
            vec![m3],
        ),
        (
            MeetingFilter {
                municipality: Some(s.t.floeha),
                ..all.clone()
            },
            vec![m2, m3],
        ),
        (
            MeetingFilter {
                status: Some(MeetingStatus::Held),
                ..all.clone()
            },
            vec![m1, m2],
        ),
        (
            MeetingFilter {
                status: Some(MeetingStatus::Planned),
                ..all.clone()
            },
            vec![m3],
        ),
        (
            MeetingFilter {
                series: Some(a),
                host: Some(s.town),
                municipality: Some(s.t.floeha),
                status: Some(MeetingStatus::Held),
                starts_from: Some(berlin("01.06.2022 00:00")),
                starts_before: Some(berlin("01.01.2023 00:00")),
            },
            vec![m2],
        ),
        (
            MeetingFilter {
                series: Some(b),
                status: Some(MeetingStatus::Held),
                ..all.clone()
            },
            vec![],
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(listed(&db, &filter).await, expected, "{filter:?}");
    }
}

async fn meetings_are_listed_by_start_with_exact_bounds(db: TestDb) {
    let Calendar {
        m: [m1, m2, m3, m4],
        ..
    } = calendar(&db).await;
    let bounds = |from: Option<&str>, before: Option<&str>| MeetingFilter {
        starts_from: from.map(|t| t.parse().unwrap()),
        starts_before: before.map(|t| t.parse().unwrap()),
        ..MeetingFilter::default()
    };
    // The September meeting starts at 2022-09-06T08:00:00Z; the start bound includes, the end
    // bound excludes, also within a second.
    let cases = [
        (bounds(Some("2022-09-06T08:00:00Z"), None), vec![m2, m3, m4]),
        (bounds(None, Some("2022-09-06T08:00:00Z")), vec![m1]),
        (bounds(Some("2022-09-06T08:00:00.5Z"), None), vec![m3, m4]),
        (
            bounds(None, Some("2022-09-06T08:00:00.000001Z")),
            vec![m1, m2],
        ),
        (
            bounds(Some("2022-09-06T07:59:59.999Z"), None),
            vec![m2, m3, m4],
        ),
        // the December meeting starts at 09:00 UTC (winter time)
        (
            bounds(
                Some("2022-09-06T07:59:59.999Z"),
                Some("2022-12-06T09:00:00Z"),
            ),
            vec![m2],
        ),
        (
            bounds(Some("2022-12-06T09:00:00Z"), Some("2022-12-06T09:00:01Z")),
            vec![m3],
        ),
        (bounds(Some("2023-01-10T08:30:01Z"), None), vec![]),
    ];
    for (filter, expected) in cases {
        assert_eq!(listed(&db, &filter).await, expected, "{filter:?}");
    }
}

async fn a_series_with_meetings_cannot_be_deleted(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let series = db
        .store
        .create_meeting_series(&ctx, &series_data("Vernetzungstreffen", Some(s.region)))
        .await
        .unwrap();
    let meeting = db
        .store
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
    assert_eq!(
        field_error(db.store.delete_meeting_series(&ctx, series).await),
        (Field::Series, Rule::InUse)
    );
    assert!(db.store.meeting_series(series).await.unwrap().is_some());
    db.store.delete_meeting(&ctx, meeting).await.unwrap();
    db.store.delete_meeting_series(&ctx, series).await.unwrap();
    assert!(db.store.meeting_series(series).await.unwrap().is_none());
}

async fn series_and_meeting_references_must_exist(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;

    let mut series = series_data("Vernetzungstreffen", None);
    series.region_id = Some(RegionId::new(MISSING));
    assert_eq!(
        field_error(store.create_meeting_series(&ctx, &series).await),
        unknown(Field::Region, &MISSING)
    );
    series.region_id = None;
    // a person is an actor, but no organisation
    series.organiser_id = Some(OrganisationId::new(s.anna.get()));
    assert_eq!(
        field_error(store.create_meeting_series(&ctx, &series).await),
        unknown(Field::Organiser, &s.anna)
    );

    let time = ("06.09.2022 10:00", "06.09.2022 14:00");
    let data = meeting_data(
        Some(MeetingSeriesId::new(MISSING)),
        "Treffen",
        time.0,
        time.1,
    );
    assert_eq!(
        field_error(store.create_meeting(&ctx, &data).await),
        unknown(Field::Series, &MISSING)
    );
    assert_eq!(
        field_error(store.update_meeting(&ctx, meeting, &data).await),
        unknown(Field::Series, &MISSING)
    );
    let mut data = meeting_data(None, "Treffen", time.0, time.1);
    data.venue.municipality_id = Some(MunicipalityId::new(MISSING));
    assert_eq!(
        field_error(store.create_meeting(&ctx, &data).await),
        unknown(Field::Municipality, &MISSING)
    );
    let mut data = meeting_data(None, "Treffen", time.0, time.1);
    data.hosts = vec![OrganisationId::new(s.ben.get())];
    assert_eq!(
        field_error(store.create_meeting(&ctx, &data).await),
        unknown(Field::Hosts, &s.ben)
    );

    let counts = store.counts().await.unwrap();
    assert_eq!((counts.meeting_series, counts.meetings), (0, 1));
    assert_eq!(
        store
            .meeting(meeting)
            .await
            .unwrap()
            .unwrap()
            .data
            .series_id,
        None,
        "the failed update changed nothing"
    );
}

async fn participation_and_agenda_references_must_exist(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let invited = ParticipationStatus::Invited;

    let p = participation(MeetingId::new(MISSING), s.anna, invited);
    assert_eq!(
        field_error(store.create_participation(&ctx, &p).await),
        unknown(Field::Meeting, &MISSING)
    );
    let p = participation(meeting, PersonId::new(MISSING), invited);
    assert_eq!(
        field_error(store.create_participation(&ctx, &p).await),
        unknown(Field::Person, &MISSING)
    );
    // an organisation is an actor, but no person
    let p = participation(meeting, PersonId::new(s.police.get()), invited);
    assert_eq!(
        field_error(store.create_participation(&ctx, &p).await),
        unknown(Field::Person, &s.police)
    );
    let mut p = participation(meeting, s.anna, invited);
    p.organisation_id = Some(OrganisationId::new(MISSING));
    assert_eq!(
        field_error(store.create_participation(&ctx, &p).await),
        unknown(Field::Organisation, &MISSING)
    );

    let item = agenda_item(MeetingId::new(MISSING), 1, "Begrüßung");
    assert_eq!(
        field_error(store.create_agenda_item(&ctx, &item).await),
        unknown(Field::Meeting, &MISSING)
    );
    let mut item = agenda_item(meeting, 1, "Begrüßung");
    item.presenter_id = Some(PersonId::new(MISSING));
    assert_eq!(
        field_error(store.create_agenda_item(&ctx, &item).await),
        unknown(Field::Presenter, &MISSING)
    );
    let mut item = agenda_item(meeting, 1, "Begrüßung");
    item.topic_id = Some(TopicId::new(MISSING));
    assert_eq!(
        field_error(store.create_agenda_item(&ctx, &item).await),
        unknown(Field::Topic, &MISSING)
    );

    let counts = store.counts().await.unwrap();
    assert_eq!((counts.participations, counts.agenda_items), (0, 0));
}

async fn decisions_and_action_items_reference_their_own_meeting(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let other = some_meeting(&db, "Fachtag").await;

    let elsewhere = store
        .create_agenda_item(&ctx, &agenda_item(other, 1, "Berichte"))
        .await
        .unwrap();
    let decision = DecisionData {
        meeting_id: MeetingId::new(MISSING),
        agenda_item_id: None,
        text: text("Das nächste Treffen findet in Freiberg statt."),
    };
    assert_eq!(
        field_error(store.create_decision(&ctx, &decision).await),
        unknown(Field::Meeting, &MISSING)
    );
    // the agenda item must be one of the same meeting
    let decision = DecisionData {
        meeting_id: meeting,
        agenda_item_id: Some(elsewhere),
        ..decision
    };
    assert_eq!(
        field_error(store.create_decision(&ctx, &decision).await),
        unknown(Field::AgendaItem, &elsewhere)
    );
    let decision = DecisionData {
        meeting_id: other,
        ..decision
    };
    let taken = store.create_decision(&ctx, &decision).await.unwrap();
    assert_eq!(
        field_error(
            store
                .update_decision(
                    &ctx,
                    taken,
                    &DecisionData {
                        meeting_id: meeting,
                        ..decision
                    }
                )
                .await
        ),
        unknown(Field::AgendaItem, &elsewhere)
    );

    let mut action = action_item(Some(MeetingId::new(MISSING)), "Einladung versenden");
    assert_eq!(
        field_error(store.create_action_item(&ctx, &action).await),
        unknown(Field::Meeting, &MISSING)
    );
    action.meeting_id = None;
    action.owner_id = Some(PersonId::new(MISSING));
    assert_eq!(
        field_error(store.create_action_item(&ctx, &action).await),
        unknown(Field::Owner, &MISSING)
    );
    action.owner_id = Some(s.anna);
    action.decision_id = Some(DecisionId::new(MISSING));
    assert_eq!(
        field_error(store.create_action_item(&ctx, &action).await),
        unknown(Field::Decision, &MISSING)
    );
    // the decision must be one of the same meeting
    action.decision_id = Some(taken);
    action.meeting_id = Some(meeting);
    assert_eq!(
        field_error(store.create_action_item(&ctx, &action).await),
        unknown(Field::Decision, &taken)
    );
    // without a meeting of its own, an action item may implement any decision
    action.meeting_id = None;
    store.create_action_item(&ctx, &action).await.unwrap();

    let counts = store.counts().await.unwrap();
    assert_eq!((counts.decisions, counts.action_items), (1, 1));
    assert_eq!(
        store
            .decision(taken)
            .await
            .unwrap()
            .unwrap()
            .data
            .meeting_id,
        other
    );
}

async fn invitations_add_those_not_yet_listed(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let registered = store
        .create_participation(
            &ctx,
            &participation(meeting, s.anna, ParticipationStatus::Registered),
        )
        .await
        .unwrap();
    // Anna keeps her registration; Ben, named twice, is invited once.
    let invited = store
        .invite_persons(
            &ctx,
            meeting,
            &[
                (s.anna, Some(s.town)),
                (s.ben, Some(s.youth)),
                (s.ben, None),
            ],
        )
        .await
        .unwrap();
    assert_eq!(invited, [s.ben]);
    let list = store.participations(Some(meeting), None).await.unwrap();
    let listed: Vec<_> = list
        .iter()
        .map(|p| (p.data.person_id, p.data.organisation_id, p.data.status))
        .collect();
    assert_eq!(
        listed,
        [
            (s.anna, None, ParticipationStatus::Registered),
            (s.ben, Some(s.youth), ParticipationStatus::Invited),
        ]
    );
    assert_eq!(list[0].id, registered);
    // One audit event for the new invitation, none for those already listed.
    let events = store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Participation),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].entity_id, Some(list[1].id.get()));
    assert_eq!(events[0].action, AuditAction::Create);
    // Again: nobody new.
    let again = store
        .invite_persons(&ctx, meeting, &[(s.anna, None), (s.ben, None)])
        .await
        .unwrap();
    assert!(again.is_empty());
}

async fn an_invitation_naming_a_missing_person_writes_nothing(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    // A deleted person, a missing one, an organisation's id or a missing meeting refuses the
    // whole list: the person before it is not invited either.
    let carla = store
        .create_person(&ctx, &person("Carla", "Lang"))
        .await
        .unwrap();
    let gone = store
        .create_person(&ctx, &person("Dora", "Weg"))
        .await
        .unwrap();
    store.delete_person(&ctx, gone).await.unwrap();
    for bad in [gone, PersonId::new(MISSING), PersonId::new(s.police.get())] {
        assert_eq!(
            field_error(
                store
                    .invite_persons(&ctx, meeting, &[(carla, None), (bad, None)])
                    .await
            ),
            unknown(Field::Person, &bad)
        );
    }
    assert_eq!(
        field_error(
            store
                .invite_persons(&ctx, MeetingId::new(MISSING), &[(carla, None)])
                .await
        ),
        unknown(Field::Meeting, &MISSING)
    );
    assert_eq!(
        field_error(
            store
                .invite_persons(
                    &ctx,
                    meeting,
                    &[(carla, Some(OrganisationId::new(MISSING)))]
                )
                .await
        ),
        unknown(Field::Organisation, &MISSING)
    );
    assert!(
        store
            .participations(Some(meeting), Some(carla))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .participations(Some(meeting), None)
            .await
            .unwrap()
            .is_empty()
    );
    let events = store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Participation),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert!(events.is_empty(), "{events:?}");
}

async fn a_person_takes_part_in_a_meeting_once(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let other = some_meeting(&db, "Fachtag").await;
    let anna = ParticipationData {
        organisation_id: Some(s.town),
        note: Some(text("kommt erst zur Mittagspause")),
        ..participation(meeting, s.anna, ParticipationStatus::Registered)
    };
    let p1 = store.create_participation(&ctx, &anna).await.unwrap();
    let p2 = store
        .create_participation(
            &ctx,
            &participation(meeting, s.ben, ParticipationStatus::Invited),
        )
        .await
        .unwrap();
    let p3 = store
        .create_participation(
            &ctx,
            &participation(other, s.anna, ParticipationStatus::Excused),
        )
        .await
        .unwrap();
    let stored = store.participation(p1).await.unwrap().unwrap();
    assert_eq!((stored.id, &stored.data), (p1, &anna));

    let list = async |meeting: Option<MeetingId>, person: Option<PersonId>| {
        ids(&store.participations(meeting, person).await.unwrap(), |p| {
            p.id
        })
    };
    assert_eq!(list(Some(meeting), None).await, [p1, p2]);
    assert_eq!(list(None, Some(s.anna)).await, [p1, p3]);
    assert_eq!(list(Some(other), Some(s.anna)).await, [p3]);
    assert!(list(Some(other), Some(s.ben)).await.is_empty());
    assert_eq!(list(None, None).await, [p1, p2, p3]);

    let attended = ParticipationData {
        status: ParticipationStatus::Attended,
        organisation_id: None,
        note: None,
        ..anna.clone()
    };
    store
        .update_participation(&ctx, p1, &attended)
        .await
        .unwrap();
    assert_eq!(
        store.participation(p1).await.unwrap().unwrap().data,
        attended
    );

    // the same person twice in one meeting
    let twice = participation(meeting, s.anna, ParticipationStatus::Waitlisted);
    assert_eq!(
        field_error(store.create_participation(&ctx, &twice).await),
        (
            Field::Person,
            Rule::AlreadyExists {
                key: s.anna.to_string()
            }
        )
    );
    assert_eq!(
        field_error(store.update_participation(&ctx, p2, &twice).await),
        (
            Field::Person,
            Rule::AlreadyExists {
                key: s.anna.to_string()
            }
        )
    );
    assert_eq!(
        store
            .participation(p2)
            .await
            .unwrap()
            .unwrap()
            .data
            .person_id,
        s.ben
    );

    store.delete_participation(&ctx, p2).await.unwrap();
    assert!(store.participation(p2).await.unwrap().is_none());
    assert_eq!(list(Some(meeting), None).await, [p1]);
    // Ben may now be registered again.
    store
        .create_participation(
            &ctx,
            &participation(meeting, s.ben, ParticipationStatus::Absent),
        )
        .await
        .unwrap();
}

async fn agenda_items_are_ordered_and_each_position_is_taken_once(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let earlier = store
        .create_meeting(
            &ctx,
            &meeting_data(None, "Auftakt", "15.03.2022 10:00", "15.03.2022 12:00"),
        )
        .await
        .unwrap();
    let topic = store
        .create_topic(&ctx, &topic_data("Gruppen am Bahnhof"))
        .await
        .unwrap();
    let reports = AgendaItemData {
        duration_minutes: Some(45),
        presenter_id: Some(s.anna),
        topic_id: Some(topic),
        notes: Some(text("Lagebild der Polizei\nund des Ordnungsamts")),
        ..agenda_item(meeting, 2, "Berichte aus den Kommunen")
    };
    let a2 = store.create_agenda_item(&ctx, &reports).await.unwrap();
    let a1 = store
        .create_agenda_item(&ctx, &agenda_item(meeting, 1, "Begrüßung"))
        .await
        .unwrap();
    let a3 = store
        .create_agenda_item(&ctx, &agenda_item(meeting, 3, "Verschiedenes"))
        .await
        .unwrap();
    let first = store
        .create_agenda_item(
            &ctx,
            &AgendaItemData {
                topic_id: Some(topic),
                ..agenda_item(earlier, 5, "Gruppen am Bahnhof")
            },
        )
        .await
        .unwrap();
    let stored = store.agenda_item(a2).await.unwrap().unwrap();
    assert_eq!((stored.id, &stored.data), (a2, &reports));

    let list = async |meeting: Option<MeetingId>, topic: Option<TopicId>| {
        ids(&store.agenda_items(meeting, topic).await.unwrap(), |a| a.id)
    };
    assert_eq!(list(Some(meeting), None).await, [a1, a2, a3]);
    // a topic's path through the meetings, earliest meeting first
    assert_eq!(list(None, Some(topic)).await, [first, a2]);
    assert_eq!(list(None, None).await, [first, a1, a2, a3]);

    // each position once per meeting
    assert_eq!(
        field_error(
            store
                .create_agenda_item(&ctx, &agenda_item(meeting, 2, "Pause"))
                .await
        ),
        (Field::Position, Rule::AlreadyExists { key: "2".into() })
    );
    assert_eq!(
        field_error(
            store
                .update_agenda_item(&ctx, a3, &agenda_item(meeting, 1, "Verschiedenes"))
                .await
        ),
        (Field::Position, Rule::AlreadyExists { key: "1".into() })
    );
    // the same position in another meeting is fine
    store
        .create_agenda_item(&ctx, &agenda_item(earlier, 2, "Pause"))
        .await
        .unwrap();

    let moved = AgendaItemData {
        duration_minutes: Some(10),
        ..agenda_item(meeting, 4, "Termine")
    };
    store.update_agenda_item(&ctx, a3, &moved).await.unwrap();
    assert_eq!(store.agenda_item(a3).await.unwrap().unwrap().data, moved);
    store.delete_agenda_item(&ctx, a1).await.unwrap();
    assert!(store.agenda_item(a1).await.unwrap().is_none());
    assert_eq!(list(Some(meeting), None).await, [a2, a3]);
}

async fn decisions_are_recorded_per_meeting(db: TestDb) {
    setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let other = some_meeting(&db, "Fachtag").await;
    let item = store
        .create_agenda_item(&ctx, &agenda_item(meeting, 1, "Termine"))
        .await
        .unwrap();
    let next_place = DecisionData {
        meeting_id: meeting,
        agenda_item_id: Some(item),
        text: text("Das nächste Treffen findet im Frühjahr in Freiberg statt."),
    };
    let d1 = store.create_decision(&ctx, &next_place).await.unwrap();
    let graffiti = DecisionData {
        meeting_id: meeting,
        agenda_item_id: None,
        text: text("Die AG Graffiti wird gegründet."),
    };
    let d2 = store.create_decision(&ctx, &graffiti).await.unwrap();
    let minutes = DecisionData {
        meeting_id: other,
        agenda_item_id: None,
        text: text("Das Protokoll wird angenommen."),
    };
    let d3 = store.create_decision(&ctx, &minutes).await.unwrap();
    let stored = store.decision(d1).await.unwrap().unwrap();
    assert_eq!((stored.id, &stored.data), (d1, &next_place));
    let decisions =
        async |meeting: Option<MeetingId>| ids(&store.decisions(meeting).await.unwrap(), |d| d.id);
    assert_eq!(decisions(Some(meeting)).await, [d1, d2]);
    assert_eq!(decisions(Some(other)).await, [d3]);
    assert_eq!(decisions(None).await, [d1, d2, d3]);

    let reworded = DecisionData {
        agenda_item_id: Some(item),
        text: text("Die AG Graffiti wird gegründet;\nLeitung: Stadtverwaltung."),
        ..graffiti
    };
    store.update_decision(&ctx, d2, &reworded).await.unwrap();
    assert_eq!(store.decision(d2).await.unwrap().unwrap().data, reworded);

    // Removing a decision keeps the action items implementing it.
    let action = store
        .create_action_item(
            &ctx,
            &ActionItemData {
                decision_id: Some(d1),
                ..action_item(Some(meeting), "Raum in Freiberg anfragen")
            },
        )
        .await
        .unwrap();
    store.delete_decision(&ctx, d1).await.unwrap();
    assert!(store.decision(d1).await.unwrap().is_none());
    assert_eq!(
        store
            .action_item(action)
            .await
            .unwrap()
            .unwrap()
            .data
            .decision_id,
        None
    );
    // Removing an agenda item keeps the decisions taken under it.
    store.delete_agenda_item(&ctx, item).await.unwrap();
    assert_eq!(
        store
            .decision(d2)
            .await
            .unwrap()
            .unwrap()
            .data
            .agenda_item_id,
        None
    );
    assert_eq!(decisions(None).await, [d2, d3]);
}

async fn action_items_are_listed_soonest_due_first(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let other = some_meeting(&db, "Fachtag").await;
    let invite = ActionItemData {
        owner_id: Some(s.anna),
        due_on: Some(date(2022, 10, 1)),
        ..action_item(Some(meeting), "Raum in Freiberg anfragen")
    };
    let i1 = store.create_action_item(&ctx, &invite).await.unwrap();
    let minutes = ActionItemData {
        owner_id: Some(s.ben),
        due_on: Some(date(2022, 9, 20)),
        status: ActionStatus::InProgress,
        ..action_item(Some(meeting), "Protokoll versenden")
    };
    let i2 = store.create_action_item(&ctx, &minutes).await.unwrap();
    let funding = ActionItemData {
        owner_id: Some(s.anna),
        ..action_item(None, "Förderantrag prüfen")
    };
    let i3 = store.create_action_item(&ctx, &funding).await.unwrap();
    let done = ActionItemData {
        due_on: Some(date(2022, 9, 15)),
        status: ActionStatus::Done,
        completed_on: Some(date(2022, 9, 14)),
        ..action_item(Some(other), "Teilnehmerliste auswerten")
    };
    let i4 = store.create_action_item(&ctx, &done).await.unwrap();
    let stored = store.action_item(i1).await.unwrap().unwrap();
    assert_eq!((stored.id, &stored.data), (i1, &invite));
    assert_eq!(store.action_item(i4).await.unwrap().unwrap().data, done);

    let all = ActionItemFilter::default();
    let list =
        async |filter: ActionItemFilter| ids(&store.action_items(&filter).await.unwrap(), |a| a.id);
    // without a due date last
    assert_eq!(list(all.clone()).await, [i4, i2, i1, i3]);
    let cases = [
        (
            ActionItemFilter {
                meeting: Some(meeting),
                ..all.clone()
            },
            vec![i2, i1],
        ),
        (
            ActionItemFilter {
                owner: Some(s.anna),
                ..all.clone()
            },
            vec![i1, i3],
        ),
        (
            ActionItemFilter {
                status: Some(ActionStatus::Open),
                ..all.clone()
            },
            vec![i1, i3],
        ),
        (
            ActionItemFilter {
                meeting: Some(meeting),
                owner: Some(s.anna),
                status: Some(ActionStatus::Open),
            },
            vec![i1],
        ),
        (
            ActionItemFilter {
                owner: Some(s.ben),
                status: Some(ActionStatus::Done),
                ..all.clone()
            },
            vec![],
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(list(filter.clone()).await, expected, "{filter:?}");
    }

    let finished = ActionItemData {
        status: ActionStatus::Done,
        completed_on: Some(date(2022, 9, 30)),
        ..invite
    };
    store.update_action_item(&ctx, i1, &finished).await.unwrap();
    assert_eq!(store.action_item(i1).await.unwrap().unwrap().data, finished);
    store.delete_action_item(&ctx, i3).await.unwrap();
    assert!(store.action_item(i3).await.unwrap().is_none());
    assert_eq!(list(all).await, [i4, i2, i1]);
}

async fn values_the_database_would_refuse_are_field_errors(db: TestDb) {
    setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let before = store.counts().await.unwrap();
    let out_of_range = |found: &str| Rule::OutOfRange {
        min: "1".into(),
        max: "2147483647".into(),
        found: found.into(),
    };

    let mut data = meeting_data(None, "Treffen", "06.09.2022 10:00", "06.09.2022 14:00");
    data.capacity = Some(0);
    assert_eq!(
        field_error(store.create_meeting(&ctx, &data).await),
        (Field::Capacity, out_of_range("0"))
    );
    assert_eq!(
        field_error(store.update_meeting(&ctx, meeting, &data).await),
        (Field::Capacity, out_of_range("0"))
    );
    data.capacity = Some(3_000_000_000);
    assert_eq!(
        field_error(store.create_meeting(&ctx, &data).await),
        (Field::Capacity, out_of_range("3000000000"))
    );
    data.capacity = Some(2_147_483_647);
    let largest = store.create_meeting(&ctx, &data).await.unwrap();
    assert_eq!(
        store.meeting(largest).await.unwrap().unwrap().data.capacity,
        Some(2_147_483_647)
    );
    store.delete_meeting(&ctx, largest).await.unwrap();

    assert_eq!(
        field_error(
            store
                .create_agenda_item(&ctx, &agenda_item(meeting, 0, "Begrüßung"))
                .await
        ),
        (Field::Position, out_of_range("0"))
    );
    let mut item = agenda_item(meeting, 1, "Begrüßung");
    item.duration_minutes = Some(0);
    assert_eq!(
        field_error(store.create_agenda_item(&ctx, &item).await),
        (Field::DurationMinutes, out_of_range("0"))
    );

    let mut action = action_item(Some(meeting), "Protokoll versenden");
    action.completed_on = Some(date(2022, 9, 20));
    assert_eq!(
        field_error(store.create_action_item(&ctx, &action).await),
        (
            Field::Status,
            Rule::UnknownCode {
                found: "open".into(),
                allowed: "done".into()
            }
        )
    );

    let after = store.counts().await.unwrap();
    assert_eq!(after.meetings, before.meetings);
    assert_eq!(after.agenda_items, 0);
    assert_eq!(after.action_items, 0);
}

async fn missing_series_and_meetings_cannot_be_updated_or_deleted(db: TestDb) {
    setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let before = store.counts().await.unwrap();
    let series = MeetingSeriesId::new(MISSING);
    assert_not_found(
        store
            .update_meeting_series(&ctx, series, &series_data("X", None))
            .await,
        EntityKind::MeetingSeries,
        MISSING,
    );
    assert_not_found(
        store.delete_meeting_series(&ctx, series).await,
        EntityKind::MeetingSeries,
        MISSING,
    );
    let meeting = MeetingId::new(MISSING);
    let data = meeting_data(None, "X", "06.09.2022 10:00", "06.09.2022 14:00");
    assert_not_found(
        store.update_meeting(&ctx, meeting, &data).await,
        EntityKind::Meeting,
        MISSING,
    );
    assert_not_found(
        store.delete_meeting(&ctx, meeting).await,
        EntityKind::Meeting,
        MISSING,
    );
    assert!(store.meeting(meeting).await.unwrap().is_none());
    assert!(store.meeting_series(series).await.unwrap().is_none());
    // Nothing was written, not even to the audit log.
    assert_eq!(store.counts().await.unwrap(), before);
}

async fn missing_meeting_records_cannot_be_updated_or_deleted(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let before = store.counts().await.unwrap();

    let p = participation(meeting, s.anna, ParticipationStatus::Invited);
    let id = ParticipationId::new(MISSING);
    assert_not_found(
        store.update_participation(&ctx, id, &p).await,
        EntityKind::Participation,
        MISSING,
    );
    assert_not_found(
        store.delete_participation(&ctx, id).await,
        EntityKind::Participation,
        MISSING,
    );
    let item = agenda_item(meeting, 1, "X");
    let id = AgendaItemId::new(MISSING);
    assert_not_found(
        store.update_agenda_item(&ctx, id, &item).await,
        EntityKind::AgendaItem,
        MISSING,
    );
    assert_not_found(
        store.delete_agenda_item(&ctx, id).await,
        EntityKind::AgendaItem,
        MISSING,
    );
    let decision = DecisionData {
        meeting_id: meeting,
        agenda_item_id: None,
        text: text("X"),
    };
    let id = DecisionId::new(MISSING);
    assert_not_found(
        store.update_decision(&ctx, id, &decision).await,
        EntityKind::Decision,
        MISSING,
    );
    assert_not_found(
        store.delete_decision(&ctx, id).await,
        EntityKind::Decision,
        MISSING,
    );
    let id = ActionItemId::new(MISSING);
    assert_not_found(
        store
            .update_action_item(&ctx, id, &action_item(None, "X"))
            .await,
        EntityKind::ActionItem,
        MISSING,
    );
    assert_not_found(
        store.delete_action_item(&ctx, id).await,
        EntityKind::ActionItem,
        MISSING,
    );
    assert_eq!(store.counts().await.unwrap(), before);
}

async fn the_database_enforces_meeting_rules_itself(db: TestDb) {
    setup(&db).await;
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    let m = meeting.get();
    let insert = |columns: &str, values: &str| {
        format!(
            "insert into meeting (title, starts_at, ends_at, format, status{columns}) \
             values ({values})"
        )
    };
    let valid = "'X', '2022-09-06T08:00:00Z', '2022-09-06T12:00:00Z', 'in_person', 'planned'";
    // valid values are accepted, so each refusal below is about its own value
    assert_eq!(
        db.raw(&insert(", capacity", &format!("{valid}, 1"))).await,
        Ok(1)
    );
    let rejected = [
        // ends before it starts
        insert(
            "",
            "'X', '2022-09-06T12:00:00Z', '2022-09-06T08:00:00Z', 'in_person', 'planned'",
        ),
        // ends when it starts
        insert(
            "",
            "'X', '2022-09-06T08:00:00Z', '2022-09-06T08:00:00Z', 'in_person', 'planned'",
        ),
        // not a point in time
        insert(
            "",
            "'X', 'soon', '2022-09-06T08:00:00Z', 'in_person', 'planned'",
        ),
        // no places
        insert(", capacity", &format!("{valid}, 0")),
        // unknown format
        insert(
            "",
            "'X', '2022-09-06T08:00:00Z', '2022-09-06T12:00:00Z', 'telephone', 'planned'",
        ),
        // unknown status
        insert(
            "",
            "'X', '2022-09-06T08:00:00Z', '2022-09-06T12:00:00Z', 'in_person', 'postponed'",
        ),
        // blank title
        insert(
            "",
            "'  ', '2022-09-06T08:00:00Z', '2022-09-06T12:00:00Z', 'in_person', 'planned'",
        ),
        // latitude without longitude
        insert(", venue_latitude", &format!("{valid}, 50.9")),
        // unknown series
        insert(", meeting_series_id", &format!("{valid}, 999999")),
        // blank series name
        "insert into meeting_series (name) values (' ')".to_owned(),
        // unknown host
        format!("insert into meeting_host (meeting_id, organisation_id) values ({m}, 999999)"),
    ];
    for sql in &rejected {
        assert!(db.raw(sql).await.is_err(), "accepted: {sql}");
    }
    assert_eq!(db.raw_count("select count(*) from meeting").await, 2);
    assert_eq!(db.raw_count("select count(*) from meeting_series").await, 0);
    assert_eq!(db.raw_count("select count(*) from meeting_host").await, 0);
}

async fn the_database_enforces_agenda_and_minutes_rules_itself(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let meeting = some_meeting(&db, "Vernetzungstreffen").await;
    db.store
        .create_participation(
            &ctx,
            &participation(meeting, s.anna, ParticipationStatus::Invited),
        )
        .await
        .unwrap();
    db.store
        .create_agenda_item(&ctx, &agenda_item(meeting, 1, "Begrüßung"))
        .await
        .unwrap();
    let (m, anna, ben) = (meeting.get(), s.anna.get(), s.ben.get());
    let rejected = [
        // unknown participation status
        format!(
            "insert into participation (meeting_id, person_id, status) values ({m}, {ben}, 'maybe')"
        ),
        // the same person twice
        format!(
            "insert into participation (meeting_id, person_id, status) \
             values ({m}, {anna}, 'attended')"
        ),
        // agenda position 0
        format!("insert into agenda_item (meeting_id, position, title) values ({m}, 0, 'X')"),
        // position taken
        format!("insert into agenda_item (meeting_id, position, title) values ({m}, 1, 'X')"),
        // no duration
        format!(
            "insert into agenda_item (meeting_id, position, title, duration_minutes) \
             values ({m}, 2, 'X', 0)"
        ),
        // blank agenda title
        format!("insert into agenda_item (meeting_id, position, title) values ({m}, 3, '')"),
        // blank decision
        format!("insert into decision (meeting_id, text) values ({m}, '   ')"),
        // completed, but not done
        "insert into action_item (title, status, completed_on) \
         values ('X', 'in_progress', '2022-09-20')"
            .to_owned(),
        // unknown action status
        "insert into action_item (title, status) values ('X', 'later')".to_owned(),
        // blank action title
        "insert into action_item (title, status) values (' ', 'open')".to_owned(),
        // invalid due date
        "insert into action_item (title, status, due_on) values ('X', 'open', '2022-02-30')"
            .to_owned(),
    ];
    for sql in &rejected {
        assert!(db.raw(sql).await.is_err(), "accepted: {sql}");
    }
    // valid rows of the same shapes are accepted
    for sql in [
        format!(
            "insert into participation (meeting_id, person_id, status) values ({m}, {ben}, 'excused')"
        ),
        format!(
            "insert into agenda_item (meeting_id, position, title, duration_minutes) values ({m}, 2, 'X', 5)"
        ),
        format!("insert into decision (meeting_id, text) values ({m}, 'Beschluss')"),
        "insert into action_item (title, status, completed_on) values ('X', 'done', '2022-09-20')"
            .to_owned(),
    ] {
        assert_eq!(db.raw(&sql).await, Ok(1), "{sql}");
    }
    assert_eq!(db.raw_count("select count(*) from participation").await, 2);
    assert_eq!(db.raw_count("select count(*) from agenda_item").await, 2);
    assert_eq!(db.raw_count("select count(*) from decision").await, 1);
    assert_eq!(db.raw_count("select count(*) from action_item").await, 1);
}

/// Gives a meeting both persons as participants, an agenda item, a decision under it and an
/// action item implementing it.
async fn furnish(db: &TestDb, s: &Setup, meeting: MeetingId) {
    let ctx = db.ctx();
    let store = &db.store;
    for person in [s.anna, s.ben] {
        store
            .create_participation(
                &ctx,
                &participation(meeting, person, ParticipationStatus::Attended),
            )
            .await
            .unwrap();
    }
    let item = store
        .create_agenda_item(&ctx, &agenda_item(meeting, 1, "Berichte"))
        .await
        .unwrap();
    let decision = DecisionData {
        meeting_id: meeting,
        agenda_item_id: Some(item),
        text: text("Beschluss"),
    };
    let decision = store.create_decision(&ctx, &decision).await.unwrap();
    let action = ActionItemData {
        decision_id: Some(decision),
        ..action_item(Some(meeting), "Umsetzen")
    };
    store.create_action_item(&ctx, &action).await.unwrap();
}

async fn deleting_a_meeting_removes_what_belongs_to_it(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let mut data = meeting_data(
        None,
        "Vernetzungstreffen",
        "06.09.2022 10:00",
        "06.09.2022 14:00",
    );
    data.hosts = vec![s.police, s.town];
    data.status = MeetingStatus::Held;
    let meeting = store.create_meeting(&ctx, &data).await.unwrap();
    let kept = some_meeting(&db, "Fachtag").await;
    furnish(&db, &s, meeting).await;
    furnish(&db, &s, kept).await;
    // Both attended the held meeting: the tie that makes.
    let ties = store
        .ties(Some(ActorId::Person(s.anna)), None)
        .await
        .unwrap();
    assert_eq!(ties.len(), 1);
    assert_eq!(ties[0].data.kind(), TieKind::MetAtMeeting);
    let tie = ties[0].id;
    let raised = TopicData {
        raised_at_id: Some(meeting),
        raised_by_id: Some(s.anna),
        ..topic_data("Gruppen am Bahnhof")
    };
    let topic = store.create_topic(&ctx, &raised).await.unwrap();
    let loose = store
        .create_action_item(&ctx, &action_item(None, "Förderantrag prüfen"))
        .await
        .unwrap();

    store.delete_meeting(&ctx, meeting).await.unwrap();
    let m = meeting.get();
    for table in [
        "meeting_host",
        "participation",
        "agenda_item",
        "decision",
        "action_item",
        "tie",
    ] {
        let sql = format!("select count(*) from {table} where meeting_id = {m}");
        assert_eq!(db.raw_count(&sql).await, 0, "{table}");
    }
    assert!(store.tie(tie).await.unwrap().is_none());
    // The other meeting keeps everything, and so does the action item of no meeting.
    let counts = store.counts().await.unwrap();
    assert_eq!(
        (
            counts.meetings,
            counts.participations,
            counts.agenda_items,
            counts.decisions,
            counts.action_items,
        ),
        (1, 2, 1, 1, 2)
    );
    assert_eq!(
        store.participations(Some(kept), None).await.unwrap().len(),
        2
    );
    assert!(store.action_item(loose).await.unwrap().is_some());
    // The topic stays, without the meeting it was raised at.
    let topic = store.topic(topic).await.unwrap().unwrap();
    assert_eq!(topic.data.raised_at_id, None);
    assert_eq!(topic.data.raised_by_id, Some(s.anna));
    // Persons and organisations stay.
    assert_eq!((counts.persons, counts.organisations), (2, 3));
}

async fn deleting_actors_keeps_meetings_consistent(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let mut data = meeting_data(
        None,
        "Vernetzungstreffen",
        "06.09.2022 10:00",
        "06.09.2022 14:00",
    );
    data.hosts = vec![s.police, s.town];
    let meeting = store.create_meeting(&ctx, &data).await.unwrap();
    let series = store
        .create_meeting_series(
            &ctx,
            &MeetingSeriesData {
                organiser_id: Some(s.town),
                ..series_data("Runder Tisch", None)
            },
        )
        .await
        .unwrap();
    let p = store
        .create_participation(
            &ctx,
            &ParticipationData {
                organisation_id: Some(s.town),
                ..participation(meeting, s.anna, ParticipationStatus::Attended)
            },
        )
        .await
        .unwrap();
    let ben = store
        .create_participation(
            &ctx,
            &participation(meeting, s.ben, ParticipationStatus::Attended),
        )
        .await
        .unwrap();
    let item = store
        .create_agenda_item(
            &ctx,
            &AgendaItemData {
                presenter_id: Some(s.ben),
                ..agenda_item(meeting, 1, "Berichte")
            },
        )
        .await
        .unwrap();
    let action = store
        .create_action_item(
            &ctx,
            &ActionItemData {
                owner_id: Some(s.ben),
                ..action_item(Some(meeting), "Protokoll versenden")
            },
        )
        .await
        .unwrap();

    store.delete_organisation(&ctx, s.town).await.unwrap();
    assert_eq!(
        store.meeting(meeting).await.unwrap().unwrap().data.hosts,
        [s.police]
    );
    assert_eq!(
        store
            .meeting_series(series)
            .await
            .unwrap()
            .unwrap()
            .data
            .organiser_id,
        None
    );
    let anna = store.participation(p).await.unwrap().unwrap();
    assert_eq!(anna.data.organisation_id, None);

    store.delete_person(&ctx, s.ben).await.unwrap();
    assert!(store.participation(ben).await.unwrap().is_none());
    assert_eq!(
        store
            .agenda_item(item)
            .await
            .unwrap()
            .unwrap()
            .data
            .presenter_id,
        None
    );
    assert_eq!(
        store
            .action_item(action)
            .await
            .unwrap()
            .unwrap()
            .data
            .owner_id,
        None
    );
}

async fn every_meeting_change_is_in_the_audit_log(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let series_id = store
        .create_meeting_series(&ctx, &series_data("Vernetzungstreffen", None))
        .await
        .unwrap();
    store
        .update_meeting_series(
            &ctx,
            series_id,
            &series_data("Vernetzungstreffen Süd", None),
        )
        .await
        .unwrap();
    let data = meeting_data(None, "Treffen", "06.09.2022 10:00", "06.09.2022 14:00");
    let meeting = store.create_meeting(&ctx, &data).await.unwrap();
    store.update_meeting(&ctx, meeting, &data).await.unwrap();
    let p = participation(meeting, s.anna, ParticipationStatus::Invited);
    let p_id = store.create_participation(&ctx, &p).await.unwrap();
    store.update_participation(&ctx, p_id, &p).await.unwrap();
    let item = agenda_item(meeting, 1, "Begrüßung");
    let item_id = store.create_agenda_item(&ctx, &item).await.unwrap();
    store
        .update_agenda_item(&ctx, item_id, &item)
        .await
        .unwrap();
    let long = "Beschluss ".repeat(20);
    let decision = DecisionData {
        meeting_id: meeting,
        agenda_item_id: None,
        text: text(&long),
    };
    let decision_id = store.create_decision(&ctx, &decision).await.unwrap();
    store
        .update_decision(&ctx, decision_id, &decision)
        .await
        .unwrap();
    let action = action_item(Some(meeting), "Protokoll versenden");
    let action_id = store.create_action_item(&ctx, &action).await.unwrap();
    store
        .update_action_item(&ctx, action_id, &action)
        .await
        .unwrap();
    store.delete_action_item(&ctx, action_id).await.unwrap();
    store.delete_decision(&ctx, decision_id).await.unwrap();
    store.delete_agenda_item(&ctx, item_id).await.unwrap();
    store.delete_participation(&ctx, p_id).await.unwrap();
    store.delete_meeting(&ctx, meeting).await.unwrap();
    store.delete_meeting_series(&ctx, series_id).await.unwrap();

    let expected = [
        (EntityKind::MeetingSeries, series_id.get()),
        (EntityKind::Meeting, meeting.get()),
        (EntityKind::Participation, p_id.get()),
        (EntityKind::AgendaItem, item_id.get()),
        (EntityKind::Decision, decision_id.get()),
        (EntityKind::ActionItem, action_id.get()),
    ];
    for (entity, id) in expected {
        let events = store
            .audit_events(&AuditFilter {
                entity: Some(entity),
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        let actions: Vec<_> = events.iter().map(|e| e.action).collect();
        assert_eq!(
            actions,
            [
                AuditAction::Delete,
                AuditAction::Update,
                AuditAction::Create
            ],
            "{entity:?}"
        );
        assert!(events.iter().all(|e| e.entity_id == Some(id)), "{entity:?}");
        assert!(events.iter().all(|e| e.at == ctx.at), "{entity:?}");
    }
    let named = |entity: EntityKind| async move {
        store
            .audit_events(&AuditFilter {
                entity: Some(entity),
                ..AuditFilter::default()
            })
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.summary)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        named(EntityKind::MeetingSeries).await,
        ["", "Vernetzungstreffen Süd", "Vernetzungstreffen"]
    );
    let decision_summary = &named(EntityKind::Decision).await[2];
    assert_eq!(decision_summary.chars().count(), 81);
    assert!(decision_summary.ends_with('…'));
}

async fn a_failed_meeting_write_leaves_nothing_behind(db: TestDb) {
    let s = setup(&db).await;
    let ctx = db.ctx();
    let store = &db.store;
    let audit_before = store.counts().await.unwrap().audit_events;
    let mut data = meeting_data(
        None,
        "Vernetzungstreffen",
        "06.09.2022 10:00",
        "06.09.2022 14:00",
    );
    data.hosts = vec![s.police, OrganisationId::new(MISSING), s.town];
    assert_eq!(
        field_error(store.create_meeting(&ctx, &data).await),
        unknown(Field::Hosts, &MISSING)
    );
    assert_eq!(db.raw_count("select count(*) from meeting").await, 0);
    assert_eq!(db.raw_count("select count(*) from meeting_host").await, 0);
    assert_eq!(store.counts().await.unwrap().audit_events, audit_before);

    data.hosts = vec![s.police];
    let id = store.create_meeting(&ctx, &data).await.unwrap();
    let mut changed = data.clone();
    changed.title = name("Umbenannt");
    changed.hosts = vec![s.town, OrganisationId::new(MISSING)];
    assert_eq!(
        field_error(store.update_meeting(&ctx, id, &changed).await),
        unknown(Field::Hosts, &MISSING)
    );
    assert_eq!(store.meeting(id).await.unwrap().unwrap().data, data);
    assert_eq!(store.counts().await.unwrap().audit_events, audit_before + 1);
}
