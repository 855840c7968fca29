//! Owns the desktop's side of the tray for the tests: a stand-in for the StatusNotifierWatcher
//! (the panel's registry of tray items) on the private session bus, and a reader of what the
//! app's item shows there (its label, its menu through com.canonical.dbusmenu) and a click on a
//! menu entry, as a panel would send it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
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

/// The panel stand-in, serving while it lives.
pub struct Panel {
    connection: zbus::Connection,
    items: Items,
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
        let connection = zbus::connection::Builder::session()
            .name("org.kde.StatusNotifierWatcher")
            .serve_at(
                "/StatusNotifierWatcher",
                Watcher {
                    items: items.clone(),
                },
            )
            .build()
            .await
            .expect("the watcher on the session bus");
        Panel { connection, items }
    }

    /// Forgets the items registered so far (an app that ended), so that the next one read is
    /// the next app's.
    pub fn forget_items(&self) {
        self.items.lock().unwrap().clear();
    }

    /// The app's item, once it has registered.
    async fn item(&self) -> (String, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(item) = self.items.lock().unwrap().last().cloned() {
                return item;
            }
            assert!(Instant::now() < deadline, "no tray item registered");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
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
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let menu = self.menu().await;
            if let Some(entry) = menu.iter().find(|e| pred(&e.label)) {
                return entry.clone();
            }
            assert!(
                Instant::now() < deadline,
                "the tray menu has no {what}: {menu:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits until the label beside the icon is `expected`.
    pub async fn wait_label(&self, expected: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let label = self.label().await;
            if label == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the tray's label is {label:?}, not {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
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
