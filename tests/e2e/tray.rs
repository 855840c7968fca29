//! Owns the desktop's side of the tray and notifications for the tests: stand-ins for the
//! StatusNotifierWatcher (the panel's registry of tray items) and the notification service on
//! the private session bus; a reader of what the app's item shows there (its label, its menu
//! through com.canonical.dbusmenu) and of the notifications asked for; clicks on a menu entry
//! and on a notification, as a panel sends them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use zbus::{OwnedVariant as OwnedValue, Variant as Value};

/// (bus name, object path) of each item registered.
type Items = Arc<Mutex<Vec<(String, String)>>>;

struct Watcher {
    items: Items,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(
        &self,
        service: &str,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        // An item names its object path (the bus name is then the caller's) or its bus name.
        let (bus, path) = if service.starts_with('/') {
            (sender, service.to_owned())
        } else {
            (service.to_owned(), "/StatusNotifierItem".to_owned())
        };
        self.items.lock().unwrap().push((bus, path));
    }

    fn register_status_notifier_host(&self, _service: &str) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .unwrap()
            .iter()
            .map(|(bus, path)| format!("{bus}{path}"))
            .collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

/// A notification the app asked the desktop to show.
#[derive(Debug, Clone)]
pub struct Shown {
    pub id: u32,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
}

type Notices = Arc<Mutex<Vec<Shown>>>;

struct NotificationService {
    shown: Notices,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl NotificationService {
    // The service's method, as the specification names its arguments.
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        _app_name: &str,
        _replaces_id: u32,
        _app_icon: &str,
        summary: &str,
        body: &str,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        let id = shown.len() as u32 + 1;
        shown.push(Shown {
            id,
            summary: summary.to_owned(),
            body: body.to_owned(),
            actions,
        });
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    fn close_notification(&self, _id: u32) {}

    fn get_server_information(&self) -> (String, String, String, String) {
        ("panel".into(), "e2e".into(), "1".into(), "1.2".into())
    }
}

/// The panel stand-in, serving while it lives.
pub struct Panel {
    connection: zbus::Connection,
    items: Items,
    shown: Notices,
}

/// One entry of the item's menu.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i32,
    pub label: String,
    pub enabled: bool,
}

impl Panel {
    /// Takes the watcher's name on the session bus (before the app starts: an indicator looks
    /// for it when it is made).
    pub async fn start() -> Panel {
        let items = Items::default();
        let shown = Notices::default();
        let connection = zbus::connection::Builder::session()
            .name("org.kde.StatusNotifierWatcher")
            .name("org.freedesktop.Notifications")
            .serve_at(
                "/StatusNotifierWatcher",
                Watcher {
                    items: items.clone(),
                },
            )
            .serve_at(
                "/org/freedesktop/Notifications",
                NotificationService {
                    shown: shown.clone(),
                },
            )
            .build()
            .await
            .expect("the panel on the session bus");
        Panel {
            connection,
            items,
            shown,
        }
    }

    /// Waits until `count` notifications whose summary satisfies `pred` were asked for.
    pub async fn wait_notifications(
        &self,
        count: usize,
        pred: impl Fn(&str) -> bool,
    ) -> Vec<Shown> {
        let matching = || -> Vec<Shown> {
            let shown = self.shown.lock().unwrap();
            shown.iter().filter(|n| pred(&n.summary)).cloned().collect()
        };
        let enough = || async {
            let found = matching();
            (found.len() >= count).then_some(found)
        };
        let explain = || {
            let shown = self.shown.lock().unwrap();
            format!("{} of {count} notifications: {shown:?}", matching().len())
        };
        test_support::wait::until_or(Duration::from_secs(30), enough, explain).await
    }

    /// Clicks the notification, as the desktop reports a click on its body (the default
    /// action).
    pub async fn click_notification(&self, id: u32) {
        self.connection
            .emit_signal(
                None::<&str>,
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "ActionInvoked",
                &(id, "default"),
            )
            .await
            .expect("the click is said on the bus");
    }

    /// Forgets the items registered and the notifications asked for so far (by an app that
    /// ended), so that what is read next is the next app's.
    pub fn forget(&self) {
        self.items.lock().unwrap().clear();
        self.shown.lock().unwrap().clear();
    }

    /// The app's item, once it has registered.
    async fn item(&self) -> (String, String) {
        let registered = || async { self.items.lock().unwrap().last().cloned() };
        test_support::wait::until(
            "a tray item registered",
            Duration::from_secs(30),
            registered,
        )
        .await
    }

    async fn item_proxy(&self) -> zbus::Proxy<'static> {
        let (bus, path) = self.item().await;
        zbus::Proxy::new(&self.connection, bus, path, "org.kde.StatusNotifierItem")
            .await
            .expect("the item's proxy")
    }

    /// The text beside the icon (the indicator's label).
    pub async fn label(&self) -> String {
        let item = self.item_proxy().await;
        let value = self.property(&item, "XAyatanaLabel").await;
        String::try_from(value).unwrap_or_default()
    }

