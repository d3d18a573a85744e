use praevnetz_domain::actor::Home;
use praevnetz_domain::audit::{AuditAction, ChangeContext, Channel, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::ids::{DistrictId, MunicipalityId, PersonId, RegionId, UserId};
use praevnetz_domain::territory::{DistrictAgs, RegionData};
use praevnetz_domain::text::{Email, Slug};
use praevnetz_domain::user::{Role, Scope, UserData};
use praevnetz_store::{AuditFilter, StoreError};

use crate::actor::{
    add_organisation, add_person, assert_not_found, assert_rejected, exists, field_error,
};
use crate::backend_tests;
use crate::fixtures::{name, territory};
use crate::harness::TestDb;

backend_tests!(
    users_are_created_read_updated_and_deleted,
    scopes_come_back_exactly_as_written,
    users_are_found_by_email_regardless_of_case,
    an_email_is_taken_once_regardless_of_case,
    the_password_hash_is_kept_apart_from_the_data,
    users_with_a_history_are_deactivated_not_deleted,
    scopes_and_person_must_exist,
    deleting_a_place_or_person_updates_the_users,
    the_database_enforces_account_rules_itself,
    every_user_change_is_in_the_audit_log,
    the_last_active_administrator_stays_one,
    the_audit_log_is_filtered_by_action_time_and_user_and_paged,
    a_change_of_rights_is_logged_before_and_after,
);

fn email(text: &str) -> Email {
    Email::parse(text).unwrap()
}

/// An active German-speaking member without scopes or person.
fn user_data(address: &str, display: &str) -> UserData {
    UserData {
        email: email(address),
        display_name: name(display),
        role: Role::Member,
        scopes: Vec::new(),
        language: Lang::De,
        active: true,
        person_id: None,
    }
}

/// Changes made by `user` through the web.
fn as_user(db: &TestDb, user: UserId) -> ChangeContext {
    ChangeContext {
        user_id: Some(user),
        channel: Channel::Web,
        at: db.ctx().at,
    }
}

async fn region(db: &TestDb) -> RegionId {
    db.store
        .create_region(
            &db.ctx(),
            &RegionData {
                slug: Slug::parse("pd-chemnitz").unwrap(),
                name: name("Polizeidirektion Chemnitz"),
                description: None,
                districts: vec![DistrictAgs::parse("14522").unwrap()],
            },
        )
        .await
        .unwrap()
}

async fn users_are_created_read_updated_and_deleted(db: TestDb) {
    let t = territory(&db).await;
    let region = region(&db).await;
    let ctx = db.ctx();
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let data = UserData {
        email: email("Anna.Schmidt@Floeha.de"),
        display_name: name("Anna Schmidt"),
        role: Role::Coordinator,
        scopes: vec![
            Scope::Region(region),
            Scope::District(t.erzgebirge),
            Scope::Municipality(t.floeha),
        ],
        language: Lang::En,
        active: true,
        person_id: Some(anna),
    };
    let id = db
        .store
        .create_user(
            &ctx,
            &data,
            Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
        )
        .await
        .unwrap();
    let stored = db.store.user(id).await.unwrap().unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.data, data);
    // The domain is lower-cased by the e-mail type, the local part kept as written.
    assert_eq!(stored.data.email.as_str(), "Anna.Schmidt@floeha.de");

    let changed = UserData {
        email: email("a.schmidt@floeha.de"),
        display_name: name("Dr. Anna Schmidt"),
        role: Role::Admin,
        scopes: vec![Scope::Municipality(t.freiberg)],
        language: Lang::De,
        active: false,
        person_id: None,
    };
    db.store.update_user(&ctx, id, &changed).await.unwrap();
    assert_eq!(db.store.user(id).await.unwrap().unwrap().data, changed);
    // ... and to no scopes at all.
    let viewer = UserData {
        role: Role::Viewer,
        scopes: Vec::new(),
        ..changed.clone()
    };
    db.store.update_user(&ctx, id, &viewer).await.unwrap();
    assert_eq!(db.store.user(id).await.unwrap().unwrap().data, viewer);
    assert_eq!(db.raw_count("select count(*) from account_scope").await, 0);

    let bernd = db
        .store
        .create_user(
            &ctx,
            &user_data("bernd@chemnitz.de", "Bernd Albrecht"),
            None,
        )
        .await
        .unwrap();
    let all: Vec<UserId> = db
        .store
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    // by display name
    assert_eq!(all, [bernd, id]);

    db.store.delete_user(&ctx, id).await.unwrap();
    assert!(db.store.user(id).await.unwrap().is_none());
    assert!(
        db.store
            .user_by_email(&changed.email)
            .await
            .unwrap()
            .is_none()
    );
    assert_not_found(
        db.store.delete_user(&ctx, id).await,
        EntityKind::User,
        id.get(),
    );
    assert_not_found(
        db.store.update_user(&ctx, id, &changed).await,
        EntityKind::User,
        id.get(),
    );
    assert_eq!(db.store.users().await.unwrap().len(), 1);
    // The person of the deleted account stays.
    assert!(db.store.person(anna).await.unwrap().is_some());
}

