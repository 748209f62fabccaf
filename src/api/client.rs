use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder};
use kiubi_wire::lenient::List;
use kiubi_wire::models::*;
use kiubi_wire::params::{
    form_urlencode, site_extra_fields, usage_extra_fields, ContactUpdate, LogsQuery, NewSite, ReportQuery, SiteExtra,
    SitesQuery, UsageExtra,
};
use kiubi_wire::{error_code, paths, Failure, Meta, Reply};
use leptos::prelude::*;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::policy::{is_cacheable, is_invalidated_by};
use super::{sleep_ms, ApiError, PageScope};

/// Every request gives up after this long unless the client says otherwise.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// A reply as it came: its HTTP status and body, decoded by each caller into its own type.
#[derive(Clone)]
struct Raw {
    status: u16,
    body: Rc<str>,
}

type InFlight = Shared<LocalBoxFuture<'static, Result<Raw, ApiError>>>;

/// State shared by every client of the page: the browser runs one thread, so a thread-local is the app's.
#[derive(Default)]
struct SharedState {
    /// Identical GETs under way: a second caller awaits the first request.
    in_flight: RefCell<HashMap<String, InFlight>>,
    /// Successful replies of slow-changing data, by URL, for the session.
    cache: RefCell<HashMap<String, Raw>>,
    on_auth_failure: RefCell<Option<Rc<dyn Fn()>>>,
}

