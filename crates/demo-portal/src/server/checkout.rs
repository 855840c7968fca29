//! The processor's checkout (2Checkout-like, its own origin): the order page, the card form and
//! its errors, the card's bank (3-D Secure), PayPal inside it, the receipt and the return.

use super::*;

// ---- processor -----------------------------------------------------------------------------

pub(crate) fn pay_label(amount: &str, currency: &str) -> String {
    let value: rust_decimal::Decimal = amount.parse().unwrap_or_default();
    let shown = data::money(value, currency);
    // "€9.99 EUR" reads "Pay €9.99"; an amount without a symbol keeps its code.
    let shown = match currency {
        "EUR" | "USD" => shown.trim_end_matches(&format!(" {currency}")).to_owned(),
        _ => shown,
    };
    format!("Pay {shown}")
}

pub(crate) async fn purchase(
    State(shared): State<Arc<Shared>>,
    Form(fields): Form<Fields>,
) -> Response {
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let Some(invoice_id) = get("merchant_order_id").parse::<u64>().ok() else {
        return (StatusCode::BAD_REQUEST, "merchant_order_id is missing").into_response();
    };
    let return_url = get("x_receipt_link_url");
    if !return_url.starts_with(&shared.portal_url) {
        return (StatusCode::BAD_REQUEST, "unknown return URL").into_response();
    }
    let id = crate::random::token(12, b"0123456789");
    let order = Order {
        id: id.clone(),
        invoice_id,
        description: get("li_0_name"),
        amount: get("li_0_price"),
        currency: get("currency_code"),
        return_url,
        recurrence: fields.get("li_0_recurrence").cloned(),
        paid_with: None,
        pending_paid_with: None,
    };
    shared.orders.lock().unwrap().insert(id.clone(), order);
    see_other(&format!("/checkout/order/{id}"))
}

pub(crate) fn render_order(
    order: &Order,
    method: &str,
    card: CardForm,
    paypal_email: String,
    errors: Vec<(&'static str, &'static str)>,
    alert: Option<&str>,
) -> Response {
    page(
        processor::checkout_page(&CheckoutView {
            order,
            pay_label: pay_label(&order.amount, &order.currency),
            method,
            card,
            paypal_email,
            errors,
            alert,
            cancel_url: format!("/checkout/order/{}/cancel", order.id),
        }),
        None,
    )
}

