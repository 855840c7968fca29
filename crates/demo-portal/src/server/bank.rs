//! Owns the demo's card-issuing bank: 3-D Secure, the bank's own check of a card payment, on
//! an origin of its own (a third loopback port). The processor shows it as a frame inside its
//! page, or sends the whole window to it and takes it back (`ThreeDSecure`). Either way the
//! bank's "Approve" goes back to the processor, which then completes the order.

use super::{page, Shared};
use crate::html::esc;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThreeDSecure {
    /// No check: most demo payments, and many real low-risk ones.
    #[default]
    Off,
    /// The bank's page in a frame inside the processor's page.
    Frame,
    /// The whole window goes to the bank's page, then back to the processor.
    Redirect,
}

impl std::str::FromStr for ThreeDSecure {
    type Err = String;
    fn from_str(s: &str) -> Result<ThreeDSecure, String> {
        match s {
            "off" => Ok(ThreeDSecure::Off),
            "frame" => Ok(ThreeDSecure::Frame),
            "redirect" => Ok(ThreeDSecure::Redirect),
            other => Err(format!(
                "unknown 3-D Secure form {other:?} (off, frame or redirect)"
            )),
        }
    }
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/acs/{challenge}", get(challenge_page))
        .with_state(shared)
}

/// The bank's page: the amount, the merchant, and Approve / Cancel, posted to the processor's
/// `3ds-done`. In a frame the answer stays in the frame (a bank's frame may not move the
/// processor's window: browsers refuse a cross-origin frame that tries); the processor's page
/// it lands on moves the window on. As a full page the whole window goes back.
async fn challenge_page(
    State(shared): State<Arc<Shared>>,
    Path(challenge): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let framed = q.contains_key("frame");
    let Some(order_id) = shared.challenges.lock().unwrap().get(&challenge).cloned() else {
        return (StatusCode::NOT_FOUND, "No such check").into_response();
    };
    let Some(order) = shared.orders.lock().unwrap().get(&order_id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    let done = format!(
        "{}checkout/order/{}/3ds-done",
        shared.checkout_url,
        esc(&order.id)
    );
    page(
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Demo Bank - Verify your payment</title></head>\
             <body style=\"font-family:sans-serif;margin:16px\"><h1 id=\"bank-title\">Demo Bank: verify your payment</h1>\
             <p>JitOps Cloud asks for <strong id=\"bank-amount\">{} {}</strong> from your card.</p>\
             <form method=\"post\" action=\"{done}\"><input type=\"hidden\" name=\"challenge\" value=\"{}\">{}\
             <button type=\"submit\" name=\"result\" value=\"approved\" id=\"bank-approve\">Approve</button> \
             <button type=\"submit\" name=\"result\" value=\"refused\" id=\"bank-refuse\">Cancel</button></form></body></html>\n",
            esc(&order.amount),
            esc(&order.currency),
            esc(&challenge),
            if framed {
                "<input type=\"hidden\" name=\"frame\" value=\"1\">"
            } else {
                ""
            },
        ),
        None,
    )
}

/// The processor's page while the bank's frame is shown.
pub fn frame_page(order_description: &str, bank_url: &str, challenge: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>2Checkout (demo) - Card verification</title></head>\
         <body style=\"font-family:sans-serif;margin:16px\"><h1 id=\"three-ds-title\">Your bank checks this payment</h1><p>{}</p>\
         <iframe id=\"three-ds-frame\" title=\"Bank verification\" src=\"{}acs/{}?frame=1\" style=\"width:100%;height:320px;border:1px solid #ccc\"></iframe></body></html>\n",
        esc(order_description),
        esc(bank_url),
        esc(challenge)
    )
}
