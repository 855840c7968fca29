//! Owns the demo's PayPal: a PayPal-like site on an origin of its own (a fourth loopback port).
//! It serves two roads: PayPal's own gateway (the portal's form posts to `/cgi-bin/webscr`,
//! PayPal sends the buyer back to the portal and notifies it, IPN), and PayPal chosen inside
//! 2Checkout's checkout (the window leaves for PayPal and comes back to 2Checkout).

use super::{notification_key, page, see_other, Fields, Shared};
use crate::html::esc;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use std::sync::Arc;

/// What a PayPal checkout pays for.
#[derive(Debug, Clone)]
pub enum PaypalFor {
    /// PayPal's own gateway, for an invoice of the portal.
    Gateway {
        invoice_id: u64,
        amount: String,
        currency: String,
        return_url: String,
        cancel_url: String,
        notify_url: String,
    },
    /// PayPal chosen in 2Checkout's checkout, for its order.
    TcoOrder { order_id: String },
}

#[derive(Debug, Clone)]
pub struct PaypalCheckout {
    pub paying: PaypalFor,
    pub paid: bool,
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/cgi-bin/webscr", post(webscr))
        .route("/checkoutnow", get(checkout_page))
        .route("/checkoutnow/pay", post(pay))
        .route("/checkoutnow/cancel", get(cancel))
        .route("/images/btn_paynow.svg", get(button_image))
        .with_state(shared)
}

/// A new PayPal checkout; its token.
pub(crate) fn start(shared: &Shared, paying: PaypalFor) -> String {
    let token = format!(
        "EC-{}",
        crate::random::token(17, b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
    );
    shared.paypal_checkouts.lock().unwrap().insert(
        token.clone(),
        PaypalCheckout {
            paying,
            paid: false,
        },
    );
    token
}

/// PayPal's own gateway: the portal's form lands here.
async fn webscr(State(shared): State<Arc<Shared>>, Form(fields): Form<Fields>) -> Response {
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let portal = |u: &str| u.starts_with(&shared.portal_url);
    let (return_url, cancel_url, notify_url) =
        (get("return"), get("cancel_return"), get("notify_url"));
    let Ok(invoice_id) = get("invoice").parse::<u64>() else {
        return (StatusCode::BAD_REQUEST, "invoice is missing").into_response();
    };
    if !portal(&return_url) || !portal(&cancel_url) || !portal(&notify_url) {
        return (StatusCode::BAD_REQUEST, "unknown merchant addresses").into_response();
    }
    let token = start(
        &shared,
        PaypalFor::Gateway {
            invoice_id,
            amount: get("amount"),
            currency: get("currency_code"),
            return_url,
            cancel_url,
            notify_url,
        },
    );
    see_other(&format!("/checkoutnow?token={token}"))
}

fn amount_of(shared: &Shared, paying: &PaypalFor) -> String {
    match paying {
        PaypalFor::Gateway {
            amount, currency, ..
        } => format!("{amount} {currency}"),
        PaypalFor::TcoOrder { order_id } => shared
            .orders
            .lock()
            .unwrap()
            .get(order_id)
            .map(|o| format!("{} {}", o.amount, o.currency))
            .unwrap_or_default(),
    }
}

fn login_page(token: &str, amount: &str, error: Option<&str>) -> Response {
    page(
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PayPal (demo) - Log in to pay</title></head>\
             <body style=\"font-family:sans-serif;max-width:420px;margin:32px auto\"><h1 id=\"paypal-title\">PayPal (demo)</h1>\
             <p>Pay <strong id=\"paypal-amount\">{}</strong> to JitOps Cloud.</p>{}\
             <form method=\"post\" action=\"/checkoutnow/pay?token={t}\">\
             <label for=\"paypal-email\">Email</label><br><input type=\"email\" id=\"paypal-email\" name=\"email\"><br>\
             <label for=\"paypal-password\">Password</label><br><input type=\"password\" id=\"paypal-password\" name=\"password\"><br>\
             <button type=\"submit\" id=\"paypal-pay\">Pay Now</button></form>\
             <p><a id=\"paypal-cancel\" href=\"/checkoutnow/cancel?token={t}\">Cancel and return</a></p>\
             <p style=\"font-size:12px\">Demo: any e-mail and password pay.</p></body></html>\n",
            esc(amount),
            error
                .map(|e| format!("<p role=\"alert\" id=\"paypal-error\">{}</p>", esc(e)))
                .unwrap_or_default(),
            t = esc(token),
        ),
        None,
    )
}

