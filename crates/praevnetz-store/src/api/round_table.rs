//! Round-table role templates.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::roundtable::RoleTemplate;

store_api! {
    /// Every round-table template, by category code.
    fn round_table_templates() -> Vec<RoleTemplate> => round_table::list_templates;
    /// The round-table template of a category, if it has one.
    fn round_table_template(category: &CategoryCode) -> Option<RoleTemplate> => round_table::get_template;
    /// Stores a category's round-table template, replacing its earlier one.
    fn set_round_table_template(ctx: &ChangeContext, template: &RoleTemplate) -> () => round_table::set_template;
    /// Removes a category's round-table template; whether it had one.
    fn delete_round_table_template(ctx: &ChangeContext, category: &CategoryCode) -> bool => round_table::delete_template;
}
