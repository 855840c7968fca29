//! Owns the view models the UI renders: every text already in the user's language, every
//! amount and date already formatted, so the UI only places them.

mod account;
mod dashboard;
mod format;
mod invoice;
mod list;

pub use account::*;
pub use dashboard::*;
pub use format::*;
pub use invoice::*;
pub use list::*;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use l10n::{Catalogues, Lang};
    use portal::{InvoiceDetail, InvoiceStatus, InvoiceSummary, Money};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn inv(id: u64, due: &str, status: InvoiceStatus, amount: &str, cur: &str) -> InvoiceSummary {
        InvoiceSummary {
            id,
            number: format!("INV-{id}"),
            date: NaiveDate::from_str("2026-01-01").unwrap(),
            due_date: NaiveDate::from_str(due).unwrap(),
            total: Money::new(Decimal::from_str(amount).unwrap(), cur),
            status,
        }
    }

    #[test]
    fn list_filters_sorts_and_totals_per_currency() {
        let c = Catalogues::load().unwrap();
        let today = NaiveDate::from_str("2026-03-10").unwrap();
        let all = vec![
            inv(1, "2026-03-20", InvoiceStatus::Unpaid, "10.00", "EUR"),
            inv(2, "2026-03-01", InvoiceStatus::Unpaid, "5.50", "EUR"),
            inv(3, "2026-02-01", InvoiceStatus::Paid, "7.00", "USD"),
            inv(4, "2026-03-05", InvoiceStatus::Unpaid, "1200", "ALL"),
        ];
        let unpaid = invoice_list(&c, Lang::En, &all, Filter::Unpaid, today);
        let ids: Vec<u64> = unpaid.rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, vec![2, 4, 1]);
        assert_eq!(unpaid.totals, vec!["1,200.00 ALL", "€15.50"]);
        assert_eq!(unpaid.rows[0].status, "overdue");
        assert_eq!(unpaid.rows[2].status, "unpaid");
        assert_eq!(unpaid.counts["overdue"], 2);
        assert_eq!(unpaid.counts["all"], 4);
        let sq = invoice_list(&c, Lang::Sq, &all, Filter::Overdue, today);
        assert_eq!(sq.rows.len(), 2);
        assert_eq!(sq.rows[0].status_text, "E prapambetur");
        assert_eq!(sq.rows[0].due, "1 mars 2026");
    }

    #[test]
    fn only_unpaid_rows_can_be_picked_for_paying_together() {
        let c = Catalogues::load().unwrap();
        let today = NaiveDate::from_str("2026-03-10").unwrap();
        let row = |status, due| invoice_row(&c, Lang::En, &inv(1, due, status, "1", "EUR"), today);
        assert!(row(InvoiceStatus::Unpaid, "2026-03-20").pickable);
        assert!(row(InvoiceStatus::Unpaid, "2026-03-01").pickable, "overdue");
        for status in [
            InvoiceStatus::Paid,
            InvoiceStatus::PaymentPending,
            InvoiceStatus::Cancelled,
            InvoiceStatus::Draft,
        ] {
            assert!(!row(status, "2026-03-20").pickable, "{status:?}");
        }
    }

    #[test]
    fn an_unpaid_invoice_with_no_way_to_pay_says_so_in_its_pay_card() {
        let c = Catalogues::load().unwrap();
        let today = NaiveDate::from_str("2026-03-10").unwrap();
        let detail = |status: &str| -> InvoiceDetail {
            serde_json::from_value(serde_json::json!({
                "id": 7, "title": "Invoice #7", "status": status, "date": null, "due_date": null,
                "items": [], "totals": [], "total": null, "transactions": [], "balance": null,
                "payment_choices": [], "cycle": null, "notice": null, "pdf_url": null
            }))
            .unwrap()
        };
        let view = |d: &InvoiceDetail, saved| {
            invoice_view(&c, Lang::En, d, None, today, PaymentGuard::None, saved)
        };
        let unpaid = view(&detail("unpaid"), false);
        assert_eq!(
            unpaid.cannot_pay_online.as_deref(),
            Some("This invoice cannot be paid online.")
        );
        assert!(unpaid.pay_shown);
        // From the saved copy nothing is payable: that is said otherwise, not as "cannot".
        let saved = view(&detail("unpaid"), true);
        assert_eq!(saved.cannot_pay_online, None);
        assert!(!saved.pay_shown);
        let paid = view(&detail("paid"), false);
        assert_eq!(paid.cannot_pay_online, None);
        assert!(!paid.pay_shown);
        let mut bank = detail("unpaid");
        bank.payment_instructions = Some("IBAN AL00 0000".into());
        let bank = view(&bank, false);
        assert_eq!(bank.cannot_pay_online, None);
        assert!(bank.pay_shown);
    }
}
