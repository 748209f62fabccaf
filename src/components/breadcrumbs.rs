//! Where the page sits.

use leptos::prelude::*;

use crate::i18n::{tr, use_locale, Key, PageKey};

/// One step of a breadcrumb trail: a message or a text, a link unless it is the current page.
#[derive(Clone)]
pub struct Crumb {
    label: CrumbLabel,
    href: Option<String>,
}

#[derive(Clone)]
enum CrumbLabel {
    Message(Key),
    Text(String),
}

impl Crumb {
    pub fn message(key: Key, href: Option<String>) -> Crumb {
        Crumb { label: CrumbLabel::Message(key), href }
    }

    pub fn text(text: String, href: Option<String>) -> Crumb {
        Crumb { label: CrumbLabel::Text(text), href }
    }
}

/// Where the page sits: "Sites › Boulangerie › Backups"; the last step is the current page.
#[component]
pub fn Breadcrumbs(trail: Vec<Crumb>) -> impl IntoView {
    let locale = use_locale();
    let last = trail.len().saturating_sub(1);
    view! {
        <nav class="breadcrumbs" aria-label=tr(PageKey::Breadcrumbs)>
            <ol>
                {trail
                    .into_iter()
                    .enumerate()
                    .map(|(i, crumb)| {
                        let label = move || match &crumb.label {
                            CrumbLabel::Message(key) => locale.get().tr(*key).to_owned(),
                            CrumbLabel::Text(text) => text.clone(),
                        };
                        match crumb.href.clone().filter(|_| i != last) {
                            Some(href) => view! { <li><a href=href>{label}</a></li> }.into_any(),
                            None => view! { <li aria-current="page">{label}</li> }.into_any(),
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
