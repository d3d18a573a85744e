use jiff::civil::date;
use praevnetz_domain::actor::Home;
use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::error::Field;
use praevnetz_domain::ids::{ActorId, MunicipalityId, OrganisationId, PersonId};
use praevnetz_domain::practice::PracticeData;
use praevnetz_domain::problem::{
    CategoryCode, Hotspot, ProblemData, ProblemStatus, Severity, Trend, Visibility,
};
use praevnetz_domain::territory::GeoPoint;
use praevnetz_domain::text::Text;
use praevnetz_domain::time::Period;
use praevnetz_store::{AuditFilter, ProblemFilter};

use crate::actor::{
    add_organisation, add_person, assert_not_found, assert_rejected, exists, field_error,
    reference, unknown,
};
use crate::backend_tests;
use crate::fixtures::{name, territory};
use crate::harness::TestDb;

backend_tests!(
    the_taxonomy_has_twenty_one_categories_in_two_languages,
    problems_are_created_read_updated_and_deleted,
    problems_are_filtered_by_municipality_category_and_status,
    a_problem_names_an_existing_category_municipality_and_actors,
    a_failed_problem_write_leaves_nothing_behind,
    deleting_an_actor_or_municipality_takes_it_off_problems,
    the_database_enforces_problem_rules_itself,
    practices_are_created_read_updated_and_deleted,
    practices_are_filtered_by_municipality_and_category,
    a_practice_names_existing_categories_partners_and_contact,
    every_problem_and_practice_change_is_in_the_audit_log,
);

pub fn category(code: &str) -> CategoryCode {
    CategoryCode::parse(code).unwrap()
}

/// An open problem of severity 3 without hotspot or actors.
pub fn problem_data(municipality_id: MunicipalityId, code: &str, title: &str) -> ProblemData {
    ProblemData {
        external_ref: None,
        municipality_id,
        category: category(code),
        title: name(title),
        description: None,
        severity: Severity::new(3).unwrap(),
        trend: Trend::Unknown,
        status: ProblemStatus::Open,
        visibility: Visibility::Municipality,
        hotspot: None,
        observed_since: None,
        responsible: Vec::new(),
        affected: Vec::new(),
    }
}

/// A practice without categories, partners, contact or period.
pub fn practice_data(municipality_id: MunicipalityId, title: &str) -> PracticeData {
    PracticeData {
        external_ref: None,
        municipality_id,
        title: name(title),
        summary: None,
        approach: None,
        outcome: None,
        categories: Vec::new(),
        partners: Vec::new(),
        contact_person_id: None,
        period: Period::ALWAYS,
    }
}

// ---------------------------------------------------------------- taxonomy

async fn the_taxonomy_has_twenty_one_categories_in_two_languages(db: TestDb) {
    let categories = db.store.problem_categories().await.unwrap();
    assert_eq!(categories.len(), 21);
    let codes: Vec<&str> = categories.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes[..4], ["RES", "GRP", "DRG", "DEM"]);
    assert_eq!(codes[20], "OEF");
    let mut unique = codes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 21);
    for c in &categories {
        for text in [
            &c.label_de,
            &c.label_en,
            &c.description_de,
            &c.description_en,
        ] {
            assert!(!text.trim().is_empty(), "{}: empty text", c.code);
        }
        assert_ne!(c.label_de, c.label_en, "{}: label not translated", c.code);
    }
    let drugs = &categories[2];
    assert_eq!(drugs.label_de, "Drogen / Betäubungsmittelkriminalität");
    assert_eq!(drugs.label_en, "Drugs / drug crime");
    assert_eq!(
        categories[1].label(praevnetz_domain::i18n::Lang::En),
        "Groups gathering at hotspots"
    );
}

// ---------------------------------------------------------------- problems