async fn scopes_come_back_exactly_as_written(db: TestDb) {
    let t = territory(&db).await;
    let region = region(&db).await;
    let ctx = db.ctx();
    // In the order given (not sorted), repetitions once.
    let mut data = user_data("carla@freiberg.de", "Carla Zimmer");
    data.scopes = vec![
        Scope::Municipality(t.freiberg),
        Scope::Region(region),
        Scope::Municipality(t.chemnitz),
        Scope::District(t.mittelsachsen),
        Scope::Municipality(t.freiberg),
    ];
    let id = db.store.create_user(&ctx, &data, None).await.unwrap();
    let expected = vec![
        Scope::Municipality(t.freiberg),
        Scope::Region(region),
        Scope::Municipality(t.chemnitz),
        Scope::District(t.mittelsachsen),
    ];
    assert_eq!(
        db.store.user(id).await.unwrap().unwrap().data.scopes,
        expected
    );
    // The list of all users reads the same scopes, each user its own.
    let mut other = user_data("dora@chemnitz.de", "Dora Ohne");
    other.scopes = vec![Scope::District(t.chemnitz_district)];
    let dora = db.store.create_user(&ctx, &other, None).await.unwrap();
    let listed = db.store.users().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!((listed[0].id, &listed[0].data.scopes), (id, &expected));
    assert_eq!(listed[1].id, dora);
    assert_eq!(listed[1].data, other);
}

async fn users_are_found_by_email_regardless_of_case(db: TestDb) {
    let ctx = db.ctx();
    let id = db
        .store
        .create_user(
            &ctx,
            &user_data("Jörg.Müller@Floeha.de", "Jörg Müller"),
            None,
        )
        .await
        .unwrap();
    for login in [
        "Jörg.Müller@Floeha.de",
        "jörg.müller@floeha.de",
        "JÖRG.MÜLLER@FLOEHA.DE",
        "  jörg.MÜLLER@floeha.DE ",
    ] {
        let found = db.store.user_by_email(&email(login)).await.unwrap();
        assert_eq!(found.map(|u| u.id), Some(id), "{login}");
    }
    // Stored as written (domain lower-cased).
    assert_eq!(
        db.store
            .user(id)
            .await
            .unwrap()
            .unwrap()
            .data
            .email
            .as_str(),
        "Jörg.Müller@floeha.de"
    );
    assert_eq!(
        db.raw_count("select count(*) from account where email_key = 'jörg.müller@floeha.de'")
            .await,
        1
    );
    // After a change of login, the old one is gone and the new one found.
    let changed = user_data("J.Mueller@floeha.de", "Jörg Müller");
    db.store.update_user(&ctx, id, &changed).await.unwrap();
    assert!(
        db.store
            .user_by_email(&email("jörg.müller@floeha.de"))
            .await
            .unwrap()
            .is_none()
    );
    let found = db.store.user_by_email(&email("j.mueller@FLOEHA.de")).await;
    assert_eq!(found.unwrap().map(|u| u.id), Some(id));
    for other in ["joerg.mueller@floeha.de", "jörg.müller@floeha.com"] {
        assert!(
            db.store
                .user_by_email(&email(other))
                .await
                .unwrap()
                .is_none(),
            "{other}"
        );
    }
}