async fn checkout_page(State(shared): State<Arc<Shared>>, Query(q): Query<Fields>) -> Response {
    let token = q.get("token").cloned().unwrap_or_default();
    let Some(checkout) = shared.paypal_checkouts.lock().unwrap().get(&token).cloned() else {
        return (StatusCode::NOT_FOUND, "No such checkout").into_response();
    };
    login_page(&token, &amount_of(&shared, &checkout.paying), None)
}

async fn pay(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    Form(fields): Form<Fields>,
) -> Response {
    let token = q.get("token").cloned().unwrap_or_default();
    let Some(checkout) = shared.paypal_checkouts.lock().unwrap().get(&token).cloned() else {
        return (StatusCode::NOT_FOUND, "No such checkout").into_response();
    };
    let email = fields.get("email").map(String::as_str).unwrap_or("");
    let password = fields.get("password").map(String::as_str).unwrap_or("");
    if !email.contains('@') || password.is_empty() {
        return login_page(
            &token,
            &amount_of(&shared, &checkout.paying),
            Some("Enter your PayPal e-mail and password."),
        );
    }
    if let Some(c) = shared.paypal_checkouts.lock().unwrap().get_mut(&token) {
        c.paid = true;
    }
    match checkout.paying {
        PaypalFor::Gateway {
            invoice_id,
            amount,
            return_url,
            notify_url,
            ..
        } => {
            let txn = format!(
                "PP{}",
                crate::random::token(15, b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
            );
            let form = vec![
                ("txn_id".to_owned(), txn.clone()),
                ("invoice".to_owned(), invoice_id.to_string()),
                ("mc_gross".to_owned(), amount),
                ("payment_status".to_owned(), "Completed".to_owned()),
                (
                    "verify_sign".to_owned(),
                    notification_key(&shared.ins_secret, invoice_id, &txn),
                ),
            ];
            if !shared.faults.lock().unwrap().never_notify {
                super::notify_later(&shared, notify_url, form);
            }
            see_other(&return_url)
        }
        PaypalFor::TcoOrder { order_id } => see_other(&format!(
            "{}checkout/order/{order_id}/paypal-done?token={token}",
            shared.checkout_url
        )),
    }
}

async fn cancel(State(shared): State<Arc<Shared>>, Query(q): Query<Fields>) -> Response {
    let token = q.get("token").cloned().unwrap_or_default();
    let Some(checkout) = shared.paypal_checkouts.lock().unwrap().get(&token).cloned() else {
        return (StatusCode::NOT_FOUND, "No such checkout").into_response();
    };
    match checkout.paying {
        PaypalFor::Gateway { cancel_url, .. } => see_other(&cancel_url),
        PaypalFor::TcoOrder { order_id } => {
            see_other(&format!("{}checkout/order/{order_id}", shared.checkout_url))
        }
    }
}

async fn button_image() -> Response {
    (
        [(header::CONTENT_TYPE, "image/svg+xml")],
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"32\"><rect width=\"120\" height=\"32\" rx=\"16\" fill=\"#ffc439\"/><text x=\"60\" y=\"21\" font-size=\"14\" text-anchor=\"middle\" font-family=\"sans-serif\">PayPal</text></svg>",
    )
        .into_response()
}