async fn problems_are_created_read_updated_and_deleted(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let home = Home::Municipality(t.floeha);
    let revier = add_organisation(&db, "Polizeirevier Flöha", home).await;
    let stadt = add_organisation(&db, "Stadtverwaltung Flöha", home).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let verein = add_organisation(&db, "Bahnhofsmission", home).await;

    let data = ProblemData {
        external_ref: Some(reference("PL-FLOEHA-1")),
        municipality_id: t.floeha,
        category: category("GRP"),
        title: name("Trinkerszene am Bahnhof"),
        description: Some(Text::parse("Seit dem Umbau des Vorplatzes.\nAbends.").unwrap()),
        severity: Severity::new(4).unwrap(),
        trend: Trend::Rising,
        status: ProblemStatus::InProgress,
        visibility: Visibility::Region,
        hotspot: Some(Hotspot {
            name: name("Bahnhofsvorplatz"),
            location: Some(GeoPoint::new(50.856_78, 13.071_23).unwrap()),
        }),
        observed_since: Some(date(2023, 9, 1)),
        // in the order the store returns them (by actor id)
        responsible: vec![
            ActorId::Organisation(revier),
            ActorId::Organisation(stadt),
            ActorId::Person(anna),
        ],
        affected: vec![ActorId::Organisation(verein)],
    };
    let id = db.store.create_problem(&ctx, &data).await.unwrap();
    let stored = db.store.problem(id).await.unwrap().unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.data, data);
    let location = stored.data.hotspot.unwrap().location.unwrap();
    assert_eq!((location.lat(), location.lon()), (50.856_78, 13.071_23));

    // Update: hotspot without coordinates; lists replaced, repetitions stored once, sorted.
    let mut changed = data.clone();
    changed.category = category("ALK");
    changed.title = name("Alkoholkonsum am Bahnhof");
    changed.severity = Severity::new(2).unwrap();
    changed.trend = Trend::Falling;
    changed.status = ProblemStatus::Monitoring;
    changed.visibility = Visibility::Network;
    changed.hotspot = Some(Hotspot {
        name: name("Bahnhof"),
        location: None,
    });
    changed.responsible = vec![
        ActorId::Person(anna),
        ActorId::Organisation(stadt),
        ActorId::Person(anna),
    ];
    // The same actor may be responsible and affected.
    changed.affected = vec![ActorId::Organisation(stadt)];
    db.store.update_problem(&ctx, id, &changed).await.unwrap();
    let stored = db.store.problem(id).await.unwrap().unwrap().data;
    assert_eq!(
        stored.responsible,
        [ActorId::Organisation(stadt), ActorId::Person(anna)]
    );
    changed.responsible = vec![ActorId::Organisation(stadt), ActorId::Person(anna)];
    assert_eq!(stored, changed);

    // ... and to no hotspot, no actors.
    let bare = problem_data(t.floeha, "ORD", "Müll am Wertstoffhof");
    db.store.update_problem(&ctx, id, &bare).await.unwrap();
    assert_eq!(db.store.problem(id).await.unwrap().unwrap().data, bare);
    assert_eq!(db.raw_count("select count(*) from problem_actor").await, 0);

    db.store.delete_problem(&ctx, id).await.unwrap();
    assert!(db.store.problem(id).await.unwrap().is_none());
    assert_not_found(
        db.store.delete_problem(&ctx, id).await,
        EntityKind::Problem,
        id.get(),
    );
    assert_not_found(
        db.store.update_problem(&ctx, id, &bare).await,
        EntityKind::Problem,
        id.get(),
    );
    // The actors stay.
    assert_eq!(db.store.organisations(None).await.unwrap().len(), 3);
}