async fn an_email_is_taken_once_regardless_of_case(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    db.store
        .create_user(&ctx, &user_data("Anna.Schmidt@floeha.de", "Anna"), None)
        .await
        .unwrap();
    let mut twin = user_data("ANNA.schmidt@FLOEHA.DE", "Anna 2");
    twin.scopes = vec![Scope::Municipality(t.floeha)];
    assert_eq!(
        field_error(db.store.create_user(&ctx, &twin, Some("hash")).await),
        (Field::Email, exists("ANNA.schmidt@floeha.de"))
    );
    // Nothing of the failed create is left.
    assert_eq!(db.raw_count("select count(*) from account").await, 1);
    assert_eq!(db.raw_count("select count(*) from account_scope").await, 0);

    let bernd_data = user_data("bernd@floeha.de", "Bernd");
    let bernd = db.store.create_user(&ctx, &bernd_data, None).await.unwrap();
    let mut taken = bernd_data.clone();
    taken.email = email("anna.SCHMIDT@floeha.de");
    taken.scopes = vec![Scope::Municipality(t.floeha)];
    assert_eq!(
        field_error(db.store.update_user(&ctx, bernd, &taken).await),
        (Field::Email, exists("anna.SCHMIDT@floeha.de"))
    );
    assert_eq!(
        db.store.user(bernd).await.unwrap().unwrap().data,
        bernd_data
    );
    // Changing the case of one's own login is no conflict.
    let mut recased = bernd_data.clone();
    recased.email = email("Bernd@floeha.de");
    db.store.update_user(&ctx, bernd, &recased).await.unwrap();
    assert_eq!(db.store.user(bernd).await.unwrap().unwrap().data, recased);
}

async fn the_password_hash_is_kept_apart_from_the_data(db: TestDb) {
    let ctx = db.ctx();
    let with = db
        .store
        .create_user(&ctx, &user_data("anna@floeha.de", "Anna"), Some("hash-1"))
        .await
        .unwrap();
    let without = db
        .store
        .create_user(&ctx, &user_data("bernd@floeha.de", "Bernd"), None)
        .await
        .unwrap();
    assert_eq!(
        db.store.password_hash(with).await.unwrap().as_deref(),
        Some("hash-1")
    );
    assert_eq!(db.store.password_hash(without).await.unwrap(), None);

    // Updating the data leaves the hash alone.
    let mut changed = user_data("anna@floeha.de", "Anna Schmidt");
    changed.role = Role::Admin;
    db.store.update_user(&ctx, with, &changed).await.unwrap();
    assert_eq!(
        db.store.password_hash(with).await.unwrap().as_deref(),
        Some("hash-1")
    );

    db.store
        .set_password_hash(&ctx, with, "hash-2")
        .await
        .unwrap();
    db.store
        .set_password_hash(&ctx, without, "hash-3")
        .await
        .unwrap();
    assert_eq!(
        db.store.password_hash(with).await.unwrap().as_deref(),
        Some("hash-2")
    );
    assert_eq!(
        db.store.password_hash(without).await.unwrap().as_deref(),
        Some("hash-3")
    );
    // Setting the hash leaves the data alone.
    assert_eq!(db.store.user(with).await.unwrap().unwrap().data, changed);

    let missing = UserId::new(9999);
    assert_not_found(
        db.store.password_hash(missing).await,
        EntityKind::User,
        9999,
    );
    assert_not_found(
        db.store.set_password_hash(&ctx, missing, "hash").await,
        EntityKind::User,
        9999,
    );
    // The hash is nowhere in the log.
    let events = db
        .store
        .audit_events(&AuditFilter::default())
        .await
        .unwrap();
    assert_eq!(events.len(), 5);
    assert!(events.iter().all(|e| !e.summary.contains("hash")));
}

async fn users_with_a_history_are_deactivated_not_deleted(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let mut data = user_data("anna@floeha.de", "Anna");
    data.scopes = vec![Scope::Municipality(t.floeha)];
    let anna = db
        .store
        .create_user(&ctx, &data, Some("hash"))
        .await
        .unwrap();
    // Anna records an organisation: her account now has a history.
    add_organisation_as(&db, anna, Home::Municipality(t.floeha)).await;

    assert_eq!(
        field_error(db.store.delete_user(&ctx, anna).await),
        (Field::Email, Rule::InUse)
    );
    // Refused as a whole: account, scopes and log as they were.
    assert_eq!(db.store.user(anna).await.unwrap().unwrap().data, data);
    let logged = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::User),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(logged.len(), 1);
    // Deactivated instead.
    let inactive = UserData {
        active: false,
        ..data.clone()
    };
    db.store.update_user(&ctx, anna, &inactive).await.unwrap();
    assert!(!db.store.user(anna).await.unwrap().unwrap().data.active);

    // Without a history an account goes, scopes and all.
    let mut bernd_data = user_data("bernd@floeha.de", "Bernd");
    bernd_data.scopes = vec![Scope::District(t.mittelsachsen)];
    let bernd = db.store.create_user(&ctx, &bernd_data, None).await.unwrap();
    db.store.delete_user(&ctx, bernd).await.unwrap();
    assert!(db.store.user(bernd).await.unwrap().is_none());
    assert_eq!(db.raw_count("select count(*) from account_scope").await, 1);

    // Users deleting their own account give it a history by that very act.
    let carla = db
        .store
        .create_user(&ctx, &user_data("carla@floeha.de", "Carla"), None)
        .await
        .unwrap();
    assert_eq!(
        field_error(db.store.delete_user(&as_user(&db, carla), carla).await),
        (Field::Email, Rule::InUse)
    );
    assert!(db.store.user(carla).await.unwrap().is_some());
}

