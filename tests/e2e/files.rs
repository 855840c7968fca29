//! Files for accountants: CSV through the save dialog, PDFs opened and saved, 2,000 invoices.

use crate::common::*;
use crate::harness::{self, App};

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_invoice_list_is_exported_as_csv_through_the_save_dialog() {
    harness::scenario(
        "the_invoice_list_is_exported_as_csv_through_the_save_dialog",
        || async {
            let app = App::signed_in("demo@jitops.example").await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            app.click("#nav-invoices").await;
            app.click("#filter-all").await;
            app.wait_for("#filter-all[aria-pressed='true']").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let shown = app
                .js("return [...document.querySelectorAll('#invoice-table tr[data-id]')].map((r) => r.dataset.id)")
                .await;
            let target = app.home.join("exports").join("invoices.csv");
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            app.click("#export-csv").await;
            app.answer_file_dialog("Export the invoice list", &target);
            let done = app
                .wait_text("#export-done", "the export's confirmation", |t| {
                    t.starts_with("Saved")
                })
                .await;
            assert!(done.contains(&*target.to_string_lossy()), "{done}");
            let rows = harness::read_csv(&target);
            assert_eq!(
                rows[0].join("|"),
                "Account|Portal|Invoice number|Invoice ID|Invoice date|Due date|Status|Total|Currency|Date paid"
            );
            let ids: Vec<serde_json::Value> =
                rows[1..].iter().map(|r| serde_json::json!(r[3])).collect();
            assert_eq!(serde_json::json!(ids), shown, "the rows shown, in their order");
            let unpaid = rows.iter().find(|r| r[3] == "1003").expect("invoice 1003");
            assert_eq!(unpaid[0], "demo@jitops.example");
            assert_eq!(unpaid[6], "Unpaid");
            assert_eq!(unpaid[7], "11.99");
            assert_eq!(unpaid[8], "EUR");
            assert!(rows.iter().skip(1).all(|r| r.len() == 10));
            assert!(done.contains(&format!("{} invoices", rows.len() - 1)), "{done}");
            app.screenshot("export-csv-en").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn invoice_pdfs_open_and_save_all_to_a_folder_skipping_those_there() {
    harness::scenario(
        "invoice_pdfs_open_and_save_all_to_a_folder_skipping_those_there",
        || async {
            // "Open" hands the file to the system's opener: a stand-in records what it got.
            let home = harness::scenario_path("pdf");
            let (path, opened) = harness::stand_in_opener(&home.join("bin"));
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![("PATH".into(), path)],
                home: Some(home.clone()),
                ..harness::Launch::default()
            })
            .await;
            // WebKit's helpers for the main window start with the flite voice loaded first
            // (`helper_preload`), wherever the app has it loaded itself.
            if let Some(voice) = app.loaded_voice() {
                let helpers = app.webkit_helpers();
                assert!(helpers.len() >= 2, "{helpers:?}");
                for (name, preload) in &helpers {
                    assert!(
                        preload
                            .as_deref()
                            .is_some_and(|list| list.split(':').any(|l| l == voice)),
                        "{name} started without {voice}: {preload:?}"
                    );
                }
            }
            app.sign_in_demo("demo@jitops.example", "demo", false).await;
            app.wait_screen("dashboard").await;
            open_invoice(&app, 1003).await;
            app.click("#pdf-open").await;
            let file = wait_until("something opened", || async {
                let text = std::fs::read_to_string(&opened).ok()?;
                text.lines().next().map(std::path::PathBuf::from)
            })
            .await;
            assert!(
                file.ends_with("Invoice-2026-0103.pdf"),
                "{}",
                file.display()
            );
            assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
            // What the app starts for the person carries none of the helpers' libraries: the
            // list it was started with, if any, is the opener's.
            assert_eq!(
                std::fs::read_to_string(harness::preload_seen_by_opener(&opened)).unwrap(),
                format!("{}\n", std::env::var("LD_PRELOAD").unwrap_or_default())
            );

            // Save all PDFs of the whole list into a folder that already holds one of them.
            let folder = home.join("pdfs");
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("Invoice-2026-0101.pdf"), b"%PDF-1.4 kept").unwrap();
            app.click("#nav-invoices").await;
            app.click("#filter-all").await;
            app.wait_for("#filter-all[aria-pressed='true']").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let all = app
                .js("return document.querySelectorAll('#invoice-table tr[data-id]').length")
                .await
                .as_u64()
                .unwrap() as usize;
            app.click("#save-pdfs").await;
            app.answer_folder_dialog("Choose a folder for the invoices", &folder);
            let done = app
                .wait_text("#pdfs-done", "the summary", |t| t.contains("PDFs saved"))
                .await;
            // The file there is not one the app saved for that invoice: it is left alone, and
            // the invoice's PDF goes beside it.
            assert_eq!(
                done,
                format!(
                    "{all} PDFs saved to {}; 0 already there; 0 failed.",
                    folder.display()
                )
            );
            let pdfs = std::fs::read_dir(&folder)
                .unwrap()
                .flatten()
                .filter(|f| f.file_name().to_string_lossy().ends_with(".pdf"))
                .count();
            assert_eq!(pdfs, all + 1);
            assert_eq!(
                std::fs::read(folder.join("Invoice-2026-0101.pdf")).unwrap(),
                b"%PDF-1.4 kept",
                "a file already there is left alone"
            );
            assert!(std::fs::read(folder.join("Invoice-2026-0101 (2).pdf"))
                .unwrap()
                .starts_with(b"%PDF-"));
            app.screenshot("pdfs-saved-en").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_accountants_two_thousand_invoices_stay_responsive_and_export_whole() {
    harness::scenario(
        "the_accountants_two_thousand_invoices_stay_responsive_and_export_whole",
        || async {
            let app = App::signed_in("accountant@jitops.example").await;
            app.click("#nav-invoices").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            // "All", and at once another filter and the language: each answers while the long
            // list is being drawn, and the last one wins.
            app.js("document.getElementById('filter-all').click();
                 setTimeout(() => document.getElementById('filter-overdue').click(), 30);")
                .await;
            app.wait_for("#filter-overdue[aria-pressed='true']").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            // Rows counted as screen readers count them (only those in view are drawn).
            let overdue = app
                .js("return document.getElementById('invoice-table').getAttribute('aria-rowcount')")
                .await;
            assert_eq!(overdue, serde_json::json!("17"), "16 rows and the header");
            app.click("#filter-all").await;
            app.click("#lang-sq").await;
            app.wait_text("#main h1", "Albanian", |t| t == "Faturat")
                .await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let rows = app
                .js("return document.getElementById('invoice-table').getAttribute('aria-rowcount')")
                .await;
            assert_eq!(rows, serde_json::json!("2001"));
            app.click("#lang-en").await;
            app.wait_text("#main h1", "English", |t| t == "Invoices")
                .await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            // The whole list exports.
            let target = app.home.join("all-invoices.csv");
            app.click("#export-csv").await;
            app.answer_file_dialog("Export the invoice list", &target);
            app.wait_text("#export-done", "export", |t| {
                t.starts_with("Saved 2,000 invoices")
            })
            .await;
            let csv = harness::read_csv(&target);
            assert_eq!(csv.len(), 2001);
            app.close().await;
        },
    )
    .await;
}