async fn problems_are_filtered_by_municipality_category_and_status(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let revier = add_organisation(&db, "Polizeirevier", Home::Municipality(t.floeha)).await;
    let create = async |m: MunicipalityId, code: &str, severity: i64, status: ProblemStatus| {
        let mut data = problem_data(m, code, &format!("{code} {severity}"));
        data.severity = Severity::new(severity).unwrap();
        data.status = status;
        data.responsible = vec![ActorId::Organisation(revier)];
        db.store.create_problem(&ctx, &data).await.unwrap()
    };
    let f_drg = create(t.floeha, "DRG", 2, ProblemStatus::Open).await;
    let f_grp = create(t.floeha, "GRP", 5, ProblemStatus::InProgress).await;
    let c_drg = create(t.chemnitz, "DRG", 4, ProblemStatus::Open).await;
    let f_drg2 = create(t.floeha, "DRG", 4, ProblemStatus::Resolved).await;
    let a_dem = create(t.amtsberg, "DEM", 1, ProblemStatus::Open).await;

    let list = async |filter: ProblemFilter| {
        db.store
            .problems(&filter)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect::<Vec<_>>()
    };
    // by municipality (in id order of the municipalities), the most severe first
    assert_eq!(
        list(ProblemFilter::default()).await,
        [c_drg, f_grp, f_drg2, f_drg, a_dem]
    );
    assert_eq!(
        list(ProblemFilter {
            municipality: Some(t.floeha),
            ..ProblemFilter::default()
        })
        .await,
        [f_grp, f_drg2, f_drg]
    );
    assert_eq!(
        list(ProblemFilter {
            category: Some(category("DRG")),
            ..ProblemFilter::default()
        })
        .await,
        [c_drg, f_drg2, f_drg]
    );
    assert_eq!(
        list(ProblemFilter {
            status: Some(ProblemStatus::Open),
            ..ProblemFilter::default()
        })
        .await,
        [c_drg, f_drg, a_dem]
    );
    assert_eq!(
        list(ProblemFilter {
            municipality: Some(t.floeha),
            category: Some(category("DRG")),
            status: Some(ProblemStatus::Open),
            ..ProblemFilter::default()
        })
        .await,
        [f_drg]
    );
    assert!(
        list(ProblemFilter {
            municipality: Some(t.freiberg),
            ..ProblemFilter::default()
        })
        .await
        .is_empty()
    );
    assert!(
        list(ProblemFilter {
            category: Some(category("CYB")),
            ..ProblemFilter::default()
        })
        .await
        .is_empty()
    );
    // Listed problems carry their actors.
    let listed = db.store.problems(&ProblemFilter::default()).await.unwrap();
    assert!(
        listed
            .iter()
            .all(|p| p.data.responsible == [ActorId::Organisation(revier)])
    );
}

async fn a_problem_names_an_existing_category_municipality_and_actors(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let revier = add_organisation(&db, "Polizeirevier", Home::Municipality(t.floeha)).await;

    // XYZ is a well-formed code that the taxonomy does not have.
    let unknown_category = problem_data(t.floeha, "XYZ", "Unbekannt");
    assert_eq!(
        field_error(db.store.create_problem(&ctx, &unknown_category).await),
        (Field::Category, unknown("XYZ"))
    );
    let nowhere = problem_data(MunicipalityId::new(9999), "DRG", "Nirgendwo");
    assert_eq!(
        field_error(db.store.create_problem(&ctx, &nowhere).await),
        (Field::Municipality, unknown(9999))
    );
    let mut missing_actor = problem_data(t.floeha, "DRG", "Drogen");
    missing_actor.responsible = vec![ActorId::Organisation(OrganisationId::new(9998))];
    assert_eq!(
        field_error(db.store.create_problem(&ctx, &missing_actor).await),
        (Field::Responsible, unknown(9998))
    );
    let mut missing_affected = problem_data(t.floeha, "DRG", "Drogen");
    missing_affected.affected = vec![ActorId::Person(PersonId::new(9997))];
    assert_eq!(
        field_error(db.store.create_problem(&ctx, &missing_affected).await),
        (Field::Affected, unknown(9997))
    );
    // An organisation's id given as a person's is no such person.
    let mut wrong_kind = problem_data(t.floeha, "DRG", "Drogen");
    wrong_kind.responsible = vec![ActorId::Person(PersonId::new(revier.get()))];
    assert_eq!(
        field_error(db.store.create_problem(&ctx, &wrong_kind).await),
        (Field::Responsible, unknown(revier.get()))
    );

    let mut good = problem_data(t.floeha, "DRG", "Drogen");
    good.external_ref = Some(reference("PL-1"));
    good.responsible = vec![ActorId::Person(anna)];
    let id = db.store.create_problem(&ctx, &good).await.unwrap();
    let mut duplicate = problem_data(t.freiberg, "GRP", "Gruppen");
    duplicate.external_ref = Some(reference("PL-1"));
    assert_eq!(
        field_error(db.store.create_problem(&ctx, &duplicate).await),
        (Field::Ref, exists("PL-1"))
    );
    duplicate.external_ref = Some(reference("PL-2"));
    let second = db.store.create_problem(&ctx, &duplicate).await.unwrap();
    duplicate.external_ref = Some(reference("PL-1"));
    assert_eq!(
        field_error(db.store.update_problem(&ctx, second, &duplicate).await),
        (Field::Ref, exists("PL-1"))
    );
    assert_eq!(
        field_error(db.store.update_problem(&ctx, id, &unknown_category).await),
        (Field::Category, unknown("XYZ"))
    );
    assert_eq!(db.store.problem(id).await.unwrap().unwrap().data, good);
    assert_eq!(
        db.store
            .problems(&ProblemFilter::default())
            .await
            .unwrap()
            .len(),
        2
    );
}

