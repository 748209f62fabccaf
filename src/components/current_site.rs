//! The site of the current page, loaded once by the site's frame for all its tabs.

use kiubi_wire::models::Site;
use leptos::prelude::*;

use crate::api::ApiError;

/// The site of the current page, for the tabs inside it.
#[derive(Clone, Copy)]
pub struct CurrentSite {
    pub code: Signal<String>,
    pub site: LocalResource<Result<Site, ApiError>>,
}

pub fn use_current_site() -> CurrentSite {
    expect_context::<CurrentSite>()
}
