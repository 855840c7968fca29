//! Owns the client area's home page: the Invoices tile, the overdue panel, the credit.

use super::*;

fn first_number(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

pub fn parse_dashboard(html: &str, url: &Url) -> Result<Dashboard> {
    let doc = whole_document(html, url)?;
    let tile = doc
        .select(&sel("a[href*='action=invoices']"))
        .find_map(|a| a.select(&sel(".stat")).next())
        .or_else(|| {
            doc.select(&sel("div.tile")).find_map(|t| {
                t.select(&sel("a[href*='action=invoices']")).next()?;
                t.select(&sel(".stat")).next()
            })
        })
        .ok_or_else(|| PortalError::unexpected(url, "the Invoices tile"))?;
    let unpaid_count = first_number(&text_of(tile))
        .ok_or_else(|| PortalError::unexpected(url, "the number of unpaid invoices"))?;
    let mut dashboard = Dashboard {
        unpaid_count,
        ..Dashboard::default()
    };
    let overdue_panel = doc.select(&sel("[menuItemName='Overdue Invoices']")).next();
    if let Some(panel) = overdue_panel {
        let body = panel
            .select(&sel(".card-body, .panel-body"))
            .next()
            .unwrap_or(panel);
        let body_text = text_of(body);
        dashboard.overdue_count = first_number(&body_text);
        // Stock WHMCS writes the panel as one plain sentence; the amount is read from it.
        dashboard.overdue_balance = money_in_sentence(&body_text, None);
        dashboard.mass_pay_url = panel
            .select(&sel("a[href*='masspay']"))
            .next()
            .and_then(|a| url.join(a.value().attr("href")?).ok());
    }
    dashboard.credit_balance = doc
        .select(&sel("[menuItemName='Credit Balance'], .credit-balance"))
        .next()
        .and_then(|panel| {
            panel
                .select(&sel(".card-body, .panel-body, .amount"))
                .next()
                .map(text_of)
                .and_then(|t| Money::parse(&t, None))
        });
    Ok(dashboard)
}
