## JitOps Billing — English. Every visible string of the app comes from here by message id.

app-name = JitOps Billing
footer-version = Version { $version }
lang-toggle-label = Language
nav-label = Main
nav-dashboard = Dashboard
nav-invoices = Invoices
nav-help = Help
nav-settings = Settings
loading = Loading…
back = Back

## Sign in
signin-title = Sign in to your Client Portal
signin-portal-label = Portal
signin-portal-jitops = JitOps Cloud (jitops.com)
signin-portal-other = Another WHMCS portal
signin-portal-demo = Offline demo portal
signin-portal-url-label = Portal address
signin-email-label = E-mail
signin-password-label = Password
signin-remember = Remember me on this computer
signin-submit = Sign in
signin-busy = Signing in…
signin-forgot = Forgot Password?
signin-demo-hint = Demo: sign in as demo@jitops.example with the password “demo”.

twofa-title = Two-factor authentication
twofa-help = Enter the 6-digit code from your authenticator app.
twofa-code-label = Code
twofa-backup-label = Backup code
twofa-use-backup = Use a backup code instead
twofa-submit = Verify
signin-open-window = Sign in on the portal’s page
signin-window-title = Sign in to { $host }
signin-browser-no-remember = You signed in on the portal’s own page, so the app has no password to remember: next time, sign in again.
backup-new-title = Your new backup code
backup-new-help = The portal used up the backup code you entered and created this new one. It is shown only this once: write it down or keep it in your password manager now. You will need it if you lose the device with your authenticator app.
backup-new-copy = Copy the code
backup-new-copied = The backup code is copied.
backup-new-continue = I have kept it, continue

reset-title = Reset your password
reset-help = Enter your e-mail. The portal will send you a link to choose a new password.
reset-email-label = E-mail
reset-submit = Send the reset link
reset-sent = If the address belongs to an account, the portal has sent it a reset link. Check your e-mail.
reset-back = Back to sign in

## Dashboard
dashboard-title = Dashboard
dashboard-unpaid-count = { $count ->
    [0] No unpaid invoices
    [one] 1 unpaid invoice
   *[other] { $count } unpaid invoices
}
dashboard-overdue-count = { $count ->
    [0] None overdue
    [one] 1 overdue
   *[other] { $count } overdue
}
dashboard-overdue-total = Overdue total: { $amount }
dashboard-credit = Credit balance: { $amount }
dashboard-last-sync = Last refreshed { $time }
dashboard-never-synced = Not refreshed yet
dashboard-refresh = Refresh
dashboard-refreshing = Refreshing…
dashboard-all-paid = All your invoices are paid. Thank you!

## Invoice list
invoices-title = Invoices
filter-label = Show
filter-unpaid = Unpaid
filter-overdue = Overdue
filter-paid = Paid
filter-all = All
col-number = Invoice #
col-date = Invoice date
col-due = Due date
col-total = Total
col-status = Status
invoices-empty = No invoices match this filter.
invoices-search-label = Search this list
invoices-search-count = { $shown ->
    [0] No invoice in this list matches your search.
    [one] { $total ->
        [one] The invoice matches your search.
       *[other] 1 of { $total } invoices matches your search.
    }
   *[other] { $shown } of { $total } invoices match your search.
}
invoices-totals = { $count ->
    [one] Total of the invoice shown
   *[other] Total of the { $count } invoices shown
}

status-unpaid = Unpaid
status-overdue = Overdue
status-paid = Paid
status-cancelled = Cancelled
status-refunded = Refunded
status-collections = Sent to collections
status-payment-pending = Payment pending
status-draft = Draft

