//! The fetch layer in a real browser against a running stand-in (scripts/test.sh starts one with
//! `--test-control` and passes its address as `KIUBI_TEST_API` at build time). One test per endpoint,
//! then timeout, abort, retry, dedupe and job polling. Tests run one at a time in the page.
#![cfg(target_arch = "wasm32")]

use kiubi_panel::api::jobs::{JobOf, JobState, JobWatch, Pace};
use kiubi_panel::components::{page_action, page_resource};
use std::rc::Rc;

use kiubi_panel::api::{ApiClient, ApiError, FetchState};
use kiubi_wire::calendar::Day;
use kiubi_wire::enums::{ActivityType, SiteExtra, UsageExtra};
use kiubi_wire::models::Contact;
use kiubi_wire::params::{ContactUpdate, LogsQuery, NewSite, ReportQuery, SitesQuery};
use kiubi_wire::paths;
use wasm_bindgen_test::*;

mod support;
use support::wait_until;

wasm_bindgen_test_configure!(run_in_browser);

const DEMO_KEY: &str = "7c1e4a9b2d8f6035e1a7c9b4d2f80e6a135b7c9d";
const SHOP: &str = "hotel-lyon";
/// Jobs followed closely, with a deadline no test reaches unless it means to.
const PACE: Pace = Pace { poll_ms: 100, deadline_ms: 60_000 };

fn base() -> &'static str {
    let base = option_env!("KIUBI_TEST_API").unwrap_or_default();
    assert!(!base.is_empty(), "KIUBI_TEST_API: the stand-in's address, set by scripts/test.sh at build time");
    base
}

/// The demo key on the test stand-in, signed in for the tab to account `account_number`.
fn demo_signed_in(account_number: &str) -> kiubi_panel::session::SignedIn {
    kiubi_panel::session::SignedIn {
        token: DEMO_KEY.to_owned(),
        api_base: base().to_owned(),
        account_number: account_number.to_owned(),
        stay_signed_in: false,
    }
}

thread_local! {
    /// The state of the tests' panel: `client()`s share one cache and one set of GETs under way.
    static PANEL: Rc<FetchState> = FetchState::new();
}

fn client() -> ApiClient {
    ApiClient::sharing(PANEL.with(Clone::clone), base(), DEMO_KEY)
}

/// Changes the stand-in's faults and jobs (its `/_standin/control`).
async fn control(form: &str) {
    let response = gloo_net::http::Request::post(&format!("{}/_standin/control", base()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form.to_owned())
        .unwrap()
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "control {form}");
}

async fn reset() {
    // Tests count requests in the Resource Timing buffer, which keeps 250 entries by default and
    // drops later ones silently; all the tests run in one page.
    web_sys::window().unwrap().performance().unwrap().set_resource_timing_buffer_size(1_000_000);
    control("latency_ms=0&fault_share=0&fail_next=0&halt_jobs=false&refuse_new_site_jobs=false&job_ms=600").await;
}

#[wasm_bindgen_test]
async fn sites_and_site_detail() {
    reset().await;
    let reply =
        client().sites(&SitesQuery { term: Some("lyon".into()), limit: Some(5), ..Default::default() }).await.unwrap();
    assert_eq!(reply.data.items.len(), 5);
    assert!(reply.meta.items_count.unwrap() >= 5);
    let site = client().site(SHOP, SiteExtra::ALL).await.unwrap().data;
    assert_eq!(site.code_site, SHOP);
    assert!(site.features.unwrap().0.contains(&"checkout".to_owned()));
    assert!(site.account.is_some() && site.scopes.is_some());
}

#[wasm_bindgen_test]
async fn account_contact_and_partial_update() {
    reset().await;
    assert!(!client().account().await.unwrap().data.account_number.is_empty());
    let before: Contact = client().contact().await.unwrap().data;
    let mut after = before.clone();
    after.function = format!("{} (test)", before.function);
    client().update_contact(&ContactUpdate::changes(&before, &after)).await.unwrap();
    // The write invalidated the cached contact: a read shows the new value, and only it changed.
    let saved = client().contact().await.unwrap().data;
    assert_eq!(saved.function, after.function);
    assert_eq!(saved.lastname, before.lastname);
    let refused = ContactUpdate { fields: vec![("email", "not-an-email".into())] };
    let error = client().update_contact(&refused).await.unwrap_err();
    assert!(error.field_message("email").is_some(), "{error:?}");
}

