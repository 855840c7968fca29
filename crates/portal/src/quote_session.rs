//! Owns a session's quotes: the list, a quote's page, its PDF, and accepting it through the
//! portal's own dialog (the terms agreed by the person), answering the invoice it became.

use crate::error::{PortalError, Result};
use crate::model::{QuoteDetail, QuoteStage, QuoteSummary};
use crate::pages;
use crate::session::{invoice_shown, parse_off_thread, Session};

/// What accepting a quote came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteAccepted {
    /// The portal made this invoice of it (and went to its page).
    Invoice(u64),
    /// The quote reads Accepted, without an invoice yet (a portal that does not convert quotes
    /// on acceptance: its staff make the invoice later).
    NoInvoiceYet,
}

impl Session {
    pub async fn quotes(&self) -> Result<Vec<QuoteSummary>> {
        let page = self
            .get(self.address().page("clientarea.php?action=quotes"))
            .await?;
        parse_off_thread(page, pages::parse_quote_list).await
    }

    pub async fn quote(&self, id: u64) -> Result<QuoteDetail> {
        let page = self
            .get(self.address().page(&format!("viewquote.php?id={id}")))
            .await?;
        parse_off_thread(page, move |html, url| {
            pages::parse_quote_page(html, url, id)
        })
        .await
    }

    /// The quote's PDF, from the link its page shows (else the stock address).
    pub async fn quote_pdf(&self, quote: &QuoteDetail) -> Result<Vec<u8>> {
        let url = quote
            .pdf_url
            .clone()
            .filter(|u| self.address().owns(u))
            .unwrap_or_else(|| {
                self.address()
                    .page(&format!("dl.php?type=q&id={}", quote.id))
            });
        self.pdf(url).await
    }

    /// Accepts `quote` (as just read, its dialog offered) with the terms agreed: the only
    /// caller is the person ticking the portal's own checkbox. The portal answers with the
    /// invoice it made, or the quote again: Accepted, or saying the terms must be agreed.
    pub async fn accept_quote(&self, quote: &QuoteDetail) -> Result<QuoteAccepted> {
        let mut form = quote
            .acceptance
            .as_ref()
            .map(|a| a.form.clone())
            .ok_or(PortalError::AcceptNotOffered)?;
        form.set("agreetos", "on");
        let page = self.submit(&form).await?;
        if let Some(id) = invoice_shown(&page.url) {
            return Ok(QuoteAccepted::Invoice(id));
        }
        let id = quote.id;
        let after = parse_off_thread(page, move |html, url| {
            pages::parse_quote_page(html, url, id)
        })
        .await?;
        if after.stage == QuoteStage::Accepted {
            Ok(QuoteAccepted::NoInvoiceYet)
        } else if after.terms_refused {
            Err(PortalError::TermsNotAgreed)
        } else {
            Err(PortalError::QuoteNotAccepted)
        }
    }
}