async fn a_failed_problem_write_leaves_nothing_behind(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let revier = add_organisation(&db, "Polizeirevier", Home::Municipality(t.floeha)).await;
    let mut data = problem_data(t.floeha, "VAN", "Graffiti an der Schule");
    data.hotspot = Some(Hotspot {
        name: name("Oberschule"),
        location: None,
    });
    // The responsible list names two actors that exist and one that does not.
    data.responsible = vec![
        ActorId::Person(anna),
        ActorId::Organisation(revier),
        ActorId::Person(PersonId::new(9999)),
    ];
    assert_eq!(
        field_error(db.store.create_problem(&ctx, &data).await),
        (Field::Responsible, unknown(9999))
    );
    assert_eq!(db.raw_count("select count(*) from problem").await, 0);
    assert_eq!(db.raw_count("select count(*) from problem_actor").await, 0);

    // A failed update keeps the problem and its actors as they were.
    data.responsible = vec![ActorId::Person(anna)];
    let id = db.store.create_problem(&ctx, &data).await.unwrap();
    let mut broken = data.clone();
    broken.title = name("Geändert");
    broken.responsible = vec![ActorId::Organisation(revier)];
    broken.affected = vec![ActorId::Organisation(OrganisationId::new(9998))];
    assert_eq!(
        field_error(db.store.update_problem(&ctx, id, &broken).await),
        (Field::Affected, unknown(9998))
    );
    assert_eq!(db.store.problem(id).await.unwrap().unwrap().data, data);
    let logged = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Problem),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(logged.len(), 1);
}

async fn deleting_an_actor_or_municipality_takes_it_off_problems(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let revier = add_organisation(&db, "Polizeirevier", Home::Municipality(t.floeha)).await;
    let mut data = problem_data(t.floeha, "GEW", "Schlägereien");
    data.responsible = vec![ActorId::Organisation(revier), ActorId::Person(anna)];
    data.affected = vec![ActorId::Person(anna)];
    let id = db.store.create_problem(&ctx, &data).await.unwrap();
    let in_amtsberg = db
        .store
        .create_problem(&ctx, &problem_data(t.amtsberg, "EIN", "Einbrüche"))
        .await
        .unwrap();

    db.store.delete_person(&ctx, anna).await.unwrap();
    let stored = db.store.problem(id).await.unwrap().unwrap().data;
    assert_eq!(stored.responsible, [ActorId::Organisation(revier)]);
    assert!(stored.affected.is_empty());

    db.store
        .delete_municipality(&ctx, t.amtsberg)
        .await
        .unwrap();
    assert!(db.store.problem(in_amtsberg).await.unwrap().is_none());
    assert!(db.store.problem(id).await.unwrap().is_some());
}

