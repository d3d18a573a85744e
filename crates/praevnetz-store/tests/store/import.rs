//! Imports: the whole demo set round-trips on both backends; a bad row anywhere leaves nothing
//! behind; errors name file, line and column; dry runs and replacing imports.

use std::collections::{HashMap, HashSet};

use praevnetz_domain::actor::PersonData;
use praevnetz_domain::actor::{Home, Territory};
use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{ActorId, OrganisationId, PersonId};
use praevnetz_domain::import::{
    ActionItemRecord, AgendaItemRecord, BodyMemberRecord, BodyRecord, DecisionRecord, HomeRef,
    ImportBatch, ImportErrors, ImportKind, ImportProblem, Line, MeetingRecord, MembershipRecord,
    MilestoneRecord, OrganisationRecord, ParticipationRecord, PracticeRecord, ProblemRecord, Rows,
    TerritoryRef, TieRecord, TopicRecord,
};
use praevnetz_domain::territory::RegionData;
use praevnetz_domain::text::ExternalRef;
use praevnetz_domain::tie::TieKind;
use praevnetz_store::{
    AuditFilter, Counts, ImportOptions, NoProgress, ProblemFilter, Store, StoreError,
};

use crate::backend_tests;
use crate::harness::TestDb;

backend_tests!(
    the_whole_demo_set_round_trips,
    importing_the_base_data_twice_updates_instead_of_duplicating,
    a_bad_row_in_the_last_file_leaves_nothing_behind,
    unresolved_references_are_reported_with_file_line_and_column,
    all_errors_of_a_file_are_reported_at_once,
    a_reference_may_not_name_a_person_and_an_organisation,
    a_dry_run_checks_everything_and_keeps_nothing,
    replacing_removes_everything_first_in_the_same_transaction,
    a_reset_keeps_reference_data_and_logs_itself,
    a_tie_the_database_refuses_is_reported_with_its_line,
    rows_after_an_error_still_count_for_later_references,
    a_repeated_participation_is_named_with_the_users_references,
    an_import_that_wants_an_empty_database_decides_in_its_transaction,
    many_errors_are_reported_up_to_a_limit_and_counted_beyond_it,
    attendance_imported_later_adds_its_ties_and_files_of_ties_cannot_name_them,
);

const SAXONY: [(ImportKind, &str, &[u8]); 3] = [
    (
        ImportKind::Districts,
        "districts.csv",
        include_bytes!("../../../../data/sachsen/districts.csv"),
    ),
    (
        ImportKind::Municipalities,
        "municipalities.csv",
        include_bytes!("../../../../data/sachsen/municipalities.csv"),
    ),
    (
        ImportKind::Regions,
        "regions.csv",
        include_bytes!("../../../../data/sachsen/regions.csv"),
    ),
];

macro_rules! demo_files {
    ($($kind:ident => $file:literal),* $(,)?) => {
        [$((ImportKind::$kind, $file, include_bytes!(concat!("../../../../data/demo/", $file)) as &[u8])),*]
    };
}

fn demo_files() -> [(ImportKind, &'static str, &'static [u8]); 16] {
    demo_files!(
        Milestones => "milestones.csv",
        Organisations => "organisations.csv",
        Persons => "persons.csv",
        Memberships => "memberships.csv",
        Bodies => "bodies.csv",
        BodyMembers => "body_members.csv",
        MeetingSeries => "meeting_series.csv",
        Meetings => "meetings.csv",
        Ties => "ties.csv",
        Problems => "problems.csv",
        Practices => "practices.csv",
        Participations => "participations.csv",
        Topics => "topics.csv",
        AgendaItems => "agenda_items.csv",
        Decisions => "decisions.csv",
        ActionItems => "action_items.csv",
    )
}

fn batch(files: &[(ImportKind, &str, &[u8])]) -> ImportBatch {
    let mut batch = ImportBatch::new();
    for (kind, file, bytes) in files {
        batch.push(kind.read(file, bytes).unwrap());
    }
    batch
}

fn saxony() -> ImportBatch {
    batch(&SAXONY)
}

pub fn demo() -> ImportBatch {
    let mut all = saxony();
    for table in batch(&demo_files()).tables() {
        all.push(table.clone());
    }
    all
}

fn table(kind: ImportKind, file: &str, text: &str) -> ImportBatch {
    let mut batch = ImportBatch::new();
    batch.push(kind.read(file, text.as_bytes()).unwrap());
    batch
}

pub async fn import(
    db: &TestDb,
    batch: &ImportBatch,
) -> Result<praevnetz_store::ImportSummary, StoreError> {
    db.store
        .import(&db.ctx(), batch, &NoProgress, &ImportOptions::default())
        .await
}

fn import_errors(result: Result<praevnetz_store::ImportSummary, StoreError>) -> ImportErrors {
    match result {
        Err(StoreError::Import(errors)) => errors,
        other => panic!("expected import errors, got {other:?}"),
    }
}

async fn counts(store: &Store) -> Counts {
    store.counts().await.unwrap()
}

async fn actor(store: &Store, key: &ExternalRef) -> ActorId {
    if let Some(p) = store.person_by_ref(key).await.unwrap() {
        return ActorId::Person(p.id);
    }
    ActorId::Organisation(store.organisation_by_ref(key).await.unwrap().unwrap().id)
}

