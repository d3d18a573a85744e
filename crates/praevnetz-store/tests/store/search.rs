//! Searching: practices by full text, persons and organisations by name, and the queries of
//! the pages.

use praevnetz_domain::ids::MunicipalityId;
use praevnetz_domain::practice::PracticeData;
use praevnetz_domain::text::Text;
use praevnetz_store::{PracticeHit, PracticeSearch};

use jiff::civil::date;
use praevnetz_domain::actor::{Home, MembershipData, OrganisationKind, Pillar, Pillars};
use praevnetz_domain::ids::ActorId;
use praevnetz_domain::problem::Visibility;
use praevnetz_domain::tie::{Strength, TieData, TieKind, TieSpec};
use praevnetz_domain::time::Period;
use praevnetz_store::{OrganisationSearch, PersonSearch, ProblemFilter, VisibleProblems};

use crate::actor::{add_organisation, add_person, organisation_data};
use crate::backend_tests;
use crate::fixtures::name;
use crate::fixtures::territory;
use crate::harness::TestDb;
use crate::import::{demo, import};
use crate::problem::{category, practice_data, problem_data};

backend_tests!(
    practice_search_finds_inflected_forms,
    practice_search_requires_every_word_and_completes_the_last,
    practice_search_filters_by_category_and_municipality,
    practice_search_follows_updates_and_deletes,
    practice_search_finds_imported_practices,
    practice_search_survives_hostile_queries,
    persons_are_found_by_name_function_and_organisation,
    organisations_are_searched_by_name_kind_pillar_and_place,
    persons_of_a_municipality_are_its_current_members,
    ties_of_actors_connect_two_of_them,
    problems_are_filtered_by_district_and_counted_by_visibility,
    the_latest_audit_id_grows_with_every_change,
);

#[expect(clippy::unnecessary_wraps, reason = "the records take optional texts")]
fn text(s: &str) -> Option<Text> {
    Some(Text::parse(s).unwrap())
}

fn practice(
    municipality: MunicipalityId,
    title: &str,
    summary: &str,
    outcome: &str,
) -> PracticeData {
    PracticeData {
        summary: text(summary),
        outcome: text(outcome),
        ..practice_data(municipality, title)
    }
}

async fn search(db: &TestDb, words: &str) -> Vec<PracticeHit> {
    db.store
        .search_practices(&PracticeSearch {
            text: Some(words.to_owned()),
            ..PracticeSearch::default()
        })
        .await
        .unwrap()
}

fn titles(hits: &[PracticeHit]) -> Vec<String> {
    hits.iter()
        .map(|hit| hit.practice.data.title.to_string())
        .collect()
}

