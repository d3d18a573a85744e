//! User accounts. Hashing passwords happens outside the store; the store only keeps the hash.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::UserId;
use praevnetz_domain::text::Email;
use praevnetz_domain::user::{User, UserData};

store_api! {
    /// Creates an account with its scopes and, if given, a password hash. A login that exists
    /// already in any case is refused on the e-mail field.
    fn create_user(ctx: &ChangeContext, data: &UserData, password_hash: Option<&str>) -> UserId => user::create_user;
    /// Replaces an account's data and scopes (not the password hash).
    fn update_user(ctx: &ChangeContext, id: UserId, data: &UserData) -> () => user::update_user;
    /// Sets or replaces an account's password hash.
    fn set_password_hash(ctx: &ChangeContext, id: UserId, password_hash: &str) -> () => user::set_password_hash;
    /// An account's password hash, for checking a login: `None` if none is set,
    /// [`StoreError::NotFound`](crate::StoreError::NotFound) if there is no such account.
    fn password_hash(id: UserId) -> Option<String> => user::password_hash;
    /// An account.
    fn user(id: UserId) -> Option<User> => user::get_user;
    /// The account with this login, regardless of case.
    fn user_by_email(email: &Email) -> Option<User> => user::user_by_email;
    /// All accounts, by display name.
    fn users() -> Vec<User> => user::list_users;
    /// Deletes an account with its scopes; refused once the account has made changes
    /// (deactivate it instead).
    fn delete_user(ctx: &ChangeContext, id: UserId) -> () => user::delete_user;
}