async fn the_database_enforces_problem_rules_itself(db: TestDb) {
    let t = territory(&db).await;
    let m = t.floeha.get();
    let insert = |columns: &str, values: &str| {
        format!(
            "insert into problem (municipality_id, category_code, title, severity, trend, \
             status, visibility{columns}) values ({m}, 'DRG', 'Drogen', {values})"
        )
    };
    db.raw(&insert(
        ", hotspot_name, hotspot_latitude, hotspot_longitude, observed_since",
        "5, 'rising', 'open', 'network', 'Park', 50.8, 13.0, '2024-01-31'",
    ))
    .await
    .unwrap();
    let problem = db.raw_count("select max(problem_id) from problem").await;
    assert_rejected(
        &db,
        &[
            // severity 0 and 6
            &insert("", "0, 'rising', 'open', 'network'"),
            &insert("", "6, 'rising', 'open', 'network'"),
            // coordinates of a hotspot without a name
            &insert(
                ", hotspot_latitude, hotspot_longitude",
                "3, 'rising', 'open', 'network', 50.8, 13.0",
            ),
            // latitude without longitude
            &insert(
                ", hotspot_name, hotspot_latitude",
                "3, 'rising', 'open', 'network', 'Park', 50.8",
            ),
            // latitude out of range
            &insert(
                ", hotspot_name, hotspot_latitude, hotspot_longitude",
                "3, 'rising', 'open', 'network', 'Park', 95.0, 13.0",
            ),
            // unknown trend, status, visibility
            &insert("", "3, 'exploding', 'open', 'network'"),
            &insert("", "3, 'rising', 'forgotten', 'network'"),
            &insert("", "3, 'rising', 'open', 'public'"),
            // unknown category
            &format!(
                "insert into problem (municipality_id, category_code, title, severity, trend, \
                 status, visibility) values ({m}, 'XYZ', 'X', 3, 'rising', 'open', 'network')"
            ),
            // blank title
            &format!(
                "insert into problem (municipality_id, category_code, title, severity, trend, \
                 status, visibility) values ({m}, 'DRG', ' ', 3, 'rising', 'open', 'network')"
            ),
        ],
        "problem",
        1,
    )
    .await;
    let anna = add_person(&db, "Anna", "Schmidt").await.get();
    db.raw(&format!(
        "insert into problem_actor (problem_id, actor_id, role) values ({problem}, {anna}, 'affected')"
    ))
    .await
    .unwrap();
    assert_rejected(
        &db,
        &[
            &format!(
                "insert into problem_actor (problem_id, actor_id, role) \
                 values ({problem}, {anna}, 'culprit')"
            ),
            &format!(
                "insert into problem_actor (problem_id, actor_id, role) \
                 values ({problem}, 9999, 'affected')"
            ),
            &format!(
                "insert into problem_actor (problem_id, actor_id, role) \
                 values ({problem}, {anna}, 'affected')"
            ),
        ],
        "problem_actor",
        1,
    )
    .await;
    // A category in use cannot be removed from the taxonomy.
    assert!(
        db.raw("delete from problem_category where code = 'DRG'")
            .await
            .is_err()
    );
    assert_rejected(
        &db,
        &[
            // a code that is not three capitals
            "insert into problem_category (code, position, label_de, label_en, description_de, \
             description_en) values ('drg2', 99, 'x', 'x', '', '')",
            // a position taken
            "insert into problem_category (code, position, label_de, label_en, description_de, \
             description_en) values ('ZZZ', 1, 'x', 'x', '', '')",
        ],
        "problem_category",
        21,
    )
    .await;
}

// ---------------------------------------------------------------- practices

