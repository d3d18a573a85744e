//! The audit log: every change, who made it, when, and through which door.

use jiff::Timestamp;
use serde::Serialize;

use crate::codes::code_enum;
use crate::ids::{AuditEventId, UserId};

code_enum! {
    /// The kinds of records, as named in the audit log, statistics and import commands.
    pub enum EntityKind: "entity" {
        District = "district",
        Municipality = "municipality",
        Boundary = "boundary",
        Region = "region",
        Milestone = "milestone",
        Organisation = "organisation",
        Person = "person",
        Membership = "membership",
        Body = "body",
        BodyMember = "body_member",
        Tie = "tie",
        ProblemCategory = "problem_category",
        Problem = "problem",
        Practice = "practice",
        MeetingSeries = "meeting_series",
        Meeting = "meeting",
        Participation = "participation",
        AgendaItem = "agenda_item",
        Decision = "decision",
        ActionItem = "action_item",
        Topic = "topic",
        TopicVote = "topic_vote",
        RoundTableTemplate = "round_table_template",
        User = "user",
        Database = "database",
    }
}

code_enum! {
    /// What happened.
    pub enum AuditAction: "audit-action" {
        Create = "create",
        Update = "update",
        Delete = "delete",
        Import = "import",
        Reset = "reset",
        Restore = "restore",
    }
}

code_enum! {
    /// Through which door the change came.
    pub enum Channel: "channel" {
        Cli = "cli",
        Web = "web",
        Api = "api",
        System = "system",
    }
}

/// Who makes a change, when, and how: passed to every writing store operation, which records it
/// in the same transaction as the change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangeContext {
    /// The logged-in user, if any (CLI changes have none).
    pub user_id: Option<UserId>,
    /// The door.
    pub channel: Channel,
    /// When (from the clock).
    pub at: Timestamp,
}

impl ChangeContext {
    /// A change made from the command line.
    pub fn cli(at: Timestamp) -> ChangeContext {
        ChangeContext {
            user_id: None,
            channel: Channel::Cli,
            at,
        }
    }
}

/// An entry of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditEvent {
    /// Its id.
    pub id: AuditEventId,
    /// When.
    pub at: Timestamp,
    /// Who (none for the command line and the system).
    pub user_id: Option<UserId>,
    /// Their e-mail address when they made the change (kept after the account is gone).
    pub user_email: Option<crate::text::Email>,
    /// Door.
    pub channel: Channel,
    /// What happened.
    pub action: AuditAction,
    /// To which kind of record.
    pub entity: EntityKind,
    /// To which record.
    pub entity_id: Option<i64>,
    /// A short description ("Organisation „Polizeirevier Flöha“").
    pub summary: String,
}
