//! The sites that work over many sites is about: every site of a search, read page by page (the
//! home's trials, a selection of all the sites of a search, the whole account), or of a selection.

use std::future::Future;
use std::ops::ControlFlow;

use kiubi_wire::envelope::Reply;
use kiubi_wire::lenient::List;
use kiubi_wire::models::Site;
use kiubi_wire::params::{SitesQuery, MAX_LIMIT};

use super::quota::QuotaPause;
use crate::api::{ApiClient, ApiError};
use crate::places::SitesView;
use crate::selection::{site_refs, Matching, Selection, SiteRef};

/// The items of a paged list, as far as they were read.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing<T> {
    pub items: Vec<T>,
    /// How many items the list has, as the API said (or as counted, when it did not say).
    pub total: i64,
    /// Whether every item was read (the last page was reached, not `max_pages`).
    pub complete: bool,
}

/// What the caller of a listing says after each page: go on, or stop there (its dialog was closed:
/// no more requests for a list nobody waits for). A listing stopped ends in `ApiError::Aborted`.
pub type GoOn = ControlFlow<()>;

/// The items of a paged list, its pages (`MAX_LIMIT` items each, from the first, asked by
/// `page_of`) read in turn until one is not full, every item is read, or `max_pages` were read;
/// `pause`, if given, spares the quota before each page; `read` is told how many items were read so
/// far, and says whether to go on. The one pager of work over many pages (sites, a site's activity).
pub async fn every_page<T, Page>(
    client: &ApiClient,
    max_pages: u32,
    pause: Option<QuotaPause>,
    page_of: impl Fn(u32) -> Page,
    read: impl Fn(usize) -> GoOn,
) -> Result<Listing<T>, ApiError>
where
    Page: Future<Output = Result<Reply<List<T>>, ApiError>>,
{
    let mut items = Vec::new();
    let mut total = None;
    let mut complete = false;
    for page in 0..max_pages {
        if let Some(pause) = pause {
            pause.wait(client).await;
        }
        let reply = page_of(page).await?;
        total = reply.meta.items_count.or(total);
        let full = reply.data.len() >= MAX_LIMIT as usize;
        items.extend(reply.data.items);
        if read(items.len()).is_break() {
            return Err(ApiError::Aborted);
        }
        if !full || total.is_some_and(|total| items.len() as i64 >= total) {
            complete = true;
            break;
        }
    }
    let total = total.unwrap_or(items.len() as i64);
    Ok(Listing { items, total, complete })
}

/// The sites of `query`, read by `every_page`.
pub async fn every_site(
    client: &ApiClient,
    query: &SitesQuery,
    max_pages: u32,
    pause: Option<QuotaPause>,
    read: impl Fn(usize) -> GoOn,
) -> Result<Listing<Site>, ApiError> {
    let page_of = |page| {
        let query = SitesQuery { page: Some(page), limit: Some(MAX_LIMIT), ..query.clone() };
        async move { client.sites(&query).await }
    };
    every_page(client, max_pages, pause, page_of, read).await
}

/// Every site that `matching` selects, or, without one, every site of the account; read sparing the
/// quota (`pause`); `read` is told how many sites were read so far, and says whether to go on.
pub async fn matching_sites(
    client: &ApiClient,
    matching: Option<&Matching>,
    pause: QuotaPause,
    read: impl Fn(usize) -> GoOn,
) -> Result<Vec<Site>, ApiError> {
    let Some(matching) = matching else {
        return Ok(every_site(client, &SitesView::default().to_query(), u32::MAX, Some(pause), read).await?.items);
    };
    // The pages the search had, and one more for sites added since.
    let pages = matching.total.div_ceil(MAX_LIMIT) + 1;
    let listing = every_site(client, &matching.view.to_query(), pages, Some(pause), read).await?;
    Ok(listing.items.into_iter().filter(|site| !matching.except.contains(&site.code_site)).collect())
}

/// The selected sites, code and name: those picked, or every site of the search selected whole.
pub async fn selected_refs(
    client: &ApiClient,
    selection: &Selection,
    pause: QuotaPause,
    read: impl Fn(usize) -> GoOn,
) -> Result<Vec<SiteRef>, ApiError> {
    match selection.matching() {
        None => Ok(selection.picked().cloned().collect()),
        Some(matching) => Ok(site_refs(&matching_sites(client, Some(matching), pause, read).await?)),
    }
}

/// The selected sites as the API describes them: every site of the search selected whole, or each
/// site picked, read on its own.
pub async fn selected_sites(
    client: &ApiClient,
    selection: &Selection,
    pause: QuotaPause,
    read: impl Fn(usize) -> GoOn,
) -> Result<Vec<Site>, ApiError> {
    if let Some(matching) = selection.matching() {
        return matching_sites(client, Some(matching), pause, read).await;
    }
    let mut sites = Vec::new();
    for (code, _) in selection.picked() {
        pause.wait(client).await;
        sites.push(client.site(code, &[]).await?.data);
        if read(sites.len()).is_break() {
            return Err(ApiError::Aborted);
        }
    }
    Ok(sites)
}
