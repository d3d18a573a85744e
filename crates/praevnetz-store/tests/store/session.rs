use jiff::{SignedDuration, Timestamp};
use praevnetz_domain::audit::{AuditAction, ChangeContext, Channel, EntityKind};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::text::Email;
use praevnetz_domain::user::{Role, Scope, UserData};
use praevnetz_store::AuditFilter;

use crate::backend_tests;
use crate::fixtures::{name, territory};
use crate::harness::TestDb;

backend_tests!(
    a_session_is_found_until_it_expires,
    logout_ends_one_session_and_purge_the_expired,
    sessions_end_when_role_scopes_or_activity_change,
    a_session_stays_when_only_the_name_changes,
    sessions_go_with_their_account,
    a_password_link_works_once_until_it_expires,
    a_new_password_link_voids_the_older_one,
    a_password_link_of_an_inactive_account_does_not_work,
    the_store_refuses_malformed_password_links,
    a_calendar_feed_is_replaced_revoked_and_logged,
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

/// A change made at `hours` after the test's start.
fn change_at(db: &TestDb, hours: i64) -> ChangeContext {
    ChangeContext {
        user_id: None,
        channel: Channel::Web,
        at: at(db, hours),
    }
}

async fn a_password_link_works_once_until_it_expires(db: TestDb) {
    let user = db
        .store
        .create_user(&db.ctx(), &user_data("a@example.org"), Some("old"))
        .await
        .unwrap();
    db.store
        .create_session(KEY_B, user, CSRF, at(&db, 0), at(&db, 12))
        .await
        .unwrap();
    db.store
        .create_password_link(&change_at(&db, 0), KEY_A, user, at(&db, 72))
        .await
        .unwrap();
    let shown = db
        .store
        .password_link_user(KEY_A, at(&db, 71))
        .await
        .unwrap();
    assert_eq!(shown.map(|u| u.id), Some(user));
    assert!(
        db.store
            .password_link_user(KEY_A, at(&db, 72))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        db.store
            .password_link_user(KEY_B, at(&db, 1))
            .await
            .unwrap()
            .is_none()
    );
    // Too late: nothing changes.
    let late = db
        .store
        .redeem_password_link(&change_at(&db, 73), KEY_A, "late")
        .await
        .unwrap();
    assert_eq!(late, None);
    assert_eq!(
        db.store.password_hash(user).await.unwrap().as_deref(),
        Some("old")
    );
    // In time: the password is set, the sessions end, the link is spent.
    let in_time = db
        .store
        .redeem_password_link(&change_at(&db, 2), KEY_A, "new")
        .await
        .unwrap();
    assert_eq!(in_time, Some(user));
    assert_eq!(
        db.store.password_hash(user).await.unwrap().as_deref(),
        Some("new")
    );
    assert!(db.store.session(KEY_B, at(&db, 3)).await.unwrap().is_none());
    assert!(
        db.store
            .password_link_user(KEY_A, at(&db, 3))
            .await
            .unwrap()
            .is_none()
    );
    let again = db
        .store
        .redeem_password_link(&change_at(&db, 3), KEY_A, "again")
        .await
        .unwrap();
    assert_eq!(again, None);
    assert_eq!(
        db.store.password_hash(user).await.unwrap().as_deref(),
        Some("new")
    );
    // Issue and use are in the audit log, the token and the hash are not.
    let logged = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::User),
            action: Some(AuditAction::Update),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    let summaries: Vec<&str> = logged.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["password set by link", "set-password link issued"]
    );
    assert!(
        logged
            .iter()
            .all(|e| !e.summary.contains(KEY_A) && !e.summary.contains("new"))
    );
}

async fn a_new_password_link_voids_the_older_one(db: TestDb) {
    let user = db
        .store
        .create_user(&db.ctx(), &user_data("a@example.org"), None)
        .await
        .unwrap();
    db.store
        .create_password_link(&change_at(&db, 0), KEY_A, user, at(&db, 72))
        .await
        .unwrap();
    db.store
        .create_password_link(&change_at(&db, 1), KEY_B, user, at(&db, 72))
        .await
        .unwrap();
    assert!(
        db.store
            .password_link_user(KEY_A, at(&db, 2))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        db.store
            .password_link_user(KEY_B, at(&db, 2))
            .await
            .unwrap()
            .is_some()
    );
    let first = db
        .store
        .redeem_password_link(&change_at(&db, 2), KEY_A, "x")
        .await
        .unwrap();
    assert_eq!(first, None);
    assert_eq!(db.store.password_hash(user).await.unwrap(), None);
}