#[wasm_bindgen_test]
async fn plans_countries_subscription_and_options() {
    reset().await;
    assert!(client().plans().await.unwrap().data.items.len() >= 3);
    assert!(client().countries().await.unwrap().data.items.iter().any(|c| c.code == "FR"));
    assert!(client().subscription(SHOP).await.unwrap().data.monthly_cost > 0.0);
    assert!(!client().options(SHOP).await.unwrap().data.items.is_empty());
}

#[wasm_bindgen_test]
async fn statistics_and_logs() {
    reset().await;
    assert!(client().stats(SHOP).await.unwrap().data.checkout.is_some());
    let live = raw_data(&format!("/v1/sites/{SHOP}/stats/live")).await["visitors"].as_i64();
    assert_eq!(client().live(SHOP).await.unwrap().data.visitors, live);
    let range = ReportQuery {
        start_date: Day { year: 2026, month: 1, day: 1 },
        end_date: Day { year: 2026, month: 1, day: 7 },
    };
    assert_eq!(client().report(SHOP, &range).await.unwrap().data.days.len(), 7);
    let usage = client().usage(SHOP, &[UsageExtra::Products]).await.unwrap().data;
    assert!(usage.products.is_some() && usage.users.is_none());
    let logs = client()
        .logs(SHOP, &LogsQuery { types: vec![ActivityType::Login], limit: Some(3), ..Default::default() })
        .await
        .unwrap();
    assert!(logs.data.items.iter().all(|a| a.activity_type.known() == Some(ActivityType::Login)));
    assert!(client().rate().await.unwrap().meta.rate_remaining.is_some());
}

#[wasm_bindgen_test]
async fn sign_in_with_login_and_use_the_session_token() {
    reset().await;
    let anonymous = ApiClient::new(base(), "");
    let login = |password: &str| [("login", "demo".to_owned()), ("password", password.to_owned())];
    let token = anonymous.sign_in(&paths::auth_token(), &login("demo-kiubi")).await.unwrap().data.token;
    // The session token opens the API like a key.
    assert!(ApiClient::new(base(), token).rate().await.is_ok());
    let refused = anonymous.sign_in(&paths::auth_token(), &login("wrong")).await.unwrap_err();
    assert!(matches!(refused, ApiError::Api { code: 4309, .. }), "{refused:?}");
    let bad_key = ApiClient::new(base(), "0".repeat(40)).sites(&SitesQuery::default()).await.unwrap_err();
    assert!(bad_key.is_auth_failure());
}

#[wasm_bindgen_test]
async fn backup_job_polled_to_done_then_restore() {
    reset().await;
    let job_id = client().create_backup(SHOP).await.unwrap().data.job_id;
    let watch = JobWatch::start(client(), SHOP.into(), job_id, JobOf::Site, PACE);
    let state = wait_until_over(&watch).await;
    assert_eq!(state, JobState::Done);
    let newest = client().backups(SHOP).await.unwrap().data.items[0].id.clone();
    let restore = client().restore_backup(SHOP, &newest).await.unwrap().data.job_id;
    assert_eq!(
        wait_until_over(&JobWatch::start(client(), SHOP.into(), restore, JobOf::Site, PACE)).await,
        JobState::Done
    );
}

#[wasm_bindgen_test]
async fn failing_job_is_polled_to_halt() {
    reset().await;
    control("halt_jobs=true").await;
    let job_id = client().create_backup(SHOP).await.unwrap().data.job_id;
    let state = wait_until_over(&JobWatch::start(client(), SHOP.into(), job_id, JobOf::Site, PACE)).await;
    assert!(matches!(&state, JobState::Failed(message) if !message.is_empty()), "{state:?}");
    reset().await;
}

