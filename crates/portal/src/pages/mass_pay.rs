//! Owns the mass-payment page (`clientarea.php?action=masspay`): its form and methods.

use super::*;

/// The payment methods the mass-payment page offers (`paymentmethod` radio buttons, none
/// checked in the stock template; or a select).
pub fn mass_pay_methods(html: &str, url: &Url) -> Result<Vec<PaymentMethod>> {
    let doc = document(html, url)?;
    let mut methods = vec![];
    for input in doc.select(&sel("input[name=paymentmethod][type=radio]")) {
        let value = input.value().attr("value").unwrap_or_default().to_owned();
        // Its name: the text of the `label` around it.
        let name = input
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "label")
            .map(text_of)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| value.clone());
        methods.push(PaymentMethod { value, name });
    }
    for option in doc.select(&sel("select[name=paymentmethod] option")) {
        methods.push(PaymentMethod {
            value: option.value().attr("value").unwrap_or_default().to_owned(),
            name: text_of(option),
        });
    }
    Ok(methods)
}

/// The mass-payment form (`clientarea.php?action=masspay&all=true`).
pub fn parse_mass_pay(html: &str, url: &Url) -> Result<(FormRequest, Vec<u64>)> {
    let doc = document(html, url)?;
    let form = doc
        .select(&sel("form"))
        .find(|f| {
            f.select(&sel("input[name='invoiceids[]']"))
                .next()
                .is_some()
        })
        .ok_or_else(|| PortalError::unexpected(url, "the mass payment form"))?;
    let request = read_form(form, url)?;
    let ids = request
        .fields
        .iter()
        .filter(|(n, _)| n == "invoiceids[]")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    Ok((request, ids))
}
