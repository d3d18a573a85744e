//! Login sessions. The store keeps a hash of each session's token, never the token itself.

use jiff::Timestamp;
use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::UserId;
use praevnetz_domain::user::User;

use crate::LoginSession;

store_api! {
    /// Stores a session under `key` (the hash of the cookie's token) for an account, with the
    /// token its forms must carry and its end.
    fn create_session(key: &str, user: UserId, csrf_token: &str, created_at: Timestamp, expires_at: Timestamp) -> () => session::create_session;
    /// The session under `key`, if it has not expired at `now` and its account is active.
    fn session(key: &str, now: Timestamp) -> Option<LoginSession> => session::get_session;
    /// Ends one session.
    fn delete_session(key: &str) -> () => session::delete_session;
    /// Ends every session of an account; returns how many there were.
    fn delete_sessions_of(user: UserId) -> u64 => session::delete_sessions_of;
    /// Removes the sessions that ended before `now`; returns how many.
    fn purge_sessions(now: Timestamp) -> u64 => session::purge_sessions;
    /// Stores a set-password link under `key` (the hash of its token) for an account, valid
    /// until `expires_at`; the account's unused older links stop working.
    fn create_password_link(ctx: &ChangeContext, key: &str, user: UserId, expires_at: Timestamp) -> () => password_link::create_password_link;
    /// The account the link under `key` would set the password of, if the link is unused, has
    /// not expired at `now` and its account is active.
    fn password_link_user(key: &str, now: Timestamp) -> Option<User> => password_link::password_link_user;
    /// Uses the link under `key`: sets the password hash, marks the link used and ends the
    /// account's sessions at once; `None`, with nothing changed, if the link does not work.
    fn redeem_password_link(ctx: &ChangeContext, key: &str, password_hash: &str) -> Option<UserId> => password_link::redeem_password_link;
    /// Stores the personal calendar feed of an account under `key` (the hash of its token),
    /// replacing the account's earlier feed.
    fn set_calendar_feed(ctx: &ChangeContext, key: &str, user: UserId) -> () => calendar_feed::set_calendar_feed;
    /// Revokes the calendar feed of an account; whether it had one.
    fn revoke_calendar_feed(ctx: &ChangeContext, user: UserId) -> bool => calendar_feed::revoke_calendar_feed;
    /// When the account's calendar feed was created, if it has one.
    fn calendar_feed_since(user: UserId) -> Option<Timestamp> => calendar_feed::calendar_feed_since;
    /// The account whose calendar feed is stored under `key`, if the account is active.
    fn calendar_feed_user(key: &str) -> Option<User> => calendar_feed::calendar_feed_user;
}
