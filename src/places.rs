//! Every place of the panel has its own URL, and the state of a view (search, filters, page) lives in
//! it, so a reload or a shared link lands on the same view. This module builds and reads those URLs.

use kiubi_wire::calendar::{Day, Moment};
use kiubi_wire::encoding::{encode_component, form_urlencode};
use kiubi_wire::enums::{ActivityType, SiteSort, SiteType};
use kiubi_wire::params::{LogsQuery, SitesQuery, MAX_LIMIT};

use crate::i18n::Locale;
use crate::visit_report::{Metric, Period, Preset};

/// The portfolio home, once signed in.
pub const HOME: &str = "/";
pub const SITES: &str = "/sites";
pub const NEW_SITE: &str = "/sites/new";
pub const PLANS: &str = "/plans";
pub const ACCOUNT: &str = "/account";
/// Client reports: of one site (`site=`), else of the sites selected.
pub const REPORTS: &str = "/reports";

/// The pages inside a site, each a tab of the site and an entry of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteTab {
    Overview,
    Statistics,
    Activity,
    Backups,
    Subscription,
}

impl SiteTab {
    pub const ALL: &'static [SiteTab] =
        &[SiteTab::Overview, SiteTab::Statistics, SiteTab::Activity, SiteTab::Backups, SiteTab::Subscription];

    /// The path after `/sites/{code}`.
    fn suffix(self) -> &'static str {
        match self {
            SiteTab::Overview => "",
            SiteTab::Statistics => "/stats",
            SiteTab::Activity => "/activity",
            SiteTab::Backups => "/backups",
            SiteTab::Subscription => "/subscription",
        }
    }
}

impl SiteTab {
    fn of_suffix(suffix: &str) -> Option<SiteTab> {
        SiteTab::ALL.iter().copied().find(|tab| tab.suffix() == suffix)
    }
}

pub const SIGN_IN: &str = "/sign-in";

/// The sign-in page, asked to come back to `next` afterwards; `expired` explains why the user is there.
pub fn sign_in(next: &str, expired: bool) -> String {
    let mut pairs = vec![("next", next.to_owned())];
    if expired {
        pairs.push(("expired", "1".to_owned()));
    }
    format!("{SIGN_IN}?{}", kiubi_wire::encoding::form_urlencode(&pairs))
}

/// Where to go after signing in: `next` when it is a path of this app, else the home.
pub fn after_sign_in(next: Option<&str>) -> String {
    match next {
        Some(path) if is_own_path(path) && !path.starts_with(SIGN_IN) => path.to_owned(),
        _ => HOME.to_owned(),
    }
}

/// Whether `path` is a path of the panel's own origin, as a browser resolves it: `//host`, `/\host`
/// (a browser reads `\` as `/`) and a tab or line break (which it drops) could lead elsewhere.
pub fn is_own_path(path: &str) -> bool {
    path.starts_with('/')
        && !matches!(path.as_bytes().get(1), Some(b'/' | b'\\'))
        && !path.chars().any(|c| c == '\\' || c.is_control())
}

/// The pages of the panel, from a place's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    SignIn,
    Home,
    Sites,
    NewSite,
    Site(String, SiteTab),
    Plans,
    Account,
    Reports,
    NotFound,
}

impl Place {
    pub fn of_path(path: &str) -> Place {
        let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
        match path {
            "" | "/" => Place::Home,
            SIGN_IN => Place::SignIn,
            SITES => Place::Sites,
            NEW_SITE => Place::NewSite,
            PLANS => Place::Plans,
            ACCOUNT => Place::Account,
            REPORTS => Place::Reports,
            _ => site_of_path(path)
                .and_then(|code| {
                    let suffix = &path[SITES.len() + 1 + code.len()..];
                    // A path component: `+` is itself there, not a space (that is a form's rule).
                    let code = kiubi_wire::encoding::percent_decode(code, false).ok()?;
                    SiteTab::of_suffix(suffix).map(|tab| Place::Site(code, tab))
                })
                .unwrap_or(Place::NotFound),
        }
    }
}

/// `/sites/{code}` and its tabs.
pub fn site(code_site: &str, tab: SiteTab) -> String {
    format!("{SITES}/{}{}", encode_component(code_site, false), tab.suffix())
}

/// The code of the site a path is in, if any (`/sites/{code}/…`, not `/sites/new`).
pub fn site_of_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(SITES)?.strip_prefix('/')?;
    let code = rest.split('/').next().filter(|code| !code.is_empty())?;
    (format!("{SITES}/{code}") != NEW_SITE).then_some(code)
}