async fn practices_are_created_read_updated_and_deleted(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let home = Home::Municipality(t.floeha);
    let revier = add_organisation(&db, "Polizeirevier Flöha", home).await;
    let streetwork = add_organisation(&db, "Mobile Jugendarbeit", home).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let data = PracticeData {
        external_ref: Some(reference("GP-FLOEHA-1")),
        municipality_id: t.floeha,
        title: name("Aufsuchende Arbeit am Bahnhof"),
        summary: Some(Text::parse("Streetwork und Polizei gemeinsam vor Ort.").unwrap()),
        approach: Some(Text::parse("## Vorgehen\n\n- wöchentlich\n- abends").unwrap()),
        outcome: Some(Text::parse("Weniger Beschwerden.").unwrap()),
        // in the order the store returns them (by code, by id)
        categories: vec![category("ALK"), category("GRP")],
        partners: vec![revier, streetwork],
        contact_person_id: Some(anna),
        period: Period::new(Some(date(2022, 4, 1)), Some(date(2023, 3, 31))).unwrap(),
    };
    let id = db.store.create_practice(&ctx, &data).await.unwrap();
    let stored = db.store.practice(id).await.unwrap().unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.data, data);

    let mut changed = data.clone();
    changed.title = name("Bahnhofsstreife");
    changed.categories = vec![category("VAN"), category("DRG"), category("VAN")];
    changed.partners = vec![streetwork];
    changed.contact_person_id = None;
    changed.period = Period::new(Some(date(2022, 4, 1)), None).unwrap();
    db.store.update_practice(&ctx, id, &changed).await.unwrap();
    let stored = db.store.practice(id).await.unwrap().unwrap().data;
    assert_eq!(stored.categories, [category("DRG"), category("VAN")]);
    changed.categories = vec![category("DRG"), category("VAN")];
    assert_eq!(stored, changed);

    let bare = practice_data(t.freiberg, "Sicherheitsbegehung");
    db.store.update_practice(&ctx, id, &bare).await.unwrap();
    assert_eq!(db.store.practice(id).await.unwrap().unwrap().data, bare);
    assert_eq!(
        db.raw_count("select count(*) from practice_category").await,
        0
    );
    assert_eq!(
        db.raw_count("select count(*) from practice_partner").await,
        0
    );

    db.store.delete_practice(&ctx, id).await.unwrap();
    assert!(db.store.practice(id).await.unwrap().is_none());
    assert_not_found(
        db.store.delete_practice(&ctx, id).await,
        EntityKind::Practice,
        id.get(),
    );
    assert_not_found(
        db.store.update_practice(&ctx, id, &bare).await,
        EntityKind::Practice,
        id.get(),
    );
}

async fn practices_are_filtered_by_municipality_and_category(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let create = async |m: MunicipalityId, title: &str, codes: &[&str]| {
        let mut data = practice_data(m, title);
        data.categories = codes.iter().map(|c| category(c)).collect();
        db.store.create_practice(&ctx, &data).await.unwrap()
    };
    let streife = create(t.floeha, "Bahnhofsstreife", &["GRP", "DRG"]).await;
    let cafe = create(t.floeha, "Elterncafé", &["JUG"]).await;
    let licht = create(t.chemnitz, "Angsträume beleuchten", &["ANG", "GRP"]).await;
    let none = create(t.freiberg, "Sicherheitsbegehung", &[]).await;

    let list = async |m: Option<MunicipalityId>, code: Option<&str>| {
        let code = code.map(category);
        db.store
            .practices(m, code.as_ref())
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect::<Vec<_>>()
    };
    // by title
    assert_eq!(list(None, None).await, [licht, streife, cafe, none]);
    assert_eq!(list(Some(t.floeha), None).await, [streife, cafe]);
    assert_eq!(list(None, Some("GRP")).await, [licht, streife]);
    assert_eq!(list(Some(t.floeha), Some("GRP")).await, [streife]);
    assert_eq!(list(Some(t.chemnitz), Some("JUG")).await, []);
    assert_eq!(list(None, Some("CYB")).await, []);
    // The category filter does not cut the listed practice's other categories.
    let listed = db
        .store
        .practices(None, Some(&category("DRG")))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].data.categories,
        [category("DRG"), category("GRP")]
    );
}