async fn the_whole_demo_set_round_trips(db: TestDb) {
    let batch = demo();
    let summary = import(&db, &batch).await.unwrap();
    assert_eq!(summary.tables.len(), 19);
    let c = counts(&db.store).await;
    assert_eq!((c.districts, c.municipalities, c.regions), (13, 418, 5));
    assert!(
        c.organisations >= 60 && c.persons >= 150 && c.ties >= 400,
        "{c:?}"
    );
    assert!(c.municipalities_with_problems >= 15, "{c:?}");
    // The ties of the file, and those attendance makes (see below).
    let met = db
        .raw_count("select count(*) from tie where kind = 'met_at_meeting'")
        .await;
    counts_match_the_files(
        &batch,
        &Counts {
            ties: c.ties - met,
            ..c.clone()
        },
    );

    let s = &db.store;
    for table in batch.tables() {
        match &table.rows {
            Rows::Persons(rows) => persons_round_trip(s, rows).await,
            Rows::Organisations(rows) => organisations_round_trip(s, rows).await,
            Rows::Ties(rows) => ties_round_trip(s, &table.file, rows).await,
            Rows::Problems(rows) => problems_round_trip(s, rows).await,
            Rows::Meetings(rows) => meetings_round_trip(s, rows).await,
            Rows::Topics(rows) => topics_round_trip(s, rows).await,
            Rows::Memberships(rows) => memberships_round_trip(s, rows).await,
            Rows::Regions(rows) => regions_round_trip(s, rows).await,
            Rows::Milestones(rows) => milestones_round_trip(s, rows).await,
            Rows::Bodies(rows) => bodies_round_trip(s, rows).await,
            Rows::BodyMembers(rows) => body_members_round_trip(s, rows).await,
            Rows::Practices(rows) => practices_round_trip(s, rows).await,
            Rows::Participations(rows) => participations_round_trip(s, rows).await,
            Rows::AgendaItems(rows) => agenda_round_trip(s, rows).await,
            Rows::Decisions(rows) => decisions_round_trip(s, rows).await,
            Rows::ActionItems(rows) => action_items_round_trip(s, rows).await,
            _ => {}
        }
    }

    // The story of the demo: the Flöha meeting of 6 September 2022 and what it shared.
    let floeha = s
        .meetings(&praevnetz_store::MeetingFilter::default())
        .await
        .unwrap()
        .into_iter()
        .find(|m| {
            m.data
                .time
                .starts_at()
                .to_string()
                .starts_with("2022-09-06")
        })
        .expect("the Flöha meeting");
    assert!(
        floeha
            .data
            .venue
            .name
            .as_ref()
            .unwrap()
            .as_str()
            .contains("Alte Baumwolle")
    );
    assert_eq!(floeha.data.hosts.len(), 2);
    let categories: HashSet<String> = s
        .problems(&ProblemFilter::default())
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.data.category.as_str().to_owned())
        .collect();
    for code in ["RES", "GRP", "DRG", "DEM"] {
        assert!(categories.contains(code), "{code}");
    }
    meeting_ties_of_the_demo(&db, floeha.id).await;
    assert_eq!(met, 1196);
    // One audit event per file, and one for the ties that attendance made.
    let events = s
        .audit_events(&AuditFilter {
            limit: 100,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 20);
    assert!(events.iter().all(|e| e.action == AuditAction::Import));
    assert_eq!(
        (events[0].entity, events[0].summary.as_str()),
        (
            EntityKind::Tie,
            "met_at_meeting (4 meetings): 1196 created, 0 deleted"
        )
    );
}

/// The three held meetings of the demo with their 17, 35 and 31 attendees make 136 + 595 + 465
/// ties of kind "met at meeting", dated at each meeting; the planned one in 2027 makes none.
async fn meeting_ties_of_the_demo(db: &TestDb, floeha: praevnetz_domain::ids::MeetingId) {
    let mut per_meeting: Vec<(String, i64)> = Vec::new();
    for m in db
        .store
        .meetings(&praevnetz_store::MeetingFilter::default())
        .await
        .unwrap()
    {
        let sql = format!(
            "select count(*) from tie where kind = 'met_at_meeting' and meeting_id = {}",
            m.id
        );
        per_meeting.push((
            m.data.external_ref.unwrap().as_str().to_owned(),
            db.raw_count(&sql).await,
        ));
    }
    assert_eq!(
        per_meeting,
        [
            ("m-vernetzung-2021-online".to_owned(), 136),
            ("m-vernetzung-2022-floeha".to_owned(), 595),
            ("m-vernetzung-2023-annaberg".to_owned(), 465),
            ("m-vernetzung-2027-freiberg".to_owned(), 0),
        ]
    );
    let floeha_ties = db
        .raw_count(&format!(
            "select count(*) from tie where meeting_id = {floeha} and kind = 'met_at_meeting' \
             and since = '2022-09-06' and until is null and strength = 1"
        ))
        .await;
    assert_eq!(floeha_ties, 595);
}