pub(crate) async fn order_page(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Response {
    let order = shared.orders.lock().unwrap().get(&id).cloned();
    match order {
        Some(o) => render_order(&o, "card", CardForm::default(), String::new(), vec![], None),
        None => (StatusCode::NOT_FOUND, "No such order").into_response(),
    }
}

pub(crate) fn return_link(shared: &Shared, order: &Order, processed: bool) -> String {
    format!(
        "{}?merchant_order_id={}&order_number={}&credit_card_processed={}&total={}&key={}",
        order.return_url,
        order.invoice_id,
        order.id,
        if processed { "Y" } else { "N" },
        order.amount,
        notification_key(&shared.ins_secret, order.invoice_id, &order.id)
    )
}

/// The buyer's "Cancel and return": back to the invoice, with no outcome in the address (what
/// 2Checkout does; only a processed order goes through the gateway's callback).
pub(crate) async fn order_cancel(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Response {
    let order = shared.orders.lock().unwrap().get(&id).cloned();
    match order {
        Some(o) => see_other(&format!(
            "{}viewinvoice.php?id={}",
            shared.portal_url, o.invoice_id
        )),
        None => (StatusCode::NOT_FOUND, "No such order").into_response(),
    }
}

pub(crate) async fn order_pay(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let method = if get("method") == "paypal" {
        "paypal"
    } else {
        "card"
    };
    let card = CardForm {
        name: get("card_name"),
        number: get("card_number"),
        expiry: get("card_expiry"),
        cvv: get("card_cvv"),
    };
    if method == "paypal" {
        // PayPal through 2Checkout: the window leaves for PayPal and comes back here.
        let token = super::paypal::start(
            &shared,
            super::paypal::PaypalFor::TcoOrder {
                order_id: order.id.clone(),
            },
        );
        return see_other(&format!("{}checkoutnow?token={token}", shared.paypal_url));
    }
    let paid_with = {
        let errors = processor::validate_card(&card, shared.today);
        // The number and CVV are never sent back into the page.
        let kept = CardForm {
            name: card.name.clone(),
            expiry: card.expiry.clone(),
            ..CardForm::default()
        };
        if !errors.is_empty() {
            return render_order(
                &order,
                method,
                kept,
                String::new(),
                errors,
                Some("Please correct the highlighted fields."),
            );
        }
        let digits = processor::card_digits(&card.number);
        if digits == processor::card_digits(processor::TEST_CARD_DECLINED) {
            return render_order(
                &order,
                method,
                kept,
                String::new(),
                vec![],
                Some("Your card was declined by the issuing bank. Nothing was charged. Try another card or PayPal."),
            );
        }
        format!("card ending {}", &digits[digits.len() - 4..])
    };
    // The card's bank checks the payment first (3-D Secure), in a frame or the whole window.
    if shared.three_d_secure != ThreeDSecure::Off {
        let challenge = crate::random::token(20, b"abcdefghijklmnopqrstuvwxyz0123456789");
        shared
            .challenges
            .lock()
            .unwrap()
            .insert(challenge.clone(), order.id.clone());
        if let Some(o) = shared.orders.lock().unwrap().get_mut(&id) {
            o.pending_paid_with = Some(paid_with);
        }
        return match shared.three_d_secure {
            ThreeDSecure::Frame => page(
                super::bank::frame_page(&order.description, &shared.bank_url, &challenge),
                None,
            ),
            _ => see_other(&format!("{}acs/{challenge}", shared.bank_url)),
        };
    }
    complete_order(&shared, order, paid_with)
}

/// The bank's answer: back at the processor in the whole window.
pub(crate) async fn order_three_ds_done(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let challenge = fields.get("challenge").cloned().unwrap_or_default();
    let for_order = shared.challenges.lock().unwrap().remove(&challenge);
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    if for_order.as_deref() != Some(id.as_str()) {
        return (StatusCode::BAD_REQUEST, "Unknown check").into_response();
    }
    let paid_with = order.pending_paid_with.clone().unwrap_or_default();
    let framed = fields.contains_key("frame");
    if fields.get("result").map(String::as_str) != Some("approved") {
        return render_order(
            &order,
            "card",
            CardForm::default(),
            String::new(),
            vec![],
            Some("Your bank did not approve the payment. Nothing was charged."),
        );
    }
    let answer = complete_order(&shared, order, paid_with);
    if !framed {
        return answer;
    }
    // Answered inside the bank's frame: the processor's own page there (same origin as the
    // window's) moves the window on to where the order now leads.
    let next = format!("/checkout/order/{id}/finished");
    page(
        format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Verified</title></head><body>\
             <p>Verified. <a href=\"{next}\" target=\"_top\">Continue</a></p>\
             <script>window.top.location.replace('{next}');</script></body></html>\n"
        ),
        None,
    )
}

/// Where a paid order leads: back to the portal, or the processor's receipt.
pub(crate) async fn order_finished(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Response {
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    if order.paid_with.is_none() {
        return (StatusCode::BAD_REQUEST, "Not paid").into_response();
    }
    finished_answer(&shared, &order)
}

pub(crate) fn finished_answer(shared: &Shared, order: &Order) -> Response {
    if shared.direct_return {
        see_other(&return_link(shared, order, true))
    } else {
        page(
            processor::receipt_page(order, &return_link(shared, order, true)),
            None,
        )
    }
}

/// Back from PayPal, paid there: the order is complete.
pub(crate) async fn order_paypal_done(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(q): Query<Fields>,
) -> Response {
    let token = q.get("token").cloned().unwrap_or_default();
    let paid = shared
        .paypal_checkouts
        .lock()
        .unwrap()
        .get(&token)
        .is_some_and(|c| {
            c.paid
                && matches!(&c.paying, super::paypal::PaypalFor::TcoOrder { order_id } if *order_id == id)
        });
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    if !paid {
        return (StatusCode::BAD_REQUEST, "Not paid at PayPal").into_response();
    }
    complete_order(&shared, order, "PayPal".to_owned())
}

/// Sends a processor's notification to the portal after the notification delay, retried a few
/// times when it fails (as processors do).
pub(crate) fn notify_later(shared: &Shared, url: String, form: Vec<(String, String)>) {
    let delay = *shared.notify_delay.lock().unwrap();
    let http = shared.http.clone();
    shared
        .notifications_scheduled
        .fetch_add(1, Ordering::SeqCst);
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        for attempt in 0..5u64 {
            let sent = http.post(&url).form(&form).send().await;
            if sent.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1 + attempt * 2)).await;
        }
    });
}

/// The order is paid: the portal is notified after the processor's delay, and the buyer sent
/// back to it (or shown the receipt).
pub(crate) fn complete_order(shared: &Shared, order: Order, paid_with: String) -> Response {
    let id = order.id.clone();
    if let Some(o) = shared.orders.lock().unwrap().get_mut(&id) {
        o.paid_with = Some(paid_with);
    }
    let faults = shared.faults.lock().unwrap().clone();
    if !faults.never_notify {
        let notify_url = format!(
            "{}modules/gateways/callback/2checkout.php",
            shared.portal_url
        );
        let key = notification_key(&shared.ins_secret, order.invoice_id, &order.id);
        let form = vec![
            (
                "message_type".to_owned(),
                if order.recurrence.is_some() {
                    "RECURRING_INSTALLMENT_SUCCESS"
                } else {
                    "ORDER_CREATED"
                }
                .to_owned(),
            ),
            ("vendor_order_id".to_owned(), order.invoice_id.to_string()),
            ("sale_id".to_owned(), order.id.clone()),
            ("invoice_list_amount".to_owned(), order.amount.clone()),
            (
                "recurring".to_owned(),
                if order.recurrence.is_some() { "1" } else { "0" }.to_owned(),
            ),
            ("md5_hash".to_owned(), key),
        ];
        notify_later(shared, notify_url, form);
    }
    let order = shared
        .orders
        .lock()
        .unwrap()
        .get(&id)
        .cloned()
        .unwrap_or(order);
    finished_answer(shared, &order)
}

/// The receipt as a PDF download (the processor's receipt page links it).
pub(crate) async fn order_receipt(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Response {
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    let pdf = crate::pdf::document(
        &format!("Receipt {}", order.id),
        &[
            format!("Invoice {}", order.invoice_id),
            format!("{} {}", order.amount, order.currency),
        ],
    );
    Response::builder()
        .header(header::CONTENT_TYPE, "application/pdf")
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"receipt-{}.pdf\"", order.id),
        )
        .body(Body::from(pdf))
        .unwrap()
}
