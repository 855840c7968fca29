//! The accountant's statement against the portal's books: 2,000 invoices online and offline,
//! every account (a parked one with its own session, one from its saved copy), credit.

use app_core::{CoreError, Lang};
use test_support::world::{core_in as new_core, offline_copies, portal_down, synced, world};

#[tokio::test]
async fn a_statement_of_two_thousand_invoices_matches_the_portals_books_online_and_offline() {
    use app_core::statements::run::StatementProgress;
    use std::sync::atomic::AtomicBool;
    let w = world().await;
    synced(&w.core, demo_portal::ACCOUNTANT_EMAIL, true).await;
    let today = w.demo.today();
    let (from, to) = (
        today - chrono::Duration::days(90),
        today - chrono::Duration::days(30),
    );
    let stop = AtomicBool::new(false);
    let mut seen: Vec<StatementProgress> = vec![];
    let view = w
        .core
        .statements()
        .prepare_statement(false, from, to, &stop, |p| seen.push(p.clone()))
        .await
        .unwrap();
    assert_eq!(view.gaps, None);
    let last = seen.last().unwrap();
    assert_eq!(last.done, last.total);
    assert!(
        last.total > 1500,
        "every invoice issued by then: {}",
        last.total
    );
    let grouped = format!("{},{:03}", last.total / 1000, last.total % 1000);
    assert_eq!(
        last.message,
        format!("Reading payments: {grouped} of {grouped} invoices")
    );

    let expected = demo_portal::people::accountant(today).books(from, to);
    let csv = w.core.statements().statement_csv().unwrap().0;
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    for (currency, books) in &expected {
        let demo_portal::data::Books {
            opening,
            invoiced,
            paid,
            closing,
            entries,
        } = books;
        let mine: Vec<&Vec<String>> = rows.iter().filter(|r| &r[1] == currency).collect();
        assert_eq!(mine.first().unwrap()[3], "Opening balance");
        assert_eq!(
            mine.first().unwrap()[8],
            format!("{opening:.2}"),
            "{currency} opening"
        );
        assert_eq!(mine.last().unwrap()[3], "Closing balance");
        assert_eq!(
            mine.last().unwrap()[8],
            format!("{closing:.2}"),
            "{currency} closing"
        );
        assert_eq!(mine.len() - 2, *entries, "{currency} entries");
        let summary = view
            .currencies
            .iter()
            .find(|c| &c.currency == currency)
            .unwrap();
        assert_eq!(summary.entries, *entries);
        let shown = |amount: &rust_decimal::Decimal| {
            app_core::views::money(Lang::En, &portal::Money::new(*amount, currency.as_str()))
        };
        assert_eq!(summary.invoiced, shown(invoiced), "{currency} invoiced");
        assert_eq!(summary.paid, shown(paid), "{currency} paid");
    }
    let (pdf, name) = w.core.statements().statement_pdf().unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // Its text reads back as written (what a viewer searches and copies), amounts included.
    let read = pdf_text(&pdf);
    for said in ["Statement", "Opening balance"] {
        assert!(read.contains(said), "{said:?} not in the PDF: {read}");
    }
    for (currency, books) in &expected {
        let closing = app_core::views::money(
            Lang::En,
            &portal::Money::new(books.closing, currency.as_str()),
        );
        let said = format!("Closing balance: {closing}");
        assert!(read.contains(&said), "{said:?} not in the PDF: {read}");
    }
    assert!(
        name.ends_with(".pdf") && name.contains(&from.to_string()),
        "{name}"
    );

    // Again: only what may have changed is read (the unpaid ones), the rest was kept.
    let mut again = vec![];
    w.core
        .statements()
        .prepare_statement(false, from, to, &stop, |p| again.push(p.clone()))
        .await
        .unwrap();
    let read_again = again.last().map(|p| p.total).unwrap_or(0);
    assert!(read_again < 200, "{read_again} read again");
    assert_eq!(w.core.statements().statement_csv().unwrap().0, csv);

    // Offline after a restart, in Albanian: the same figures from the saved copy.
    w.demo.set_faults(portal_down());
    let core = new_core(&w.dir, &w.secrets, &w.demo, "sq_AL.UTF-8");
    core.accounts()
        .open_last_offline()
        .unwrap()
        .expect("the saved copy");
    let offline = core
        .statements()
        .prepare_statement(false, from, to, &stop, |_| {})
        .await
        .unwrap();
    // Made from the saved copy: said, with when that copy was synced, on screen and in the PDF.
    let said = offline.gaps.expect("the saved copy is named");
    assert!(
        said.starts_with(&format!(
            "Në llogarinë {} nuk keni hyrë: shifrat e saj merren nga kopja e ruajtur",
            demo_portal::ACCOUNTANT_EMAIL
        )),
        "{said}"
    );
    let sq = core.statements().statement_csv().unwrap().0;
    assert!(
        sq.starts_with("Llogaria,Monedha,Data,Veprimi"),
        "{}",
        &sq[..80]
    );
    assert_eq!(
        sq.lines().count(),
        csv.lines().count(),
        "the same entries, in the other language"
    );
    let read = pdf_text(&core.statements().statement_pdf().unwrap().0);
    for said in ["Pasqyra e llogarisë", "Saldo fillestare", "Në llogarinë"] {
        assert!(read.contains(said), "{said:?} not in the PDF: {read}");
    }
    // A range the wrong way round is refused.
    assert!(matches!(
        core.statements()
            .prepare_statement(false, to, from, &stop, |_| {})
            .await,
        Err(CoreError::StatementRange)
    ));
}

/// The text of a PDF, read by a reader other than the one that wrote it.
fn pdf_text(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("the PDF reads")
}