/// Every file's records were stored, no more and no fewer.
fn counts_match_the_files(batch: &ImportBatch, c: &Counts) {
    for table in batch.tables() {
        let stored = match table.kind() {
            ImportKind::Milestones => c.milestones,
            ImportKind::Organisations => c.organisations,
            ImportKind::Persons => c.persons,
            ImportKind::Memberships => c.memberships,
            ImportKind::Bodies => c.bodies,
            ImportKind::BodyMembers => c.body_members,
            ImportKind::MeetingSeries => c.meeting_series,
            ImportKind::Meetings => c.meetings,
            ImportKind::Ties => c.ties,
            ImportKind::Problems => c.problems,
            ImportKind::Practices => c.practices,
            ImportKind::Participations => c.participations,
            ImportKind::Topics => c.topics,
            ImportKind::AgendaItems => c.agenda_items,
            ImportKind::Decisions => c.decisions,
            ImportKind::ActionItems => c.action_items,
            ImportKind::Districts => c.districts,
            ImportKind::Municipalities => c.municipalities,
            ImportKind::Regions => c.regions,
        };
        assert_eq!(
            stored,
            i64::try_from(table.len()).unwrap(),
            "{}",
            table.file
        );
    }
}

async fn persons_round_trip(s: &Store, rows: &[Line<PersonData>]) {
    for line in rows {
        let key = line.record.external_ref.as_ref().unwrap();
        let stored = s.person_by_ref(key).await.unwrap().unwrap();
        assert_eq!(stored.data, line.record, "person {key}");
    }
}

async fn organisations_round_trip(s: &Store, rows: &[Line<OrganisationRecord>]) {
    for line in rows {
        let r = &line.record;
        let key = r.external_ref.as_ref().unwrap();
        let stored = s.organisation_by_ref(key).await.unwrap().unwrap().data;
        assert_eq!(
            (
                &stored.name,
                &stored.short_name,
                stored.kind,
                &stored.pillars
            ),
            (&r.name, &r.short_name, r.kind, &r.pillars),
            "organisation {key}"
        );
        assert_eq!(
            (
                &stored.email,
                &stored.phone,
                &stored.website,
                &stored.address,
                &stored.description
            ),
            (&r.email, &r.phone, &r.website, &r.address, &r.description),
            "organisation {key}"
        );
        let mut aliases = r.aliases.clone();
        aliases.sort();
        aliases.dedup();
        assert_eq!(stored.aliases, aliases, "organisation {key}");
        let home = match &r.home {
            HomeRef::State => Home::State,
            HomeRef::District(d) => Home::District(s.district_by_ags(d).await.unwrap().unwrap().id),
            HomeRef::Municipality(m) => {
                Home::Municipality(s.municipality_by_ags(m).await.unwrap().unwrap().id)
            }
        };
        assert_eq!(stored.home, home, "organisation {key}");
        let mut area = Vec::new();
        for t in &r.area {
            area.push(match t {
                TerritoryRef::District(d) => {
                    Territory::District(s.district_by_ags(d).await.unwrap().unwrap().id)
                }
                TerritoryRef::Municipality(m) => {
                    Territory::Municipality(s.municipality_by_ags(m).await.unwrap().unwrap().id)
                }
            });
        }
        area.dedup();
        assert_eq!(stored.area, area, "organisation {key}");
    }
}

async fn ties_round_trip(s: &Store, file: &str, rows: &[Line<TieRecord>]) {
    for line in rows {
        let r = &line.record;
        let source = actor(s, &r.source).await;
        let target = actor(s, &r.target).await;
        let ties = s.ties(Some(source), None).await.unwrap();
        let found = ties.iter().any(|t| {
            let ends = if r.directed {
                (t.data.source(), t.data.target()) == (source, target)
            } else {
                HashSet::from([t.data.source(), t.data.target()]) == HashSet::from([source, target])
            };
            ends && t.data.kind() == r.kind
                && t.data.strength() == r.strength
                && t.data.period() == r.period
                && t.data.directed() == r.directed
        });
        assert!(found, "tie in line {} of {}", line.line, file);
    }
}

async fn problems_round_trip(s: &Store, rows: &[Line<ProblemRecord>]) {
    let stored: HashMap<String, _> = s
        .problems(&ProblemFilter::default())
        .await
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                p.data.external_ref.clone().unwrap().as_str().to_owned(),
                p.data,
            )
        })
        .collect();
    for line in rows {
        let r = &line.record;
        let p = &stored[r.external_ref.as_ref().unwrap().as_str()];
        let municipality = s
            .municipality_by_ags(&r.municipality)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(p.municipality_id, municipality.id);
        assert_eq!(
            (
                &p.category,
                &p.title,
                &p.description,
                p.severity,
                p.trend,
                p.status,
                p.visibility
            ),
            (
                &r.category,
                &r.title,
                &r.description,
                r.severity,
                r.trend,
                r.status,
                r.visibility
            )
        );
        assert_eq!(
            (&p.hotspot, p.observed_since),
            (&r.hotspot, r.observed_since)
        );
        let mut responsible = HashSet::new();
        for a in &r.responsible {
            responsible.insert(actor(s, a).await);
        }
        assert_eq!(
            p.responsible.iter().copied().collect::<HashSet<_>>(),
            responsible
        );
        assert_eq!(p.affected.len(), r.affected.len());
    }
}

