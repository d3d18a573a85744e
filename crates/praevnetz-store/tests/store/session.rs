use jiff::{SignedDuration, Timestamp};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::text::Email;
use praevnetz_domain::user::{Role, Scope, UserData};

use crate::backend_tests;
use crate::fixtures::{name, territory};
use crate::harness::TestDb;

backend_tests!(
    a_session_is_found_until_it_expires,
    logout_ends_one_session_and_purge_the_expired,
    sessions_end_when_role_scopes_or_activity_change,
    a_session_stays_when_only_the_name_changes,
    sessions_go_with_their_account,
);

const KEY_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const KEY_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const CSRF: &str = "0123456789abcdef0123456789abcdef";

fn user_data(address: &str) -> UserData {
    UserData {
        email: Email::parse(address).unwrap(),
        display_name: name("Anna Schmidt"),
        role: Role::Member,
        scopes: Vec::new(),
        language: Lang::De,
        active: true,
        person_id: None,
    }
}

fn at(db: &TestDb, hours: i64) -> Timestamp {
    db.ctx().at + SignedDuration::from_hours(hours)
}

async fn a_session_is_found_until_it_expires(db: TestDb) {
    let user = db
        .store
        .create_user(&db.ctx(), &user_data("a@example.org"), Some("hash"))
        .await
        .unwrap();
    db.store
        .create_session(KEY_A, user, CSRF, at(&db, 0), at(&db, 12))
        .await
        .unwrap();
    let found = db.store.session(KEY_A, at(&db, 1)).await.unwrap().unwrap();
    assert_eq!(found.user.id, user);
    assert_eq!(found.csrf_token, CSRF);
    assert_eq!(found.expires_at, at(&db, 12));
    assert!(
        db.store
            .session(KEY_A, at(&db, 12))
            .await
            .unwrap()
            .is_none()
    );
    assert!(db.store.session(KEY_B, at(&db, 1)).await.unwrap().is_none());
    // The store refuses a key that is not a hash and an end before the start.
    assert!(
        db.store
            .create_session("short", user, CSRF, at(&db, 0), at(&db, 1))
            .await
            .is_err()
    );
    assert!(
        db.store
            .create_session(KEY_B, user, CSRF, at(&db, 1), at(&db, 0))
            .await
            .is_err()
    );
}

async fn logout_ends_one_session_and_purge_the_expired(db: TestDb) {
    let user = db
        .store
        .create_user(&db.ctx(), &user_data("a@example.org"), None)
        .await
        .unwrap();
    db.store
        .create_session(KEY_A, user, CSRF, at(&db, 0), at(&db, 2))
        .await
        .unwrap();
    db.store
        .create_session(KEY_B, user, CSRF, at(&db, 0), at(&db, 12))
        .await
        .unwrap();
    db.store.delete_session(KEY_B).await.unwrap();
    assert!(db.store.session(KEY_B, at(&db, 1)).await.unwrap().is_none());
    assert!(db.store.session(KEY_A, at(&db, 1)).await.unwrap().is_some());
    assert_eq!(db.store.purge_sessions(at(&db, 3)).await.unwrap(), 1);
    assert_eq!(db.raw_count("select count(*) from session").await, 0);
}

async fn sessions_end_when_role_scopes_or_activity_change(db: TestDb) {
    let t = territory(&db).await;
    let ctx = db.ctx();
    let mut data = user_data("a@example.org");
    let user = db.store.create_user(&ctx, &data, None).await.unwrap();
    let changes: [fn(&mut UserData, Scope); 3] = [
        |d, _| d.role = Role::Viewer,
        |d, scope| d.scopes = vec![scope],
        |d, _| d.active = false,
    ];
    for change in changes {
        db.store
            .create_session(KEY_A, user, CSRF, at(&db, 0), at(&db, 12))
            .await
            .unwrap();
        change(&mut data, Scope::Municipality(t.floeha));
        db.store.update_user(&ctx, user, &data).await.unwrap();
        assert!(db.store.session(KEY_A, at(&db, 1)).await.unwrap().is_none());
        assert_eq!(db.raw_count("select count(*) from session").await, 0);
    }
    // A deactivated account's session is not found even if it is still stored.
    db.store
        .create_session(KEY_B, user, CSRF, at(&db, 0), at(&db, 12))
        .await
        .unwrap();
    assert!(db.store.session(KEY_B, at(&db, 1)).await.unwrap().is_none());
    assert_eq!(db.store.delete_sessions_of(user).await.unwrap(), 1);
}

async fn a_session_stays_when_only_the_name_changes(db: TestDb) {
    let ctx = db.ctx();
    let mut data = user_data("a@example.org");
    let user = db.store.create_user(&ctx, &data, None).await.unwrap();
    db.store
        .create_session(KEY_A, user, CSRF, at(&db, 0), at(&db, 12))
        .await
        .unwrap();
    data.display_name = name("Anna Schmidt-Meier");
    data.language = Lang::En;
    db.store.update_user(&ctx, user, &data).await.unwrap();
    let found = db.store.session(KEY_A, at(&db, 1)).await.unwrap().unwrap();
    assert_eq!(found.user.data.language, Lang::En);
}

async fn sessions_go_with_their_account(db: TestDb) {
    let user = db
        .store
        .create_user(&db.ctx(), &user_data("a@example.org"), None)
        .await
        .unwrap();
    db.store
        .create_session(KEY_A, user, CSRF, at(&db, 0), at(&db, 12))
        .await
        .unwrap();
    db.store.delete_user(&db.ctx(), user).await.unwrap();
    assert_eq!(db.raw_count("select count(*) from session").await, 0);
}
