// The window's state, declared here in one place with the screens that use it, and Tauri's
// events (its commands: `gen/commands.js`). What a screen shows comes from Rust's views; this
// holds only what the window itself must remember between drawings.

export const { listen } = window.__TAURI__.event;

export const state = {
  // The app (app.js, i18n.js, language.js): its language and texts, version, how it started.
  lang: 'en',
  texts: {},
  // The messages that choose by a count, and the language's plural rules (i18n.js `counted`).
  counted: { group: ',', messages: {} },
  plurals: new Intl.PluralRules('en'),
  version: '',
  demo: false,
  timing: false, // `JITOPS_TIMING`: the router reports each painted screen (`make bench`)
  // The router (router.js): the screen on show.
  screen: 'signin',
  // The account (account.js, the rail, dashboard.js): who is on screen, and the sync in
  // flight, shared by every drawing of the dashboard.
  signedIn: false,
  account: null,
  syncing: null,
  notices: [], // said on the dashboard beside signing in (the keyring, a damaged saved copy), as messages
  warnings: [], // the payment record's warnings said so far (dashboard.js)
  // The sign-in screens (signin.js): the portal chosen, what to fill in for an account that
  // needs its password again, a backup code's outcome to show once.
  portal: 'jitops',
  prefillEmail: null,
  prefillUrl: null,
  backupOutcome: null,
  // The invoice list (invoices.js, list-window.js): the filter, the search, the rows picked
  // for paying together, the drawing of the rows in view.
  filter: 'unpaid',
  listQuery: '',
  selected: new Set(),
  listWindow: null,
  // One invoice (invoice.js) and one quote (quotes.js).
  invoiceId: null,
  invoiceSaved: false, // the invoice on screen is the saved copy's: read again once signed in
  quoteId: null,
  // The statement screen's choices (statement.js): { all, from, to, prepared }.
  statement: null,
  // Payments (payment.js, dashboard.js): the payment followed (its latest `payment-progress`
  // event, as Rust sends it, and `since`), and the last event of each attempt.
  payment: null,
  progress: {},
  // The translation review (review.js): its filter.
  reviewFilter: '',
  reviewOnlyProblems: false,
};