async fn meetings_round_trip(s: &Store, rows: &[Line<MeetingRecord>]) {
    for line in rows {
        let r = &line.record;
        let m = s
            .meeting_by_ref(r.external_ref.as_ref().unwrap())
            .await
            .unwrap()
            .unwrap()
            .data;
        assert_eq!(
            (&m.title, m.time, m.format, m.status),
            (&r.title, r.time, r.format, r.status)
        );
        assert_eq!(
            (&m.venue.name, m.venue.location, &m.minutes),
            (&r.venue_name, r.venue_location, &r.minutes)
        );
        let mut hosts = HashSet::new();
        for h in &r.hosts {
            hosts.insert(s.organisation_by_ref(h).await.unwrap().unwrap().id);
        }
        assert_eq!(
            m.hosts.iter().copied().collect::<HashSet<OrganisationId>>(),
            hosts
        );
    }
}

async fn topics_round_trip(s: &Store, rows: &[Line<TopicRecord>]) {
    for line in rows {
        let r = &line.record;
        let t = s
            .topic_by_ref(r.external_ref.as_ref().unwrap())
            .await
            .unwrap()
            .unwrap()
            .data;
        assert_eq!(
            (&t.title, t.status, t.raised_on),
            (&r.title, r.status, r.raised_on)
        );
        assert_eq!(t.categories.len(), r.categories.len());
        assert_eq!(t.municipalities.len(), r.municipalities.len());
    }
}

async fn memberships_round_trip(s: &Store, rows: &[Line<MembershipRecord>]) {
    let mut per_person: HashMap<&ExternalRef, usize> = HashMap::new();
    for line in rows {
        *per_person.entry(&line.record.person).or_default() += 1;
    }
    for (key, expected) in per_person {
        let person: PersonId = s.person_by_ref(key).await.unwrap().unwrap().id;
        assert_eq!(
            s.memberships(Some(person), None).await.unwrap().len(),
            expected
        );
    }
}

async fn importing_the_base_data_twice_updates_instead_of_duplicating(db: TestDb) {
    import(&db, &saxony()).await.unwrap();
    let again = import(&db, &saxony()).await.unwrap();
    let updated: Vec<(u64, u64)> = again
        .tables
        .iter()
        .map(|t| (t.created, t.updated))
        .collect();
    assert_eq!(updated, [(0, 13), (0, 418), (0, 5)]);
    let c = counts(&db.store).await;
    assert_eq!((c.districts, c.municipalities, c.regions), (13, 418, 5));
}

async fn a_bad_row_in_the_last_file_leaves_nothing_behind(db: TestDb) {
    let mut batch = demo();
    // The last file of the batch names a person nobody knows.
    batch.push(
        ImportKind::ActionItems
            .read(
                "extra_action_items.csv",
                "title,owner\nProtokoll versenden,p-niemand\n".as_bytes(),
            )
            .unwrap(),
    );
    let errors = import_errors(import(&db, &batch).await);
    assert_eq!(errors.errors().len(), 1);
    let error = &errors.errors()[0];
    assert_eq!(error.file, "extra_action_items.csv");
    assert_eq!(
        (error.line, error.column.as_deref()),
        (Some(2), Some("owner"))
    );
    let c = counts(&db.store).await;
    assert_eq!(
        (
            c.districts,
            c.municipalities,
            c.persons,
            c.ties,
            c.audit_events
        ),
        (0, 0, 0, 0, 0)
    );
    assert!(db.store.is_empty().await.unwrap());
}

async fn unresolved_references_are_reported_with_file_line_and_column(db: TestDb) {
    import(&db, &saxony()).await.unwrap();
    // A municipality whose district does not exist (Bavaria's 09162 is not imported).
    let errors = import_errors(
        import(
            &db,
            &table(
                ImportKind::Municipalities,
                "gemeinden.csv",
                "ags,name,district_ags\n14522140,\"Flöha, Stadt\",14522\n09162000,München,09162\n",
            ),
        )
        .await,
    );
    let e = &errors.errors()[0];
    assert_eq!(
        (e.file.as_str(), e.line, e.column.as_deref()),
        ("gemeinden.csv", Some(3), Some("district_ags"))
    );
    assert_eq!(
        *e.problem,
        ImportProblem::Invalid(
            Rule::UnknownDistrict {
                ags: "09162".into()
            }
            .at(Field::District)
        )
    );
    // Flöha of line 2 was not updated either.
    let floeha = db
        .store
        .municipality_by_ags(&praevnetz_domain::territory::Ags::parse("14522140").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(floeha.data.name.as_str(), "Flöha, Stadt");
    assert!(floeha.data.location.is_some());

    // A membership of an unknown person.
    let errors = import_errors(
        import(
            &db,
            &table(
                ImportKind::Memberships,
                "m.csv",
                "person,organisation\np-x,o-y\n",
            ),
        )
        .await,
    );
    let e = &errors.errors()[0];
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("person")));
    assert_eq!(
        *e.problem,
        ImportProblem::Invalid(Rule::UnknownReference { key: "p-x".into() }.at(Field::Person))
    );
}