async fn a_practice_names_existing_categories_partners_and_contact(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let revier = add_organisation(&db, "Polizeirevier", Home::Municipality(t.floeha)).await;
    let anna = add_person(&db, "Anna", "Schmidt").await;

    let mut data = practice_data(t.floeha, "Bahnhofsstreife");
    data.categories = vec![category("GRP"), category("XYZ")];
    data.partners = vec![revier];
    assert_eq!(
        field_error(db.store.create_practice(&ctx, &data).await),
        (Field::Categories, unknown("XYZ"))
    );
    data.categories = vec![category("GRP")];
    data.partners = vec![revier, OrganisationId::new(9999)];
    assert_eq!(
        field_error(db.store.create_practice(&ctx, &data).await),
        (Field::Partners, unknown(9999))
    );
    // A person is no partner organisation.
    data.partners = vec![OrganisationId::new(anna.get())];
    assert_eq!(
        field_error(db.store.create_practice(&ctx, &data).await),
        (Field::Partners, unknown(anna.get()))
    );
    data.partners = vec![revier];
    data.contact_person_id = Some(PersonId::new(revier.get()));
    assert_eq!(
        field_error(db.store.create_practice(&ctx, &data).await),
        (Field::ContactPerson, unknown(revier.get()))
    );
    data.contact_person_id = Some(anna);
    let nowhere = PracticeData {
        municipality_id: MunicipalityId::new(9998),
        ..data.clone()
    };
    assert_eq!(
        field_error(db.store.create_practice(&ctx, &nowhere).await),
        (Field::Municipality, unknown(9998))
    );
    for table in ["practice", "practice_category", "practice_partner"] {
        assert_eq!(
            db.raw_count(&format!("select count(*) from {table}")).await,
            0,
            "{table}"
        );
    }

    data.external_ref = Some(reference("GP-1"));
    let id = db.store.create_practice(&ctx, &data).await.unwrap();
    let mut other = practice_data(t.chemnitz, "Licht");
    other.external_ref = Some(reference("GP-1"));
    assert_eq!(
        field_error(db.store.create_practice(&ctx, &other).await),
        (Field::Ref, exists("GP-1"))
    );
    // A failed update keeps the practice and its lists.
    let mut broken = data.clone();
    broken.categories = vec![category("DRG"), category("QQQ")];
    assert_eq!(
        field_error(db.store.update_practice(&ctx, id, &broken).await),
        (Field::Categories, unknown("QQQ"))
    );
    assert_eq!(db.store.practice(id).await.unwrap().unwrap().data, data);

    // Deleting the contact person or a partner takes them off the practice.
    db.store.delete_person(&ctx, anna).await.unwrap();
    db.store.delete_organisation(&ctx, revier).await.unwrap();
    let stored = db.store.practice(id).await.unwrap().unwrap().data;
    assert_eq!(stored.contact_person_id, None);
    assert!(stored.partners.is_empty());
    assert_eq!(stored.categories, [category("GRP")]);
    // A category a practice uses cannot leave the taxonomy.
    assert!(
        db.raw("delete from problem_category where code = 'GRP'")
            .await
            .is_err()
    );
}

async fn every_problem_and_practice_change_is_in_the_audit_log(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let problem = problem_data(t.floeha, "DRG", "Crystal am Markt");
    let p = db.store.create_problem(&ctx, &problem).await.unwrap();
    db.store.update_problem(&ctx, p, &problem).await.unwrap();
    db.store.delete_problem(&ctx, p).await.unwrap();
    let practice = practice_data(t.floeha, "Präventionstheater");
    let q = db.store.create_practice(&ctx, &practice).await.unwrap();
    db.store.update_practice(&ctx, q, &practice).await.unwrap();
    db.store.delete_practice(&ctx, q).await.unwrap();

    let events = db
        .store
        .audit_events(&AuditFilter {
            limit: 6,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    let seen: Vec<_> = events
        .iter()
        .rev()
        .map(|e| (e.action, e.entity, e.entity_id, e.summary.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                AuditAction::Create,
                EntityKind::Problem,
                Some(p.get()),
                "Crystal am Markt"
            ),
            (
                AuditAction::Update,
                EntityKind::Problem,
                Some(p.get()),
                "Crystal am Markt"
            ),
            (AuditAction::Delete, EntityKind::Problem, Some(p.get()), ""),
            (
                AuditAction::Create,
                EntityKind::Practice,
                Some(q.get()),
                "Präventionstheater"
            ),
            (
                AuditAction::Update,
                EntityKind::Practice,
                Some(q.get()),
                "Präventionstheater"
            ),
            (AuditAction::Delete, EntityKind::Practice, Some(q.get()), ""),
        ]
    );
    // 3 districts, 4 municipalities, 6 changes
    assert_eq!(db.raw_count("select count(*) from audit_event").await, 13);
}