#[wasm_bindgen_test]
async fn a_job_past_its_deadline_is_overdue_until_the_user_keeps_waiting() {
    use leptos::prelude::GetUntracked;
    reset().await;
    control("job_ms=3000").await;
    let job_id = client().create_backup(SHOP).await.unwrap().data.job_id;
    let watch = JobWatch::start(client(), SHOP.into(), job_id, JobOf::Site, Pace { poll_ms: 100, deadline_ms: 300 });
    wait_until("overdue", || std::future::ready(watch.overdue.get_untracked())).await;
    assert!(matches!(watch.state.get_untracked(), Some(JobState::Running { .. })));
    // Following is paused: the job ends at the API and the watch does not learn of it.
    let path = format!("/v1/sites/{SHOP}/jobs/{job_id}");
    wait_until("the job's end at the API", || async { raw_data(&path).await["status"] == "done" }).await;
    assert!(watch.overdue.get_untracked());
    assert!(matches!(watch.state.get_untracked(), Some(JobState::Running { .. })));
    watch.keep_waiting();
    assert!(!watch.overdue.get_untracked());
    assert_eq!(wait_until_over(&watch).await, JobState::Done);
    reset().await;
}

/// A new site of a code no other test uses.
fn new_site(prefix: &str) -> NewSite {
    NewSite {
        plan_id: 2,
        code_site: format!("{prefix}-{}", js_sys::Date::now() as u64 % 1_000_000),
        site_name: "Créé par le test".into(),
        contact_firstname: "Jeanne".into(),
        contact_lastname: "Durand".into(),
        contact_email: "jeanne@exemple.fr".into(),
        contact_address: "1 place Bellecour".into(),
        contact_zipcode: "69002".into(),
        contact_city: "Lyon".into(),
        contact_country_id: 1,
        contact_phone: "04 72 00 00 00".into(),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn site_creation_then_deletion() {
    reset().await;
    let site = new_site("wasm");
    let code = site.code_site.clone();
    let job_id = client().create_site(&site).await.unwrap().data.job_id;
    assert_eq!(
        wait_until_over(&JobWatch::start(client(), code.clone(), job_id, JobOf::NewSite, PACE)).await,
        JobState::Done
    );
    assert_eq!(client().site(&code, &[]).await.unwrap().data.name, "Créé par le test");
    client().delete_site(&code).await.unwrap();
    assert!(matches!(client().site(&code, &[]).await, Err(ApiError::Api { code: 4401, .. })));
}

#[wasm_bindgen_test]
async fn a_new_sites_refused_job_is_followed_until_the_site_exists() {
    use leptos::prelude::GetUntracked;
    reset().await;
    control("refuse_new_site_jobs=true&job_ms=1500").await;
    let site = new_site("refused");
    let code = site.code_site.clone();
    let job_id = client().create_site(&site).await.unwrap().data.job_id;
    // An existing site's job refused is a failure; a new site's, a wait.
    let strict = JobWatch::start(client(), code.clone(), job_id, JobOf::Site, PACE);
    wait_until("the refusal", || std::future::ready(strict.error.get_untracked().is_some())).await;
    let watch = JobWatch::start(client(), code.clone(), job_id, JobOf::NewSite, PACE);
    wait_until("under way", || std::future::ready(watch.state.get_untracked().is_some())).await;
    assert_eq!(watch.state.get_untracked(), Some(JobState::Running { progression: 0, step: None }));
    assert_eq!(wait_until_over(&watch).await, JobState::Done);
    assert_eq!(client().site(&code, &[]).await.unwrap().data.name, "Créé par le test");
    control("refuse_new_site_jobs=false").await;
    client().delete_site(&code).await.unwrap();
    reset().await;
}

#[wasm_bindgen_test]
async fn a_slow_api_times_out() {
    reset().await;
    control("latency_ms=1500").await;
    let error = client().with_timeout_ms(300).live(SHOP).await.unwrap_err();
    reset().await;
    assert_eq!(error, ApiError::Timeout);
}

#[wasm_bindgen_test]
async fn reads_are_retried_after_a_503_and_writes_are_not() {
    reset().await;
    control("fail_next=1").await;
    assert!(client().live(SHOP).await.is_ok(), "the second try succeeds");
    control("fail_next=1").await;
    let error = client().create_backup(SHOP).await.unwrap_err();
    assert!(matches!(error, ApiError::Api { http_status: 503, .. }), "{error:?}");
}

#[wasm_bindgen_test]
async fn identical_reads_under_way_share_one_request() {
    reset().await;
    control("latency_ms=300").await;
    let path = format!("/v1/sites/{SHOP}/stats/live.json");
    let before = resource_count(&path);
    let (first, second) = (client(), client());
    let (a, b) = futures::join!(first.live(SHOP), second.live(SHOP));
    reset().await;
    assert_eq!(a.unwrap().data, b.unwrap().data);
    assert_eq!(resource_count(&path) - before, 1, "one network request for both");
}

#[wasm_bindgen_test]
async fn a_left_page_aborts_its_requests() {
    reset().await;
    control("latency_ms=1000").await;
    let (owner, scope) = page();
    let scoped = client().within(&scope);
    let request = scoped.live(SHOP);
    let leave = async {
        until_under_way().await;
        // Leaving the page cleans its owner up, which aborts.
        drop(owner);
    };
    let (result, ()) = futures::join!(request, leave);
    reset().await;
    assert_eq!(result.unwrap_err(), ApiError::Aborted);
}

#[wasm_bindgen_test]
async fn a_shared_read_goes_on_for_those_still_waiting() {
    reset().await;
    control("latency_ms=600").await;
    let path = format!("/v1/sites/{SHOP}/stats/live.json");
    let before = resource_count(&path);
    let ((left, left_scope), (_stays, stays_scope)) = (page(), page());
    let leave = async {
        until_under_way().await;
        drop(left);
    };
    let (leaving, staying) = (client().within(&left_scope), client().within(&stays_scope));
    let (gone, kept, ()) = futures::join!(leaving.live(SHOP), staying.live(SHOP), leave);
    assert_eq!(gone.unwrap_err(), ApiError::Aborted, "the page left stops waiting");
    assert!(kept.is_ok(), "the other page gets its reply: {kept:?}");
    assert_eq!(resource_count(&path) - before, 1, "one network request for both");
    // When every waiter has gone, the request is abandoned, and the next read starts afresh.
    let ((first, first_scope), (second, second_scope)) = (page(), page());
    let leave_both = async {
        until_under_way().await;
        drop(first);
        drop(second);
    };
    let (one, two) = (client().within(&first_scope), client().within(&second_scope));
    let (a, b, ()) = futures::join!(one.live(SHOP), two.live(SHOP), leave_both);
    assert_eq!((a.unwrap_err(), b.unwrap_err()), (ApiError::Aborted, ApiError::Aborted));
    reset().await;
    assert!(client().live(SHOP).await.is_ok(), "a read after an abandoned one is not handed its abort");
}

#[wasm_bindgen_test]
async fn panels_and_tokens_share_no_reply() {
    reset().await;
    control("latency_ms=200").await;
    const OTHER_KEY: &str = "0f9e8d7c6b5a49382716a5b4c3d2e1f009182736";
    // One panel, two tokens at once, then from its cache; and a second panel of its own.
    let ours = FetchState::new();
    let demo = ApiClient::sharing(ours.clone(), base(), DEMO_KEY);
    let other = ApiClient::sharing(ours.clone(), base(), OTHER_KEY);
    let (a, b) = futures::join!(demo.account(), other.account());
    let (a, b) = (a.unwrap().data.account_number, b.unwrap().data.account_number);
    assert_eq!((a.as_str(), b.as_str()), ("100234", "999001"));
    assert_eq!(other.account().await.unwrap().data.account_number, "999001");
    assert_eq!(demo.account().await.unwrap().data.account_number, "100234");
    let elsewhere = ApiClient::sharing(FetchState::new(), base(), OTHER_KEY);
    assert_eq!(elsewhere.contact().await.unwrap().data.lastname, "Durand");
    assert_eq!(demo.contact().await.unwrap().data.lastname, "Martin");
    reset().await;
}

#[wasm_bindgen_test]
async fn a_new_session_keeps_what_its_own_token_read_and_forgets_the_rest() {
    reset().await;
    const OTHER_KEY: &str = "0f9e8d7c6b5a49382716a5b4c3d2e1f009182736";
    let path = "/v1/plans.json";
    let state = FetchState::new();
    let (ours, theirs) =
        (ApiClient::sharing(state.clone(), base(), DEMO_KEY), ApiClient::sharing(state.clone(), base(), OTHER_KEY));
    ours.plans().await.unwrap();
    theirs.plans().await.unwrap();
    state.forget_all_but(DEMO_KEY);
    let before = resource_count(path);
    ours.plans().await.unwrap();
    assert_eq!(resource_count(path), before, "the new session's own read is kept");
    theirs.plans().await.unwrap();
    assert_eq!(resource_count(path), before + 1, "another token's is forgotten");
}

#[wasm_bindgen_test]
fn a_session_without_an_account_number_keeps_no_user_data() {
    use kiubi_panel::session::Session;
    let owner = leptos::prelude::Owner::new();
    owner.with(|| {
        let session = Session::restore(kiubi_panel::storage::PanelStorage::embedded(None), base().to_owned());
        session.sign_in(demo_signed_in(" "));
        assert!(session.user_data().is_none(), "no account: nobody's data");
        session.set_account("100234".to_owned());
        assert!(session.user_data().is_some());
    });
}

/// A page: its owner (dropping it is leaving the page) and the scope of its requests.
fn page() -> (leptos::prelude::Owner, kiubi_panel::api::PageScope) {
    let owner = leptos::prelude::Owner::new();
    let scope = owner.with(kiubi_panel::api::PageScope::new);
    (owner, scope)
}

/// Until a request of the panel's fetch layer is under way (the tests run one at a time).
async fn until_under_way() {
    use leptos::prelude::GetUntracked;
    let busy = PANEL.with(|state| state.busy());
    wait_until("a request under way", || std::future::ready(busy.get_untracked() > 0)).await;
}

/// How many requests for `path` the browser made (resource timing).
fn resource_count(path: &str) -> usize {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let entries = performance.get_entries_by_type("resource");
    (0..entries.length())
        .filter_map(|i| js_sys::Reflect::get(&entries.get(i), &"name".into()).ok()?.as_string())
        .filter(|name| name.contains(path))
        .count()
}

/// `data` of `GET path` with the demo key, read without the fetch layer under test.
async fn raw_data(path: &str) -> serde_json::Value {
    let request = gloo_net::http::Request::get(&format!("{}{path}", base()));
    let reply = request.header("Authorization", &format!("token {DEMO_KEY}")).send().await.unwrap();
    reply.json::<serde_json::Value>().await.unwrap()["data"].take()
}

/// The job's last state, once it ended (a failed poll fails the test).
async fn wait_until_over(watch: &JobWatch) -> JobState {
    use leptos::prelude::GetUntracked;
    wait_until("the job's end", || {
        assert!(watch.error.get_untracked().is_none(), "{:?}", watch.error.get_untracked());
        std::future::ready(watch.state.get_untracked().is_some_and(|state| state.is_over()))
    })
    .await;
    watch.state.get_untracked().unwrap()
}

#[wasm_bindgen_test]
async fn page_resource_and_page_action_use_the_signed_in_session() {
    use kiubi_panel::session::Session;
    use leptos::prelude::*;
    reset().await;
    // mount_to does this in the app; a test without a mount does it itself (a second call is refused, harmlessly).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let (resource, action) = owner.with(|| {
        let session = Session::restore(kiubi_panel::storage::PanelStorage::embedded(None), base().to_owned());
        session.sign_in(demo_signed_in("100234"));
        provide_context(session);
        let resource = page_resource(|client| async move { client.live(SHOP).await });
        let action = page_action(|client, code: String| async move { client.create_backup(&code).await });
        (resource, action)
    });
    let live = raw_data(&format!("/v1/sites/{SHOP}/stats/live")).await["visitors"].as_i64();
    assert_eq!(resource.await.unwrap().data.visitors, live);
    owner.with(|| action.dispatch(SHOP.to_owned()));
    wait_until("the action's end", || std::future::ready(action.value().get_untracked().is_some())).await;
    assert!(action.value().get_untracked().unwrap().unwrap().data.job_id > 0);
    owner.with(|| expect_context::<Session>().sign_out());
}