async fn all_errors_of_a_file_are_reported_at_once(db: TestDb) {
    import(&db, &saxony()).await.unwrap();
    let errors = import_errors(
        import(
            &db,
            &table(
                ImportKind::Problems,
                "problemlagen.csv",
                "municipality,category,title,severity\n\
                 14522140,DRG,Crystal am Bahnhof,4\n\
                 14522140,XYZ,Unbekannte Kategorie,3\n\
                 14999999,GRP,Unbekannte Gemeinde,3\n\
                 14522140,GRP,Gruppen am Markt,3\n",
            ),
        )
        .await,
    );
    let places: Vec<(Option<u64>, Option<&str>)> = errors
        .errors()
        .iter()
        .map(|e| (e.line, e.column.as_deref()))
        .collect();
    assert_eq!(
        places,
        [(Some(3), Some("category")), (Some(4), Some("municipality"))]
    );
    assert_eq!(counts(&db.store).await.problems, 0);
}

async fn a_reference_may_not_name_a_person_and_an_organisation(db: TestDb) {
    import(&db, &saxony()).await.unwrap();
    import(
        &db,
        &table(
            ImportKind::Organisations,
            "o.csv",
            "ref,name,kind,municipality\nx1,Ordnungsamt Flöha,public_order_office,14522140\n",
        ),
    )
    .await
    .unwrap();
    // The same reference for a person is refused: ties could not tell them apart.
    let errors = import_errors(
        import(
            &db,
            &table(
                ImportKind::Persons,
                "p.csv",
                "ref,given_name,family_name,legal_basis\nx1,Anna,Beispiel,public_task\n",
            ),
        )
        .await,
    );
    assert_eq!(
        *errors.errors()[0].problem,
        ImportProblem::Invalid(Rule::AlreadyExists { key: "x1".into() }.at(Field::Ref))
    );
    // A tie between an organisation and a person is refused at the target column.
    import(
        &db,
        &table(
            ImportKind::Persons,
            "p.csv",
            "ref,given_name,family_name,legal_basis\np1,Anna,Beispiel,public_task\n",
        ),
    )
    .await
    .unwrap();
    let errors = import_errors(
        import(
            &db,
            &table(
                ImportKind::Ties,
                "t.csv",
                "source,target,kind,strength\nx1,p1,cooperation,3\n",
            ),
        )
        .await,
    );
    let e = &errors.errors()[0];
    assert_eq!(e.column.as_deref(), Some("target"));
    assert_eq!(
        *e.problem,
        ImportProblem::Invalid(Rule::MixedTie.at(Field::Target))
    );
    assert_eq!(counts(&db.store).await.ties, 0);
    let _ = TieKind::Cooperation;
}

