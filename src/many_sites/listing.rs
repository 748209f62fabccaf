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
use crate::organize::Workspace;
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

/// Go on while the listing's owner (a dialog, a page) is there and wants it: `alive` is its flag as
/// read without tracking, `None` once it is gone.
pub fn go_on_while(alive: Option<bool>) -> GoOn {
    if alive == Some(true) {
        GoOn::Continue(())
    } else {
        GoOn::Break(())
    }
}

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

/// What the API lists for a view of the sites list: the sites of its search, and, when the search
/// looks in the notes too, those of its type alone (a note is the panel's: the API cannot search
/// it).
#[derive(Debug, Clone, PartialEq)]
pub struct ViewListing {
    pub found: Listing<Site>,
    pub unsearched: Option<Listing<Site>>,
}

impl ViewListing {
    /// The sites `view` shows, in the API's order (those found by their notes after): the agency's
    /// labels and notes (`organize`) sort out what the API listed.
    pub fn sites(&self, view: &SitesView, workspace: &Workspace) -> Vec<Site> {
        let mut sites = self.found.items.clone();
        if let Some(unsearched) = &self.unsearched {
            let by_note = unsearched.items.iter().filter(|site| {
                workspace.note_holds(&site.code_site, &view.term)
                    && !self.found.items.iter().any(|found| found.code_site == site.code_site)
            });
            sites.extend(by_note.cloned());
        }
        sites.retain(|site| workspace.has_labels(&site.code_site, &view.labels, view.every_label));
        sites
    }

    /// Whether every site the API has for the view was read.
    pub fn complete(&self) -> bool {
        self.found.complete && self.unsearched.as_ref().is_none_or(|listing| listing.complete)
    }
}

/// The API's listing of `view`, every page of it (`every_site`) when the view is filtered here
/// (`SitesView::is_local`), else `max_pages`.
pub async fn read_view(
    client: &ApiClient,
    view: &SitesView,
    max_pages: u32,
    pause: Option<QuotaPause>,
    read: impl Fn(usize) -> GoOn,
) -> Result<ViewListing, ApiError> {
    let max_pages = if view.is_local() { u32::MAX } else { max_pages };
    let found = every_site(client, &view.to_query(), max_pages, pause, &read).await?;
    let unsearched = match view.in_notes && view.is_local() && !view.term.is_empty() {
        true => {
            let unsearched = SitesView { term: String::new(), ..view.clone() };
            Some(every_site(client, &unsearched.to_query(), max_pages, pause, |n| read(found.items.len() + n)).await?)
        }
        false => None,
    };
    Ok(ViewListing { found, unsearched })
}

/// Every site that `matching` selects, or, without one, every site of the account; read sparing the
/// quota (`pause`); `read` is told how many sites were read so far, and says whether to go on.
/// `workspace`: the agency's labels and notes, for a search filtered by them.
pub async fn matching_sites(
    client: &ApiClient,
    matching: Option<&Matching>,
    workspace: &Workspace,
    pause: QuotaPause,
    read: impl Fn(usize) -> GoOn,
) -> Result<Vec<Site>, ApiError> {
    let Some(matching) = matching else {
        return Ok(every_site(client, &SitesView::default().to_query(), u32::MAX, Some(pause), read).await?.items);
    };
    // The pages the search had, and one more for sites added since.
    let pages = matching.total.div_ceil(MAX_LIMIT) + 1;
    let listing = read_view(client, &matching.view, pages, Some(pause), read).await?;
    let sites = listing.sites(&matching.view, workspace);
    Ok(sites.into_iter().filter(|site| !matching.except.contains(&site.code_site)).collect())
}

/// The selected sites, code and name: those picked, or every site of the search selected whole.
pub async fn selected_refs(
    client: &ApiClient,
    selection: &Selection,
    workspace: &Workspace,
    pause: QuotaPause,
    read: impl Fn(usize) -> GoOn,
) -> Result<Vec<SiteRef>, ApiError> {
    match selection.matching() {
        None => Ok(selection.picked().cloned().collect()),
        Some(matching) => Ok(site_refs(&matching_sites(client, Some(matching), workspace, pause, read).await?)),
    }
}

/// The selected sites as the API describes them: every site of the search selected whole, or each
/// site picked, read on its own.
pub async fn selected_sites(
    client: &ApiClient,
    selection: &Selection,
    workspace: &Workspace,
    pause: QuotaPause,
    read: impl Fn(usize) -> GoOn,
) -> Result<Vec<Site>, ApiError> {
    if let Some(matching) = selection.matching() {
        return matching_sites(client, Some(matching), workspace, pause, read).await;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_goes_on_while_its_owner_is_there_and_wants_it() {
        assert!(go_on_while(Some(true)).is_continue());
        assert!(go_on_while(Some(false)).is_break(), "closed");
        assert!(go_on_while(None).is_break(), "gone");
    }
}