/// What the sites list shows: its URL's query, read leniently (a bad value falls back to the default).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SitesView {
    pub term: String,
    pub site_type: Option<SiteType>,
    /// `None`: the default order, by relevance while searching, else by code.
    pub sort: Option<SiteSort>,
    /// 0-based.
    pub page: u32,
    /// Only sites with these of the agency's labels (`organize`): any of them, or every one when
    /// `every_label`. Label names hold no comma, so the URL lists them as `labels=a,b`.
    pub labels: Vec<String>,
    pub every_label: bool,
    /// The search looks in the sites' notes too (`notes=1`).
    pub in_notes: bool,
}

impl SitesView {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> SitesView {
        SitesView {
            term: get("term").map(|t| t.trim().to_owned()).unwrap_or_default(),
            site_type: get("type").and_then(|t| SiteType::parse(&t)),
            sort: get("sort").and_then(|s| SiteSort::parse(&s)),
            page: get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
            labels: get("labels")
                .map(|names| names.split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect())
                .unwrap_or_default(),
            every_label: get("match").as_deref() == Some("all"),
            in_notes: get("notes").as_deref() == Some("1"),
        }
    }

    /// Whether the list is read and filtered here rather than paged by the API: the labels and
    /// the notes are the panel's own, not the API's.
    pub fn is_local(&self) -> bool {
        !self.labels.is_empty() || (self.in_notes && !self.term.is_empty())
    }

    /// The order the list is in: the chosen one, else relevance while searching, else by code.
    pub fn effective_sort(&self) -> SiteSort {
        match self.sort {
            // Relevance means nothing without a term.
            Some(SiteSort::Relevance) if self.term.is_empty() => SiteSort::default(),
            Some(sort) => sort,
            None if !self.term.is_empty() => SiteSort::Relevance,
            None => SiteSort::default(),
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.term.is_empty() || self.site_type.is_some() || !self.labels.is_empty()
    }

    pub fn to_query(&self) -> SitesQuery {
        SitesQuery {
            term: Some(self.term.clone()).filter(|t| !t.is_empty()),
            site_type: self.site_type,
            sort: Some(self.effective_sort()),
            limit: Some(MAX_LIMIT),
            page: Some(self.page),
        }
    }

    /// `{at}?…` (the sites list or the home, which browse sites alike), with only what differs from
    /// the defaults.
    pub fn url_at(&self, at: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !self.term.is_empty() {
            pairs.push(("term", &self.term));
        }
        if let Some(site_type) = self.site_type {
            pairs.push(("type", site_type.as_str()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.as_str()));
        }
        let labels = self.labels.join(",");
        if !labels.is_empty() {
            pairs.push(("labels", &labels));
        }
        if self.every_label && self.labels.len() > 1 {
            pairs.push(("match", "all"));
        }
        if self.in_notes {
            pairs.push(("notes", "1"));
        }
        let page = self.page.to_string();
        if self.page > 0 {
            pairs.push(("page", &page));
        }
        with_query(at, &form_urlencode(&pairs))
    }

    /// The same view on page `page`.
    pub fn on_page(&self, page: u32) -> SitesView {
        SitesView { page, ..self.clone() }
    }
}

/// The visit report's choices, in the statistics page's URL: `range` (a preset) or `from` and `to`
/// (ISO days), `metric`, and `compare=1` for the overlay of the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportView {
    pub range: ReportRange,
    pub metric: Metric,
    pub compare: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportRange {
    Preset(Preset),
    Custom(Period),
}

impl Default for ReportView {
    fn default() -> ReportView {
        ReportView { range: ReportRange::Preset(Preset::Days30), metric: Metric::Visitors, compare: false }
    }
}

impl ReportView {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ReportView {
        let day = |name: &str| get(name).and_then(|d| Day::parse_iso(&d));
        let range = match (day("from"), day("to")) {
            (Some(from), Some(to)) => ReportRange::Custom(Period::between(from, to)),
            _ => ReportRange::Preset(get("range").and_then(|r| Preset::parse(&r)).unwrap_or(Preset::Days30)),
        };
        ReportView {
            range,
            metric: get("metric").and_then(|m| Metric::parse(&m)).unwrap_or(Metric::Visitors),
            compare: get("compare").as_deref() == Some("1"),
        }
    }