async fn a_password_link_of_an_inactive_account_does_not_work(db: TestDb) {
    let user = db
        .store
        .create_user(&db.ctx(), &user_data("a@example.org"), None)
        .await
        .unwrap();
    db.store
        .create_password_link(&change_at(&db, 0), KEY_A, user, at(&db, 72))
        .await
        .unwrap();
    let mut data = user_data("a@example.org");
    data.active = false;
    db.store.update_user(&db.ctx(), user, &data).await.unwrap();
    assert!(
        db.store
            .password_link_user(KEY_A, at(&db, 1))
            .await
            .unwrap()
            .is_none()
    );
    let refused = db
        .store
        .redeem_password_link(&change_at(&db, 1), KEY_A, "x")
        .await
        .unwrap();
    assert_eq!(refused, None);
    assert_eq!(db.store.password_hash(user).await.unwrap(), None);
    // Deleting the account takes its links along.
    let other = db
        .store
        .create_user(&db.ctx(), &user_data("b@example.org"), None)
        .await
        .unwrap();
    db.store
        .create_password_link(&change_at(&db, 0), KEY_B, other, at(&db, 72))
        .await
        .unwrap();
    db.store.delete_user(&db.ctx(), other).await.unwrap();
    assert!(
        db.store
            .password_link_user(KEY_B, at(&db, 1))
            .await
            .unwrap()
            .is_none()
    );
}

async fn the_store_refuses_malformed_password_links(db: TestDb) {
    let user = db
        .store
        .create_user(&db.ctx(), &user_data("a@example.org"), None)
        .await
        .unwrap();
    // The store refuses a key that is not a hash, an end before the start, an unknown account.
    assert!(
        db.store
            .create_password_link(&change_at(&db, 0), "short", user, at(&db, 1))
            .await
            .is_err()
    );
    assert!(
        db.store
            .create_password_link(&change_at(&db, 5), KEY_B, user, at(&db, 1))
            .await
            .is_err()
    );
    let unknown = praevnetz_domain::ids::UserId::new(user.get() + 1000);
    assert!(matches!(
        db.store
            .create_password_link(&change_at(&db, 0), KEY_B, unknown, at(&db, 1))
            .await,
        Err(praevnetz_store::StoreError::NotFound { .. })
    ));
}

async fn a_calendar_feed_is_replaced_revoked_and_logged(db: TestDb) {
    let user = db
        .store
        .create_user(&db.ctx(), &user_data("a@example.org"), Some("old"))
        .await
        .unwrap();
    assert_eq!(db.store.calendar_feed_since(user).await.unwrap(), None);
    db.store
        .set_calendar_feed(&change_at(&db, 1), KEY_A, user)
        .await
        .unwrap();
    let found = db.store.calendar_feed_user(KEY_A).await.unwrap();
    assert_eq!(found.map(|u| u.id), Some(user));
    assert_eq!(
        db.store.calendar_feed_since(user).await.unwrap(),
        Some(at(&db, 1))
    );
    // A new address replaces the old one.
    db.store
        .set_calendar_feed(&change_at(&db, 2), KEY_B, user)
        .await
        .unwrap();
    assert!(db.store.calendar_feed_user(KEY_A).await.unwrap().is_none());
    assert!(db.store.calendar_feed_user(KEY_B).await.unwrap().is_some());
    // An inactive account's feed answers nothing.
    let mut data = user_data("a@example.org");
    data.active = false;
    db.store.update_user(&db.ctx(), user, &data).await.unwrap();
    assert!(db.store.calendar_feed_user(KEY_B).await.unwrap().is_none());
    // Revoked: gone, and revoking again changes nothing.
    assert!(
        db.store
            .revoke_calendar_feed(&change_at(&db, 3), user)
            .await
            .unwrap()
    );
    assert!(
        !db.store
            .revoke_calendar_feed(&change_at(&db, 4), user)
            .await
            .unwrap()
    );
    assert_eq!(db.store.calendar_feed_since(user).await.unwrap(), None);
    // A feed for an account that does not exist is refused, and nothing is stored.
    let missing = praevnetz_domain::ids::UserId::new(999_999);
    assert!(
        db.store
            .set_calendar_feed(&change_at(&db, 5), KEY_A, missing)
            .await
            .is_err()
    );
    assert!(db.store.calendar_feed_user(KEY_A).await.unwrap().is_none());
    // Creating and revoking are in the audit log, the key is not.
    let events = db
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::User),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    let summaries: Vec<&str> = events.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(
        summaries
            .iter()
            .filter(|s| **s == "calendar feed created")
            .count(),
        2
    );
    assert_eq!(
        summaries
            .iter()
            .filter(|s| **s == "calendar feed revoked")
            .count(),
        1
    );
    assert!(
        summaries
            .iter()
            .all(|s| !s.contains(KEY_A) && !s.contains(KEY_B))
    );
    assert!(
        events
            .iter()
            .filter(|e| e.summary.starts_with("calendar feed"))
            .all(|e| e.action == AuditAction::Update)
    );
}