## Invoice
invoice-title = Invoice { $number }
invoice-date = Invoice date
invoice-due = Due date
invoice-items = Items
invoice-description = Description
invoice-amount = Amount
invoice-transactions = Transactions
invoice-no-transactions = No transactions yet.
invoice-balance = Balance due
invoice-subtotal = Subtotal
invoice-credit = Credit applied
add-funds-button = Add funds
add-funds-title = Add funds to your credit
add-funds-limits = You can add from { $min } to { $max } at a time; your credit can reach at most { $most }.
add-funds-help = The portal creates an invoice for this amount. Pay it like any other invoice; the amount joins your credit once the portal marks it paid.
add-funds-amount = Amount to add
add-funds-method = Payment method
add-funds-submit = Create the invoice
invoice-saved-copy = This is the invoice as the app last read it, saved on this computer. Paying it needs a connection to the portal.
invoice-notes-title = Notes
invoice-credit-title = Pay with your credit
invoice-credit-available = Your credit balance is { $amount }.
invoice-credit-amount = Amount of credit to use
invoice-credit-apply = Use credit
invoice-credit-applied = { $amount } of your credit went to this invoice. Left to pay: { $left }.
invoice-credit-paid = This invoice is now paid with your credit.
invoice-total = Total
invoice-pdf = Save PDF
invoice-pdf-saved = The PDF was saved to { $path }.
invoice-pay-title = Pay this invoice
invoice-method = Payment method
invoice-method-is = Payment method: { $method }
invoice-method-changed = The payment method is now { $method }.
invoice-instructions-title = How to pay
pay-one-off = Make One Off Payment
pay-one-off-help = Pay this invoice once, by card or PayPal, at 2Checkout.
pay-recurring = Create Automated Recurring Subscription
pay-recurring-help = Pay this invoice now, and the later invoices of the same service automatically ({ $cycle }).
pay-recurring-withheld = The portal does not offer a subscription for an overdue invoice: pay it once now, then subscribe from the next invoice.
pay-none = This invoice cannot be paid online.
cycle-monthly = monthly
cycle-quarterly = every three months
cycle-semi-annually = every six months
cycle-annually = annually
cycle-biennially = every two years
cycle-unknown = whenever a new invoice is issued

## Payment
payment-title = Payment
payment-open-window = The secure payment page of 2Checkout opens in its own window. Enter your card or PayPal details there only.
payment-waiting = Waiting for the portal to mark the invoice as paid…
payment-elapsed = { $elapsed } elapsed — usually within 5 minutes
payment-still-confirming = 2Checkout is still confirming the payment. This can take longer than 5 minutes. We keep checking; do not pay again.
payment-paid = Paid. Thank you for choosing our service!
payment-paid-notification = Invoice { $number } is paid.
payment-guard = A payment for this invoice is already being confirmed. Paying again may charge you twice.
checkout-data-not-cleared = The payment window’s cookies and data could not be cleared from this computer. Restart the app to clear them.
sign-in-data-not-cleared = The portal’s sign-in page left its cookies on this computer, and they could not be cleared. Restart the app to clear them.
payment-pay-anyway = Pay anyway
payment-checking = Asking the portal whether the payment arrived…
payment-not-seen-yet = The portal shows no payment for this invoice so far. If you paid, it can take up to 5 minutes to show: do not pay again before then. We keep checking.
payment-failed-unconfirmed = The payment page reported that the payment did not go through, and the portal shows no payment so far. If you were charged, the portal may take a while to show it: do not pay again until it does. We keep checking.
payment-unknown = The portal cannot be reached, so we cannot tell whether the payment arrived. If you paid, allow up to 5 minutes and do not pay again. We keep trying.
payment-none-recorded = The portal has recorded no payment for this invoice so far, so you can pay it again. If you finished paying at 2Checkout or PayPal, check your card statement or PayPal account before you pay again: a payment can reach the portal late.
payment-record-trouble = The record of this payment on this computer cannot be read or saved just now, so the app keeps trying. Do not pay this invoice again in the meantime.
payment-paid-close-window = Paid: the portal has recorded the payment. You can close the payment window.
payment-guard-lift-help = We stopped checking this payment after 24 hours, and the portal still shows no payment for this invoice. A payment held for review by 2Checkout or PayPal looks the same. If your card statement or PayPal account shows no charge for it, you can remove the warning and pay again; if it shows a charge, do not pay again and contact JitOps Cloud.
payment-guard-lift = No charge on my card or PayPal: remove the warning
payment-ended = The portal no longer asks for this invoice to be paid. Open it to see its status.
payment-sign-in-needed = The portal no longer accepts this account’s saved sign-in, so we stopped checking this payment. Sign in again to go on; until then, do not pay again.
payment-stopped = We stopped checking after 24 hours without an answer from the portal. Open the invoice to check again; until the portal shows it unpaid, paying again may charge you twice.
payment-sign-in-again = Sign in again
payment-pay-again = Pay again
payment-pay-anyway-choice = Pay anyway: { $choice }
mass-pay-guard = A payment for one of these invoices is not confirmed yet. Paying them together now may charge you twice.
mass-pay-anyway = Pay anyway: { $label }
payments-record-damaged = The record of your payments could not be read and was set aside as { $path }. Until the portal confirms them, check each invoice before paying again.
payments-record-unreadable = The payment record on this computer cannot be read or saved just now (the disk may be full or read-only). Payments being confirmed stay guarded, and the app tries again.
dashboard-pending-title = Payments being confirmed
dashboard-pending-row = Invoice { $number }
dashboard-pending-row-account = Invoice { $number } of { $account }
dashboard-pending-follow = See progress
payment-blocked-host = The payment window blocked a page outside 2Checkout and PayPal ({ $host }).
payment-blocked-download = The payment window refused a file download from { $host }: nothing was saved on this computer.
payment-open-in-browser = Open in browser
checkout-window-title = Secure payment — { $host }
checkout-window-bank-title = Your bank: { $host }