async fn a_dry_run_checks_everything_and_keeps_nothing(db: TestDb) {
    let summary = db
        .store
        .import(
            &db.ctx(),
            &demo(),
            &NoProgress,
            &ImportOptions {
                dry_run: true,
                ..ImportOptions::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(summary.tables.len(), 19);
    assert!(db.store.is_empty().await.unwrap());
    assert_eq!(counts(&db.store).await.audit_events, 0);
}

async fn replacing_removes_everything_first_in_the_same_transaction(db: TestDb) {
    import(&db, &demo()).await.unwrap();
    let before = counts(&db.store).await;
    // A replacing import that fails keeps the old data.
    let mut broken = demo();
    broken.push(
        ImportKind::Ties
            .read(
                "bad_ties.csv",
                "source,target,kind,strength\nnobody,nothing,cooperation,2\n".as_bytes(),
            )
            .unwrap(),
    );
    let options = ImportOptions {
        replace: true,
        ..ImportOptions::default()
    };
    assert!(
        db.store
            .import(&db.ctx(), &broken, &NoProgress, &options)
            .await
            .is_err()
    );
    assert_eq!(counts(&db.store).await, before);
    // A replacing import that succeeds leaves exactly the new data.
    db.store
        .import(&db.ctx(), &saxony(), &NoProgress, &options)
        .await
        .unwrap();
    let after = counts(&db.store).await;
    assert_eq!(
        (after.municipalities, after.persons, after.ties),
        (418, 0, 0)
    );
    let events = db
        .store
        .audit_events(&AuditFilter::default())
        .await
        .unwrap();
    // The audit log keeps everything: 19 files of the demo and the ties attendance made, the
    // reset, the 3 new files.
    assert_eq!(events.len(), 24);
    let actions: Vec<AuditAction> = events.iter().map(|e| e.action).collect();
    assert_eq!(actions[3], AuditAction::Reset);
    assert!(actions[..3].iter().all(|a| *a == AuditAction::Import));
}

async fn a_reset_keeps_reference_data_and_logs_itself(db: TestDb) {
    import(&db, &demo()).await.unwrap();
    db.store.reset(&db.ctx()).await.unwrap();
    let c = counts(&db.store).await;
    assert!(db.store.is_empty().await.unwrap());
    assert_eq!(c.problem_categories, 21);
    assert_eq!(db.raw_count("select count(*) from state").await, 16);
    // The audit log is kept whole (19 files and the ties attendance made); the reset is its
    // newest entry.
    assert_eq!(c.audit_events, 21);
    let events = db
        .store
        .audit_events(&AuditFilter::default())
        .await
        .unwrap();
    assert_eq!(
        (events[0].action, events[0].entity),
        (AuditAction::Reset, EntityKind::Database)
    );
    // Nothing removes or changes an entry.
    assert!(db.raw("delete from audit_event").await.is_err());
    assert!(db.raw("update audit_event set summary = ''").await.is_err());
    if db.url.backend() == praevnetz_store::Backend::Postgres {
        assert!(db.raw("truncate audit_event").await.is_err());
    }
    assert_eq!(db.raw_count("select count(*) from audit_event").await, 21);
}

async fn a_tie_the_database_refuses_is_reported_with_its_line(db: TestDb) {
    import(&db, &saxony()).await.unwrap();
    import(
        &db,
        &table(
            ImportKind::Persons,
            "p.csv",
            "ref,given_name,family_name,legal_basis\np1,Anna,A,public_task\n\
             p2,Bernd,B,public_task\np3,Clara,C,public_task\n",
        ),
    )
    .await
    .unwrap();
    import(
        &db,
        &table(
            ImportKind::Ties,
            "t1.csv",
            "source,target,kind,strength,since\np1,p2,cooperation,3,2021-01-01\n",
        ),
    )
    .await
    .unwrap();
    // The second tie repeats the stored one (same ends, kind and start): the batch insert is
    // refused by the unique key, retried row by row, and the error names line 3.
    let errors = import_errors(
        import(
            &db,
            &table(
                ImportKind::Ties,
                "t2.csv",
                "source,target,kind,strength,since\n\
                 p1,p3,cooperation,2,2022-01-01\n\
                 p2,p1,cooperation,4,2021-01-01\n\
                 p2,p3,information_exchange,1,2022-02-01\n",
            ),
        )
        .await,
    );
    let e = &errors.errors()[0];
    assert_eq!((e.file.as_str(), e.line), ("t2.csv", Some(3)));
    assert!(
        matches!(e.problem.as_ref(), ImportProblem::Invalid(v) if matches!(v.rule, Rule::AlreadyExists { .. })),
        "{e:?}"
    );
    assert_eq!(counts(&db.store).await.ties, 1);

    // Without a start date, the same tie counts once too.
    let undated = "source,target,kind,strength\np2,p3,conflict,2\n";
    import(&db, &table(ImportKind::Ties, "t3.csv", undated))
        .await
        .unwrap();
    let errors = import_errors(import(&db, &table(ImportKind::Ties, "t4.csv", undated)).await);
    assert_eq!(errors.errors()[0].line, Some(2));
    assert_eq!(counts(&db.store).await.ties, 2);
}

async fn rows_after_an_error_still_count_for_later_references(db: TestDb) {
    import(&db, &saxony()).await.unwrap();
    // Line 2 names an unknown municipality; b2 in line 3 is fine, and b3 refers to it.
    let errors = import_errors(
        import(
            &db,
            &table(
                ImportKind::Bodies,
                "gremien.csv",
                "ref,name,kind,municipality,parent\n\
                 b1,KPR Nirgendwo,prevention_council,14999999,\n\
                 b2,KPR Flöha,prevention_council,14522140,\n\
                 b3,Lenkungsgruppe Flöha,steering_group,14522140,b2\n",
            ),
        )
        .await,
    );
    let places: Vec<(Option<u64>, Option<&str>)> = errors
        .errors()
        .iter()
        .map(|e| (e.line, e.column.as_deref()))
        .collect();
    assert_eq!(places, [(Some(2), Some("municipality"))]);
    assert_eq!(counts(&db.store).await.bodies, 0);
}

async fn a_repeated_participation_is_named_with_the_users_references(db: TestDb) {
    import(&db, &demo()).await.unwrap();
    let first = demo_files()
        .into_iter()
        .find(|(kind, _, _)| *kind == ImportKind::Participations)
        .unwrap();
    let text = String::from_utf8(first.2.to_vec()).unwrap();
    let two_lines: String = text.lines().take(2).collect::<Vec<_>>().join("\n") + "\n";
    let errors =
        import_errors(import(&db, &table(ImportKind::Participations, "p.csv", &two_lines)).await);
    let e = &errors.errors()[0];
    assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("person")));
    let ImportProblem::Invalid(invalid) = e.problem.as_ref() else {
        panic!("{e:?}")
    };
    let Rule::AlreadyExists { key } = &invalid.rule else {
        panic!("{invalid:?}")
    };
    // The key is what the user wrote (meeting and person references), no database id.
    let second_line = two_lines.lines().nth(1).unwrap();
    let cells: Vec<&str> = second_line.split(',').collect();
    assert_eq!(key, &format!("{} / {}", cells[0], cells[1]));
}

async fn many_errors_are_reported_up_to_a_limit_and_counted_beyond_it(db: TestDb) {
    import(&db, &saxony()).await.unwrap();
    let rows: Vec<String> = (0..80)
        .map(|n| format!("o{n},Amt {n},public_order_office,14999{n:03}"))
        .collect();
    let text = format!("ref,name,kind,municipality\n{}\n", rows.join("\n"));
    let errors =
        import_errors(import(&db, &table(ImportKind::Organisations, "o.csv", &text)).await);
    assert_eq!(errors.errors().len(), praevnetz_domain::import::MAX_ERRORS);
    assert_eq!(errors.more(), 80 - praevnetz_domain::import::MAX_ERRORS);
    assert_eq!(counts(&db.store).await.organisations, 0);
}

