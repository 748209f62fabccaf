use std::rc::Rc;

use futures::future::{select, Either, FutureExt};
use kiubi_wire::encoding::form_urlencode;
use kiubi_wire::enums::{SiteExtra, UsageExtra};
use kiubi_wire::lenient::List;
use kiubi_wire::models::*;
use kiubi_wire::params::{
    site_extra_fields, usage_extra_fields, ContactUpdate, LogsQuery, NewSite, ReportQuery, SitesQuery, MAX_LIMIT,
};
use kiubi_wire::{error_code, paths, team, Failure, Meta, Reply};
use serde::de::{DeserializeOwned, IgnoredAny};

use super::browser::{fetch, Method, Outgoing};
use super::fetch_state::{Aborted, FetchState, Raw, RequestKey};
use super::{sleep_ms, ApiError, PageScope};

/// The API's writes: url-encoded forms.
const FORM: &str = "application/x-www-form-urlencoded";

/// A reply body longer than this is refused unread (or unkept, when it did not say its length), as
/// unreadable: the API's largest reply, a page of 20 sites with their extras, is a few kilobytes.
pub const MAX_REPLY_BYTES: usize = 8 << 20;

/// Every request gives up after this long unless the client says otherwise.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// A page of a paged read, refused when it holds more than the `limit` asked (else the API's
/// default and largest): a page that long is not the API's, and showing it could hold the tab.
fn within_page<T>(reply: Reply<List<T>>, limit: Option<u32>) -> Result<Reply<List<T>>, ApiError> {
    let size = limit.unwrap_or(MAX_LIMIT).min(MAX_LIMIT) as usize;
    match reply.data.len() {
        n if n > size => Err(ApiError::Undecodable("a page longer than asked".to_owned())),
        _ => Ok(reply),
    }
}

/// Whether a read's reply is kept for the session: each endpoint says so of its own data.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lifetime {
    /// Asked anew each time.
    Fresh,
    /// Slow-changing data (plans, countries, the account and its contact), kept until a write
    /// makes it stale or the session changes.
    Session,
}

/// A client for one API base URL and one token, sharing its panel's `FetchState`. Cheap to clone;
/// pages get it from the session.
#[derive(Clone, Debug)]
pub struct ApiClient {
    /// Origin (and optional path prefix) before `/v1/…`; empty means the panel's own origin.
    base: String,
    /// Empty for the calls that need none (sign-in with login and password).
    token: String,
    timeout_ms: u32,
    /// Aborted when the page that made the client is left.
    scope: Option<web_sys::AbortSignal>,
    state: Rc<FetchState>,
}

impl PartialEq for ApiClient {
    fn eq(&self, other: &ApiClient) -> bool {
        (&self.base, &self.token, self.timeout_ms) == (&other.base, &other.token, other.timeout_ms)
            && Rc::ptr_eq(&self.state, &other.state)
    }
}

impl ApiClient {
    /// A client with a state of its own (a panel's clients come from its session, sharing one).
    pub fn new(base: impl Into<String>, token: impl Into<String>) -> ApiClient {
        ApiClient::sharing(FetchState::new(), base, token)
    }

