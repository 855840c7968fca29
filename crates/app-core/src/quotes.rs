//! Owns the account's quotes as the person sees them: the list and a quote in their language,
//! its PDF, and accepting it only with their own agreement to the portal's terms (the portal's
//! words shown as the portal wrote them); the invoice the portal makes of it is then opened
//! to be paid like any other.

use crate::core::*;
use crate::error::CoreError;
use crate::views::{money, LabelledAmount};
use l10n::format_date;
use l10n::{Arg, Catalogues, Lang};
use portal::{QuoteAccepted, QuoteDetail, QuoteStage, QuoteSummary};
use serde::Serialize;

/// The account's quotes: the list, one quote, its PDF, and accepting it.
/// Reached through `Core::quotes`: a view of the core that carries its own part.
#[derive(Clone, Copy)]
pub struct Quotes<'c> {
    core: &'c Core,
}

impl<'c> Quotes<'c> {
    pub(crate) fn new(core: &'c Core) -> Self {
        Quotes { core }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    pub id: u64,
    pub number: String,
    pub subject: String,
    pub created: String,
    pub valid_until: String,
    pub stage: &'static str,
    pub stage_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuotesView {
    pub rows: Vec<QuoteRow>,
    /// "4 quotes; 1 awaits your answer." / "No quotes."
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteItemView {
    pub description: String,
    pub discount: Option<String>,
    pub amount: String,
}

/// What the portal's "Accept Quote" dialog says, in its words and language.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptanceView {
    pub agreement: Option<String>,
    pub terms_label: String,
    pub terms_url: Option<String>,
    pub warning: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    pub id: u64,
    pub title: String,
    pub subject: Option<String>,
    pub stage: &'static str,
    pub stage_text: String,
    pub created: Option<String>,
    pub valid_until: Option<String>,
    pub proposal: Option<String>,
    pub items: Vec<QuoteItemView>,
    pub totals: Vec<LabelledAmount>,
    pub notes: Option<String>,
    pub has_pdf: bool,
    pub acceptance: Option<AcceptanceView>,
}

/// What accepting came to: the invoice to open, or a quote accepted without one yet.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptOutcome {
    pub invoice_id: Option<u64>,
    pub message: String,
}

/// A rate as each language writes it ("12.5" / "12,5").
fn percent(lang: Lang, rate: rust_decimal::Decimal) -> String {
    let plain = rate.normalize().to_string();
    match lang {
        Lang::En => plain,
        Lang::Sq => plain.replace('.', ","),
    }
}

fn stage_text(c: &Catalogues, lang: Lang, stage: QuoteStage) -> String {
    c.text(lang, &format!("quote-stage-{}", stage.slug()), &[])
}

pub fn quotes_view(c: &Catalogues, lang: Lang, quotes: &[QuoteSummary]) -> QuotesView {
    let awaiting = quotes
        .iter()
        .filter(|q| matches!(q.stage, QuoteStage::Delivered | QuoteStage::OnHold))
        .count();
    QuotesView {
        rows: quotes
            .iter()
            .map(|q| QuoteRow {
                id: q.id,
                number: q.id.to_string(),
                subject: q.subject.clone(),
                created: format_date(lang, q.created),
                valid_until: format_date(lang, q.valid_until),
                stage: q.stage.slug(),
                stage_text: stage_text(c, lang, q.stage),
            })
            .collect(),
        summary: c.text(
            lang,
            "quotes-summary",
            &[
                ("count", Arg::from(quotes.len())),
                ("awaiting", Arg::from(awaiting)),
            ],
        ),
    }
}

/// A quote's page in the person's language; its dates from the list (read there in ISO form)
/// when the list was read, else as the page writes them.
pub fn quote_view(
    c: &Catalogues,
    lang: Lang,
    detail: &QuoteDetail,
    listed: Option<&QuoteSummary>,
) -> QuoteView {
    let n = detail.totals.len();
    QuoteView {
        id: detail.id,
        title: c.text(
            lang,
            "quote-title",
            &[("number", Arg::from(detail.id.to_string()))],
        ),
        subject: listed.map(|q| q.subject.clone()).filter(|s| !s.is_empty()),
        stage: detail.stage.slug(),
        stage_text: stage_text(c, lang, detail.stage),
        created: listed
            .map(|q| format_date(lang, q.created))
            .or_else(|| detail.created.clone()),
        valid_until: listed
            .map(|q| format_date(lang, q.valid_until))
            .or_else(|| detail.valid_until.clone()),
        proposal: detail.proposal.clone(),
        items: detail
            .items
            .iter()
            .map(|i| QuoteItemView {
                description: i.description.clone(),
                discount: i.discount.as_ref().map(|d| match d.percent {
                    Some(rate) => c.text(
                        lang,
                        "quote-discount-rate",
                        &[
                            ("amount", Arg::from(money(lang, &d.amount))),
                            ("rate", Arg::from(percent(lang, rate))),
                        ],
                    ),
                    None => money(lang, &d.amount),
                }),
                amount: money(lang, &i.amount),
            })
            .collect(),
        // Subtotal first and total last in both stock themes; a tax line keeps the portal's
        // label (it names the tax and its rate).
        totals: detail
            .totals
            .iter()
            .enumerate()
            .map(|(i, t)| LabelledAmount {
                label: match i {
                    0 if n >= 2 => c.text(lang, "invoice-subtotal", &[]),
                    i if i + 1 == n => c.text(lang, "invoice-total", &[]),
                    _ => t.label.clone(),
                },
                amount: money(lang, &t.amount),
            })
            .collect(),
        notes: detail.notes.clone(),
        has_pdf: detail.pdf_url.is_some(),
        acceptance: detail.acceptance.as_ref().map(|a| AcceptanceView {
            agreement: a.agreement.clone(),
            terms_label: a.terms_label.clone(),
            terms_url: a.terms_url.as_ref().map(|u| u.to_string()),
            warning: a.warning.clone(),
        }),
    }
}

impl Quotes<'_> {
    /// The quotes list, read from the portal now.
    pub async fn list(self) -> Result<QuotesView> {
        let (session, key) = self.core.session()?;
        let quotes = session.quotes().await?;
        if let Some(account) = self.core.signed_in.lock().on_screen_mut(&key) {
            account.quotes = Some(quotes);
        }
        self.core.billing().save_copy(&key);
        self.quotes_view()
    }

