// The app's state in the window, and Tauri's events (its commands: `gen/commands.js`).

export const { listen } = window.__TAURI__.event;

export const state = {
  lang: 'en',
  texts: {},
  demo: false,
  syncing: null, // the sync in flight, shared by every drawing of the dashboard
  version: '',
  screen: 'signin',
  signedIn: false,
  account: null,
  filter: 'unpaid',
  invoiceId: null,
  invoiceSaved: false, // the invoice on screen is the saved copy's: read again once signed in
  quoteId: null,
  statement: null, // { all, from, to, prepared }: the statement screen's choices
  portal: 'jitops',
  payment: null, // the payment followed: its latest `payment-progress` event (snake_case, as Rust sends it) and `since`
  progress: {}, // the last payment-progress event of each payment attempt followed
  listWindow: null,
  listQuery: '',
  notice: null,
};