#[wasm_bindgen_test]
async fn slow_changing_data_is_cached_until_refreshed() {
    reset().await;
    let path = "/v1/geo/countries.json";
    let first = client().countries().await.unwrap().data;
    let requests = resource_count(path);
    // Served from the session cache: no request, so an API failure does not reach it.
    control("fail_next=1").await;
    assert_eq!(client().countries().await.unwrap().data, first);
    assert_eq!(resource_count(path), requests);
    control("fail_next=0").await;
    // A new session forgets it.
    client().state().forget();
    assert_eq!(client().countries().await.unwrap().data, first);
    assert_eq!(resource_count(path), requests + 1);
}

#[wasm_bindgen_test]
async fn rate_remaining_and_the_auth_failure_hook() {
    use leptos::prelude::GetUntracked;
    use std::cell::Cell;
    reset().await;
    client().plans().await.unwrap();
    client().live(SHOP).await.unwrap();
    assert!(client().state().rate_remaining().get_untracked().is_some_and(|r| r > 0));
    // Two panels: a refused token calls its own panel's hook only.
    let (ours, other) = (FetchState::new(), FetchState::new());
    let calls = Rc::new(Cell::new(0));
    let counter = calls.clone();
    ours.on_auth_failure(move || counter.set(counter.get() + 1));
    let other_calls = Rc::new(Cell::new(0));
    let other_counter = other_calls.clone();
    other.on_auth_failure(move || other_counter.set(other_counter.get() + 1));
    let refused = ApiClient::sharing(ours.clone(), base(), "f".repeat(40)).live(SHOP).await.unwrap_err();
    assert!(refused.is_auth_failure());
    assert_eq!(calls.get(), 1, "a refused token calls the hook, and is not retried");
    assert_eq!(other_calls.get(), 0, "another panel's hook is not called");
    ApiClient::sharing(ours, base(), DEMO_KEY).live(SHOP).await.unwrap();
    assert_eq!(calls.get(), 1);
}