    /// The quotes list as last read, in the current language.
    pub fn quotes_view(self) -> Result<QuotesView> {
        let live = self.core.signed_in.lock();
        let account = live.current().ok_or(CoreError::NotSignedIn)?;
        let quotes = account
            .quotes
            .as_ref()
            .ok_or(CoreError::Portal(portal::PortalError::NotFound))?;
        Ok(quotes_view(&self.core.catalogues, self.core.lang(), quotes))
    }

    /// A quote, read from the portal now.
    pub async fn quote(self, id: u64) -> Result<QuoteView> {
        let (session, key) = self.core.session()?;
        let detail = session.quote(id).await?;
        if let Some(account) = self.core.signed_in.lock().on_screen_mut(&key) {
            account.quote_details.insert(id, detail);
        }
        self.core.billing().save_copy(&key);
        self.quote_view(id)
    }

    /// The quote as last read, in the current language.
    pub fn quote_view(self, id: u64) -> Result<QuoteView> {
        let live = self.core.signed_in.lock();
        let account = live.current().ok_or(CoreError::NotSignedIn)?;
        let detail = account
            .quote_details
            .get(&id)
            .ok_or(CoreError::Portal(portal::PortalError::NotFound))?;
        let listed = account
            .quotes
            .as_ref()
            .and_then(|list| list.iter().find(|q| q.id == id));
        Ok(quote_view(
            &self.core.catalogues,
            self.core.lang(),
            detail,
            listed,
        ))
    }

    /// The quote's PDF, from the link its page shows now.
    pub async fn quote_pdf(self, id: u64) -> Result<Vec<u8>> {
        let (session, _) = self.core.session()?;
        let detail = session.quote(id).await?;
        Ok(session.quote_pdf(&detail).await?)
    }

    /// The portal's terms of service as the quote's acceptance dialog links them now.
    pub async fn quote_terms_url(self, id: u64) -> Result<url::Url> {
        let (session, _) = self.core.session()?;
        let detail = session.quote(id).await?;
        detail
            .acceptance
            .and_then(|a| a.terms_url)
            .ok_or(CoreError::Portal(portal::PortalError::AcceptNotOffered))
    }

    /// The file name a quote's PDF is saved under (the portal's own name for it).
    pub fn quote_pdf_file_name(self, id: u64) -> String {
        format!("Quote-{id}.pdf")
    }

    /// Accepts quote `id`, only when the person `agreed` to the portal's terms, through the
    /// page's own dialog as it is now. Answers the invoice the portal made (the invoice list is
    /// read again so it shows there too), or that the portal made none yet.
    pub async fn accept_quote(self, id: u64, agreed: bool) -> Result<AcceptOutcome> {
        if !agreed {
            return Err(CoreError::TermsNotTicked);
        }
        let (session, _) = self.core.session()?;
        let detail = session.quote(id).await?;
        let accepted = session.accept_quote(&detail).await?;
        let number = Arg::from(id.to_string());
        Ok(match accepted {
            QuoteAccepted::Invoice(invoice_id) => {
                // The new invoice joins the list before its page opens. The quote is accepted
                // whatever this answers: a failed refresh must not read as a refusal.
                if let Err(e) = self.core.billing().sync().await {
                    tracing::warn!("the list was not read again after accepting: {e}");
                }
                AcceptOutcome {
                    invoice_id: Some(invoice_id),
                    message: self
                        .core
                        .text("quote-accepted-invoice", &[("number", number)]),
                }
            }
            QuoteAccepted::NoInvoiceYet => AcceptOutcome {
                invoice_id: None,
                message: self
                    .core
                    .text("quote-accepted-no-invoice", &[("number", number)]),
            },
        })
    }
}

impl Core {
    /// The account's quotes.
    pub fn quotes(&self) -> Quotes<'_> {
        Quotes::new(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn q(id: u64, stage: QuoteStage) -> QuoteSummary {
        QuoteSummary {
            id,
            subject: format!("Quote {id}"),
            created: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            valid_until: NaiveDate::from_ymd_opt(2026, 12, 28).unwrap(),
            stage,
        }
    }

    #[test]
    fn the_list_counts_the_quotes_awaiting_an_answer_in_both_languages() {
        let c = Catalogues::load().unwrap();
        let list = [
            q(7, QuoteStage::Delivered),
            q(6, QuoteStage::OnHold),
            q(4, QuoteStage::Accepted),
        ];
        let en = quotes_view(&c, Lang::En, &list);
        assert_eq!(en.summary, "3 quotes; 2 await your answer.");
        assert_eq!(en.rows[0].created, "28 Nov 2026");
        assert_eq!(en.rows[1].stage_text, "On hold");
        let sq = quotes_view(&c, Lang::Sq, &list[2..]);
        assert_eq!(sq.summary, "1 ofertë; ajo nuk pret përgjigjen tuaj.");
        assert_eq!(sq.rows[0].stage_text, "E pranuar");
        assert_eq!(quotes_view(&c, Lang::En, &[]).summary, "No quotes.");
    }
}
