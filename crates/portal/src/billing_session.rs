//! Owns a signed-in session's billing pages: the dashboard, the invoice list (and the portal's
//! date format learned from it), an invoice's page and transactions, PDFs, the payment method,
//! paying from credit, adding funds and the mass payment.

use crate::error::{PortalError, Result};
use crate::model::*;
use crate::pages;
use crate::session::{invoice_shown, parse_off_thread, read_capped, Session};
use chrono::NaiveDate;
use url::Url;

/// The largest invoice or quote PDF the client reads.
const MAX_PDF_BYTES: usize = 50 * 1024 * 1024;

impl Session {
    pub async fn dashboard(&self) -> Result<Dashboard> {
        let page = self.get(self.address.page("clientarea.php")).await?;
        parse_off_thread(page, pages::parse_dashboard).await
    }

    pub async fn invoices(&self) -> Result<Vec<InvoiceSummary>> {
        let url = self.address.page("clientarea.php?action=invoices");
        // An accountant's list is 1.5 MB: one tokenizer pass, off the async threads, answers
        // the sign-in check, the depth guard and the list, and no tree is built.
        let page = self.get_raw(url.clone()).await?;
        let (scan, read) =
            parse_off_thread(page, |html, url| Ok(pages::scan_invoice_list(html, url))).await?;
        let (list, format) = if scan.sign_in_form {
            // The session expired: signed in again once, as for any page, then read.
            let page = self.get(url).await?;
            parse_off_thread(page, pages::parse_invoice_list_and_format).await?
        } else {
            read?
        };
        if format.is_some() {
            *self.date_format.lock().unwrap_or_else(|e| e.into_inner()) = format;
        }
        Ok(list)
    }

    pub async fn invoice(&self, id: u64) -> Result<InvoiceDetail> {
        Ok(self.invoice_with(id, true).await?.0)
    }

    /// [`Session::invoice`] with the sign-in again allowed or not, answering whether it signed
    /// in again (the payment tracker allows itself one).
    pub async fn invoice_with(&self, id: u64, may_sign_in: bool) -> Result<(InvoiceDetail, bool)> {
        let (page, signed_in) = self
            .get_with(
                self.address.page(&format!("viewinvoice.php?id={id}")),
                may_sign_in,
            )
            .await?;
        let read = parse_off_thread(page, move |html, url| {
            pages::parse_invoice_page(html, url, id)
        })
        .await?;
        let mut detail = read.detail;
        self.date_transactions(&mut detail.transactions);
        if read.paid_or_pending {
            // The page draws Paid and Payment Pending alike: the list's status class tells
            // them apart in any language. Not listed (yet): Payment Pending, the side that
            // keeps a person from paying twice without telling them it is paid.
            let list = self
                .get_with(self.address.page("clientarea.php?action=invoices"), false)
                .await?
                .0;
            let listed = parse_off_thread(list, pages::parse_invoice_list).await?;
            detail.status = listed
                .iter()
                .find(|row| row.id == id)
                .map(|row| row.status)
                .filter(|s| matches!(s, InvoiceStatus::Paid | InvoiceStatus::PaymentPending))
                .unwrap_or(InvoiceStatus::PaymentPending);
        }
        Ok((detail, signed_in))
    }

    /// The transactions an invoice's page lists (payments, and refunds as negative amounts),
    /// their dates read with the format the portal's list showed, and the credit applied to it
    /// (a totals row, without a date). Lighter than
    /// [`Session::invoice`]: the status is not asked of the list (a statement reads hundreds).
    pub async fn invoice_transactions(
        &self,
        id: u64,
    ) -> Result<(Vec<Transaction>, Option<crate::Money>)> {
        let page = self
            .get(self.address.page(&format!("viewinvoice.php?id={id}")))
            .await?;
        let read = parse_off_thread(page, move |html, url| {
            pages::parse_invoice_page(html, url, id)
        })
        .await?;
        let credit = read.detail.credit_applied().cloned();
        let mut transactions = read.detail.transactions;
        self.date_transactions(&mut transactions);
        Ok((transactions, credit))
    }

    /// A transaction's date is written in the portal's format: read with the one its list
    /// showed (language-free: learned from dates shown beside their ISO form).
    fn date_transactions(&self, transactions: &mut [Transaction]) {
        let format = *self.date_format.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(format) = format {
            for t in transactions {
                t.paid_on = NaiveDate::parse_from_str(t.date.trim(), format).ok();
            }
        }
    }

    /// The invoice's PDF, checked to be one.
    pub async fn invoice_pdf(&self, id: u64) -> Result<Vec<u8>> {
        self.pdf(self.address.page(&format!("dl.php?type=i&id={id}")))
            .await
    }

    /// A document of the portal's `dl.php` (an invoice's or a quote's), checked to be a PDF.
    pub(crate) async fn pdf(&self, url: Url) -> Result<Vec<u8>> {
        let response = self.http().get(url.clone()).send().await?;
        if !response.status().is_success() {
            return Err(PortalError::HttpStatus {
                status: response.status().as_u16(),
                url,
            });
        }
        let body = read_capped(response, MAX_PDF_BYTES)
            .await?
            .ok_or(PortalError::NotPdf)?;
        if body.starts_with(b"%PDF-") {
            Ok(body)
        } else if pages::is_login_page(&String::from_utf8_lossy(&body)) {
            Err(PortalError::SessionExpired)
        } else {
            Err(PortalError::NotPdf)
        }
    }

