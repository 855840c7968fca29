//! Owns what surrounds every client-area page of a stock theme: the main menu with its
//! dropdowns, the account menu when signed in, and the footer's language chooser. Written
//! with the templates' nesting and indentation so that a page weighs what a real one does (the
//! app's parsing is measured on these pages); nothing here is read by the app.

use crate::theme::Theme;
use std::fmt::Write;

/// A menu entry: its label and address.
type Link = (&'static str, &'static str);

/// The main menu's entries and their dropdowns, as a stock install shows them.
const MENU: &[(&str, &str, &[Link])] = &[
    ("Home", "index.php", &[]),
    (
        "Services",
        "clientarea.php?action=services",
        &[
            ("My Services", "clientarea.php?action=services"),
            ("Order New Services", "cart.php"),
            ("View Available Addons", "cart.php?gid=addons"),
        ],
    ),
    (
        "Domains",
        "clientarea.php?action=domains",
        &[
            ("My Domains", "clientarea.php?action=domains"),
            ("Renew Domains", "cart.php?gid=renewals"),
            ("Register a New Domain", "cart.php?a=add&domain=register"),
            ("Transfer in a Domain", "cart.php?a=add&domain=transfer"),
            ("Domain Search", "domainchecker.php"),
        ],
    ),
    (
        "Website & Security",
        "#",
        &[
            ("SSL Certificates", "store/ssl-certificates"),
            ("Website Builder", "store/website-builder"),
            ("Site Backup", "store/codeguard"),
            ("Email Security", "store/email-services"),
        ],
    ),
    (
        "Billing",
        "#",
        &[
            ("My Invoices", "clientarea.php?action=invoices"),
            ("My Quotes", "clientarea.php?action=quotes"),
            ("Mass Payment", "clientarea.php?action=masspay&all=true"),
            ("Add Funds", "clientarea.php?action=addfunds"),
        ],
    ),
    (
        "Support",
        "#",
        &[
            ("Tickets", "supporttickets.php"),
            ("Announcements", "index.php?rp=/announcements"),
            ("Knowledgebase", "index.php?rp=/knowledgebase"),
            ("Downloads", "index.php?rp=/download"),
            ("Network Status", "serverstatus.php"),
        ],
    ),
    ("Open Ticket", "submitticket.php", &[]),
];

const ACCOUNT_MENU: &[Link] = &[
    ("Edit Account Details", "clientarea.php?action=details"),
    ("User Management", "account/users"),
    ("Payment Methods", "account/paymentmethods"),
    ("Contacts", "account/contacts"),
    ("Email History", "clientarea.php?action=emails"),
    ("Your Profile", "user/profile"),
    ("Change Password", "user/password"),
    ("Security Settings", "user/security"),
    ("Logout", "logout.php"),
];

const LANGUAGES: &[&str] = &[
    "العربية",
    "Azerbaijani",
    "Català",
    "中文",
    "Hrvatski",
    "Čeština",
    "Dansk",
    "Nederlands",
    "English",
    "Estonian",
    "Persian",
    "Français",
    "Deutsch",
    "עברית",
    "Magyar",
    "Italiano",
    "Macedonian",
    "Norwegian",
    "Português",
    "Português",
    "Română",
    "Русский",
    "Español",
    "Svenska",
    "Türkçe",
    "Українська",
    "Shqip",
];

/// The main menu (and, signed in, the account menu), under the header.
pub fn navigation(theme: Theme, signed_in: bool) -> String {
    let (nav, item, dropdown) = match theme {
        Theme::TwentyOne => (
            "navbar navbar-expand-xl main-navbar-wrapper",
            "menu-item-",
            "dropdown-menu",
        ),
        Theme::Six => ("navbar navbar-main", "Primary_Navbar-", "dropdown-menu"),
    };
    let mut b = String::with_capacity(16_000);
    let _ = write!(
        b,
        "    <nav class=\"{nav}\">\n        <div class=\"container\">\n            <div class=\"collapse navbar-collapse\" id=\"mainNavbar\">\n                <ul id=\"nav\" class=\"navbar-nav mr-auto\">\n"
    );
    for (label, href, children) in MENU {
        let name = label.replace([' ', '&'], "_");
        let _ = write!(
            b,
            "                    <li menuItemName=\"{label}\" class=\"{}nav-item\" id=\"{item}{name}\">\n                        <a class=\"{}nav-link\" href=\"{}\">\n                            {label}\n                        </a>\n",
            if children.is_empty() { "" } else { "dropdown " },
            if children.is_empty() { "" } else { "dropdown-toggle " },
            href.replace('&', "&amp;"),
            label = label.replace('&', "&amp;"),
        );
        if !children.is_empty() {
            let _ = writeln!(b, "                        <ul class=\"{dropdown}\">");
            for (child, child_href) in *children {
                let _ = write!(
                    b,
                    "                            <li menuItemName=\"{child}\" class=\"dropdown-item\" id=\"{item}{name}-{}\">\n                                <a href=\"{}\" class=\"dropdown-item px-2 py-0\">\n                                    {child}\n                                </a>\n                            </li>\n",
                    child.replace(' ', "_"),
                    child_href.replace('&', "&amp;"),
                );
            }
            b.push_str("                        </ul>\n");
        }
        b.push_str("                    </li>\n");
    }
    b.push_str("                </ul>\n");
    if signed_in {
        b.push_str("                <ul class=\"navbar-nav ml-auto\">\n                    <li menuItemName=\"Account\" class=\"dropdown nav-item\" id=\"Secondary_Navbar-Account\">\n                        <a class=\"dropdown-toggle nav-link\" href=\"#\">Account</a>\n                        <ul class=\"dropdown-menu\">\n");
        for (label, href) in ACCOUNT_MENU {
            let _ = write!(
                b,
                "                            <li menuItemName=\"{label}\" class=\"dropdown-item\">\n                                <a href=\"{href}\" class=\"dropdown-item px-2 py-0\">\n                                    {label}\n                                </a>\n                            </li>\n"
            );
        }
        b.push_str(
            "                        </ul>\n                    </li>\n                </ul>\n",
        );
    }
    b.push_str("            </div>\n        </div>\n    </nav>\n");
    b
}

/// The footer's language chooser (a dialog, closed until its button opens it).
pub fn language_chooser() -> String {
    let mut b = String::with_capacity(6_000);
    b.push_str("    <div class=\"modal modal-localisation\" id=\"modalChooseLanguage\" tabindex=\"-1\" role=\"dialog\">\n        <div class=\"modal-dialog modal-lg\" role=\"document\">\n            <div class=\"modal-content\">\n                <div class=\"modal-body\">\n                    <h5 class=\"h5 pt-5 pb-3\">Choose language</h5>\n                    <div class=\"row item-selector\">\n");
    for (i, name) in LANGUAGES.iter().enumerate() {
        let _ = write!(
            b,
            "                        <div class=\"col-4\">\n                            <a href=\"?language={i}\" data-value=\"{i}\" class=\"item\">\n                                {name}\n                            </a>\n                        </div>\n"
        );
    }
    b.push_str("                    </div>\n                </div>\n            </div>\n        </div>\n    </div>\n");
    b
}