async fn an_import_that_wants_an_empty_database_decides_in_its_transaction(db: TestDb) {
    let wants_empty = ImportOptions {
        require_empty: true,
        ..ImportOptions::default()
    };
    db.store
        .import(&db.ctx(), &saxony(), &NoProgress, &wants_empty)
        .await
        .unwrap();
    let refused = db
        .store
        .import(&db.ctx(), &saxony(), &NoProgress, &wants_empty)
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::NotEmpty), "{refused:?}");
    // Replacing on an empty database logs no reset.
    db.store.reset(&db.ctx()).await.unwrap();
    let events = counts(&db.store).await.audit_events;
    let replace = ImportOptions {
        replace: true,
        require_empty: true,
        ..ImportOptions::default()
    };
    db.store
        .import(&db.ctx(), &saxony(), &NoProgress, &replace)
        .await
        .unwrap();
    assert_eq!(counts(&db.store).await.audit_events, events + 3);
}

// ---------------------------------------------------------------- round trips of further kinds

async fn home_of(s: &Store, home: &HomeRef) -> Home {
    match home {
        HomeRef::State => Home::State,
        HomeRef::District(d) => Home::District(s.district_by_ags(d).await.unwrap().unwrap().id),
        HomeRef::Municipality(m) => {
            Home::Municipality(s.municipality_by_ags(m).await.unwrap().unwrap().id)
        }
    }
}

async fn meeting_id(s: &Store, key: &ExternalRef) -> praevnetz_domain::ids::MeetingId {
    s.meeting_by_ref(key).await.unwrap().unwrap().id
}

async fn person_id(s: &Store, key: &ExternalRef) -> PersonId {
    s.person_by_ref(key).await.unwrap().unwrap().id
}

async fn regions_round_trip(s: &Store, rows: &[Line<RegionData>]) {
    for line in rows {
        let stored = s
            .region_by_slug(&line.record.slug)
            .await
            .unwrap()
            .unwrap()
            .data;
        let mut expected = line.record.clone();
        expected.districts.sort();
        assert_eq!(stored, expected);
    }
}

async fn milestones_round_trip(s: &Store, rows: &[Line<MilestoneRecord>]) {
    for line in rows {
        let r = &line.record;
        let municipality = s
            .municipality_by_ags(&r.municipality)
            .await
            .unwrap()
            .unwrap()
            .id;
        let stored = s.milestones(Some(municipality)).await.unwrap();
        let found = stored.iter().any(|m| {
            m.data.kind() == r.kind
                && m.data.achieved_on() == r.achieved_on
                && m.data.context() == r.context.as_ref()
                && m.data.funding() == r.funding.as_ref()
                && m.data.note() == r.note.as_ref()
        });
        assert!(found, "milestone in line {}", line.line);
    }
}

async fn bodies_round_trip(s: &Store, rows: &[Line<BodyRecord>]) {
    let stored = s.bodies(None).await.unwrap();
    for line in rows {
        let r = &line.record;
        let key = r.external_ref.as_ref().unwrap();
        let body = stored
            .iter()
            .find(|b| b.data.external_ref.as_ref() == Some(key))
            .unwrap();
        let mut aliases = r.aliases.clone();
        aliases.sort();
        aliases.dedup();
        assert_eq!(
            (
                &body.data.name,
                body.data.kind,
                &body.data.aliases,
                body.data.period
            ),
            (&r.name, r.kind, &aliases, r.period),
            "body {key}"
        );
        assert_eq!(body.data.home, home_of(s, &r.home).await, "body {key}");
        assert_eq!(body.data.description, r.description, "body {key}");
        let parent = r.parent.as_ref().map(|p| {
            stored
                .iter()
                .find(|b| b.data.external_ref.as_ref() == Some(p))
                .unwrap()
                .id
        });
        assert_eq!(body.data.parent_id, parent, "body {key}");
    }
}

async fn body_members_round_trip(s: &Store, rows: &[Line<BodyMemberRecord>]) {
    let bodies = s.bodies(None).await.unwrap();
    for line in rows {
        let r = &line.record;
        let body = bodies
            .iter()
            .find(|b| b.data.external_ref.as_ref() == Some(&r.body))
            .unwrap();
        let person = person_id(s, &r.person).await;
        let organisation = match &r.organisation {
            Some(o) => Some(s.organisation_by_ref(o).await.unwrap().unwrap().id),
            None => None,
        };
        let seats = s.body_members(Some(body.id), Some(person)).await.unwrap();
        let found = seats.iter().any(|m| {
            m.data.role == r.role
                && m.data.period == r.period
                && m.data.organisation_id == organisation
        });
        assert!(found, "seat in line {}", line.line);
    }
}

async fn practices_round_trip(s: &Store, rows: &[Line<PracticeRecord>]) {
    let stored = s.practices(None, None).await.unwrap();
    for line in rows {
        let r = &line.record;
        let key = r.external_ref.as_ref().unwrap();
        let p = &stored
            .iter()
            .find(|p| p.data.external_ref.as_ref() == Some(key))
            .unwrap()
            .data;
        assert_eq!(
            (&p.title, &p.summary, &p.approach, &p.outcome, p.period),
            (&r.title, &r.summary, &r.approach, &r.outcome, r.period),
            "practice {key}"
        );
        let mut categories = r.categories.clone();
        categories.sort();
        categories.dedup();
        assert_eq!(p.categories, categories, "practice {key}");
        let mut partners = HashSet::new();
        for partner in &r.partners {
            partners.insert(s.organisation_by_ref(partner).await.unwrap().unwrap().id);
        }
        assert_eq!(p.partners.iter().copied().collect::<HashSet<_>>(), partners);
        let contact = match &r.contact {
            Some(c) => Some(person_id(s, c).await),
            None => None,
        };
        assert_eq!(p.contact_person_id, contact, "practice {key}");
    }
}