## Help
help-title = How to pay an invoice
help-step-1 = Sign in with the e-mail and password you chose when you ordered. If you have forgotten the password, click “Forgot Password?” and enter your e-mail address.
help-step-2 = The Invoices tab on the left shows how many invoices are unpaid or overdue.
help-step-3 = Open an invoice.
help-step-4 = Choose “Make One Off Payment” to pay once, or “Create Automated Recurring Subscription” to pay automatically each time an invoice is generated (monthly or annually).
help-step-5 = In the secure 2Checkout window, enter the name on the card, its number, expiry date and CVV; or choose PayPal and sign in on PayPal’s own page. If your bank asks you to confirm the payment, its page opens in the same window.
help-step-6 = Press “Pay” and give us up to 5 minutes to mark your invoice as paid. The app keeps watching and tells you when it is done.
help-note = Payments are processed by 2Checkout; neither JitOps nor this app stores your card numbers or PayPal credentials.
help-warning = Never share your card or PayPal details in public: enter them only on secure websites, such as those of 2Checkout and PayPal.
help-thanks = Thank you for choosing our service!

## Settings
settings-title = Settings
settings-language = Language
settings-account = Account
settings-signout = Sign out
settings-forget = Also forget the remembered password
settings-remembered = The password is remembered in the system’s password manager.

## Errors
error-wrong-credentials = The e-mail or password is not correct. Check them and try again, or use “Forgot Password?”.
error-second-factor-required = The portal asks for a two-factor code.
error-wrong-second-factor = That code was not accepted. Enter the current code from your authenticator app, or a backup code.
error-captcha-required = The portal asks for a captcha, which only you can answer. Sign in on the portal’s own page: the app carries on from there.
error-banned = The portal has blocked sign-ins from your internet address for a while after too many failed attempts. Wait and try again later, or contact support.
error-session-expired = Your session has expired. Sign in again.
error-unreachable = The portal cannot be reached. Check your internet connection and try again.
error-timeout = The portal took too long to answer. Try again in a moment.
error-http-status = The portal answered with an error. Try again later.
error-unexpected-page = The portal showed a page the app does not recognise. Try again, or use the portal in the browser.
error-page-too-large = The portal sent a page far larger than any billing page. The app did not read it; try again later or use the portal in the browser.
error-untrusted-certificate = The portal’s security certificate is not valid for its address, so the app did not connect. Check the address; if it is right, contact the portal’s support.
error-not-found = This invoice was not found in your account.
error-invalid-portal-url = The portal address is not valid. Use an https:// address.
error-refused = The portal refused the request. Sign in again and retry.
error-not-pdf = The portal did not send a PDF.
error-payment-not-offered = This payment choice is not offered for the invoice.
error-foreign-form = The portal’s page asked the app to send your details to another site ({ $host }). Nothing was sent. Contact the portal’s support.
error-credit-amount = Enter an amount above 0 and at most { $most }.
error-credit-not-offered = The portal no longer offers to pay this invoice with credit. Refresh to see its latest figures.
error-credit-not-applied = The portal did not apply the credit: the invoice still shows the same amount to pay.
error-funds-amount = Enter an amount from { $min } to { $max }.
error-funds-refused = The portal did not create the invoice. It said: “{ $reason }”
error-not-signed-in = You are not signed in to any account. Sign in to go on.
error-keyring = The system’s password manager could not be used: the password was not remembered.
error-keyring-locked = The system’s password manager is locked, so the password was not remembered; you are signed in all the same. To remember it, unlock the password manager (it usually opens when you log in to the computer) and sign in again.
error-disk-full = The app could not save this on the computer: the disk is full. Free some disk space and try again.
error-internal = Something went wrong inside the app. Try again.
error-payment-guarded = A payment for this invoice is already being confirmed. Paying again may charge you twice.
error-payment-record = The payment record on this computer cannot be read or saved just now, so nothing was started or changed. Free some disk space or check the app’s folder, then try again.