#[tokio::test]
async fn a_statement_of_every_account_adds_each_ones_books_a_parked_one_read_with_its_own_session()
{
    use std::sync::atomic::AtomicBool;
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    synced(&w.core, demo_portal::ACCOUNTANT_EMAIL, false).await;
    let today = w.demo.today();
    let (from, to) = (today - chrono::Duration::days(60), today);
    let stop = AtomicBool::new(false);
    let one = w
        .core
        .statements()
        .prepare_statement(false, from, to, &stop, |_| {})
        .await
        .unwrap();
    let only_accountant = w.core.statements().statement_csv().unwrap().0;
    assert!(!only_accountant.contains(demo_portal::DEMO_EMAIL));
    let all = w
        .core
        .statements()
        .prepare_statement(true, from, to, &stop, |_| {})
        .await
        .unwrap();
    assert_eq!(all.gaps, None);
    assert!(all.heading.ends_with(", 2 accounts"), "{}", all.heading);
    let csv = w.core.statements().statement_csv().unwrap().0;
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    // The customer's invoices are there, read with the customer's (parked) session.
    assert!(rows.iter().any(|r| r[0] == demo_portal::DEMO_EMAIL));
    // Each currency's closing balance is the sum of both accounts' books.
    let customer = demo_portal::people::demo_customer(today).books(from, to);
    let accountant = demo_portal::people::accountant(today).books(from, to);
    for cur in &all.currencies {
        let closing = customer
            .get(&cur.currency)
            .map(|b| b.closing)
            .unwrap_or_default()
            + accountant
                .get(&cur.currency)
                .map(|b| b.closing)
                .unwrap_or_default();
        let shown = app_core::views::money(
            Lang::En,
            &portal::Money::new(closing, cur.currency.as_str()),
        );
        assert_eq!(cur.closing, shown, "{}", cur.currency);
    }
    assert!(
        all.currencies.iter().map(|c| c.entries).sum::<usize>()
            > one.currencies.iter().map(|c| c.entries).sum::<usize>()
    );
}

#[tokio::test]
async fn a_statement_names_an_invoice_paid_in_part_from_credit() {
    use std::sync::atomic::AtomicBool;
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    w.core
        .billing()
        .apply_credit(1003, "2", false)
        .await
        .unwrap();
    let today = w.demo.today();
    let view = w
        .core
        .statements()
        .prepare_statement(
            false,
            today - chrono::Duration::days(400),
            today,
            &AtomicBool::new(false),
            |_| {},
        )
        .await
        .unwrap();
    let gaps = view.gaps.expect("the credit's missing date is said");
    assert!(
        gaps.starts_with(
            "Credit was applied to 1 invoice (2026-0103), but the portal gives no date"
        ),
        "{gaps}"
    );
    assert!(gaps.contains("2026-0103"), "{gaps}");
    // The saved PDF says it too, before its figures.
    let pdf = pdf_text(&w.core.statements().statement_pdf().unwrap().0);
    assert!(
        pdf.contains("Credit was applied to 1 invoice (2026-0103)"),
        "{pdf}"
    );
}

#[tokio::test]
async fn a_statement_of_every_account_names_one_counted_from_its_saved_copy_or_left_out() {
    use std::sync::atomic::AtomicBool;
    let w = world().await;
    let synced_on = chrono::Local::now().date_naive();
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    synced(&w.core, demo_portal::ACCOUNTANT_EMAIL, false).await;
    // The next day's start: only the accountant signs in.
    let core = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    synced(&core, demo_portal::ACCOUNTANT_EMAIL, false).await;
    let today = w.demo.today();
    let (from, to) = (today - chrono::Duration::days(60), today);
    let stop = AtomicBool::new(false);
    let all = core
        .statements()
        .prepare_statement(true, from, to, &stop, |_| {})
        .await
        .unwrap();
    assert!(all.heading.ends_with(", 2 accounts"), "{}", all.heading);
    let said = all.gaps.expect("the customer's saved copy is named");
    let expected = format!(
        "You are not signed in to {}: its figures come from the copy saved on this computer when it was last refreshed (",
        demo_portal::DEMO_EMAIL
    );
    assert!(said.contains(&expected), "{said}");
    // The copy's date (the day it was synced, or the next if midnight came meanwhile).
    let date = |d| l10n::format_date(Lang::En, d);
    assert!(
        said.contains(&date(synced_on)) || said.contains(&date(chrono::Local::now().date_naive())),
        "the copy's date: {said}"
    );
    assert!(
        !said.contains(&format!("signed in to {}", demo_portal::ACCOUNTANT_EMAIL)),
        "the accountant is read from the portal: {said}"
    );
    let pdf = pdf_text(&core.statements().statement_pdf().unwrap().0);
    assert!(pdf.contains("You are not signed in to"), "{pdf}");

    // Nothing saved of the customer any more: left out, and said so.
    // (Copies are named by a hash: the customer's is the one whose contents name them.)
    for copy in offline_copies(&w.dir) {
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&copy).unwrap()).unwrap();
        if saved["email"] == demo_portal::DEMO_EMAIL {
            std::fs::remove_file(copy).unwrap();
        }
    }
    let without = core
        .statements()
        .prepare_statement(true, from, to, &stop, |_| {})
        .await
        .unwrap();
    assert!(
        without.heading.ends_with(", 1 account"),
        "{}",
        without.heading
    );
    let said = without.gaps.expect("the customer is named as left out");
    assert!(
        said.contains(&format!(
            "{} is not in this statement: nothing of it is saved on this computer.",
            demo_portal::DEMO_EMAIL
        )),
        "{said}"
    );
}