async fn practice_search_finds_inflected_forms(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let s = &db.store;
    s.create_practice(
        &ctx,
        &practice(
            t.chemnitz,
            "Streetwork am Bahnhof",
            "Aufsuchende Arbeit mit Jugendlichen",
            "Weniger Konflikte mit Anwohnern",
        ),
    )
    .await
    .unwrap();
    s.create_practice(
        &ctx,
        &practice(
            t.freiberg,
            "Präventionsrat",
            "Ein Gremium",
            "Regelmäßige Treffen",
        ),
    )
    .await
    .unwrap();
    for query in [
        "Jugendlicher",
        "jugendliche",
        "JUGENDLICHEN",
        "Konflikt",
        "konflikte",
    ] {
        assert_eq!(
            titles(&search(&db, query).await),
            ["Streetwork am Bahnhof"],
            "{query}"
        );
    }
    // umlauts fold on both backends
    assert_eq!(
        titles(&search(&db, "Präventionsräte").await),
        ["Präventionsrat"]
    );
    assert_eq!(
        titles(&search(&db, "praeventionsrat").await),
        Vec::<String>::new()
    );
    assert_eq!(titles(&search(&db, "Treffen").await), ["Präventionsrat"]);
    assert!(search(&db, "Treffen").await[0].rank > 0.0);
    // a word in the title weighs more than one in the text
    s.create_practice(
        &ctx,
        &practice(
            t.floeha,
            "Anwohnerversammlung",
            "Konflikte besprechen",
            "Bahnhof",
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        titles(&search(&db, "Bahnhof").await),
        ["Streetwork am Bahnhof", "Anwohnerversammlung"]
    );
    // no text: all, by title
    let all = db
        .store
        .search_practices(&PracticeSearch::default())
        .await
        .unwrap();
    assert_eq!(
        titles(&all),
        [
            "Anwohnerversammlung",
            "Präventionsrat",
            "Streetwork am Bahnhof"
        ]
    );
    assert!(all.iter().all(|hit| hit.rank == 0.0));
}

async fn practice_search_requires_every_word_and_completes_the_last(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let s = &db.store;
    s.create_practice(
        &ctx,
        &practice(
            t.chemnitz,
            "Graffiti-Projekt",
            "Jugendliche gestalten Wände",
            "Weniger Vandalismus",
        ),
    )
    .await
    .unwrap();
    s.create_practice(
        &ctx,
        &practice(
            t.chemnitz,
            "Jugendbeirat",
            "Jugendliche beraten den Stadtrat",
            "Mehr Beteiligung",
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        titles(&search(&db, "Jugendliche Vandalismus").await),
        ["Graffiti-Projekt"]
    );
    // stop words are not required
    assert_eq!(
        titles(&search(&db, "Jugendliche und der Vandalismus").await),
        ["Graffiti-Projekt"]
    );
    // the last word is completed while typed ...
    assert_eq!(
        titles(&search(&db, "Jugendliche Vanda").await),
        ["Graffiti-Projekt"]
    );
    assert_eq!(titles(&search(&db, "Stadtr").await), ["Jugendbeirat"]);
    // ... but not once a space follows it
    assert!(search(&db, "Stadtr ").await.is_empty());
    let limited = db
        .store
        .search_practices(&PracticeSearch {
            text: Some("Jugendliche".to_owned()),
            limit: 1,
            ..PracticeSearch::default()
        })
        .await
        .unwrap();
    assert_eq!(limited.len(), 1);
}

async fn practice_search_filters_by_category_and_municipality(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let s = &db.store;
    let mut chemnitz = practice(
        t.chemnitz,
        "Sicherheitsbegehung Chemnitz",
        "Rundgang",
        "Licht",
    );
    chemnitz.categories = vec![category("ANG")];
    let mut freiberg = practice(
        t.freiberg,
        "Sicherheitsbegehung Freiberg",
        "Rundgang",
        "Licht",
    );
    freiberg.categories = vec![category("ANG"), category("GRP")];
    s.create_practice(&ctx, &chemnitz).await.unwrap();
    s.create_practice(&ctx, &freiberg).await.unwrap();
    let run = |category_code: Option<&str>, municipalities: Option<Vec<MunicipalityId>>| {
        let search = PracticeSearch {
            text: Some("Rundgang".to_owned()),
            category: category_code.map(category),
            municipalities,
            limit: 10,
        };
        let store = db.store.clone();
        async move { titles(&store.search_practices(&search).await.unwrap()) }
    };
    assert_eq!(run(None, None).await.len(), 2);
    assert_eq!(
        run(Some("GRP"), None).await,
        ["Sicherheitsbegehung Freiberg"]
    );
    assert!(run(Some("DRG"), None).await.is_empty());
    assert_eq!(
        run(None, Some(vec![t.chemnitz, t.floeha])).await,
        ["Sicherheitsbegehung Chemnitz"]
    );
    assert!(run(None, Some(Vec::new())).await.is_empty());
    assert!(run(Some("GRP"), Some(vec![t.chemnitz])).await.is_empty());
    // the filters work without text too
    let search = PracticeSearch {
        municipalities: Some(vec![t.freiberg]),
        ..PracticeSearch::default()
    };
    let hits = db.store.search_practices(&search).await.unwrap();
    assert_eq!(titles(&hits), ["Sicherheitsbegehung Freiberg"]);
    assert_eq!(hits[0].practice.data.categories, freiberg.categories);
}

async fn practice_search_follows_updates_and_deletes(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let s = &db.store;
    let id = s
        .create_practice(
            &ctx,
            &practice(t.chemnitz, "Nachtcafé", "Treffpunkt", "Ruhe"),
        )
        .await
        .unwrap();
    assert_eq!(search(&db, "Treffpunkt").await.len(), 1);
    s.update_practice(
        &ctx,
        id,
        &practice(t.chemnitz, "Nachtcafé", "Beratung", "Ruhe"),
    )
    .await
    .unwrap();
    assert!(search(&db, "Treffpunkt").await.is_empty());
    assert_eq!(search(&db, "Beratungen").await.len(), 1);
    s.delete_practice(&ctx, id).await.unwrap();
    assert!(search(&db, "Beratung").await.is_empty());
    // removing a municipality removes its practices from the index too
    s.create_practice(&ctx, &practice(t.amtsberg, "Dorffest", "Begegnung", "Nähe"))
        .await
        .unwrap();
    assert_eq!(search(&db, "Begegnung").await.len(), 1);
    s.delete_municipality(&ctx, t.amtsberg).await.unwrap();
    assert!(search(&db, "Begegnung").await.is_empty());
}

async fn practice_search_finds_imported_practices(db: TestDb) {
    import(&db, &demo()).await.unwrap();
    let hits = search(&db, "Konfliktmanagement Innenstadt").await;
    assert!(
        titles(&hits)
            .contains(&"Kommunales Konfliktmanagement in der Chemnitzer Innenstadt".to_owned()),
        "{:?}",
        titles(&hits)
    );
    // a reset empties the index with the table
    let options = praevnetz_store::ImportOptions {
        replace: true,
        ..praevnetz_store::ImportOptions::default()
    };
    db.store
        .import(
            &db.ctx(),
            &praevnetz_domain::import::ImportBatch::new(),
            &praevnetz_store::NoProgress,
            &options,
        )
        .await
        .unwrap();
    assert!(search(&db, "Konfliktmanagement").await.is_empty());
}

async fn practice_search_survives_hostile_queries(db: TestDb) {
    let t = territory(&db).await;
    db.store
        .create_practice(
            &db.ctx(),
            &practice(t.chemnitz, "Nachbarschaft", "Hilfe", "Vertrauen"),
        )
        .await
        .unwrap();
    let long = "Nachbarschaft ".repeat(800);
    let hostile = [
        "\"",
        "\"Nachbarschaft",
        "*",
        "Nachbar*",
        "NEAR(Hilfe Vertrauen)",
        "Hilfe OR Vertrauen",
        "Hilfe AND NOT Vertrauen",
        "-Hilfe",
        "Hilfe:*",
        "Hilfe & | ! <-> ()",
        "'; drop table practice; --",
        "1' or '1'='1",
        "^Hilfe",
        "Hilfe\\",
        "\u{0}",
        "ⅷ ² ½ 中文 e\u{301}",
        "und der die",
        "",
        "   ",
        &long,
        &"x".repeat(10_000),
    ];
    for query in hostile {
        let result = db
            .store
            .search_practices(&PracticeSearch {
                text: Some(query.to_owned()),
                ..PracticeSearch::default()
            })
            .await;
        assert!(result.is_ok(), "{query:?}: {result:?}");
    }
    assert_eq!(search(&db, "\"Nachbarschaft\"").await.len(), 1);
    assert_eq!(search(&db, &long).await.len(), 1);
    assert!(
        db.store
            .practice(praevnetz_domain::ids::PracticeId::new(1))
            .await
            .is_ok()
    );
}

async fn member(
    db: &TestDb,
    person: praevnetz_domain::ids::PersonId,
    organisation: praevnetz_domain::ids::OrganisationId,
    function: &str,
    period: Period,
) {
    db.store
        .create_membership(
            &db.ctx(),
            &MembershipData {
                person_id: person,
                organisation_id: organisation,
                function: Some(name(function)),
                period,
            },
        )
        .await
        .unwrap();
}

#[expect(clippy::too_many_lines, reason = "one scenario, told in order")]
async fn persons_are_found_by_name_function_and_organisation(db: TestDb) {
    let t = territory(&db).await;
    let revier = add_organisation(
        &db,
        "Polizeirevier Chemnitz-Nordost",
        Home::Municipality(t.chemnitz),
    )
    .await;
    let amt = add_organisation(&db, "Ordnungsamt Freiberg", Home::Municipality(t.freiberg)).await;
    let mueller = add_person(&db, "Jörg", "Müller").await;
    let schulze = add_person(&db, "Anna", "Schulze").await;
    let adler = add_person(&db, "Ben", "Adler").await;
    member(&db, mueller, revier, "Revierleiter", Period::ALWAYS).await;
    member(&db, schulze, amt, "Sachgebietsleiterin", Period::ALWAYS).await;
    let find = |search: PersonSearch| {
        let store = db.store.clone();
        async move {
            let page = store.search_persons(&search).await.unwrap();
            (
                page.items
                    .iter()
                    .map(|p| p.data.family_name.to_string())
                    .collect::<Vec<_>>(),
                page.total,
            )
        }
    };
    let text = |t: &str| PersonSearch {
        text: Some(t.to_owned()),
        ..PersonSearch::default()
    };
    assert_eq!(
        find(PersonSearch::default()).await,
        (vec!["Adler".into(), "Müller".into(), "Schulze".into()], 3)
    );
    for query in [
        "MUELLER",
        "müller",
        "MÜLL",
        "jorg muller",
        "revierleiter",
        "nordost",
        "Polizeirevier Jörg",
    ] {
        let expected = if query == "MUELLER" {
            (vec![], 0)
        } else {
            (vec!["Müller".to_owned()], 1)
        };
        assert_eq!(find(text(query)).await, expected, "{query}");
    }
    assert_eq!(find(text("leiter")).await.1, 2);
    assert_eq!(find(text("'%_\"")).await.1, 3);
    assert_eq!(
        find(PersonSearch {
            organisation: Some(amt),
            ..PersonSearch::default()
        })
        .await
        .0,
        ["Schulze"]
    );
    assert_eq!(
        find(PersonSearch {
            municipality: Some(t.chemnitz),
            ..PersonSearch::default()
        })
        .await
        .0,
        ["Müller"]
    );
    assert_eq!(
        find(PersonSearch {
            district: Some(t.mittelsachsen),
            ..PersonSearch::default()
        })
        .await
        .0,
        ["Schulze"]
    );
    // pages
    let page = PersonSearch {
        limit: 2,
        offset: 1,
        ..PersonSearch::default()
    };
    assert_eq!(
        find(page).await,
        (vec!["Müller".into(), "Schulze".into()], 3)
    );
    // keys follow updates
    let mut data = crate::actor::person_data("Ben", "Zander");
    data.title = Some(name("Dr."));
    db.store
        .update_person(&db.ctx(), adler, &data)
        .await
        .unwrap();
    assert_eq!(find(text("zand dr")).await.0, ["Zander"]);
    assert_eq!(
        find(PersonSearch::default()).await.0,
        ["Müller", "Schulze", "Zander"]
    );
}

async fn organisations_are_searched_by_name_kind_pillar_and_place(db: TestDb) {
    let t = territory(&db).await;
    let mut revier = organisation_data("Polizeirevier Chemnitz", Home::Municipality(t.chemnitz));
    revier.aliases = vec![name("PRev Süd")];
    let revier = db
        .store
        .create_organisation(&db.ctx(), &revier)
        .await
        .unwrap();
    let mut verein = organisation_data("Jugendhilfe e.V.", Home::District(t.mittelsachsen));
    verein.kind = OrganisationKind::YouthWork;
    verein.pillars = Pillars::new(Pillar::Support, vec![Pillar::Civic]);
    db.store
        .create_organisation(&db.ctx(), &verein)
        .await
        .unwrap();
    let mut amt = organisation_data("Ordnungsamt Freiberg", Home::Municipality(t.freiberg));
    amt.kind = OrganisationKind::PublicOrderOffice;
    amt.pillars = Pillars::new(Pillar::Municipality, vec![]);
    db.store.create_organisation(&db.ctx(), &amt).await.unwrap();
    let find = |search: OrganisationSearch| {
        let store = db.store.clone();
        async move {
            let page = store.search_organisations(&search).await.unwrap();
            (
                page.items
                    .iter()
                    .map(|o| o.data.name.to_string())
                    .collect::<Vec<_>>(),
                page.total,
            )
        }
    };
    assert_eq!(find(OrganisationSearch::default()).await.1, 3);
    assert_eq!(
        find(OrganisationSearch {
            text: Some("sud".into()),
            ..OrganisationSearch::default()
        })
        .await
        .0,
        ["Polizeirevier Chemnitz"]
    );
    assert_eq!(
        find(OrganisationSearch {
            kind: Some(OrganisationKind::YouthWork),
            ..OrganisationSearch::default()
        })
        .await
        .0,
        ["Jugendhilfe e.V."]
    );
    assert_eq!(
        find(OrganisationSearch {
            pillar: Some(Pillar::Civic),
            ..OrganisationSearch::default()
        })
        .await
        .0,
        ["Jugendhilfe e.V."]
    );
    assert_eq!(
        find(OrganisationSearch {
            district: Some(t.mittelsachsen),
            ..OrganisationSearch::default()
        })
        .await
        .0,
        ["Jugendhilfe e.V.", "Ordnungsamt Freiberg"]
    );
    assert_eq!(
        find(OrganisationSearch {
            municipality: Some(t.chemnitz),
            ..OrganisationSearch::default()
        })
        .await
        .0,
        ["Polizeirevier Chemnitz"]
    );
    let page = find(OrganisationSearch {
        limit: 1,
        offset: 2,
        ..OrganisationSearch::default()
    })
    .await;
    assert_eq!(page, (vec!["Polizeirevier Chemnitz".to_owned()], 3));
    let found = db
        .store
        .search_organisations(&OrganisationSearch {
            text: Some("revier".into()),
            ..OrganisationSearch::default()
        })
        .await
        .unwrap();
    assert_eq!(found.items[0].id, revier);
    assert_eq!(found.items[0].data.aliases, [name("PRev Süd")]);
}

async fn persons_of_a_municipality_are_its_current_members(db: TestDb) {
    let t = territory(&db).await;
    let amt = add_organisation(&db, "Ordnungsamt Freiberg", Home::Municipality(t.freiberg)).await;
    let other = add_organisation(
        &db,
        "Stadtverwaltung Chemnitz",
        Home::Municipality(t.chemnitz),
    )
    .await;
    let current = add_person(&db, "Anna", "Schulze").await;
    let former = add_person(&db, "Ben", "Adler").await;
    let elsewhere = add_person(&db, "Cem", "Berger").await;
    member(
        &db,
        current,
        amt,
        "Leiterin",
        Period::new(Some(date(2020, 1, 1)), None).unwrap(),
    )
    .await;
    member(
        &db,
        former,
        amt,
        "Leiter",
        Period::new(None, Some(date(2023, 12, 31))).unwrap(),
    )
    .await;
    member(&db, elsewhere, other, "Leiter", Period::ALWAYS).await;
    let found = db
        .store
        .persons_of_municipality(t.freiberg, date(2024, 5, 6))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0.id, current);
    assert_eq!(found[0].1.len(), 1);
    assert_eq!(found[0].1[0].data.organisation_id, amt);
    let earlier = db
        .store
        .persons_of_municipality(t.freiberg, date(2021, 5, 6))
        .await
        .unwrap();
    assert_eq!(
        earlier.iter().map(|(p, _)| p.id).collect::<Vec<_>>(),
        [former, current]
    );
}

async fn ties_of_actors_connect_two_of_them(db: TestDb) {
    let a = ActorId::Person(add_person(&db, "Anna", "A").await);
    let b = ActorId::Person(add_person(&db, "Ben", "B").await);
    let c = ActorId::Person(add_person(&db, "Cem", "C").await);
    let tie = |source, target| {
        TieData::new(TieSpec {
            source,
            target,
            kind: TieKind::Cooperation,
            directed: false,
            strength: Strength::new(3).unwrap(),
            period: Period::ALWAYS,
            source_note: None,
            meeting_id: None,
        })
        .unwrap()
    };
    let ab = db.store.create_tie(&db.ctx(), &tie(a, b)).await.unwrap();
    let bc = db.store.create_tie(&db.ctx(), &tie(c, b)).await.unwrap();
    let ids = |ties: Vec<praevnetz_domain::tie::Tie>| ties.iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(ids(db.store.ties_of_actors(&[a, b]).await.unwrap()), [ab]);
    assert_eq!(
        ids(db.store.ties_of_actors(&[b, c, a]).await.unwrap()),
        [ab, bc]
    );
    assert!(db.store.ties_of_actors(&[a, c]).await.unwrap().is_empty());
    assert!(db.store.ties_of_actors(&[]).await.unwrap().is_empty());
}

async fn problems_are_filtered_by_district_and_counted_by_visibility(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let add = |municipality, code: &str, visibility| {
        let mut data = problem_data(municipality, code, "Problem");
        data.visibility = visibility;
        let store = db.store.clone();
        let ctx = ctx.clone();
        async move { store.create_problem(&ctx, &data).await.unwrap() }
    };
    add(t.chemnitz, "DRG", Visibility::Network).await;
    add(t.freiberg, "DRG", Visibility::Municipality).await;
    add(t.floeha, "GRP", Visibility::Region).await;
    add(t.floeha, "DRG", Visibility::Region).await;
    let list = |filter: ProblemFilter| {
        let store = db.store.clone();
        async move { store.problems(&filter).await.unwrap().len() }
    };
    assert_eq!(
        list(ProblemFilter {
            district: Some(t.mittelsachsen),
            ..ProblemFilter::default()
        })
        .await,
        3
    );
    assert_eq!(
        list(ProblemFilter {
            municipalities: Some(vec![t.chemnitz, t.freiberg]),
            ..ProblemFilter::default()
        })
        .await,
        2
    );
    assert_eq!(
        list(ProblemFilter {
            municipalities: Some(vec![]),
            ..ProblemFilter::default()
        })
        .await,
        0
    );
    assert_eq!(
        list(ProblemFilter {
            district: Some(t.mittelsachsen),
            category: Some(category("GRP")),
            ..ProblemFilter::default()
        })
        .await,
        1
    );
    let all = vec![t.chemnitz, t.freiberg, t.floeha];
    let counts = db
        .store
        .problem_counts_by_category(&VisibleProblems {
            municipality: vec![t.chemnitz],
            region: all.clone(),
            network: all.clone(),
        })
        .await
        .unwrap();
    assert_eq!(counts, [(category("GRP"), 1), (category("DRG"), 2)]);
    let everything = db
        .store
        .problem_counts_by_category(&VisibleProblems {
            municipality: all.clone(),
            region: all.clone(),
            network: all,
        })
        .await
        .unwrap();
    assert_eq!(everything, [(category("GRP"), 1), (category("DRG"), 3)]);
    assert!(
        db.store
            .problem_counts_by_category(&VisibleProblems::default())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn the_latest_audit_id_grows_with_every_change(db: TestDb) {
    assert_eq!(db.store.latest_audit_id().await.unwrap(), None);
    add_person(&db, "Anna", "A").await;
    let first = db.store.latest_audit_id().await.unwrap().unwrap();
    add_person(&db, "Ben", "B").await;
    assert!(db.store.latest_audit_id().await.unwrap().unwrap() > first);
}
