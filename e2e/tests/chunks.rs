//! The split build: the first visit (sign-in, then the sites list) runs on the main module alone;
//! the other pages' chunk and stylesheet come when the browser is idle, once, hashed and cached for
//! good; a chunk or stylesheet that cannot be downloaded says so in the page's place, with a retry that
//! works once it is back.

use std::path::{Path, PathBuf};

use kiubi_e2e::{copy_tree, dist_dir, Harness};

/// The files of `dist` whose name starts with `prefix` (the file and its compressed copies).
fn files_named(dist: &Path, prefix: &str) -> Vec<PathBuf> {
    let files: Vec<PathBuf> = std::fs::read_dir(dist)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    assert!(!files.is_empty(), "no {prefix}… in {}: is the build split?", dist.display());
    files
}

/// The URLs of the chunks named `prefix` (`split_pages-`, `split_reports-`) the page has downloaded so far.
async fn downloads_of(h: &Harness, prefix: &str) -> Vec<String> {
    h.script(&format!(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/{prefix}'));"
    ))
    .await
}

async fn chunk_downloads(h: &Harness) -> Vec<String> {
    downloads_of(h, "split_pages-").await
}

/// Whether the plans page has the lazy pages' rules (its list is a grid by `style/pages.css` only).
async fn plans_styled(h: &Harness) -> bool {
    h.script(
        "const list = document.querySelector('.plans'); return !!list && getComputedStyle(list).display === 'grid';",
    )
    .await
}

/// As after a new deploy that removed the lazy pages' files this page's loader names (those named
/// `prefix`): the first visit works, the plans page says its code could not be downloaded, and its
/// Retry shows the page, styled, once the files are back.
async fn missing_then_retried(prefix: &str) {
    let dist = tempfile::tempdir().unwrap();
    copy_tree(&dist_dir(), dist.path());
    let aside = tempfile::tempdir().unwrap();
    let files = files_named(dist.path(), prefix);
    for file in &files {
        std::fs::rename(file, aside.path().join(file.file_name().unwrap())).unwrap();
    }
    let h = Harness::start_with(|config| config.dist = Some(dist.path().to_owned())).await;
    // Sign-in, then the sites list: no chunk needed.
    h.sign_in_to_sites().await;

    h.click("#sidebar a[href$='/plans']").await;
    h.wait_for_text(".error-panel", "could not be downloaded").await.unwrap();

    for file in &files {
        std::fs::rename(aside.path().join(file.file_name().unwrap()), file).unwrap();
    }
    h.click(".error-panel button").await;
    h.wait_for_text("h1", "Plans").await.unwrap();
    kiubi_e2e::wait_until("the plans page styled", std::time::Duration::from_secs(10), async || plans_styled(&h).await)
        .await;
    h.close().await;
}

#[tokio::test]
async fn a_missing_chunk_leaves_the_first_visit_whole_and_its_page_says_so_then_retries() {
    missing_then_retried("split_pages-").await;
}

#[tokio::test]
async fn a_missing_pages_stylesheet_is_a_failed_download_too_and_its_retry_works() {
    missing_then_retried("pages-").await;
}

#[tokio::test]
async fn the_chunk_comes_once_when_idle_and_then_pages_open_without_a_download() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    // Fetched while the user looks at the sites list.
    kiubi_e2e::wait_until("the idle prefetch of the chunk", std::time::Duration::from_secs(10), async || {
        !chunk_downloads(&h).await.is_empty()
    })
    .await;
    let chunk = chunk_downloads(&h).await.remove(0);
    for (link, title) in [("/plans", "Plans"), ("/account", "Account"), ("/", "Portfolio")] {
        h.click(&format!("#sidebar a[href$='{link}']")).await;
        h.wait_for_text("h1", title).await.unwrap();
    }
    assert_eq!(chunk_downloads(&h).await, vec![chunk.clone()], "one download of the chunk");
    // The client reports' code comes only with them, their rules ready.
    assert!(downloads_of(&h, "split_reports-").await.is_empty(), "the pages need not the reports' code");
    h.click(".site-card[data-state=ready] .pick input").await;
    h.click(".selection-bar a.bulk-reports").await;
    h.text_of(".client-report .report-site").await;
    assert_eq!(downloads_of(&h, "split_reports-").await.len(), 1);
    let styled: String =
        h.script("return getComputedStyle(document.querySelector('.client-report')).borderTopStyle").await;
    assert_eq!(styled, "solid", "the report's rules (style/pages.css) are there");

    // Hashed, compressed and cached for good, like the other assets.
    let heads = h
        .browser
        .execute_async(
            "const done = arguments[1];
             fetch(arguments[0], { cache: 'no-store' }).then(r => done([
                 r.headers.get('content-type'), r.headers.get('content-encoding'), r.headers.get('cache-control')]));",
            vec![serde_json::Value::String(chunk)],
        )
        .await
        .unwrap();
    let heads: Vec<Option<String>> = serde_json::from_value(heads).unwrap();
    assert_eq!(heads[0].as_deref(), Some("application/wasm"), "{heads:?}");
    assert_eq!(heads[1].as_deref(), Some("br"), "{heads:?}");
    assert!(heads[2].as_deref().unwrap_or("").contains("immutable"), "{heads:?}");
    h.close().await;
}