async fn add_organisation_as(db: &TestDb, user: UserId, home: Home) {
    let data = crate::actor::organisation_data("Polizeirevier Flöha", home);
    db.store
        .create_organisation(&as_user(db, user), &data)
        .await
        .unwrap();
    let by_user = db
        .store
        .audit_events(&AuditFilter {
            user_id: Some(user),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(by_user.len(), 1);
    assert_eq!(by_user[0].channel, Channel::Web);
}

async fn scopes_and_person_must_exist(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    for (scope, key) in [
        (
            Scope::Municipality(MunicipalityId::new(9999)),
            "municipality 9999",
        ),
        (Scope::District(DistrictId::new(9998)), "district 9998"),
        (Scope::Region(RegionId::new(9997)), "region 9997"),
    ] {
        let mut data = user_data("anna@floeha.de", "Anna");
        data.scopes = vec![Scope::Municipality(t.floeha), scope];
        assert_eq!(
            field_error(db.store.create_user(&ctx, &data, None).await),
            (Field::Scope, Rule::UnknownReference { key: key.into() }),
        );
    }
    let mut data = user_data("anna@floeha.de", "Anna");
    data.person_id = Some(PersonId::new(9996));
    assert!(matches!(
        field_error(db.store.create_user(&ctx, &data, None).await),
        (Field::Person, Rule::UnknownReference { .. })
    ));
    // An organisation is no person.
    let revier = add_organisation(&db, "Polizeirevier", Home::Municipality(t.floeha)).await;
    data.person_id = Some(PersonId::new(revier.get()));
    assert!(matches!(
        field_error(db.store.create_user(&ctx, &data, None).await),
        (Field::Person, Rule::UnknownReference { .. })
    ));
    assert_eq!(db.raw_count("select count(*) from account").await, 0);
    assert_eq!(db.raw_count("select count(*) from account_scope").await, 0);

    // A failed update keeps account and scopes.
    data.person_id = None;
    data.scopes = vec![Scope::Municipality(t.floeha)];
    let id = db.store.create_user(&ctx, &data, None).await.unwrap();
    let mut broken = data.clone();
    broken.display_name = name("Geändert");
    broken.scopes = vec![Scope::District(DistrictId::new(9998))];
    assert_eq!(
        field_error(db.store.update_user(&ctx, id, &broken).await),
        (
            Field::Scope,
            Rule::UnknownReference {
                key: "district 9998".into()
            }
        )
    );
    assert_eq!(db.store.user(id).await.unwrap().unwrap().data, data);
}

async fn deleting_a_place_or_person_updates_the_users(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let anna = add_person(&db, "Anna", "Schmidt").await;
    let mut data = user_data("anna@floeha.de", "Anna");
    data.person_id = Some(anna);
    data.scopes = vec![
        Scope::Municipality(t.amtsberg),
        Scope::Municipality(t.floeha),
    ];
    let id = db.store.create_user(&ctx, &data, None).await.unwrap();
    db.store.delete_person(&ctx, anna).await.unwrap();
    db.store
        .delete_municipality(&ctx, t.amtsberg)
        .await
        .unwrap();
    let stored = db.store.user(id).await.unwrap().unwrap().data;
    assert_eq!(stored.person_id, None);
    assert_eq!(stored.scopes, [Scope::Municipality(t.floeha)]);
}

async fn the_database_enforces_account_rules_itself(db: TestDb) {
    let t = territory(&db).await;
    let region = region(&db).await.get();
    let ctx = db.ctx();
    let id = db
        .store
        .create_user(&ctx, &user_data("anna@floeha.de", "Anna"), None)
        .await
        .unwrap()
        .get();
    let (m, d) = (t.floeha.get(), t.mittelsachsen.get());
    let yes = match db.url.backend() {
        praevnetz_store::Backend::Sqlite => "1",
        praevnetz_store::Backend::Postgres => "true",
    };
    let account = |email: &str, key: &str, role: &str, language: &str| {
        format!(
            "insert into account (email, email_key, display_name, role, language, active, \
             created_at) values ('{email}', '{key}', 'X', '{role}', '{language}', {yes}, \
             '2024-05-06T07:08:09Z')"
        )
    };
    db.raw(&account(
        "bernd@floeha.de",
        "bernd@floeha.de",
        "viewer",
        "en",
    ))
    .await
    .unwrap();
    assert_rejected(
        &db,
        &[
            // the same login key
            &account("ANNA@floeha.de", "anna@floeha.de", "viewer", "en"),
            // unknown role and language
            &account("carla@floeha.de", "carla@floeha.de", "owner", "en"),
            &account("carla@floeha.de", "carla@floeha.de", "viewer", "fr"),
            // no e-mail address
            &account("carla", "carla", "viewer", "en"),
        ],
        "account",
        2,
    )
    .await;
    db.raw(&format!(
        "insert into account_scope (account_id, municipality_id) values ({id}, {m})"
    ))
    .await
    .unwrap();
    assert_rejected(
        &db,
        &[
            // two levels in one row
            &format!(
                "insert into account_scope (account_id, district_id, municipality_id) \
                 values ({id}, {d}, {m})"
            ),
            &format!(
                "insert into account_scope (account_id, region_id, district_id) \
                 values ({id}, {region}, {d})"
            ),
            // no level
            &format!("insert into account_scope (account_id) values ({id})"),
            // the same scope twice
            &format!("insert into account_scope (account_id, municipality_id) values ({id}, {m})"),
            // a missing account
            &format!("insert into account_scope (account_id, municipality_id) values (9999, {m})"),
        ],
        "account_scope",
        1,
    )
    .await;
}

async fn every_user_change_is_in_the_audit_log(db: TestDb) {
    let ctx = db.ctx();
    let data = user_data("anna@floeha.de", "Anna Schmidt");
    let id = db
        .store
        .create_user(&ctx, &data, Some("secret-hash"))
        .await
        .unwrap();
    db.store.update_user(&ctx, id, &data).await.unwrap();
    db.store
        .set_password_hash(&ctx, id, "other-secret-hash")
        .await
        .unwrap();
    db.store.delete_user(&ctx, id).await.unwrap();
    let events = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::User),
            entity_id: Some(id.get()),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    let seen: Vec<_> = events
        .iter()
        .map(|e| (e.action, e.summary.as_str(), e.at, e.user_id))
        .collect();
    assert_eq!(
        seen,
        [
            (AuditAction::Delete, "", ctx.at, None),
            (AuditAction::Update, "password", ctx.at, None),
            (AuditAction::Update, "Anna Schmidt", ctx.at, None),
            (AuditAction::Create, "Anna Schmidt", ctx.at, None),
        ]
    );
    assert!(
        events
            .iter()
            .all(|e| !e.summary.contains("secret") && !e.summary.contains("anna@"))
    );
    // The failed delete of a user with a history leaves no entry.
    let kept = db
        .store
        .create_user(&ctx, &user_data("bernd@floeha.de", "Bernd"), None)
        .await
        .unwrap();
    db.store
        .update_user(
            &as_user(&db, kept),
            kept,
            &user_data("bernd@floeha.de", "Bernd"),
        )
        .await
        .unwrap();
    let before = db.raw_count("select count(*) from audit_event").await;
    assert!(matches!(
        db.store.delete_user(&ctx, kept).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        db.raw_count("select count(*) from audit_event").await,
        before
    );
}

async fn the_last_active_administrator_stays_one(db: TestDb) {
    let mut admin = user_data("admin@land.de", "Admin");
    admin.role = Role::Admin;
    let first = db.store.create_user(&db.ctx(), &admin, None).await.unwrap();
    // Demoting or deactivating the only administrator is refused on the role, and nothing
    // changes.
    let mut demoted = admin.clone();
    demoted.role = Role::Coordinator;
    assert_eq!(
        field_error(db.store.update_user(&db.ctx(), first, &demoted).await),
        (Field::Role, Rule::LastAdmin)
    );
    let mut inactive = admin.clone();
    inactive.active = false;
    assert_eq!(
        field_error(db.store.update_user(&db.ctx(), first, &inactive).await),
        (Field::Role, Rule::LastAdmin)
    );
    assert_eq!(db.store.user(first).await.unwrap().unwrap().data, admin);
    // Other changes of the last administrator are fine.
    let mut renamed = admin.clone();
    renamed.display_name = name("Administration");
    db.store
        .update_user(&db.ctx(), first, &renamed)
        .await
        .unwrap();
    // With a second administrator, the first may step down.
    let mut second = user_data("zwei@land.de", "Zwei");
    second.role = Role::Admin;
    let second_id = db
        .store
        .create_user(&db.ctx(), &second, None)
        .await
        .unwrap();
    db.store
        .update_user(&db.ctx(), first, &demoted)
        .await
        .unwrap();
    let mut second_inactive = second.clone();
    second_inactive.active = false;
    assert_eq!(
        field_error(
            db.store
                .update_user(&db.ctx(), second_id, &second_inactive)
                .await
        ),
        (Field::Role, Rule::LastAdmin)
    );
}

async fn the_audit_log_is_filtered_by_action_time_and_user_and_paged(db: TestDb) {
    let start = db.ctx().at;
    let actor = db
        .store
        .create_user(&db.ctx(), &user_data("admin@land.de", "Admin"), None)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for i in 0..5_i64 {
        let ctx = ChangeContext {
            at: start + jiff::SignedDuration::from_hours(24 * (i + 1)),
            ..as_user(&db, actor)
        };
        let id = db
            .store
            .create_user(&ctx, &user_data(&format!("u{i}@land.de"), "U"), None)
            .await
            .unwrap();
        db.store
            .update_user(&ctx, id, &user_data(&format!("u{i}@land.de"), "V"))
            .await
            .unwrap();
        ids.push(id);
    }
    let by_actor = AuditFilter {
        user_id: Some(actor),
        ..AuditFilter::default()
    };
    assert_eq!(db.store.count_audit_events(&by_actor).await.unwrap(), 10);
    let creates = AuditFilter {
        action: Some(AuditAction::Create),
        ..by_actor.clone()
    };
    assert_eq!(db.store.count_audit_events(&creates).await.unwrap(), 5);
    // From day 2 until before day 4: the changes of days 2 and 3.
    let window = AuditFilter {
        since: Some(start + jiff::SignedDuration::from_hours(48)),
        until: Some(start + jiff::SignedDuration::from_hours(96)),
        ..creates.clone()
    };
    let found = db.store.audit_events(&window).await.unwrap();
    let entities: Vec<_> = found.iter().map(|e| e.entity_id).collect();
    assert_eq!(entities, [Some(ids[2].get()), Some(ids[1].get())]);
    assert_eq!(db.store.count_audit_events(&window).await.unwrap(), 2);
    // Pages of two, newest first, without gaps or repeats.
    let mut seen = Vec::new();
    for page in 0..3 {
        let events = db
            .store
            .audit_events(&AuditFilter {
                limit: 2,
                offset: page * 2,
                ..creates.clone()
            })
            .await
            .unwrap();
        seen.extend(events.iter().map(|e| e.entity_id.unwrap()));
    }
    let expected: Vec<i64> = ids.iter().rev().map(|id| id.get()).collect();
    assert_eq!(seen, expected);
    // Nobody else made changes.
    let other = AuditFilter {
        user_id: Some(ids[0]),
        ..AuditFilter::default()
    };
    assert_eq!(db.store.count_audit_events(&other).await.unwrap(), 0);
}

async fn a_change_of_rights_is_logged_before_and_after(db: TestDb) {
    let t = territory(&db).await;
    let mut data = user_data("anna@floeha.de", "Anna Schmidt");
    data.scopes = vec![Scope::Municipality(t.floeha)];
    let id = db.store.create_user(&db.ctx(), &data, None).await.unwrap();
    let mut changed = data.clone();
    changed.role = Role::Viewer;
    changed.active = false;
    changed.scopes = vec![Scope::District(t.mittelsachsen)];
    db.store.update_user(&db.ctx(), id, &changed).await.unwrap();
    let events = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::User),
            entity_id: Some(id.get()),
            action: Some(AuditAction::Update),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(
        events[0].summary,
        format!(
            "Anna Schmidt; role member → viewer; active true → false; scopes [municipality {}] → [district {}]",
            t.floeha.get(),
            t.mittelsachsen.get()
        )
    );
}
