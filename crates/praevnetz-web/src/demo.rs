//! The demo logins (`praevnetz demo`, `serve --demo`): one account per role and typical scope,
//! all with the password [`DEMO_PASSWORD`].

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::demo::{DEMO_LOGINS, DEMO_PASSWORD, DemoLogin, DemoScope};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::territory::{Ags, DistrictAgs};
use praevnetz_domain::text::{Email, Name, Slug};
use praevnetz_domain::user::{Scope, UserData};
use praevnetz_store::{Store, StoreError};

use crate::auth::password;

/// Why the demo logins could not be created.
#[derive(Debug, thiserror::Error)]
pub enum DemoLoginError {
    /// The store refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Hashing failed.
    #[error(transparent)]
    Hash(#[from] password::HashError),
}

/// Creates the demo logins whose scopes exist in the database (all of them after the demo;
/// after a synthetic network, those of Saxony's real territory). Logins that exist already
/// are left alone. Returns the logins created.
pub async fn create_demo_logins(
    store: &Store,
    ctx: &ChangeContext,
) -> Result<Vec<&'static DemoLogin>, DemoLoginError> {
    let hash = tokio::task::spawn_blocking(|| password::hash_now(DEMO_PASSWORD))
        .await
        .map_err(|e| password::HashError::Failed(e.to_string()))??;
    let mut created = Vec::new();
    for login in DEMO_LOGINS {
        let Ok(email) = Email::parse(login.email) else {
            continue;
        };
        if store.user_by_email(&email).await?.is_some() {
            continue;
        }
        let Some(scopes) = resolve(store, login.scopes).await? else {
            continue;
        };
        let Ok(display_name) = Name::parse(login.name) else {
            continue;
        };
        let data = UserData {
            email,
            display_name,
            role: login.role,
            scopes,
            language: Lang::De,
            active: true,
            person_id: None,
        };
        store.create_user(ctx, &data, Some(&hash)).await?;
        created.push(login);
    }
    Ok(created)
}

/// The scopes by id, or `None` if one of them is not in the database.
async fn resolve(store: &Store, scopes: &[DemoScope]) -> Result<Option<Vec<Scope>>, StoreError> {
    let mut resolved = Vec::new();
    for scope in scopes {
        let found = match *scope {
            DemoScope::Region(slug) => match Slug::parse(slug) {
                Ok(slug) => store
                    .region_by_slug(&slug)
                    .await?
                    .map(|r| Scope::Region(r.id)),
                Err(_) => None,
            },
            DemoScope::District(ags) => match DistrictAgs::parse(ags) {
                Ok(ags) => store
                    .district_by_ags(&ags)
                    .await?
                    .map(|d| Scope::District(d.id)),
                Err(_) => None,
            },
            DemoScope::Municipality(ags) => match Ags::parse(ags) {
                Ok(ags) => store
                    .municipality_by_ags(&ags)
                    .await?
                    .map(|m| Scope::Municipality(m.id)),
                Err(_) => None,
            },
        };
        match found {
            Some(scope) => resolved.push(scope),
            None => return Ok(None),
        }
    }
    Ok(Some(resolved))
}
