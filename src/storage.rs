//! The browser's two key-value stores. A browser that refuses storage (private mode, quota, disabled)
//! only costs the memory of what was kept: every call here fails quietly.

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

pub fn write(storage: Option<web_sys::Storage>, key: &str, value: &str) {
    if let Some(storage) = storage {
        let _ = storage.set_item(key, value);
    }
}

pub fn remove(storage: Option<web_sys::Storage>, key: &str) {
    if let Some(storage) = storage {
        let _ = storage.remove_item(key);
    }
}

/// Removes every key starting with `prefix`.
pub fn remove_prefixed(storage: Option<web_sys::Storage>, prefix: &str) {
    let Some(storage) = storage else { return };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> =
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|key| key.starts_with(prefix)).collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}
