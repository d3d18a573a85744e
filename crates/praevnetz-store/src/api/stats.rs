//! Counts and the audit log.

use praevnetz_domain::audit::AuditEvent;
use praevnetz_domain::ids::AuditEventId;

use crate::{AuditFilter, Counts};

store_api! {
    /// Counts of every kind of record.
    fn counts() -> Counts => stats::counts;
    /// Whether the database holds no user data yet.
    fn is_empty() -> bool => stats::is_empty;
    /// Audit log entries, newest first.
    fn audit_events(filter: &AuditFilter) -> Vec<AuditEvent> => audit::list;
    /// How many audit log entries match the filter (its limit and offset aside).
    fn count_audit_events(filter: &AuditFilter) -> u64 => audit::count;
    /// The newest audit entry's id (`None` before the first change): every write appends an
    /// entry, so a cache built at one id is current while the id stays.
    fn latest_audit_id() -> Option<AuditEventId> => audit::latest_id;
}