    /// A property of the item, read afresh (a proxy would answer from its cache).
    async fn property(&self, item: &zbus::Proxy<'static>, name: &str) -> OwnedValue {
        self.connection
            .call_method(
                Some(item.destination().to_owned()),
                item.path().to_owned(),
                Some("org.freedesktop.DBus.Properties"),
                "Get",
                &("org.kde.StatusNotifierItem", name),
            )
            .await
            .unwrap_or_else(|e| panic!("the item's {name}: {e}"))
            .body()
            .deserialize::<OwnedValue>()
            .expect("a variant")
    }

    async fn menu_path(&self, item: &zbus::Proxy<'static>) -> zbus::OwnedObjectPath {
        self.property(item, "Menu")
            .await
            .try_into()
            .expect("the menu's object path")
    }

    /// The menu's entries, in order (separators left out).
    pub async fn menu(&self) -> Vec<Entry> {
        let item = self.item_proxy().await;
        let menu_path = self.menu_path(&item).await;
        let reply = self
            .connection
            .call_method(
                Some(item.destination().to_owned()),
                menu_path,
                Some("com.canonical.dbusmenu"),
                "GetLayout",
                &(0i32, -1i32, Vec::<String>::new()),
            )
            .await
            .expect("the menu's layout");
        type Node = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);
        let (_revision, root): (u32, Node) = reply.body().deserialize().expect("a layout");
        let mut entries = vec![];
        for child in &root.2 {
            collect(child, &mut entries);
        }
        entries
    }

    /// Waits until the menu has an entry whose label satisfies `pred`.
    pub async fn wait_entry(&self, what: &str, pred: impl Fn(&str) -> bool) -> Entry {
        let last = Mutex::new(vec![]);
        let found = || async {
            let menu = self.menu().await;
            let entry = menu.iter().find(|e| pred(&e.label)).cloned();
            *last.lock().unwrap() = menu;
            entry
        };
        let explain = || format!("the tray menu has no {what}: {:?}", last.lock().unwrap());
        test_support::wait::until_or(Duration::from_secs(30), found, explain).await
    }

    /// Waits until the label beside the icon is `expected`.
    pub async fn wait_label(&self, expected: &str) {
        let last = Mutex::new(String::new());
        let shown = || async {
            let label = self.label().await;
            let done = (label == expected).then_some(());
            *last.lock().unwrap() = label;
            done
        };
        let explain = || {
            format!(
                "the tray's label is {:?}, not {expected:?}",
                last.lock().unwrap()
            )
        };
        test_support::wait::until_or(Duration::from_secs(30), shown, explain).await
    }

    /// Clicks the menu entry labelled `label`, as a panel does.
    pub async fn click(&self, label: &str) {
        let entry = self.wait_entry(label, |l| l == label).await;
        assert!(entry.enabled, "{label} is disabled");
        let item = self.item_proxy().await;
        let menu_path = self.menu_path(&item).await;
        let stamp = 0u32;
        self.connection
            .call_method(
                Some(item.destination().to_owned()),
                menu_path,
                Some("com.canonical.dbusmenu"),
                "Event",
                &(entry.id, "clicked", Value::from(0i32), stamp),
            )
            .await
            .expect("the click reaches the menu");
    }
}

/// A layout node `(id, properties, children)` inside a variant: its entry, then its children's.
fn collect(node: &Value<'_>, out: &mut Vec<Entry>) {
    let node = match node {
        Value::Variant(inner) => inner.as_ref(),
        other => other,
    };
    let Value::Structure(s) = node else {
        return;
    };
    let fields = s.fields();
    let id = match fields.first() {
        Some(Value::I32(id)) => *id,
        _ => return,
    };
    let mut label = None;
    let mut enabled = true;
    let mut separator = false;
    if let Some(Value::Dict(props)) = fields.get(1) {
        for (key, value) in props.iter() {
            let key = match key {
                Value::Str(k) => k.as_str().to_owned(),
                _ => continue,
            };
            let value = match value {
                Value::Variant(v) => v.as_ref(),
                v => v,
            };
            match (key.as_str(), value) {
                // GTK's mnemonic marks: `_` before a letter, `__` for an underscore.
                ("label", Value::Str(l)) => {
                    label = Some(
                        l.as_str()
                            .replace("__", "\u{0}")
                            .replace('_', "")
                            .replace('\u{0}', "_"),
                    )
                }
                ("enabled", Value::Bool(b)) => enabled = *b,
                ("type", Value::Str(t)) => separator = t.as_str() == "separator",
                _ => {}
            }
        }
    }
    if !separator {
        out.push(Entry {
            id,
            label: label.unwrap_or_default(),
            enabled,
        });
    }
    if let Some(Value::Array(children)) = fields.get(2) {
        for child in children.iter() {
            collect(child, out);
        }
    }
}
