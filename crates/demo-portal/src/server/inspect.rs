//! Owns what a test (or the demo's own binary) reads and sets on a running demo portal: its
//! addresses, the state of an invoice, the e-mails it sent, its faults and clock knobs.

use super::*;
use crate::data::Invoice;

impl DemoPortal {
    /// `http://127.0.0.1:N/`
    pub fn portal_url(&self) -> &str {
        &self.shared.portal_url
    }

    pub fn checkout_url(&self) -> &str {
        &self.shared.checkout_url
    }

    /// The PayPal-like site's origin.
    pub fn paypal_url(&self) -> &str {
        &self.shared.paypal_url
    }

    /// The card-issuing bank's origin (3-D Secure).
    pub fn bank_url(&self) -> &str {
        &self.shared.bank_url
    }

    /// The origins a payment visits as processors (`127.0.0.1:PORT`): 2Checkout's and
    /// PayPal's. The bank is not one: the app lets the processor hand the window to it.
    pub fn processor_origins(&self) -> Vec<String> {
        [&self.shared.checkout_url, &self.shared.paypal_url]
            .iter()
            .filter_map(|u| url::Url::parse(u).ok())
            .map(|u| format!("{}:{}", u.host_str().unwrap_or(""), u.port().unwrap_or(0)))
            .collect()
    }

    /// The payment method an invoice is set to.
    pub fn invoice_gateway(&self, id: u64) -> Gateway {
        gateway_of(&self.shared, id)
    }

    pub fn today(&self) -> NaiveDate {
        self.shared.today
    }

    pub fn cookie_name(&self) -> &str {
        &self.shared.cookie_name
    }

    pub fn outbox(&self) -> Vec<Email> {
        self.shared.outbox.lock().unwrap().clone()
    }

    pub fn set_faults(&self, faults: Faults) {
        *self.shared.faults.lock().unwrap() = faults;
    }

    /// How many payment notifications the processor has scheduled so far: a declined card
    /// schedules none.
    pub fn notifications_scheduled(&self) -> u64 {
        self.shared.notifications_scheduled.load(Ordering::SeqCst)
    }

    /// Every session idles out now, as after `session_idle` without a visit.
    pub fn expire_sessions(&self) {
        self.shared.expire_sessions();
    }

    pub fn set_notify_delay(&self, delay: Duration) {
        *self.shared.notify_delay.lock().unwrap() = delay;
    }

    /// The second-factor code an authenticator app would show now.
    pub fn totp_code(&self) -> String {
        totp::now_code(people::TOTP_SECRET)
    }

    /// What `read` finds in client `email`'s invoice `id`.
    fn invoice<T>(
        &self,
        email: &str,
        id: u64,
        read: impl FnOnce(&Invoice) -> Option<T>,
    ) -> Option<T> {
        let accounts = self.shared.accounts.lock().unwrap();
        let account = accounts.iter().find(|a| a.email == email)?;
        account.invoices.iter().find(|i| i.id == id).and_then(read)
    }

    pub fn invoice_status(&self, email: &str, id: u64) -> Option<&'static str> {
        self.invoice(email, id, |i| Some(i.status.label()))
    }

    /// The subscription recorded for an invoice's service ("1 Month", "1 Year").
    pub fn subscription(&self, email: &str, id: u64) -> Option<&'static str> {
        self.invoice(email, id, |i| i.subscription.map(|c| c.recurrence()))
    }

    /// When the portal recorded the invoice as paid.
    pub fn paid_at(&self, id: u64) -> Option<Instant> {
        self.shared.paid_at.lock().unwrap().get(&id).map(|p| p.0)
    }

    /// How many invoice pages the portal served.
    /// Sign-in forms posted so far, and how many of them were refused.
    pub fn sign_in_posts(&self) -> (u64, u64) {
        (
            self.shared.sign_in_posts.load(Ordering::SeqCst),
            self.shared.sign_in_refusals.load(Ordering::SeqCst),
        )
    }

    /// Changes an account's password and ends its sessions (the website's "change password").
    pub fn set_password(&self, email: &str, password: &str) {
        self.shared.set_password(email, password);
    }

    pub fn invoice_views(&self) -> u64 {
        self.shared.invoice_views.load(Ordering::SeqCst)
    }

    /// What the processor kept of each order's card: the last four digits, no more.
    pub fn orders_paid_with(&self) -> Vec<String> {
        self.shared
            .orders
            .lock()
            .unwrap()
            .values()
            .filter_map(|o| o.paid_with.clone())
            .collect()
    }
}
