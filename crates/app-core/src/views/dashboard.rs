//! Owns the dashboard's view: the counts, the overdue invoices, the credit and the last sync.

use super::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct DashboardView {
    pub account: AccountView,
    pub unpaid_count: u32,
    /// The Invoices badge's name for screen readers ("4 unpaid").
    pub badge_label: String,
    pub unpaid_text: String,
    pub overdue_count: u32,
    pub overdue_text: String,
    pub overdue_total: Option<String>,
    pub credit: Option<String>,
    pub last_sync: String,
    pub all_paid: bool,
    /// Set while showing the saved copy (the portal could not be reached).
    pub offline_text: Option<String>,
    /// Set when the copy for use offline could not be written (a full disk).
    pub copy_not_saved: Option<String>,
}
