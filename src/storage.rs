//! The browser's two key-value stores. A browser without them (disabled, some private modes) only
//! costs the memory of what was kept; a write the browser refuses (its storage full) is `Refused`,
//! for what says "saved" to say otherwise.

/// Kept across browser restarts.
pub fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Kept for this tab only.
pub fn per_tab() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The non-empty value of `key`.
pub fn read(storage: Option<web_sys::Storage>, key: &str) -> Option<String> {
    storage?.get_item(key).ok().flatten().filter(|v| !v.is_empty())
}

/// The browser refused to keep a value (its storage is full): what it had under the key stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// Keeps `value` under `key`; without a store, nothing is kept and nothing refused.
pub fn write(storage: Option<web_sys::Storage>, key: &str, value: &str) -> Result<(), Refused> {
    match storage {
        Some(storage) => storage.set_item(key, value).map_err(|_| Refused),
        None => Ok(()),
    }
}

pub fn remove(storage: Option<web_sys::Storage>, key: &str) {
    if let Some(storage) = storage {
        let _ = storage.remove_item(key);
    }
}

/// How long a kept value lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeptFor {
    /// Across browser restarts (`localStorage`).
    Device,
    /// For this tab (`sessionStorage`).
    Tab,
}

impl KeptFor {
    fn store(self) -> Option<web_sys::Storage> {
        match self {
            KeptFor::Device => local(),
            KeptFor::Tab => per_tab(),
        }
    }
}

/// Where one panel keeps its session and its user's data. On its own page, the browser's stores
/// under `kiubi.`; embedded, the host's: under `kiubi.panel.<key>.` when the host opts in with
/// a `storage-key`, else only in memory (an embedded panel does not touch its host origin's keys).
#[derive(Clone, Debug)]
pub enum PanelStorage {
    Browser { prefix: String },
    Memory(std::rc::Rc<std::cell::RefCell<std::collections::HashMap<(KeptFor, String), String>>>),
}

impl PanelStorage {
    /// The standalone panel's.
    pub fn own_page() -> PanelStorage {
        PanelStorage::Browser { prefix: "kiubi.".to_owned() }
    }

    /// An embedded panel's: `storage_key` chosen by its host, or memory only.
    pub fn embedded(storage_key: Option<&str>) -> PanelStorage {
        match storage_key.map(str::trim).filter(|k| !k.is_empty()) {
            Some(key) => PanelStorage::Browser { prefix: format!("kiubi.panel.{key}.") },
            None => PanelStorage::Memory(Default::default()),
        }
    }

    pub fn read(&self, kept_for: KeptFor, name: &str) -> Option<String> {
        match self {
            PanelStorage::Browser { prefix } => read(kept_for.store(), &format!("{prefix}{name}")),
            PanelStorage::Memory(map) => {
                map.borrow().get(&(kept_for, name.to_owned())).filter(|v| !v.is_empty()).cloned()
            }
        }
    }

    pub fn write(&self, kept_for: KeptFor, name: &str, value: &str) -> Result<(), Refused> {
        match self {
            PanelStorage::Browser { prefix } => write(kept_for.store(), &format!("{prefix}{name}"), value),
            PanelStorage::Memory(map) => {
                map.borrow_mut().insert((kept_for, name.to_owned()), value.to_owned());
                Ok(())
            }
        }
    }

    pub fn remove(&self, kept_for: KeptFor, name: &str) {
        self.remove_where(kept_for, |n| n == name);
    }

    /// Removes every name (without the prefix) for which `doomed` holds.
    pub fn remove_where(&self, kept_for: KeptFor, doomed: impl Fn(&str) -> bool) {
        match self {
            PanelStorage::Browser { prefix } => {
                let Some(storage) = kept_for.store() else { return };
                let count = storage.length().unwrap_or(0);
                let keys: Vec<String> = (0..count)
                    .filter_map(|i| storage.key(i).ok().flatten())
                    .filter(|key| key.strip_prefix(prefix.as_str()).is_some_and(&doomed))
                    .collect();
                for key in keys {
                    let _ = storage.remove_item(&key);
                }
            }
            PanelStorage::Memory(map) => map.borrow_mut().retain(|(s, name), _| *s != kept_for || !doomed(name)),
        }
    }
}