async fn participations_round_trip(s: &Store, rows: &[Line<ParticipationRecord>]) {
    for line in rows {
        let r = &line.record;
        let meeting = meeting_id(s, &r.meeting).await;
        let person = person_id(s, &r.person).await;
        let stored = s.participations(Some(meeting), Some(person)).await.unwrap();
        assert_eq!(stored.len(), 1, "participation in line {}", line.line);
        let p = &stored[0].data;
        let organisation = match &r.organisation {
            Some(o) => Some(s.organisation_by_ref(o).await.unwrap().unwrap().id),
            None => None,
        };
        assert_eq!(
            (p.status, &p.note, p.organisation_id),
            (r.status, &r.note, organisation)
        );
    }
}

async fn agenda_round_trip(s: &Store, rows: &[Line<AgendaItemRecord>]) {
    for line in rows {
        let r = &line.record;
        let meeting = meeting_id(s, &r.meeting).await;
        let items = s.agenda_items(Some(meeting), None).await.unwrap();
        let item = &items
            .iter()
            .find(|i| i.data.position == r.position)
            .unwrap()
            .data;
        assert_eq!(
            (&item.title, item.duration_minutes, &item.notes),
            (&r.title, r.duration_minutes, &r.notes),
            "agenda item in line {}",
            line.line
        );
        let presenter = match &r.presenter {
            Some(p) => Some(person_id(s, p).await),
            None => None,
        };
        let topic = match &r.topic {
            Some(t) => Some(s.topic_by_ref(t).await.unwrap().unwrap().id),
            None => None,
        };
        assert_eq!((item.presenter_id, item.topic_id), (presenter, topic));
    }
}

async fn decisions_round_trip(s: &Store, rows: &[Line<DecisionRecord>]) {
    for line in rows {
        let r = &line.record;
        let meeting = meeting_id(s, &r.meeting).await;
        let decisions = s.decisions(Some(meeting)).await.unwrap();
        let decision = decisions.iter().find(|d| d.data.text == r.text).unwrap();
        let agenda_position = match decision.data.agenda_item_id {
            Some(id) => Some(s.agenda_item(id).await.unwrap().unwrap().data.position),
            None => None,
        };
        assert_eq!(
            agenda_position, r.agenda_position,
            "decision in line {}",
            line.line
        );
    }
}

async fn action_items_round_trip(s: &Store, rows: &[Line<ActionItemRecord>]) {
    let stored = s
        .action_items(&praevnetz_store::ActionItemFilter::default())
        .await
        .unwrap();
    for line in rows {
        let r = &line.record;
        let owner = match &r.owner {
            Some(o) => Some(person_id(s, o).await),
            None => None,
        };
        let meeting = match &r.meeting {
            Some(m) => Some(meeting_id(s, m).await),
            None => None,
        };
        let found = stored.iter().any(|a| {
            a.data.title == r.title
                && a.data.owner_id == owner
                && a.data.meeting_id == meeting
                && a.data.due_on == r.due_on
                && a.data.status == r.status
                && a.data.completed_on == r.completed_on
        });
        assert!(found, "action item in line {}", line.line);
    }
}

async fn attendance_imported_later_adds_its_ties_and_files_of_ties_cannot_name_them(db: TestDb) {
    import(&db, &demo()).await.unwrap();
    let met = "select count(*) from tie where kind = 'met_at_meeting'";
    assert_eq!(db.raw_count(met).await, 1196);
    // One more attendee of the Flöha meeting met its 35 others.
    import(
        &db,
        &table(
            ImportKind::Participations,
            "nachtrag.csv",
            "meeting,person,status\nm-vernetzung-2022-floeha,p-denny-haehnel,attended\n",
        ),
    )
    .await
    .unwrap();
    assert_eq!(db.raw_count(met).await, 1196 + 35);
    let events = db
        .store
        .audit_events(&AuditFilter::default())
        .await
        .unwrap();
    assert_eq!(
        events[0].summary,
        "met_at_meeting (1 meeting): 35 created, 0 deleted"
    );
    // A file of ties cannot record them: the cell is named with the rule.
    let Err(errors) = ImportKind::Ties.read(
        "ties.csv",
        "source,target,kind,strength,meeting\n\
         p-denny-haehnel,p-heiko-kreher,met_at_meeting,1,m-vernetzung-2022-floeha\n"
            .as_bytes(),
    ) else {
        panic!("a tie of kind met_at_meeting was read");
    };
    let e = &errors.errors()[0];
    assert_eq!(
        (e.file.as_str(), e.line, e.column.as_deref()),
        ("ties.csv", Some(2), Some("kind"))
    );
    assert!(
        matches!(e.problem.as_ref(), ImportProblem::Invalid(v) if v.rule == Rule::FromAttendance),
        "{e:?}"
    );
}