## Language toggle and misc
lang-en = EN
lang-sq = SQ
lang-name-en = English
lang-name-sq = Shqip
skip-to-content = Skip to content
invoices-badge-label = { $count ->
    [one] 1 unpaid invoice
   *[other] { $count } unpaid invoices
}
payment-progress-label = Payment confirmation progress
payment-back-to-invoice = Back to the invoice
payment-back-to-dashboard = Go to the Dashboard

## Offline: the saved copy of an account's invoices
error-offline = You are offline: these are the invoices saved on this computer. Refresh to reach the portal again; paying needs the portal.
error-no-offline-copy = There is no saved copy of this account’s invoices on this computer yet: it is made the first time the invoices are refreshed.
error-offline-copy-damaged = The saved copy of your invoices could not be read. It was set aside as { $path } and will be made again at the next refresh.
offline-banner = Not connected to the portal: these are the invoices saved on this computer when they were last refreshed, { $time }.
offline-copy-not-saved = Your invoices could not be saved on this computer for use offline (the disk may be full). What you see is up to date; free some disk space so that they are kept.
offline-open = Show the invoices saved on this computer

## CSV export of the invoice list
csv-account = Account
csv-portal = Portal
csv-number = Invoice number
csv-id = Invoice ID
csv-date = Invoice date
csv-due = Due date
csv-status = Status
csv-total = Total
csv-currency = Currency
csv-paid-date = Date paid
export-csv = Export CSV
export-csv-title = Export the invoice list
export-csv-done = { $count ->
    [one] Saved 1 invoice to { $path }.
   *[other] Saved { $count } invoices to { $path }.
}

## Translation review (for reviewers, offline)
review-title = Translation review
review-intro = Every text of the app in English and Albanian. Texts with no Albanian, or the same as the English, are marked. “Show” opens the screen where a text appears.
review-open = Translation review
review-filter-label = Filter by message ID or text
review-only-problems = Only missing or identical texts
review-col-id = Message ID
review-col-en = English
review-col-sq = Albanian
review-col-state = State
review-col-screen = Screen
review-state-ok = Translated
review-state-missing = Missing
review-state-identical = Same as English
review-show = Show
review-show-needs-sign-in = Sign in to see this screen
review-export = Export CSV
review-export-title = Export the translation review
review-export-done = { $count ->
    [one] Saved 1 text to { $path }.
   *[other] Saved { $count } texts to { $path }.
}
review-count = { $total ->
    [one] { $shown } of { $total } text shown
   *[other] { $shown } of { $total } texts shown
}
review-screen-invoice = Invoice
review-screen-quote = Quote
review-screen-other = Other
invoice-tx-date = Date
invoice-tx-method = Payment method
invoice-tx-id = Transaction ID
checkout-continue = Continue to { $host }

## Reminders (OS notifications)
reminder-due-soon-title = Invoice { $number } is due on { $date }
reminder-due-soon-body = { $amount } to pay by { $date }. Open JitOps Billing to pay it.
reminder-overdue-title = Invoice { $number } is overdue
reminder-overdue-body = { $amount } was due on { $date }. Open JitOps Billing to pay it.
reminder-summary-title = { $count ->
    [one] 1 invoice needs paying
   *[other] { $count } invoices need paying
}
reminder-summary-body = { $soon } due within 3 days, { $overdue } overdue. Open JitOps Billing to see them.

## Several accounts
accounts-label = Accounts
accounts-all = All accounts
accounts-add = Add an account
accounts-signed-out = signed out
all-accounts-title = All accounts
all-accounts-intro = Unpaid and overdue invoices of every account on this computer, as of each one’s last refresh.
all-accounts-totals = { $count ->
    [one] 1 unpaid invoice
   *[other] { $count } unpaid invoices
} { $accounts ->
    [one] in 1 account:
   *[other] in { $accounts } accounts:
}
all-accounts-overdue = Overdue:
all-accounts-empty = No unpaid invoices in any account.
col-account = Account

## Invoice PDFs
pdf-open = Open PDF
pdfs-save-all = Save all PDFs…
pdfs-save-all-title = Choose a folder for the invoices’ PDFs
pdfs-progress = { $done } of { $total }: { $current }
pdfs-cancel = Stop
pdfs-saved = { $saved ->
    [one] 1 PDF saved
   *[other] { $saved } PDFs saved
} to { $folder }; { $skipped } already there; { $failed } failed.
pdf-save-title = Save the invoice’s PDF