    /// The portal's mass-payment form for all unpaid invoices.
    pub async fn mass_pay_form(&self) -> Result<(FormRequest, Vec<u64>)> {
        let page = self
            .get(self.address.page("clientarea.php?action=masspay&all=true"))
            .await?;
        pages::parse_mass_pay(&page.html, &page.url)
    }

    /// The payment methods the portal's mass payment offers.
    pub async fn mass_pay_methods(&self) -> Result<Vec<PaymentMethod>> {
        let page = self
            .get(self.address.page("clientarea.php?action=masspay&all=true"))
            .await?;
        pages::mass_pay_methods(&page.html, &page.url)
    }

    /// Switches the invoice to another of the payment methods its page offers (the portal's
    /// own form), and reads the invoice again: its payment area is the new method's.
    pub async fn change_payment_method(&self, id: u64, value: &str) -> Result<InvoiceDetail> {
        let detail = self.invoice(id).await?;
        if !detail.payment_methods.iter().any(|m| m.value == value) {
            return Err(PortalError::PaymentNotOffered);
        }
        let mut form = detail
            .payment_method_form
            .ok_or(PortalError::PaymentNotOffered)?;
        form.set("gateway", value);
        self.submit(&form).await?;
        self.invoice(id).await
    }

    /// Applies `amount` of the account's credit through the "Apply Credit" form of `invoice` (as
    /// just read), then answers the invoice as the portal shows it afterwards (whether the
    /// credit went in is for the caller to read there: a portal that refuses changes nothing).
    pub async fn apply_credit(
        &self,
        invoice: &InvoiceDetail,
        amount: rust_decimal::Decimal,
    ) -> Result<InvoiceDetail> {
        let mut form = invoice
            .credit_offer
            .as_ref()
            .map(|offer| offer.form.clone())
            .ok_or(PortalError::PaymentNotOffered)?;
        // The portal reads a plain decimal with a point, two places.
        form.set("creditamount", &format!("{:.2}", amount.round_dp(2)));
        self.submit(&form).await?;
        self.invoice(invoice.id).await
    }

    /// The "Add Funds" page: its limits and methods.
    pub async fn add_funds_page(&self) -> Result<AddFundsPage> {
        let page = self
            .get(self.address.page("clientarea.php?action=addfunds"))
            .await?;
        parse_off_thread(page, pages::parse_add_funds)
            .await?
            .map_err(PortalError::Refused)
    }

    /// Adds funds the portal's way, through the form of `page` (as just read): it makes an
    /// invoice for `amount`, paid with `method` (one the page offers); answers that invoice's
    /// id, from the page the portal goes to. A refusal is the portal's own words.
    pub async fn add_funds(
        &self,
        page: AddFundsPage,
        amount: rust_decimal::Decimal,
        method: &str,
    ) -> Result<u64> {
        if !page.methods.iter().any(|m| m.value == method) {
            return Err(PortalError::PaymentNotOffered);
        }
        let mut form = page.form;
        form.set("amount", &format!("{:.2}", amount.round_dp(2)));
        form.set("paymentmethod", method);
        let page = self.submit(&form).await?;
        if let Some(id) = invoice_shown(&page.url) {
            return Ok(id);
        }
        match pages::parse_add_funds(&page.html, &page.url)? {
            Err(refusal) => Err(PortalError::Refused(refusal)),
            Ok(_) => Err(PortalError::unexpected(&page.url, "the new invoice")),
        }
    }

    /// Pays several invoices at once the portal's way: its mass-payment form, with only `ids`
    /// kept, makes one combined invoice, whose page (with its payment buttons) is answered.
    /// Refused unless every id is one the form offers.
    pub async fn mass_payment(&self, ids: &[u64], method: Option<&str>) -> Result<InvoiceDetail> {
        let page = self
            .get(self.address.page("clientarea.php?action=masspay&all=true"))
            .await?;
        let (mut form, offered) = pages::parse_mass_pay(&page.html, &page.url)?;
        let methods = pages::mass_pay_methods(&page.html, &page.url)?;
        if ids.is_empty() || ids.iter().any(|id| !offered.contains(id)) {
            return Err(PortalError::PaymentNotOffered);
        }
        // The stock page checks no method: the one the person chose is posted, and only one
        // the page offers (with one method only, that one).
        let chosen = match method {
            Some(m) => methods.iter().find(|x| x.value == m),
            None if methods.len() == 1 => methods.first(),
            None => None,
        };
        match chosen {
            Some(m) => form.set("paymentmethod", &m.value),
            None if methods.is_empty() => {}
            None => return Err(PortalError::PaymentNotOffered),
        }
        form.fields.retain(|(name, _)| name != "invoiceids[]");
        form.fields.extend(
            ids.iter()
                .map(|id| ("invoiceids[]".to_owned(), id.to_string())),
        );
        let answer = self.submit(&form).await?;
        // The combined invoice's id is in the address the portal sent us to.
        let id = answer
            .url
            .query_pairs()
            .find(|(k, _)| k == "id")
            .and_then(|(_, v)| v.parse().ok())
            .filter(|_| answer.url.path().ends_with("viewinvoice.php"))
            .ok_or_else(|| PortalError::unexpected(&answer.url, "the combined invoice"))?;
        pages::parse_invoice(&answer.html, &answer.url, id)
    }
}
