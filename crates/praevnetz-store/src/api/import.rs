//! Imports and resets.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::import::ImportBatch;

use crate::{ImportOptions, ImportProgress, ImportSummary};

store_api! {
    /// Imports a batch of files in one transaction; on any error nothing is written and the
    /// errors name file, line and column. With `replace`, all data are removed first (in the
    /// same transaction); with `dry_run`, everything is checked and nothing kept.
    fn import(ctx: &ChangeContext, batch: &ImportBatch, progress: &dyn ImportProgress, options: &ImportOptions) -> ImportSummary => import::import;
    /// Removes all user data (keeps the schema, the states and the problem taxonomy) and records
    /// the reset in the otherwise emptied audit log.
    fn reset(ctx: &ChangeContext) -> () => reset::reset;
}