## Paying several invoices at once (the portal's mass payment)
mass-pay-select = Select { $number } to pay together
mass-pay-button = { $count ->
    [one] Pay 1 invoice: { $total }
   *[other] Pay { $count } invoices together: { $total }
}
mass-pay-pick-two = Select two or more unpaid invoices to pay them together.
mass-pay-unpaid-only = Only unpaid invoices can be paid together.
mass-pay-one-currency = Invoices can be paid together only when they are in the same currency: select invoices in one currency.
mass-pay-clear = Clear the selection
row-open = Open invoice { $number }
mass-pay-region = Pay the selected invoices together
col-select = Pay together

## The tray icon and closing the window
tray-open = Open JitOps Billing
tray-refresh = Refresh
tray-accounts = Accounts
tray-latest = Latest notifications
tray-quit = Quit JitOps Billing
tray-signed-out = Not signed in
tray-all-paid = Every invoice is paid
tray-summary = { $unpaid ->
    [one] 1 unpaid invoice
   *[other] { $unpaid } unpaid invoices
}, { $overdue ->
    [0] none overdue
    [one] 1 overdue
   *[other] { $overdue } overdue
}
tray-notice-due-soon = Invoice { $number } is due soon
tray-notice-overdue = Invoice { $number } is overdue
tray-notice-paid = Invoice { $number } is paid
tray-notice-other-account = { $notice } ({ $account })
close-ask-title = Keep JitOps Billing running?
close-ask-body = Closed, the window can leave JitOps Billing in the tray, where it keeps checking on your payments and reminding you of invoices that come due. Otherwise the app quits, and nothing is checked until you open it again. You can change this in Settings.
close-ask-keep = Keep in the tray
close-ask-quit = Quit
settings-desktop = When the window is closed
settings-close-to-tray = Keep running in the tray (payments checked, reminders given)
settings-start-at-login = Start when I log in, in the tray
settings-no-tray = This desktop shows no tray icons: closing the window quits the app, and it cannot start in the tray.
settings-start-at-login-failed = The start at login could not be changed: { $reason }
autostart-comment = Reminds you of invoices that come due and checks on your payments
notification-open = Open
settings-diagnostics = Diagnostics
settings-diagnostics-help = For a support ticket: the app’s version, your portal’s address and the problems the app met lately. Never a password or a card detail.
settings-copy-diagnostics = Copy diagnostics
settings-diagnostics-copied = The diagnostics are copied: paste them into your ticket.
settings-diagnostics-select = The diagnostics are selected below: copy them with Ctrl+C.
error-window = A window of the app could not be opened. Try again; if it keeps failing, restart the app.
error-opener = The system could not open it: no application is set up for this kind of file or link.
error-folder = The system does not say where the app may keep this. Check that your home folder can be written to.

## Quotes
nav-quotes = Quotes
quotes-title = Quotes
quotes-summary = { $count ->
    [0] No quotes.
    [one] 1 quote; { $awaiting ->
        [0] none awaits your answer.
        [one] it awaits your answer.
       *[other] { $awaiting } await your answer.
    }
   *[other] { $count } quotes; { $awaiting ->
        [0] none awaits your answer.
        [one] 1 awaits your answer.
       *[other] { $awaiting } await your answer.
    }
}
quotes-number = Quote
quotes-subject = Subject
quotes-created = Created
quotes-valid-until = Valid until
quotes-stage = Stage
quote-title = Quote { $number }
quote-stage-delivered = Awaiting your answer
quote-stage-on-hold = On hold
quote-stage-accepted = Accepted
quote-stage-lost = Declined
quote-stage-dead = Expired
quote-proposal-title = Proposal
quote-items = Lines of the quote
quote-discount = Discount
quote-discount-rate = { $amount } ({ $rate }%)
quote-notes-title = Notes
quote-pdf = Save PDF…
quote-pdf-save-title = Save the quote’s PDF
quote-pdf-saved = The quote’s PDF was saved as { $path }.
quote-accept-title = Accept this quote
quote-accept-portal-words = The portal’s terms, in its own words:
quote-accept-terms-open = Read the terms of service
quote-accept-agree = I agree to the portal’s terms of service
quote-accept-submit = Accept the quote
quote-accept-help = The portal then makes an invoice for this quote, which you can pay straight away.
quote-accepted-invoice = Quote { $number } is accepted. The portal made this invoice for it.
quote-accepted-no-invoice = Quote { $number } is accepted. The portal has not made its invoice yet; it will appear among your invoices when it does.
error-accept-not-offered = The portal no longer offers to accept this quote. Open it again to see where it stands.
error-terms-not-agreed = The portal did not accept the quote: it asks you to agree to its terms of service.
error-quote-not-accepted = The portal did not accept the quote. Nothing changed; open it again to see where it stands.
error-terms-not-ticked = Tick the box to agree to the portal’s terms of service first.