thread_local! {
    static SHARED: SharedState = SharedState::default();
    static RATE_REMAINING: ArcRwSignal<Option<i64>> = ArcRwSignal::new(None);
    static IN_FLIGHT: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// How many requests are under way (the shell's progress bar).
pub fn in_flight() -> ArcRwSignal<u32> {
    IN_FLIGHT.with(Clone::clone)
}

/// Counts one request under way for as long as it lives, however it ends.
struct InFlightGuard;

impl InFlightGuard {
    fn new() -> InFlightGuard {
        IN_FLIGHT.with(|n| n.update(|n| *n += 1));
        InFlightGuard
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        IN_FLIGHT.with(|n| n.update(|n| *n = n.saturating_sub(1)));
    }
}

/// `meta.rate_remaining` of the latest reply that had one.
pub fn rate_remaining() -> ArcRwSignal<Option<i64>> {
    RATE_REMAINING.with(Clone::clone)
}

/// Called (once per failure burst) when the API refuses the token: the app signs out and goes to sign-in.
pub fn on_auth_failure(hook: impl Fn() + 'static) {
    SHARED.with(|s| *s.on_auth_failure.borrow_mut() = Some(Rc::new(hook)));
}

/// Forgets cached replies, as when the token changes.
pub fn forget_cache() {
    SHARED.with(|s| s.cache.borrow_mut().clear());
}

/// A client for one API base URL and one token. Cheap to clone; pages get it from the session.
#[derive(Clone, Debug)]
pub struct ApiClient {
    /// Origin (and optional path prefix) before `/v1/…`; empty means the panel's own origin.
    base: String,
    /// Empty for the calls that need none (sign-in with login and password).
    token: String,
    timeout_ms: u32,
    /// Aborted when the page that made the client is left.
    scope: Option<web_sys::AbortSignal>,
}

impl PartialEq for ApiClient {
    fn eq(&self, other: &ApiClient) -> bool {
        (&self.base, &self.token, self.timeout_ms) == (&other.base, &other.token, other.timeout_ms)
    }
}

impl ApiClient {
    pub fn new(base: impl Into<String>, token: impl Into<String>) -> ApiClient {
        ApiClient {
            base: base.into().trim_end_matches('/').to_owned(),
            token: token.into(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            scope: None,
        }
    }

    pub fn with_timeout_ms(mut self, timeout_ms: u32) -> ApiClient {
        self.timeout_ms = timeout_ms;
        self
    }

    /// The same client, whose requests are aborted when `scope`'s page is left.
    pub fn within(mut self, scope: &PageScope) -> ApiClient {
        self.scope = Some(scope.signal());
        self
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> String {
        let mut url = format!("{}{}", self.base, path);
        if !query.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&form_urlencode(query));
        }
        url
    }

    /// One request, with the timeout and the page's abort signal; the token only in the header.
    async fn send_once(&self, method: Method, url: String, form: Option<String>) -> Result<Raw, ApiError> {
        let _counted = InFlightGuard::new();
        let timeout = web_sys::AbortSignal::timeout_with_u32(self.timeout_ms);
        let signal = match &self.scope {
            Some(scope) => web_sys::AbortSignal::any(&js_sys::Array::of2(&timeout, scope)),
            None => timeout.clone(),
        };
        let transport_error = |e: gloo_net::Error| {
            if timeout.aborted() {
                ApiError::Timeout
            } else if self.scope.as_ref().is_some_and(web_sys::AbortSignal::aborted) {
                ApiError::Aborted
            } else {
                ApiError::Network(e.to_string())
            }
        };
        let mut builder = RequestBuilder::new(&url).method(method).abort_signal(Some(&signal));
        if !self.token.is_empty() {
            builder = builder.header("Authorization", &format!("token {}", self.token));
        }
        let request = match form {
            Some(body) => builder
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body)
                .map_err(|e| ApiError::Network(e.to_string()))?,
            None => builder.build().map_err(|e| ApiError::Network(e.to_string()))?,
        };
        let response = request.send().await.map_err(transport_error)?;
        let status = response.status();
        let body = response.text().await.map_err(transport_error)?;
        Ok(Raw { status, body: body.into() })
    }

    /// A GET shared with any identical GET already under way.
    async fn send_shared(&self, url: String) -> Result<Raw, ApiError> {
        let existing = SHARED.with(|s| s.in_flight.borrow().get(&url).cloned());
        let request = match existing {
            Some(request) => request,
            None => {
                let client = self.clone();
                let key = url.clone();
                let request = async move {
                    let result = client.send_once(Method::GET, key.clone(), None).await;
                    SHARED.with(|s| s.in_flight.borrow_mut().remove(&key));
                    result
                }
                .boxed_local()
                .shared();
                SHARED.with(|s| s.in_flight.borrow_mut().insert(url, request.clone()));
                request
            }
        };
        request.await
    }

    /// Reads `data` from a reply as `T` (the only part compiled per type; see `open` and `read`).
    fn decode<T: DeserializeOwned>(raw: &Raw) -> Result<Reply<T>, ApiError> {
        let (meta, data) = Self::open(raw)?;
        Self::decode_data(raw.status, meta, data)
    }

    fn decode_data<T: DeserializeOwned>(
        status: u16,
        meta: Meta,
        data: serde_json::Value,
    ) -> Result<Reply<T>, ApiError> {
        match T::deserialize(data) {
            Ok(data) => Ok(Reply { meta, data }),
            Err(e) => Err(ApiError::from_failure(status, Failure::Undecodable(e.to_string()))),
        }
    }

    /// Opens a reply's envelope and notes its `rate_remaining`; a refused token signs the user out.
    fn open(raw: &Raw) -> Result<(Meta, serde_json::Value), ApiError> {
        let note_rate = |meta: &Meta| {
            if let Some(rate) = meta.rate_remaining {
                RATE_REMAINING.with(|r| r.set(Some(rate)));
            }
        };
        let result = match kiubi_wire::open(&raw.body) {
            Ok((meta, data)) => {
                note_rate(&meta);
                Ok((meta, data))
            }
            Err(Failure::Api { meta, error }) => {
                note_rate(&meta);
                Err(ApiError::from_failure(raw.status, Failure::Api { meta, error }))
            }
            // A proxy's HTML error page: keep the HTTP status, as Kiubi's back office does with 5007.
            Err(Failure::Undecodable(_)) if raw.status != 200 => Err(ApiError::Api {
                http_status: raw.status,
                code: error_code::SYS_UNEXPECTED_ERROR,
                message: String::new(),
                fields: Vec::new(),
            }),
            Err(failure) => Err(ApiError::from_failure(raw.status, failure)),
        };
        if let Err(error) = &result {
            if error.is_auth_failure() {
                let hook = SHARED.with(|s| s.on_auth_failure.borrow().clone());
                if let Some(hook) = hook {
                    hook();
                }
            }
        }
        result
    }

    /// A GET: from the session cache for slow-changing data, else shared with identical GETs under
    /// way, and tried again on transient failures (see `policy`).
    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<Reply<T>, ApiError> {
        self.get_with(path, query, false).await
    }

    /// The same, bypassing (and renewing) the session cache.
    pub async fn refresh<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Reply<T>, ApiError> {
        self.get_with(path, query, true).await
    }

    async fn get_with<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        refresh: bool,
    ) -> Result<Reply<T>, ApiError> {
        let (status, meta, data) = self.read(path, query, refresh).await?;
        Self::decode_data(status, meta, data)
    }

    /// The envelope of a GET, with the cache, sharing and retries of `get`; not generic, so this
    /// loop is compiled once rather than once per reply type. A `data` that does not decode as the
    /// caller's type is not worth trying again, so the loop can stop at the envelope.
    async fn read(
        &self,
        path: &str,
        query: &[(&str, String)],
        refresh: bool,
    ) -> Result<(u16, Meta, serde_json::Value), ApiError> {
        let url = self.url(path, query);
        let cacheable = is_cacheable(path) && query.is_empty();
        if cacheable && !refresh {
            if let Some(raw) = SHARED.with(|s| s.cache.borrow().get(&url).cloned()) {
                return Self::open(&raw).map(|(meta, data)| (raw.status, meta, data));
            }
        }
        let mut tries = 1;
        loop {
            let outcome =
                self.send_shared(url.clone()).await.and_then(|raw| Self::open(&raw).map(|opened| (raw, opened)));
            match outcome {
                Ok((raw, (meta, data))) => {
                    let status = raw.status;
                    if cacheable {
                        SHARED.with(|s| s.cache.borrow_mut().insert(url, raw));
                    }
                    return Ok((status, meta, data));
                }
                Err(error) => match super::policy::retry_delay_ms(true, &error, tries) {
                    Some(delay) => {
                        sleep_ms(delay).await;
                        tries += 1;
                    }
                    None => return Err(error),
                },
            }
        }
    }

    /// A write, never retried. Its fields go as a url-encoded form; PUT and DELETE with fields go as
    /// POST with `method=PUT|DELETE`, as the official clients do; without fields, as the real verb.
    pub async fn write<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        fields: &[(&str, String)],
    ) -> Result<Reply<T>, ApiError> {
        let url = self.url(path, &[]);
        let (method, form) = match (method, fields.is_empty()) {
            (Method::POST, _) => (Method::POST, Some(form_urlencode(fields))),
            (verb, true) => (verb, None),
            (verb, false) => {
                let mut with_method: Vec<(&str, String)> = vec![("method", verb.to_string())];
                with_method.extend(fields.iter().cloned());
                (Method::POST, Some(form_urlencode(&with_method)))
            }
        };
        let raw = self.send_once(method, url, form).await?;
        let reply = Self::decode(&raw)?;
        SHARED.with(|s| {
            s.cache.borrow_mut().retain(|cached, _| !is_invalidated_by(&strip_base(cached, &self.base), path))
        });
        Ok(reply)
    }

    // One method per endpoint.

    pub async fn sites(&self, query: &SitesQuery) -> Result<Reply<List<Site>>, ApiError> {
        self.get(&paths::sites(), &query.to_pairs()).await
    }

    pub async fn site(&self, code_site: &str, extras: &[SiteExtra]) -> Result<Reply<Site>, ApiError> {
        self.get(&paths::site(code_site), &site_extra_fields(extras)).await
    }

    /// Starts the creation; follow the job with [`ApiClient::job`] under the new `code_site`.
    pub async fn create_site(&self, site: &NewSite) -> Result<Reply<JobStarted>, ApiError> {
        self.write(Method::POST, &paths::sites(), &site.to_pairs()).await
    }

    /// The reference gives no output: success is the envelope's, whatever `data` holds.
    pub async fn delete_site(&self, code_site: &str) -> Result<(), ApiError> {
        self.write::<IgnoredAny>(Method::DELETE, &paths::site(code_site), &[]).await.map(|_| ())
    }

    pub async fn account(&self) -> Result<Reply<Account>, ApiError> {
        self.get(&paths::account(), &[]).await
    }

    pub async fn contact(&self) -> Result<Reply<Contact>, ApiError> {
        self.get(&paths::contact(), &[]).await
    }

    /// Sends only the changed fields (the API's PUT is a partial update). The reference gives no
    /// output: success is the envelope's, whatever `data` holds (the object, `true`, `null`, an id);
    /// read the contact again for what was saved (the write dropped its cached copy).
    pub async fn update_contact(&self, update: &ContactUpdate) -> Result<(), ApiError> {
        let fields: Vec<(&str, String)> = update.fields.iter().map(|(k, v)| (*k, v.clone())).collect();
        self.write::<IgnoredAny>(Method::PUT, &paths::contact(), &fields).await.map(|_| ())
    }

    pub async fn plans(&self) -> Result<Reply<List<Plan>>, ApiError> {
        self.get(&paths::plans(), &[]).await
    }

    pub async fn countries(&self) -> Result<Reply<List<Country>>, ApiError> {
        self.get(&paths::countries(), &[]).await
    }

    pub async fn subscription(&self, code_site: &str) -> Result<Reply<Subscription>, ApiError> {
        self.get(&paths::subscription(code_site), &[]).await
    }

    pub async fn options(&self, code_site: &str) -> Result<Reply<List<SubscriptionOption>>, ApiError> {
        self.get(&paths::options(code_site), &[]).await
    }

    pub async fn backups(&self, code_site: &str) -> Result<Reply<List<Backup>>, ApiError> {
        self.get(&paths::backups(code_site), &[]).await
    }

    pub async fn create_backup(&self, code_site: &str) -> Result<Reply<JobStarted>, ApiError> {
        self.write(Method::POST, &paths::backups(code_site), &[]).await
    }

    /// `backup_id` is the backup's `id` from the list (the `{date}` of the path).
    pub async fn restore_backup(&self, code_site: &str, backup_id: &str) -> Result<Reply<JobStarted>, ApiError> {
        self.write(Method::PUT, &paths::backup(code_site, backup_id), &[]).await
    }

    pub async fn job(&self, code_site: &str, job_id: i64) -> Result<Reply<Job>, ApiError> {
        self.get(&paths::job(code_site, job_id), &[]).await
    }

    pub async fn logs(&self, code_site: &str, query: &LogsQuery) -> Result<Reply<List<Activity>>, ApiError> {
        self.get(&paths::logs(code_site), &query.to_pairs()).await
    }

    pub async fn stats(&self, code_site: &str) -> Result<Reply<Stats>, ApiError> {
        self.get(&paths::stats(code_site), &[]).await
    }

    pub async fn live(&self, code_site: &str) -> Result<Reply<Live>, ApiError> {
        self.get(&paths::live(code_site), &[]).await
    }

    pub async fn report(&self, code_site: &str, query: &ReportQuery) -> Result<Reply<Report>, ApiError> {
        self.get(&paths::report(code_site), &query.to_pairs()).await
    }

    pub async fn usage(&self, code_site: &str, extras: &[UsageExtra]) -> Result<Reply<Usage>, ApiError> {
        self.get(&paths::usage(code_site), &usage_extra_fields(extras)).await
    }

    /// The quota left; the call itself is not counted.
    pub async fn rate(&self) -> Result<Reply<serde_json::Value>, ApiError> {
        self.get(&paths::rate(), &[]).await
    }

    /// A session token from login and password (the client needs no token for this one).
    pub async fn sign_in(&self, login: &str, password: &str) -> Result<Reply<AuthToken>, ApiError> {
        let fields = [("login", login.to_owned()), ("password", password.to_owned())];
        self.write(Method::POST, &paths::auth_token(), &fields).await
    }
}

fn strip_base(url: &str, base: &str) -> String {
    url.strip_prefix(base).unwrap_or(url).to_owned()
}
