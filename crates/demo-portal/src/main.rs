//! Runs the demo portal standalone: prints its two addresses and serves until stopped.

use demo_portal::{DemoPortal, Options};
use std::time::Duration;

fn usage() -> ! {
    eprintln!(
        "usage: demo-portal [--portal-port N] [--checkout-port N] [--notify-delay SECS] \
         [--theme twenty-one|six] [--session-idle SECS] [--direct-return on|off] \
         [--captcha off|image|recaptcha|invisible] [--portal-language en|sq|de] \
         [--bare-amounts on|off] [--gateways tco,paypal,banktransfer] \
         [--three-d-secure off|frame|redirect]"
    );
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let mut options = Options::from_env();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        let secs = || {
            value
                .parse::<f64>()
                .map(Duration::from_secs_f64)
                .unwrap_or_else(|_| usage())
        };
        match flag.as_str() {
            "--portal-port" => options.portal_port = value.parse().unwrap_or_else(|_| usage()),
            "--checkout-port" => options.checkout_port = value.parse().unwrap_or_else(|_| usage()),
            "--notify-delay" => options.notify_delay = secs(),
            "--session-idle" => options.session_idle = secs(),
            "--direct-return" => {
                options.direct_return = match value.as_str() {
                    "on" => true,
                    "off" => false,
                    _ => usage(),
                }
            }
            "--captcha" => options.captcha = value.parse().unwrap_or_else(|_| usage()),
            "--portal-language" => {
                options.portal_language = value.parse().unwrap_or_else(|_| usage())
            }
            "--gateways" => {
                options.gateways =
                    demo_portal::gateways::parse_list(&value).unwrap_or_else(|_| usage())
            }
            "--three-d-secure" => {
                options.three_d_secure = value.parse().unwrap_or_else(|_| usage())
            }
            "--bare-amounts" => {
                options.bare_amounts = match value.as_str() {
                    "on" => true,
                    "off" => false,
                    _ => usage(),
                }
            }
            "--theme" => {
                options.theme = value.parse().unwrap_or_else(|e: String| {
                    eprintln!("{e}");
                    usage()
                })
            }
            _ => usage(),
        }
    }
    let demo = match DemoPortal::start(options).await {
        Ok(d) => d,
        Err(e) => {
            eprintln!("demo-portal: cannot listen: {e}");
            std::process::exit(1)
        }
    };
    println!("portal: {}", demo.portal_url());
    println!("checkout: {}", demo.checkout_url());
    println!("paypal: {}", demo.paypal_url());
    println!("bank (3-D Secure): {}", demo.bank_url());
    println!(
        "accounts: {} / {pw}; {} / {pw} (second factor: TOTP secret {}, backup code {}); {} / {pw}",
        demo_portal::DEMO_EMAIL,
        demo_portal::TWO_FACTOR_EMAIL,
        demo_portal::TOTP_SECRET,
        demo_portal::BACKUP_CODE,
        demo_portal::ACCOUNTANT_EMAIL,
        pw = demo_portal::DEMO_PASSWORD
    );
    println!(
        "test cards: {} pays, {} is declined",
        demo_portal::TEST_CARD_OK,
        demo_portal::TEST_CARD_DECLINED
    );
    std::future::pending::<()>().await;
}