    /// A client whose cache, shared GETs and hooks are `state`'s.
    pub fn sharing(state: Rc<FetchState>, base: impl Into<String>, token: impl Into<String>) -> ApiClient {
        ApiClient {
            base: base.into().trim_end_matches('/').to_owned(),
            token: token.into(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            scope: None,
            state,
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

    /// The state this client shares with the rest of its panel.
    pub fn state(&self) -> &Rc<FetchState> {
        &self.state
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> String {
        let mut url = format!("{}{}", self.base, path);
        if !query.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&form_urlencode(query));
        }
        url
    }

    /// One request, with the timeout and `abort`; the token only in the header.
    async fn send_once(
        &self,
        method: Method,
        url: String,
        body: Option<(&'static str, String)>,
        abort: Option<web_sys::AbortSignal>,
    ) -> Result<Raw, ApiError> {
        let _counted = self.state.count_request();
        let timeout = web_sys::AbortSignal::timeout_with_u32(self.timeout_ms);
        let signal = match &abort {
            Some(abort) => web_sys::AbortSignal::any(&js_sys::Array::of2(&timeout, abort)),
            None => timeout.clone(),
        };
        let authorization = format!("token {}", self.token);
        let mut headers = Vec::with_capacity(2);
        if !self.token.is_empty() {
            headers.push(("Authorization", authorization.as_str()));
        }
        if let Some((content_type, _)) = &body {
            headers.push(("Content-Type", *content_type));
        }
        let request = Outgoing {
            method,
            url: &url,
            headers: &headers,
            body: body.as_ref().map(|(_, b)| b.as_str()),
            signal: Some(&signal),
        };
        match fetch(request, MAX_REPLY_BYTES).await {
            Ok((status, Some(body))) => Ok(Raw { status, body: body.into() }),
            Ok((_, None)) => Err(ApiError::Undecodable("a reply over 8 MiB".to_owned())),
            Err(_) if timeout.aborted() => Err(ApiError::Timeout),
            Err(_) if abort.as_ref().is_some_and(web_sys::AbortSignal::aborted) => Err(ApiError::Aborted),
            Err(reason) => Err(ApiError::Network(reason)),
        }
    }

    /// A GET shared with any identical GET under way (same URL, same token). Leaving the page
    /// ends only this caller's wait; the request goes on for the others, and is aborted when none
    /// is left.
    async fn send_shared(&self, url: String) -> Result<Raw, ApiError> {
        let client = self.clone();
        let request_url = url.clone();
        let waiter = self.state.join(RequestKey::new(&url, &self.token), move |abort| {
            async move { client.send_once(Method::Get, request_url, None, Some(abort)).await }.boxed_local()
        });
        let reply = waiter.get.request.clone();
        match &self.scope {
            None => reply.await,
            Some(scope) => match select(reply, Aborted::of(scope)).await {
                Either::Left((result, _)) => result,
                Either::Right(_) => Err(ApiError::Aborted),
            },
        }
    }

    /// Reads `data` from a reply as `T` (the only part compiled per type; see `open` and `read`).
    fn decode<T: DeserializeOwned>(&self, raw: &Raw) -> Result<Reply<T>, ApiError> {
        let (meta, data) = self.open(raw)?;
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

    /// Opens a reply's envelope and notes its `rate_remaining`; a refused token calls the panel's hook.
    fn open(&self, raw: &Raw) -> Result<(Meta, serde_json::Value), ApiError> {
        let note_rate = |meta: &Meta| {
            if let Some(rate) = meta.rate_remaining {
                self.state.note_rate(rate);
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
        if result.as_ref().is_err_and(ApiError::is_auth_failure) {
            self.state.auth_failed();
        }
        result
    }

    /// A GET, shared with identical GETs under way, tried again on transient failures (see
    /// `policy`), and kept for the session when its `lifetime` says so.
    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        lifetime: Lifetime,
    ) -> Result<Reply<T>, ApiError> {
        let (status, meta, data) = self.read(self.url(path, query), lifetime).await?;
        Self::decode_data(status, meta, data)
    }

    /// The envelope of a GET, with the cache, sharing and retries of `get`; not generic, so this
    /// loop is compiled once rather than once per reply type. A `data` that does not decode as the
    /// caller's type is not worth trying again, so the loop can stop at the envelope.
    async fn read(&self, url: String, lifetime: Lifetime) -> Result<(u16, Meta, serde_json::Value), ApiError> {
        let key = RequestKey::new(&url, &self.token);
        if lifetime == Lifetime::Session {
            if let Some(raw) = self.state.cached(&key) {
                return self.open(&raw).map(|(meta, data)| (raw.status, meta, data));
            }
        }
        let mut tries = 1;
        loop {
            let outcome =
                self.send_shared(url.clone()).await.and_then(|raw| self.open(&raw).map(|opened| (raw, opened)));
            match outcome {
                Ok((raw, (meta, data))) => {
                    let status = raw.status;
                    if lifetime == Lifetime::Session {
                        self.state.keep(key, raw);
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
    /// The replies kept for the session at `stale` are forgotten once it succeeds.
    async fn write<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        fields: &[(&str, String)],
        stale: &[String],
    ) -> Result<Reply<T>, ApiError> {
        let url = self.url(path, &[]);
        let (method, form) = match (method, fields.is_empty()) {
            (Method::Post, _) => (Method::Post, Some((FORM, form_urlencode(fields)))),
            (verb, true) => (verb, None),
            (verb, false) => {
                let mut with_method: Vec<(&str, String)> = vec![("method", verb.as_str().to_owned())];
                with_method.extend(fields.iter().cloned());
                (Method::Post, Some((FORM, form_urlencode(&with_method))))
            }
        };
        let raw = self.send_once(method, url, form, self.scope.clone()).await?;
        let reply = self.decode(&raw)?;
        if !stale.is_empty() {
            let stale: Vec<String> = stale.iter().map(|path| self.url(path, &[])).collect();
            self.state.drop_cached(&stale);
        }
        Ok(reply)
    }

    // One method per endpoint.

    pub async fn sites(&self, query: &SitesQuery) -> Result<Reply<List<Site>>, ApiError> {
        within_page(self.get(&paths::sites(), &query.to_pairs(), Lifetime::Fresh).await?, query.limit)
    }

    pub async fn site(&self, code_site: &str, extras: &[SiteExtra]) -> Result<Reply<Site>, ApiError> {
        self.get(&paths::site(code_site), &site_extra_fields(extras), Lifetime::Fresh).await
    }

    /// Starts the creation; follow the job with [`ApiClient::job`] under the new `code_site`.
    pub async fn create_site(&self, site: &NewSite) -> Result<Reply<JobStarted>, ApiError> {
        self.write(Method::Post, &paths::sites(), &site.to_pairs(), &[]).await
    }

    /// The reference gives no output: success is the envelope's, whatever `data` holds.
    pub async fn delete_site(&self, code_site: &str) -> Result<(), ApiError> {
        self.write::<IgnoredAny>(Method::Delete, &paths::site(code_site), &[], &[]).await.map(|_| ())
    }

    pub async fn account(&self) -> Result<Reply<Account>, ApiError> {
        self.get(&paths::account(), &[], Lifetime::Session).await
    }

    pub async fn contact(&self) -> Result<Reply<Contact>, ApiError> {
        self.get(&paths::contact(), &[], Lifetime::Session).await
    }

    /// Sends only the changed fields (the API's PUT is a partial update). The reference gives no
    /// output: success is the envelope's, whatever `data` holds (the object, `true`, `null`, an id);
    /// read the contact again for what was saved (the write dropped its cached copy).
    pub async fn update_contact(&self, update: &ContactUpdate) -> Result<(), ApiError> {
        let fields: Vec<(&str, String)> = update.fields.iter().map(|(k, v)| (*k, v.clone())).collect();
        let stale = [paths::contact(), paths::account()];
        self.write::<IgnoredAny>(Method::Put, &paths::contact(), &fields, &stale).await.map(|_| ())
    }

    pub async fn plans(&self) -> Result<Reply<List<Plan>>, ApiError> {
        self.get(&paths::plans(), &[], Lifetime::Session).await
    }

    pub async fn countries(&self) -> Result<Reply<List<Country>>, ApiError> {
        self.get(&paths::countries(), &[], Lifetime::Session).await
    }

    pub async fn subscription(&self, code_site: &str) -> Result<Reply<Subscription>, ApiError> {
        self.get(&paths::subscription(code_site), &[], Lifetime::Fresh).await
    }

    pub async fn options(&self, code_site: &str) -> Result<Reply<List<SubscriptionOption>>, ApiError> {
        self.get(&paths::options(code_site), &[], Lifetime::Fresh).await
    }

    pub async fn backups(&self, code_site: &str) -> Result<Reply<List<Backup>>, ApiError> {
        self.get(&paths::backups(code_site), &[], Lifetime::Fresh).await
    }

    pub async fn create_backup(&self, code_site: &str) -> Result<Reply<JobStarted>, ApiError> {
        self.write(Method::Post, &paths::backups(code_site), &[], &[]).await
    }

    /// `backup_id` is the backup's `id` from the list (the `{date}` of the path).
    pub async fn restore_backup(&self, code_site: &str, backup_id: &str) -> Result<Reply<JobStarted>, ApiError> {
        self.write(Method::Put, &paths::backup(code_site, backup_id), &[], &[]).await
    }

    pub async fn job(&self, code_site: &str, job_id: i64) -> Result<Reply<Job>, ApiError> {
        self.get(&paths::job(code_site, job_id), &[], Lifetime::Fresh).await
    }

    pub async fn logs(&self, code_site: &str, query: &LogsQuery) -> Result<Reply<List<Activity>>, ApiError> {
        within_page(self.get(&paths::logs(code_site), &query.to_pairs(), Lifetime::Fresh).await?, query.limit)
    }

    pub async fn stats(&self, code_site: &str) -> Result<Reply<Stats>, ApiError> {
        self.get(&paths::stats(code_site), &[], Lifetime::Fresh).await
    }

    pub async fn live(&self, code_site: &str) -> Result<Reply<Live>, ApiError> {
        self.get(&paths::live(code_site), &[], Lifetime::Fresh).await
    }

    pub async fn report(&self, code_site: &str, query: &ReportQuery) -> Result<Reply<Report>, ApiError> {
        self.get(&paths::report(code_site), &query.to_pairs(), Lifetime::Fresh).await
    }

    pub async fn usage(&self, code_site: &str, extras: &[UsageExtra]) -> Result<Reply<Usage>, ApiError> {
        self.get(&paths::usage(code_site), &usage_extra_fields(extras), Lifetime::Fresh).await
    }

    /// The quota left; the call itself is not counted.
    pub async fn rate(&self) -> Result<Reply<serde_json::Value>, ApiError> {
        self.get(&paths::rate(), &[], Lifetime::Fresh).await
    }

    /// The account's team workspace, from the panel's server beside the API (`kiubi_wire::team`);
    /// `since`: the revision the panel has (no document sent again while it is current).
    pub async fn team_workspace(&self, since: Option<i64>) -> Result<Reply<team::Stored>, ApiError> {
        let query: Vec<(&str, String)> = since.map(|n| ("since", n.to_string())).into_iter().collect();
        self.get(team::WORKSPACE_PATH, &query, Lifetime::Fresh).await
    }

    /// Writes the account's team workspace, made from revision `write.base_revision`: refused with
    /// `team::code::STALE_REVISION` when a colleague wrote first. Never retried.
    pub async fn write_team_workspace(&self, write: &team::Write) -> Result<Reply<team::Written>, ApiError> {
        let json = serde_json::to_string(write).map_err(|e| ApiError::Undecodable(e.to_string()))?;
        let raw = self
            .send_once(Method::Put, self.url(team::WORKSPACE_PATH, &[]), Some(("application/json", json)), None)
            .await?;
        self.decode(&raw)
    }

    /// A token from the API's `POST /v1/auth/token` (`login`, `password`), or a proof of a session
    /// from the panel's own server's `team::SESSION_PATH` (the same, or `api_key`), which keeps the
    /// token. The client needs no token for either.
    pub async fn sign_in(&self, path: &str, fields: &[(&str, String)]) -> Result<Reply<IssuedToken>, ApiError> {
        self.write(Method::Post, path, fields, &[]).await
    }
}
