//! Searching: practices by full text, persons and organisations by name, and the queries of
//! the pages.

use praevnetz_domain::ids::MunicipalityId;
use praevnetz_domain::practice::PracticeData;
use praevnetz_domain::text::Text;
use praevnetz_store::{PracticeHit, PracticeSearch};

use crate::backend_tests;
use crate::fixtures::territory;
use crate::harness::TestDb;
use crate::import::{demo, import};
use crate::problem::{category, practice_data};

backend_tests!(
    practice_search_finds_inflected_forms,
    practice_search_requires_every_word_and_completes_the_last,
    practice_search_filters_by_category_and_municipality,
    practice_search_follows_updates_and_deletes,
    practice_search_finds_imported_practices,
    practice_search_survives_hostile_queries,
);

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