/// A many-site runner whose owner is gone (an export's dialog closed while its sites were listed)
/// starts nothing and does not fail when the listing ends and hands it a batch.
#[wasm_bindgen_test]
async fn a_runner_whose_owner_is_gone_starts_nothing() {
    use kiubi_panel::many_sites::{Batch, Runner, Step};
    use kiubi_panel::session::Session;
    use leptos::prelude::*;
    reset().await;
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // The session outlives the runner, as the panel's outlives a dialog.
    let panel = Owner::new();
    let session = panel.with(|| {
        let session = Session::restore(kiubi_panel::storage::PanelStorage::embedded(None), base().to_owned());
        session.sign_in(demo_signed_in("100234"));
        session
    });
    let dialog = panel.with(Owner::new);
    let started = std::rc::Rc::new(std::cell::Cell::new(0));
    let counted = started.clone();
    let runner = dialog.with(|| {
        Runner::new(session, Batch::new(Vec::<String>::new(), 2), move |_| {
            counted.set(counted.get() + 1);
            async { Step::Done }
        })
    });
    dialog.cleanup();
    assert!(session.client().is_some(), "the session is still there");
    runner.replace(Batch::new(vec!["a".to_owned(), "b".to_owned()], 2));
    runner.resume();
    any_spawner::Executor::tick().await;
    assert_eq!(started.get(), 0, "nothing started for a runner that is gone");
    panel.with(|| session.sign_out());
}