## Statement
statement-button = Statement…
statement-title = Statement
statement-intro = Every invoice and payment between two dates, with what you owed at the start and at the end, per currency, from the portal’s own figures. Save it as PDF or CSV for your books.
statement-scope = Accounts
statement-scope-one = This account
statement-scope-all = Every account on this computer
statement-from = From
statement-to = To
statement-prepare = Prepare
statement-stop = Stop
statement-reading = Reading payments: { $done } of { $total } invoices
statement-heading = { $from } – { $to }
statement-heading-all = { $from } – { $to }, { $count ->
    [one] 1 account
   *[other] { $count } accounts
}
statement-empty = No invoice or payment between these dates.
statement-gaps = Incomplete: the payments of { $count ->
    [one] 1 invoice
   *[other] { $count } invoices
} could not be read or dated ({ $first }). The balances leave them out.
statement-credit-undated = Credit was applied to { $count ->
    [one] 1 invoice
   *[other] { $count } invoices
} ({ $first }), but the portal gives no date for it: the balances count { $count ->
    [one] that invoice
   *[other] those invoices
} as still owed.
statement-saved-copy = You are not signed in to { $account }: its figures come from the copy saved on this computer when it was last refreshed ({ $time }). Anything the portal recorded after that is not in this statement.
statement-account-left-out = { $account } is not in this statement: nothing of it is saved on this computer. Sign in to it, then prepare the statement again.
statement-stopped = Stopped: the invoices not read yet are left out.
statement-col-currency = Currency
statement-opening = Opening balance
statement-invoiced = Invoiced
statement-paid = Paid
statement-closing = Closing balance
statement-entries = Entries
statement-save-pdf = Save PDF…
statement-save-csv = Save CSV…
statement-pdf-save-title = Save the statement as PDF
statement-csv-save-title = Save the statement as CSV
statement-saved = The statement was saved as { $path }.
statement-col-account = Account
statement-col-date = Date
statement-col-entry = Entry
statement-col-invoice = Invoice
statement-col-invoice-id = Invoice ID
statement-col-reference = Reference
statement-col-amount = Amount
statement-col-balance = Balance
statement-kind-invoice = Invoice
statement-kind-payment = Payment
statement-kind-refund = Refund
statement-kind-reversal = Invoice refunded
statement-made-on = Made on { $date } by JitOps Billing from the portal’s figures.
statement-page = Page { $page } of { $count }
statement-file-name = Statement { $from } to { $to }
error-statement-range = Choose two dates, the first not after the second.
error-no-statement = Prepare the statement first.

## Updates (Settings, and the offer of a newer version)
updates-title = Updates
updates-version = This is version { $version }.
updates-check = Check for updates
updates-check-automatically = Check for updates at start and once a day
updates-whats-new = What’s new in { $version }
updates-install = Download and install
updates-restart = Restart now
updates-restart-confirm = Restart anyway
update-status-no-server = This copy was built without an update server: it does not check for updates.
update-status-never-checked = Not checked for updates yet.
update-status-up-to-date = You have the latest version (checked { $checked }).
update-status-checking = Checking for updates…
update-status-offered = Version { $version } is available.
update-status-offered-not-packaged = Version { $version } is available. This copy was not installed from the .deb or .rpm package, so install the new version the way you installed this one.
update-status-downloading = Downloading version { $version }: { $percent }%
update-status-downloading-unknown = Downloading version { $version }…
update-status-installing = Version { $version } is downloaded and its signature is valid. Installing it…
update-status-installed = Version { $version } is installed. It starts when you restart the app.
update-failed-unreachable = The update server could not be reached. Check your connection and try again.
update-failed-refused = The update’s signature is not valid, so nothing was installed. The file may have been changed on the way, or it was not signed by JitOps. Please tell support.
update-failed-not-installed = The update was downloaded and verified, but it was not installed (the installation was cancelled or the system refused it). Nothing changed; you can try again.
update-restart-payments = A payment is still being confirmed. If you restart now, the app follows it again once it has started and you are signed in, and tells you when the portal marks the invoice paid.
updates-badge = Update
