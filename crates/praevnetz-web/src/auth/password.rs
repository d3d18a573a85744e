//! Password hashing with Argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane, as OWASP
//! recommends). Hashing is deliberately slow, so it runs on the blocking pool and at most as
//! many at once as the machine has cores: a storm of logins queues here instead of starving
//! every other request.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use tokio::sync::Semaphore;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 10;
/// The longest password accepted (Argon2 takes any length; this bounds the work per request).
pub const MAX_LENGTH: usize = 200;

/// How long a login waits for a free hashing slot before it is told to try again.
const WAIT: Duration = Duration::from_secs(10);

/// Hashing failed or the server is too busy to hash now.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// All hashing slots stayed busy for too long.
    #[error("too many logins at once")]
    Busy,
    /// The hashing library failed (no randomness, say).
    #[error("password hashing failed: {0}")]
    Failed(String),
}

/// A cap on concurrent hashing, shared by the whole server.
#[derive(Clone, Debug)]
pub struct Hasher {
    slots: Arc<Semaphore>,
}

/// Verified against when an account does not exist, so that an unknown e-mail costs as much
/// time as a wrong password.
static DUMMY: LazyLock<Option<String>> = LazyLock::new(|| hash_now("no such account").ok());

impl Hasher {
    /// A hasher allowing `parallel` hashes at once (at least one).
    pub fn new(parallel: usize) -> Hasher {
        Hasher {
            slots: Arc::new(Semaphore::new(parallel.max(1))),
        }
    }

    /// Hashes a new password.
    pub async fn hash(&self, password: &str) -> Result<String, HashError> {
        let password = password.to_owned();
        self.run(move || hash_now(&password)).await?
    }

    /// Whether `password` matches `hash`; with no hash (unknown account, no password set), a
    /// dummy hash is checked so that the answer takes as long, and the result is `false`.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, HashError> {
        let password = password.to_owned();
        let (hash, real) = match hash {
            Some(hash) => (hash.to_owned(), true),
            None => (DUMMY.clone().unwrap_or_default(), false),
        };
        let ok = self.run(move || verify_now(&password, &hash)).await?;
        Ok(ok && real)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let permit = tokio::time::timeout(WAIT, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| HashError::Busy)?
            .map_err(|_| HashError::Busy)?;
        let result = tokio::task::spawn_blocking(move || {
            let result = work();
            drop(permit);
            result
        })
        .await
        .map_err(|e| HashError::Failed(e.to_string()))?;
        Ok(result)
    }
}

/// Hashes at once, on this thread (the command line's demo logins).
pub fn hash_now(password: &str) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| HashError::Failed(e.to_string()))
}

/// Whether `password` matches the PHC string `hash`; a malformed hash never matches.
fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = Hasher::new(2);
        let hash = hasher.hash("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            hasher
                .verify("correct horse battery", Some(&hash))
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify("correct horse batter", Some(&hash))
                .await
                .unwrap()
        );
        assert!(!hasher.verify("anything", Some("not a hash")).await.unwrap());
        assert!(!hasher.verify("no such account", None).await.unwrap());
    }
}