/// A listing of many sites stops after the page where its caller says so (a dialog closed while its
/// sites were listed): no more requests, and `Aborted`, not a list.
#[wasm_bindgen_test]
async fn a_listing_stops_when_its_caller_says_so() {
    use kiubi_panel::many_sites::quota::QuotaPause;
    use kiubi_panel::many_sites::{selected_sites, GoOn};
    use kiubi_panel::organize::Workspace;
    use kiubi_panel::selection::Selection;
    use leptos::prelude::*;
    reset().await;
    let owner = Owner::new();
    let pause = owner.with(QuotaPause::new);
    let mut selection = Selection::default();
    let sites = client().sites(&SitesQuery { limit: Some(3), ..Default::default() }).await.unwrap().data.items;
    for site in &sites {
        selection.toggle(&(site.code_site.clone(), site.name.clone()));
    }
    let told = std::cell::Cell::new(0);
    let listed = selected_sites(&client(), &selection, &Workspace::default(), pause, |read| {
        told.set(read);
        GoOn::Break(())
    })
    .await;
    assert!(matches!(listed, Err(ApiError::Aborted)), "{listed:?}");
    assert_eq!(told.get(), 1, "one site read, then none");
    let all =
        selected_sites(&client(), &selection, &Workspace::default(), pause, |_| GoOn::Continue(())).await.unwrap();
    assert_eq!(all.len(), 3);
}
