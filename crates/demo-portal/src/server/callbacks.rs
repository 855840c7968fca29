//! The gateways' callbacks into the portal: the processor's return and notifications
//! (2Checkout INS, PayPal IPN), each checked by its key, and the payment recorded once.

use super::*;

/// The subscription button's target: checks the invoice, then hands the browser to the
/// processor with a page that submits itself.
pub(crate) async fn tco_recurring(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let v = visit(&shared, &headers);
    if !token_ok(&shared, &v, &fields) {
        return csrf_error(&shared, &v);
    }
    let Some(user) = v.user.clone() else {
        return redirect("../../index.php?rp=/login", v.cookie(&shared));
    };
    if q.get("recurring").map(String::as_str) != Some("1") {
        return redirect("../../clientarea.php", None);
    }
    let id: u64 = fields
        .get("invoiceid")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let accounts = shared.accounts.lock().unwrap();
    let inv = accounts
        .iter()
        .find(|a| a.email == user)
        .and_then(|a| a.invoices.iter().find(|i| i.id == id));
    let Some(inv) = inv.filter(|i| i.status == Status::Unpaid && !i.is_overdue(shared.today))
    else {
        return page(invoice_pages::invoice_not_found(shared.language), None);
    };
    let Some(cycle) = inv.recurring_cycle() else {
        return page(invoice_pages::invoice_not_found(shared.language), None);
    };
    let mut hop = funding_pages::one_off_fields(inv, &shared.portal_url);
    hop.push(("li_0_recurrence".into(), cycle.recurrence().into()));
    hop.push(("li_0_duration".into(), "Forever".into()));
    page(
        funding_pages::hop_page(&format!("{}checkout/purchase", shared.checkout_url), &hop),
        None,
    )
}

pub(crate) fn notification_key(secret: &str, invoice_id: u64, order: &str) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("any key");
    mac.update(format!("{invoice_id}:{order}").as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where the processor sends the browser back: forwards to the invoice with the outcome.
pub(crate) async fn processor_return(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
) -> Response {
    let id: u64 = q
        .get("merchant_order_id")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let order = q.get("order_number").cloned().unwrap_or_default();
    let key_ok = q
        .get("key")
        .is_some_and(|k| *k == notification_key(&shared.ins_secret, id, &order));
    let processed = q.get("credit_card_processed").map(String::as_str) == Some("Y");
    let flag = if !processed || !key_ok {
        "paymentfailed"
    } else if shared.paid_at.lock().unwrap().contains_key(&id) {
        "paymentsuccess"
    } else {
        "pendingreview"
    };
    redirect(
        &format!("../../../viewinvoice.php?id={id}&{flag}=true"),
        None,
    )
}

/// The processor's server-to-server notification (INS): records the payment.
pub(crate) async fn processor_notification(
    State(shared): State<Arc<Shared>>,
    Form(fields): Form<Fields>,
) -> Response {
    let id: u64 = fields
        .get("vendor_order_id")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let order = fields.get("sale_id").cloned().unwrap_or_default();
    if fields.get("md5_hash") != Some(&notification_key(&shared.ins_secret, id, &order)) {
        return (StatusCode::FORBIDDEN, "Hash mismatch").into_response();
    }
    let recurring = fields.get("recurring").map(String::as_str) == Some("1");
    if record_payment(&shared, id, "2Checkout", &order, recurring) {
        "OK".into_response()
    } else {
        (StatusCode::NOT_FOUND, "Unknown invoice").into_response()
    }
}

/// PayPal's notification (IPN) for its own gateway.
pub(crate) async fn paypal_notification(
    State(shared): State<Arc<Shared>>,
    Form(fields): Form<Fields>,
) -> Response {
    let id: u64 = fields
        .get("invoice")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let txn = fields.get("txn_id").cloned().unwrap_or_default();
    if fields.get("verify_sign") != Some(&notification_key(&shared.ins_secret, id, &txn))
        || fields.get("payment_status").map(String::as_str) != Some("Completed")
    {
        return (StatusCode::FORBIDDEN, "Not verified").into_response();
    }
    if record_payment(&shared, id, "PayPal", &txn, false) {
        "OK".into_response()
    } else {
        (StatusCode::NOT_FOUND, "Unknown invoice").into_response()
    }
}

/// Records a processor's payment of invoice `id` as WHMCS does: a transaction for its balance,
/// Paid, and each invoice a combined one covers settled. False for an unknown invoice.
pub(crate) fn record_payment(
    shared: &Shared,
    id: u64,
    gateway: &str,
    txn: &str,
    recurring: bool,
) -> bool {
    let mut accounts = shared.accounts.lock().unwrap();
    for account in accounts.iter_mut() {
        if let Some(inv) = account.invoices.iter_mut().find(|i| i.id == id) {
            if inv.status != Status::Paid {
                let amount = inv.balance();
                inv.transactions.push(data::Transaction {
                    date: shared.today,
                    gateway: gateway.into(),
                    id: txn.to_owned(),
                    amount,
                });
                inv.status = Status::Paid;
                if recurring {
                    inv.subscription = inv.recurring_cycle();
                }
                let covers = inv.covers.clone();
                // Funds added: the amount joins the client's credit.
                let funds = inv.adds_funds.then(|| inv.subtotal());
                if let Some(funds) = funds {
                    let currency = account.currency();
                    let credit = account.credit.map(|(c, _)| c).unwrap_or_default();
                    account.credit = Some((credit + funds, currency));
                }
                // A combined invoice's payment settles each invoice it covers.
                for covered in account
                    .invoices
                    .iter_mut()
                    .filter(|i| covers.contains(&i.id) && i.status == Status::Unpaid)
                {
                    let amount = covered.balance();
                    covered.transactions.push(data::Transaction {
                        date: shared.today,
                        gateway: "Mass payment".into(),
                        id: format!("MASS-{id}"),
                        amount,
                    });
                    covered.status = Status::Paid;
                }
                let now = (Instant::now(), SystemTime::now());
                let mut paid_at = shared.paid_at.lock().unwrap();
                paid_at.insert(id, now);
                for covered in covers {
                    paid_at.insert(covered, now);
                }
            }
            return true;
        }
    }
    false
}
