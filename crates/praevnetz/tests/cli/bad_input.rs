//! Bad input is a normal case: each error names file, line, column and rule, the exit code is
//! 2, and nothing is written.

use crate::util::{Dir, data};

/// A database with Saxony's districts and nothing else, and its statistics.
fn with_districts() -> (Dir, serde_json::Value) {
    let dir = Dir::new();
    let districts = data("sachsen/districts.csv");
    dir.run(&["import", "districts", districts.to_str().unwrap()])
        .ok();
    let stats = dir.stats();
    (dir, stats)
}

fn import(dir: &Dir, kind: &str, name: &str, content: &[u8]) -> crate::util::Run {
    let path = dir.write(name, content);
    dir.run(&["import", kind, path.to_str().unwrap()])
}

const HEADER: &str = "ags,name,district_ags,lat,lon,seat_population_geonames\n";

#[test]
fn a_malformed_csv_row_is_refused_with_its_line() {
    let (dir, before) = with_districts();
    let content = format!(
        "{HEADER}14522140,\"Flöha, Stadt\",14522,50.85613,13.07407,11143\n\
         14522180,Freiberg,14522,50.9,13.3,40000,zu viel\n"
    );
    import(&dir, "municipalities", "gemeinden.csv", content.as_bytes())
        .code(2)
        .stderr_has(&[
            "gemeinden.csv, Zeile 3",
            "die Zeile hat 7 Zellen, die Kopfzeile 6",
        ]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn an_unknown_district_is_refused_naming_file_line_column_and_rule() {
    let (dir, before) = with_districts();
    let content = format!(
        "{HEADER}14522140,\"Flöha, Stadt\",14522,50.85613,13.07407,11143\n\
         09162000,München,09162,48.1,11.6,1500000\n"
    );
    import(&dir, "municipalities", "gemeinden.csv", content.as_bytes())
        .code(2)
        .stderr_has(&[
            "gemeinden.csv, Zeile 3, Spalte „district_ags“",
            "es gibt keinen Kreis mit dem Schlüssel „09162“",
        ]);
    // Flöha in line 2 was valid, yet not written: one file, one transaction.
    assert_eq!(dir.stats(), before);
}

#[test]
fn a_duplicate_ags_is_refused_with_both_lines() {
    let (dir, before) = with_districts();
    let content = format!(
        "{HEADER}14522140,\"Flöha, Stadt\",14522,,,\n14522180,Freiberg,14522,,,\n\
         14522140,\"Flöha, Stadt\",14522,,,\n"
    );
    import(&dir, "municipalities", "gemeinden.csv", content.as_bytes())
        .code(2)
        .stderr_has(&[
            "Zeile 4, Spalte „ags“",
            "„14522140“ kommt mehrfach vor (zuerst in Zeile 2)",
        ]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn a_missing_required_column_is_refused() {
    let (dir, before) = with_districts();
    import(
        &dir,
        "municipalities",
        "gemeinden.csv",
        b"ags,name\n14522140,Floeha\n",
    )
    .code(2)
    .stderr_has(&[
        "gemeinden.csv, Zeile 1",
        "die Pflichtspalte „district_ags“ fehlt",
    ]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn an_unknown_column_is_refused_with_the_known_ones() {
    let (dir, before) = with_districts();
    import(
        &dir,
        "municipalities",
        "gemeinden.csv",
        b"ags,name,district_ags,breite\n14522140,Floeha,14522,50.8\n",
    )
    .code(2)
    .stderr_has(&[
        "Spalte „breite“",
        "mögliche Spalten: ags, name, district_ags",
    ]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_the_line() {
    let (dir, before) = with_districts();
    // "Flöha" in Latin-1, as an old Excel would save it.
    let mut content = HEADER.as_bytes().to_vec();
    content.extend_from_slice(b"14522140,Fl\xf6ha,14522,,,\n");
    import(&dir, "municipalities", "latin1.csv", &content)
        .code(2)
        .stderr_has(&["latin1.csv, Zeile 2", "nicht im Format UTF-8", "CSV UTF-8"]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn an_empty_file_is_refused() {
    let (dir, before) = with_districts();
    import(&dir, "municipalities", "leer.csv", b"")
        .code(2)
        .stderr_has(&["leer.csv: die Datei ist leer"]);
    import(&dir, "municipalities", "nur-kopf.csv", HEADER.as_bytes())
        .code(2)
        .stderr_has(&["nur-kopf.csv: die Datei enthält nur die Kopfzeile"]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn a_missing_file_is_refused() {
    let (dir, before) = with_districts();
    dir.run(&["import", "municipalities", "gibt-es-nicht.csv"])
        .code(2)
        .stderr_has(&["gibt-es-nicht.csv: die Datei kann nicht gelesen werden"]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn values_that_break_rules_are_refused_each_with_its_place() {
    let (dir, before) = with_districts();
    let content = format!(
        "{HEADER}1452214,Kurz,14522,,,\n14522140,Flöha,14521,,,\n14522141,Nord,14522,95,13,\n\
         14522142,Ost,14522,50.1,,\n14522143,  ,14522,,,\n"
    );
    import(&dir, "municipalities", "regeln.csv", content.as_bytes())
        .code(2)
        .stderr_has(&[
            "Zeile 2, Spalte „ags“: Amtlicher Gemeindeschlüssel (AGS): muss aus genau 8 Ziffern bestehen, gefunden: „1452214“",
            "Zeile 3, Spalte „district_ags“: Kreisschlüssel: der Gemeindeschlüssel „14522140“ beginnt nicht mit dem Kreisschlüssel „14521“",
            "Zeile 4, Spalte „lat“: Breitengrad: „95“ liegt nicht zwischen -90 und 90",
            "Zeile 5, Spalte „lat“",
            "Zeile 6, Spalte „name“: Name: Angabe fehlt",
        ]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn messages_come_in_english_too() {
    let (dir, _) = with_districts();
    let path = dir.write(
        "gemeinden.csv",
        b"ags,name,district_ags\n1452214,Kurz,14522\n",
    );
    dir.run_in(&dir.database, "en", &["import", "municipalities", path.to_str().unwrap()])
        .code(2)
        .stderr_has(&[
            "error: ",
            "gemeinden.csv, line 2, column \"ags\": official municipality key (AGS): must be exactly 8 digits, found \"1452214\"",
        ]);
}

#[test]
fn a_municipality_without_coordinates_is_valid() {
    let (dir, _) = with_districts();
    import(
        &dir,
        "municipalities",
        "gemeinden.csv",
        format!("{HEADER}14521010,Amtsberg,14521,,,\n").as_bytes(),
    )
    .ok()
    .stdout_has(&["1 Gemeinden angelegt"]);
    assert_eq!(dir.stats()["municipalities"], 1);
}

#[test]
fn the_saxon_and_german_open_data_import_as_shipped() {
    let dir = Dir::new();
    for (kind, file) in [
        ("districts", "/work/shared/data/deutschland/districts.csv"),
        (
            "municipalities",
            "/work/shared/data/deutschland/municipalities.csv",
        ),
    ] {
        let path = std::path::Path::new(file);
        let path = if path.exists() {
            path.to_path_buf()
        } else {
            // Outside this workplace the shared folder is absent; Saxony's copy is always there.
            data(&format!("sachsen/{kind}.csv"))
        };
        dir.run(&["import", kind, path.to_str().unwrap()]).ok();
    }
    let stats = dir.stats();
    assert!(stats["municipalities"].as_i64().unwrap() >= 418, "{stats}");
}

#[test]
fn an_error_in_a_later_file_of_a_directory_leaves_nothing_behind() {
    let dir = Dir::new();
    let folder = dir.path("daten");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(data("sachsen/districts.csv"), folder.join("districts.csv")).unwrap();
    std::fs::copy(
        data("sachsen/municipalities.csv"),
        folder.join("municipalities.csv"),
    )
    .unwrap();
    // Well-formed, so the files pass reading; the second organisation names a municipality
    // that does not exist, which only the database stage finds, after districts and
    // municipalities have been written in the same transaction.
    std::fs::write(
        folder.join("organisations.csv"),
        "ref,name,kind,municipality\no1,Ordnungsamt Flöha,public_order_office,14522140\n\
         o2,Ordnungsamt Nirgendwo,public_order_office,14522999\n",
    )
    .unwrap();
    dir.run(&["init"]).ok();
    let before = dir.stats();
    dir.run(&["import", "directory", folder.to_str().unwrap()])
        .code(2)
        .stderr_has(&[
            "organisations.csv, Zeile 3, Spalte „municipality“",
            "„14522999“ ist nicht bekannt",
        ]);
    assert_eq!(dir.stats(), before);

    // An error found while reading stops before the database is touched.
    std::fs::write(
        folder.join("organisations.csv"),
        "ref,name,kind,municipality\no1,Feuerwehr,fire_brigade,14522140\n",
    )
    .unwrap();
    dir.run(&["import", "directory", folder.to_str().unwrap()])
        .code(2)
        .stderr_has(&[
            "organisations.csv, Zeile 2, Spalte „kind“",
            "„fire_brigade“ ist kein zulässiger Wert",
        ]);
    assert_eq!(dir.stats(), before);

    // A directory without known files is refused too.
    let empty = dir.path("leer");
    std::fs::create_dir(&empty).unwrap();
    dir.run(&["import", "directory", empty.to_str().unwrap()])
        .code(2)
        .stderr_has(&["keine bekannte Importdatei", "districts.csv"]);
    dir.run(&[
        "import",
        "directory",
        folder.join("districts.csv").to_str().unwrap(),
    ])
    .code(2)
    .stderr_has(&["ist kein Verzeichnis"]);
}

#[test]
fn an_unknown_kind_of_file_is_a_usage_error() {
    let dir = Dir::new();
    dir.run(&["import", "gemeinden", "x.csv"])
        .code(2)
        .stderr_has(&["municipalities"]);
}