    /// The query string (without `?`), with only what differs from the defaults.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        match self.range {
            ReportRange::Preset(Preset::Days30) => {}
            ReportRange::Preset(preset) => pairs.push(("range", preset.as_str().to_owned())),
            ReportRange::Custom(period) => {
                pairs.push(("from", period.start.to_iso()));
                pairs.push(("to", period.end.to_iso()));
            }
        }
        if self.metric != Metric::Visitors {
            pairs.push(("metric", self.metric.as_str().to_owned()));
        }
        if self.compare {
            pairs.push(("compare", "1".to_owned()));
        }
        form_urlencode(&pairs)
    }

    pub fn period(&self, today: Day) -> Period {
        match self.range {
            ReportRange::Preset(preset) => Period::preset(preset, today),
            ReportRange::Custom(period) => period,
        }
    }
}

/// What a client report compares its period with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Comparison {
    /// The period of the same length just before.
    #[default]
    Previous,
    /// The same days a year before.
    YearBefore,
}

impl Comparison {
    pub fn of(self, period: Period) -> Period {
        match self {
            Comparison::Previous => period.previous(),
            Comparison::YearBefore => period.year_before(),
        }
    }
}

/// A client report's choices, in its URL: `site` (one site; without it, the sites selected), `from`
/// and `to` (ISO days; by default the last full calendar month), `compare=year` for the same days a
/// year before (else the previous period), `lang` (the report's language, whatever the panel's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportsView {
    pub site: Option<String>,
    pub period: Period,
    pub comparison: Comparison,
    pub lang: Option<Locale>,
}

impl ReportsView {
    pub fn from_query(get: impl Fn(&str) -> Option<String>, today: Day) -> ReportsView {
        let day = |name: &str| get(name).and_then(|d| Day::parse_iso(&d));
        let period = match (day("from"), day("to")) {
            (Some(from), Some(to)) => Period::between(from, to),
            _ => Period::preset(Preset::LastMonth, today),
        };
        let lang = get("lang").and_then(|l| Locale::ALL.into_iter().find(|locale| locale.code() == l));
        ReportsView {
            site: get("site").filter(|code| !code.is_empty()),
            period,
            comparison: if get("compare").as_deref() == Some("year") {
                Comparison::YearBefore
            } else {
                Comparison::Previous
            },
            lang,
        }
    }

    /// `/reports?…`: the period always (a link keeps its month when opened later).
    pub fn url(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(site) = &self.site {
            pairs.push(("site", site.clone()));
        }
        pairs.push(("from", self.period.start.to_iso()));
        pairs.push(("to", self.period.end.to_iso()));
        if self.comparison == Comparison::YearBefore {
            pairs.push(("compare", "year".to_owned()));
        }
        if let Some(lang) = self.lang {
            pairs.push(("lang", lang.code().to_owned()));
        }
        with_query(REPORTS, &form_urlencode(&pairs))
    }
}

/// The report of site `code_site` for the last full month.
pub fn report_of(code_site: &str) -> String {
    with_query(REPORTS, &form_urlencode(&[("site", code_site.to_owned())]))
}

/// The activity feed's filters, in its URL: `type` (a comma list), `since` (`YYYY-MM-DDTHH:mm`),
/// `page` (0-based).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActivityView {
    pub types: Vec<ActivityType>,
    pub since: Option<Moment>,
    pub page: u32,
}

impl ActivityView {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ActivityView {
        let listed = get("type").unwrap_or_default();
        ActivityView {
            // Kept in the order of `ActivityType::ALL`, so one filter has one URL.
            types: ActivityType::ALL.iter().copied().filter(|t| listed.split(',').any(|v| v == t.as_str())).collect(),
            since: get("since").and_then(|s| Moment::parse_input_value(&s)),
            page: get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        }
    }

    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.types.is_empty() {
            pairs.push(("type", self.types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(",")));
        }
        if let Some(since) = self.since {
            pairs.push(("since", since.to_input_value()));
        }
        if self.page > 0 {
            pairs.push(("page", self.page.to_string()));
        }
        form_urlencode(&pairs)
    }

    /// The same filters with `kind` switched on or off, from the first page.
    pub fn toggled(&self, kind: ActivityType) -> ActivityView {
        let types = ActivityType::ALL
            .iter()
            .copied()
            .filter(|t| if *t == kind { !self.types.contains(t) } else { self.types.contains(t) })
            .collect();
        ActivityView { types, page: 0, ..self.clone() }
    }

    pub fn to_logs_query(&self, limit: u32) -> LogsQuery {
        LogsQuery { types: self.types.clone(), since: self.since, limit: Some(limit), page: Some(self.page) }
    }
}

/// The parameter of the plans page naming the site whose plan is marked.
pub const PLANS_SITE: &str = "site";

