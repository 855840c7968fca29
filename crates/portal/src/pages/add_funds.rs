//! Owns the "Add Funds" page (`clientarea.php?action=addfunds`): its limits, methods and form.

use super::*;

/// The "Add Funds" page (`clientarea.php?action=addfunds`): the form with an `amount` field and
/// a `paymentmethod` choice, and the limits above it (the stock table's three amounts, in its
/// order: minimum, maximum, maximum balance). A refusal is the page again with its error alert:
/// `Err(Some(text))` then carries the portal's words.
pub fn parse_add_funds(html: &str, url: &Url) -> Result<std::result::Result<AddFundsPage, String>> {
    let doc = whole_document(html, url)?;
    if let Some(refusal) = shown_alert(form_area(&doc, None), DANGER) {
        return Ok(Err(refusal));
    }
    let form = doc
        .select(&sel("form"))
        .find(|f| {
            f.select(&sel("input[name=amount]")).next().is_some()
                && f.select(&sel("select[name=paymentmethod]"))
                    .next()
                    .is_some()
        })
        .ok_or_else(|| PortalError::unexpected(url, "the add-funds form"))?;
    let limits: Vec<Money> = doc
        .select(&sel("table tr"))
        .filter_map(|row| row.select(&sel("td")).nth(1))
        .filter_map(|cell| Money::parse(&text_of(cell), None))
        .collect();
    let [minimum, maximum, maximum_balance] = <[Money; 3]>::try_from(limits)
        .map_err(|_| PortalError::unexpected(url, "the three add-funds limits"))?;
    let methods = form
        .select(&sel("select[name=paymentmethod] option"))
        .map(|o| PaymentMethod {
            value: o.value().attr("value").unwrap_or_default().to_owned(),
            name: text_of(o),
        })
        .collect();
    Ok(Ok(AddFundsPage {
        minimum,
        maximum,
        maximum_balance,
        methods,
        form: read_form(form, url)?,
    }))
}
