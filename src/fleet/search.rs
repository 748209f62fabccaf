//! The sites that work over many sites is about: every site of a search, read page by page (the
//! home's trials, a selection of all the sites of a search, the whole account), or of a selection.

use std::ops::ControlFlow;

use kiubi_wire::models::Site;
use kiubi_wire::params::{SitesQuery, MAX_LIMIT};

use super::quota::QuotaPause;
use crate::api::{ApiClient, ApiError};
use crate::places::SitesView;
use crate::selection::{site_refs, Matching, Selection, SiteRef};

/// The sites of a search, as far as they were read.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub sites: Vec<Site>,
    /// How many sites the search matches, as the API said (or as counted, when it did not say).
    pub total: i64,
}

/// What the caller of a listing says after each page: go on, or stop there (its dialog was closed:
/// no more requests for a list nobody waits for). A listing stopped ends in `ApiError::Aborted`.
pub type GoOn = ControlFlow<()>;

/// The sites of `query`, its pages read in turn (`MAX_LIMIT` sites each, from the first) until one
/// is not full, every site is read, or `max_pages` were read; `pause`, if given, spares the quota
/// before each page; `read` is told how many sites were read so far, and says whether to go on.
pub async fn every_site(
    client: &ApiClient,
    query: &SitesQuery,
    max_pages: u32,
    pause: Option<QuotaPause>,
    read: impl Fn(usize) -> GoOn,
) -> Result<Listing, ApiError> {
    let mut sites = Vec::new();
    let mut total = None;
    for page in 0..max_pages {
        if let Some(pause) = pause {
            pause.wait(client).await;
        }
        let reply = client.sites(&SitesQuery { page: Some(page), limit: Some(MAX_LIMIT), ..query.clone() }).await?;
        total = reply.meta.items_count.or(total);
        let full = reply.data.items.len() >= MAX_LIMIT as usize;
        sites.extend(reply.data.items);
        if read(sites.len()).is_break() {
            return Err(ApiError::Aborted);
        }
        if !full || total.is_some_and(|total| sites.len() as i64 >= total) {
            break;
        }
    }
    let total = total.unwrap_or(sites.len() as i64);
    Ok(Listing { sites, total })
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
        return Ok(every_site(client, &SitesView::default().to_query(), u32::MAX, Some(pause), read).await?.sites);
    };
    // The pages the search had, and one more for sites added since.
    let pages = matching.total.div_ceil(MAX_LIMIT) + 1;
    let listing = every_site(client, &matching.view.to_query(), pages, Some(pause), read).await?;
    Ok(listing.sites.into_iter().filter(|site| !matching.except.contains(&site.code_site)).collect())
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