/// The plans, with the plan of site `code_site` marked.
pub fn plans_for(code_site: &str) -> String {
    with_query(PLANS, &form_urlencode(&[(PLANS_SITE, code_site.to_owned())]))
}

/// `base` with `query` when there is one.
pub fn with_query(base: &str, query: &str) -> String {
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plans_of_a_site_carry_its_code_encoded() {
        assert_eq!(plans_for("hotel-lyon"), "/plans?site=hotel-lyon");
        assert_eq!(plans_for("a&b=c"), "/plans?site=a%26b%3Dc");
    }

    #[test]
    fn a_client_report_s_view_defaults_to_last_month_and_round_trips() {
        let today = Day { year: 2026, month: 12, day: 6 };
        let read = |url: &str| {
            let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
            let pairs = kiubi_wire::encoding::form_urldecode(query).unwrap();
            ReportsView::from_query(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()), today)
        };
        let default = read("/reports");
        let november =
            Period { start: Day { year: 2026, month: 11, day: 1 }, end: Day { year: 2026, month: 11, day: 30 } };
        assert_eq!(default, ReportsView { site: None, period: november, comparison: Comparison::Previous, lang: None });
        assert_eq!(Place::of_path(REPORTS), Place::Reports);
        let chosen = ReportsView {
            site: Some("a&b".into()),
            period: Period { start: Day { year: 2026, month: 3, day: 2 }, end: Day { year: 2026, month: 3, day: 9 } },
            comparison: Comparison::YearBefore,
            lang: Some(Locale::En),
        };
        assert_eq!(read(&chosen.url()), chosen);
        assert_eq!(report_of("a&b"), "/reports?site=a%26b");
        assert_eq!(read("/reports?lang=de&compare=nope&from=2026-13-01&to=x"), default, "bad values: the defaults");
        assert_eq!(Comparison::YearBefore.of(november).start, Day { year: 2025, month: 11, day: 1 });
        assert_eq!(Comparison::Previous.of(november).end, Day { year: 2026, month: 10, day: 31 });
    }

    #[test]
    fn sign_in_returns_only_to_paths_of_the_app() {
        assert_eq!(after_sign_in(Some("/sites?page=2")), "/sites?page=2");
        assert_eq!(after_sign_in(Some("//evil.example/x")), "/");
        for elsewhere in ["/\\evil.example", "/\t/evil.example", "/\n/evil.example", "\\\\evil.example", "/a\\..\\/x"] {
            assert_eq!(after_sign_in(Some(elsewhere)), "/", "{elsewhere:?}");
        }
        assert_eq!(after_sign_in(Some("https://evil.example")), "/");
        assert_eq!(after_sign_in(Some("/sign-in?next=/x")), "/");
        assert_eq!(after_sign_in(None), "/");
        assert_eq!(sign_in("/sites?page=2", true), "/sign-in?next=%2Fsites%3Fpage%3D2&expired=1");
    }

    fn view_of(url_query: &[(&str, &str)]) -> SitesView {
        SitesView::from_query(|name| url_query.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn a_view_round_trips_through_its_url() {
        let view = SitesView {
            term: "boulangerie lyon".into(),
            site_type: Some(SiteType::ClosingSoon),
            sort: Some(SiteSort::CreationDateDesc),
            page: 3,
            labels: vec!["Client Dupont".into(), "e-commerce".into()],
            every_label: true,
            in_notes: true,
        };
        assert_eq!(
            view.url_at(SITES),
            "/sites?term=boulangerie+lyon&type=closing_soon&sort=-creation_date&labels=Client+Dupont%2Ce-commerce&match=all&notes=1&page=3"
        );
        let back = view_of(&[
            ("term", "boulangerie lyon"),
            ("type", "closing_soon"),
            ("sort", "-creation_date"),
            ("labels", "Client Dupont, e-commerce,"),
            ("match", "all"),
            ("notes", "1"),
            ("page", "3"),
        ]);
        assert_eq!(back, view);
        assert!(back.is_local() && back.is_filtered());
        let one_label = SitesView { labels: vec!["vip".into()], every_label: true, ..Default::default() };
        assert_eq!(one_label.url_at(SITES), "/sites?labels=vip", "all of one label is that label");
        let notes_without_term = SitesView { in_notes: true, ..Default::default() };
        assert!(!notes_without_term.is_local(), "no term: nothing to look for in the notes");
        assert_eq!(SitesView::default().url_at(SITES), "/sites");
        assert_eq!(SitesView { page: 1, ..Default::default() }.url_at(HOME), "/?page=1");
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        assert_eq!(view_of(&[("type", "nope"), ("sort", "x"), ("page", "-2")]), SitesView::default());
    }

    #[test]
    fn searching_sorts_by_relevance_unless_told_otherwise() {
        let searching = view_of(&[("term", "lyon")]);
        assert_eq!(searching.effective_sort(), SiteSort::Relevance);
        assert_eq!(searching.to_query().term.as_deref(), Some("lyon"));
        assert_eq!(view_of(&[("term", "lyon"), ("sort", "code_site")]).effective_sort(), SiteSort::CodeSite);
        assert_eq!(view_of(&[("sort", "relevance")]).effective_sort(), SiteSort::CodeSite);
        assert_eq!(SitesView::default().to_query().term, None);
    }

    #[test]
    fn report_views_round_trip_through_the_url() {
        let custom = ReportView {
            range: ReportRange::Custom(Period {
                start: Day { year: 2026, month: 1, day: 1 },
                end: Day { year: 2026, month: 1, day: 31 },
            }),
            metric: Metric::Sales,
            compare: true,
        };
        assert_eq!(custom.to_query(), "from=2026-01-01&to=2026-01-31&metric=sales&compare=1");
        let back = view_query(&[("from", "2026-01-31"), ("to", "2026-01-01"), ("metric", "sales"), ("compare", "1")]);
        assert_eq!(back, custom);
        assert_eq!(ReportView::default().to_query(), "");
        assert_eq!(view_query(&[("range", "12m")]).range, ReportRange::Preset(Preset::Months12));
        assert_eq!(view_query(&[("range", "forever"), ("from", "x"), ("metric", "y")]), ReportView::default());
    }

    fn view_query(pairs: &[(&str, &str)]) -> ReportView {
        ReportView::from_query(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn activity_filters_round_trip_and_toggle() {
        let get = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let view =
            ActivityView::from_query(get(&[("type", "form,login,nope"), ("since", "2026-11-01T08:30"), ("page", "2")]));
        assert_eq!(view.types, [ActivityType::Login, ActivityType::Form]);
        assert_eq!(view.to_query(), "type=login%2Cform&since=2026-11-01T08%3A30&page=2");
        let toggled = view.toggled(ActivityType::Login).toggled(ActivityType::Update);
        assert_eq!(toggled.types, [ActivityType::Update, ActivityType::Form]);
        assert_eq!(toggled.page, 0);
        assert_eq!(ActivityView::default().to_query(), "");
        assert_eq!(with_query("/a", ""), "/a");
        assert_eq!(with_query("/a", "b=1"), "/a?b=1");
    }

    #[test]
    fn places_of_paths() {
        assert_eq!(Place::of_path("/"), Place::Home);
        assert_eq!(Place::of_path("/sites/"), Place::Sites);
        assert_eq!(Place::of_path("/sites/new"), Place::NewSite);
        assert_eq!(Place::of_path("/sign-in"), Place::SignIn);
        assert_eq!(Place::of_path("/sites/abc"), Place::Site("abc".into(), SiteTab::Overview));
        assert_eq!(Place::of_path("/sites/abc/stats"), Place::Site("abc".into(), SiteTab::Statistics));
        assert_eq!(Place::of_path("/sites/abc/nope"), Place::NotFound);
        assert_eq!(Place::of_path("/elsewhere"), Place::NotFound);
        for tab in SiteTab::ALL {
            assert_eq!(Place::of_path(&site("a-b", *tab)), Place::Site("a-b".into(), *tab));
        }
        // Codes the API may hold, whatever the stand-in accepts, come back from their own links.
        for code in ["a+b", "a b", "a%b", "é+/?#", "+"] {
            assert_eq!(
                Place::of_path(&site(code, SiteTab::Activity)),
                Place::Site(code.into(), SiteTab::Activity),
                "{code}"
            );
        }
        assert_eq!(Place::of_path("/sites/a+b"), Place::Site("a+b".into(), SiteTab::Overview));
        assert_eq!(Place::of_path("/sites/a%ZZ"), Place::NotFound);
    }

    #[test]
    fn site_paths() {
        assert_eq!(site("boulangerie", SiteTab::Overview), "/sites/boulangerie");
        assert_eq!(site("boulangerie", SiteTab::Backups), "/sites/boulangerie/backups");
        assert_eq!(site_of_path("/sites/boulangerie/backups"), Some("boulangerie"));
        assert_eq!(site_of_path("/sites/boulangerie"), Some("boulangerie"));
        assert_eq!(site_of_path("/sites/new"), None);
        assert_eq!(site_of_path("/sites"), None);
        assert_eq!(site_of_path("/sitesx/a"), None);
    }
}
