//! What happens before routing: the official clients' wire habits, and the test faults.
//!
//! - `/v1/x.json` and `/v1/x` are the same resource (back office vs PHP client).
//! - A POST whose form (url-encoded or multipart) has `method=GET|PUT|DELETE` is dispatched as that verb;
//!   the form's other fields become the request's parameters (see `params::Params`).
//! - Bodies over 8 MiB are refused with 413, as the real API does.
//! - Added latency and a share of injected 500/503 replies, when configured.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kiubi_wire::error_code;

use crate::php_style::UnknownAs;
use crate::reply::ApiFailure;
use crate::AppState;

/// Sent by the workspace the stand-in mounts when it asks the stand-in who a token is: such a
/// request is neither delayed, failed by an injected fault, nor counted in the key's quota, so
/// that the tests' faults and quotas hit the panel's own requests only.
pub const IDENTITY_HEADER: &str = "x-standin-identity";

/// Largest request body, as Kiubi's back office caps uploads.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Fields of a form body, kept for the handlers after the body was read for `method`.
#[derive(Clone, Default)]
pub struct FormFields(pub Vec<(String, String)>);

/// `POST /_standin/control` (only with `--test-control`): browser tests change the faults, latency and
/// jobs of the running stand-in with form fields `latency_ms`, `fault_share`, `fail_next` (with
/// `fail_with`: `maintenance`, `error`, `rate`, `undecodable`, `panic`, `flood` or `oversized`, before it), `job_ms`, `halt_jobs`,
/// `halt_jobs_of` (a site code, or empty for none), `fail_site` (the same),
/// `refuse_new_site_jobs`, `php_style`, `odd_first_row`
/// (`true`/`false`), `unknown_figures` (`null`, `empty`, `missing`, `zero` or `off`); each field given
/// is applied. Answers the settings as plain text.
pub async fn control(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let bytes = match to_bytes(request.into_body(), 64 * 1024).await {
        Ok(bytes) => bytes,
        Err(_) => return too_large().into_response(),
    };
    let Ok(fields) = std::str::from_utf8(&bytes)
        .map_err(|_| ())
        .and_then(|t| kiubi_wire::encoding::form_urldecode(t).map_err(|_| ()))
    else {
        return encoding_error().into_response();
    };
    let control = &state.control;
    let mut fail_with = Fault::Maintenance;
    for (name, value) in &fields {
        let applied = match name.as_str() {
            "latency_ms" => value.parse().map(|v| control.set_latency_ms(v)).is_ok(),
            "fault_share" => value.parse().map(|v| control.set_fault_share(v)).is_ok(),
            "fail_with" => Fault::parse(value).map(|fault| fail_with = fault).is_some(),
            "fail_next" => value.parse().map(|v| control.fail_next_with(v, fail_with)).is_ok(),
            "job_ms" => value.parse().map(|v| control.set_job_ms(v)).is_ok(),
            "halt_jobs" => value.parse().map(|v| control.set_halt_jobs(v)).is_ok(),
            "halt_jobs_of" => {
                control.set_halt_jobs_of(value);
                true
            }
            "fail_site" => {
                control.set_failing_site(value);
                true
            }
            "refuse_new_site_jobs" => value.parse().map(|v| control.set_refuse_new_site_jobs(v)).is_ok(),
            "php_style" => value.parse().map(|v| control.set_php_style(v)).is_ok(),
            "odd_first_row" => value.parse().map(|v| control.set_odd_first_row(v)).is_ok(),
            "unknown_figures" => match value.as_str() {
                "off" => Some(None),
                other => UnknownAs::parse(other).map(Some),
            }
            .map(|how| control.set_unknown_figures(how))
            .is_some(),
            _ => false,
        };
        if !applied {
            return ApiFailure::invalid(name, "Réglage inconnu ou valeur invalide").into_response();
        }
    }
    format!(
        "latency_ms={} fault_per_mille={} job_ms={} halt_jobs={}",
        control.latency_ms.load(Ordering::Relaxed),
        control.fault_per_mille.load(Ordering::Relaxed),
        control.job_ms.load(Ordering::Relaxed),
        control.halt_jobs.load(Ordering::Relaxed)
    )
    .into_response()
}

pub async fn prepare(State(state): State<Arc<AppState>>, mut request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/v1/") {
        return next.run(request).await;
    }
    strip_json_suffix(&mut request);
    if let Err(failure) = read_form(&mut request).await {
        return failure.into_response();
    }
    // The workspace's own question of who a token is: not the panel's request that a test delays
    // or fails.
    if request.headers().contains_key(IDENTITY_HEADER) {
        return next.run(request).await;
    }
    let control = &state.control;
    let latency = control.latency_ms.load(Ordering::Relaxed);
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if let Some(fault) = control.injected_fault().or_else(|| control.fails_site_of(request.uri().path())) {
        return fault.reply();
    }
    next.run(request).await
}

fn strip_json_suffix(request: &mut Request) {
    let Some(stripped) = request.uri().path().strip_suffix(".json").map(str::to_owned) else { return };
    let rebuilt = match request.uri().query() {
        Some(query) => format!("{stripped}?{query}"),
        None => stripped,
    };
    if let Ok(uri) = rebuilt.parse() {
        *request.uri_mut() = uri;
    }
}

fn encoding_error() -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, error_code::PARAMS_ENCODING, "Encodage des paramètres invalide")
}

/// Reads a form body into `FormFields` and applies a `method` override.
async fn read_form(request: &mut Request) -> Result<(), ApiFailure> {
    if request.method() == Method::GET || request.method() == Method::OPTIONS {
        return Ok(());
    }
    let content_type =
        request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let body = std::mem::replace(request.body_mut(), Body::empty());
    let bytes = to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| too_large())?;
    let fields = if content_type.starts_with("multipart/form-data") {
        multipart_fields(&content_type, bytes).await?
    } else if bytes.is_empty() {
        Vec::new()
    } else {
        // url-encoded, also when the content type is missing (as old clients send it).
        let text = std::str::from_utf8(&bytes).map_err(|_| encoding_error())?;
        kiubi_wire::encoding::form_urldecode(text).map_err(|_| encoding_error())?
    };
    let override_method = fields.iter().rev().find(|(k, _)| k == "method").map(|(_, v)| v.trim().to_ascii_uppercase());
    if let Some(verb) = override_method {
        if request.method() != Method::POST {
            return Err(ApiFailure::invalid("method", "Seul un POST peut changer de méthode"));
        }
        *request.method_mut() = match verb.as_str() {
            "GET" => Method::GET,
            "POST" => Method::POST,
            "PUT" => Method::PUT,
            "DELETE" => Method::DELETE,
            _ => return Err(ApiFailure::invalid("method", "Méthode inconnue (GET, POST, PUT ou DELETE)")),
        };
    }
    let fields = fields.into_iter().filter(|(k, _)| k != "method").collect();
    request.extensions_mut().insert(FormFields(fields));
    Ok(())
}

fn too_large() -> ApiFailure {
    ApiFailure::new(StatusCode::PAYLOAD_TOO_LARGE, error_code::REQUEST_TOO_LARGE, "Requête trop volumineuse")
}

async fn multipart_fields(content_type: &str, bytes: axum::body::Bytes) -> Result<Vec<(String, String)>, ApiFailure> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| encoding_error())?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut fields = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|_| encoding_error())? {
        let name = field.name().unwrap_or_default().to_owned();
        // Files are accepted and ignored: no endpoint of this API takes one.
        if field.file_name().is_some() {
            continue;
        }
        fields.push((name, field.text().await.map_err(|_| encoding_error())?));
    }
    Ok(fields)
}

/// Settings that tests and demos change while the stand-in runs.
#[derive(Default)]
pub struct Control {
    pub(crate) latency_ms: AtomicU64,
    /// Share of `/v1` replies replaced by a 500 or a 503, in thousandths.
    fault_per_mille: AtomicU32,
    /// Total run time of a job, in milliseconds.
    pub(crate) job_ms: AtomicU64,
    /// Every new job ends in `halt`.
    pub(crate) halt_jobs: AtomicBool,
    /// Every new job of this site ends in `halt` (a failure among many, for the bulk actions' tests).
    halt_jobs_of: std::sync::Mutex<Option<String>>,
    /// Every request about this site (`/v1/sites/{code}`, and under it) fails with a 500: one
    /// site's failure among many, for the many-site features' tests.
    failing_site: std::sync::Mutex<Option<String>>,
    /// A site creation's job is refused (404, 4401) while it is followed, as an API may do while
    /// the new site is not visible yet.
    pub(crate) refuse_new_site_jobs: AtomicBool,
    /// `/v1` replies reshaped as a PHP back end may send them (`php_style`).
    pub(crate) php_style: AtomicBool,
    /// The first item of each list reply made unreadable (`php_style::spoil_first_row`).
    pub(crate) odd_first_row: AtomicBool,
    /// Every figure of the statistics' replies sent as unknown, this way (`php_style::unknown_figures`).
    unknown_figures: std::sync::Mutex<Option<UnknownAs>>,
    /// The next this-many `/v1` replies are `fail_with`.
    fail_next: AtomicU32,
    fail_with: AtomicU8,
    requests: AtomicU64,
    /// Content-Security-Policy violations the browser reported for the served panel (the first few).
    pub(crate) csp_reports: Arc<kiubi_server::CspReports>,
}

impl Control {
    pub fn set_latency_ms(&self, ms: u64) {
        self.latency_ms.store(ms, Ordering::Relaxed);
    }

    /// `share` from 0 (none) to 1 (every reply).
    pub fn set_fault_share(&self, share: f64) {
        self.fault_per_mille.store((share.clamp(0.0, 1.0) * 1000.0).round() as u32, Ordering::Relaxed);
    }

    pub fn set_job_ms(&self, ms: u64) {
        self.job_ms.store(ms, Ordering::Relaxed);
    }

    pub fn set_halt_jobs(&self, halt: bool) {
        self.halt_jobs.store(halt, Ordering::Relaxed);
    }

    /// The site whose new jobs end in `halt`; `""`: none.
    pub fn set_halt_jobs_of(&self, code_site: &str) {
        *self.halt_jobs_of.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(code_site.to_owned()).filter(|code| !code.is_empty());
    }

    /// Whether a new job of `code_site` ends in `halt`.
    pub(crate) fn halts_jobs_of(&self, code_site: &str) -> bool {
        self.halt_jobs.load(Ordering::Relaxed)
            || self.halt_jobs_of.lock().unwrap_or_else(|e| e.into_inner()).as_deref() == Some(code_site)
    }

    pub fn set_failing_site(&self, code_site: &str) {
        *self.failing_site.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(code_site.to_owned()).filter(|code| !code.is_empty());
    }

    fn fails_site_of(&self, path: &str) -> Option<Fault> {
        let failing = self.failing_site.lock().unwrap_or_else(|e| e.into_inner());
        let code = failing.as_deref()?;
        let rest = path.strip_prefix("/v1/sites/")?.strip_prefix(code)?;
        (rest.is_empty() || rest.starts_with('/')).then_some(Fault::Unexpected)
    }

    pub fn set_refuse_new_site_jobs(&self, refuse: bool) {
        self.refuse_new_site_jobs.store(refuse, Ordering::Relaxed);
    }

    pub fn set_php_style(&self, on: bool) {
        self.php_style.store(on, Ordering::Relaxed);
    }

    /// Makes the first item of each list reply unreadable (tests of a row that cannot be read).
    pub fn set_odd_first_row(&self, on: bool) {
        self.odd_first_row.store(on, Ordering::Relaxed);
    }

    /// Every figure of the statistics' replies (`/stats…`) sent as `how`; `None`: as they are.
    pub fn set_unknown_figures(&self, how: Option<UnknownAs>) {
        *self.unknown_figures.lock().unwrap_or_else(|e| e.into_inner()) = how;
    }

    pub(crate) fn unknown_figures(&self) -> Option<UnknownAs> {
        *self.unknown_figures.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The Content-Security-Policy violation reports received so far.
    pub fn csp_reports(&self) -> Vec<String> {
        self.csp_reports.all()
    }

    /// Makes the next `count` `/v1` replies a 503.
    pub fn fail_next(&self, count: u32) {
        self.fail_next_with(count, Fault::Maintenance);
    }

    /// Makes the next `count` `/v1` replies `fault`.
    pub fn fail_next_with(&self, count: u32, fault: Fault) {
        self.fail_with.store(fault as u8, Ordering::Relaxed);
        self.fail_next.store(count, Ordering::Relaxed);
    }

    /// Exactly the configured share, spread evenly: request n is hit when ⌊(n+1)·p⌋ > ⌊n·p⌋;
    /// hits alternate between 500 and 503 (maintenance).
    fn injected_fault(&self) -> Option<Fault> {
        if self.fail_next.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_ok() {
            return Some(Fault::from_u8(self.fail_with.load(Ordering::Relaxed)));
        }
        let per_mille = u64::from(self.fault_per_mille.load(Ordering::Relaxed));
        if per_mille == 0 {
            return None;
        }
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        let hits_before = n * per_mille / 1000;
        if (n + 1) * per_mille / 1000 == hits_before {
            return None;
        }
        Some(if hits_before.is_multiple_of(2) { Fault::Unexpected } else { Fault::Maintenance })
    }
}

fn json_ok(body: String) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response()
}

/// What a test can put in place of a `/v1` reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Fault {
    /// 503, error 5300.
    Maintenance,
    /// 500, error 5007.
    Unexpected,
    /// 429, error 4300, `rate_remaining` 0.
    RateLimited,
    /// A 200 whose body breaks off in the middle, as a cut connection or a faulty proxy leaves it.
    Undecodable,
    /// The handler panics (a bug): the server must answer a 500 envelope and keep serving.
    Panic,
    /// A 200 list of 100,000 items (2 MB), for whatever page asked: a client must not trust a page's size.
    Flood,
    /// A 200 of 9 MB, over what a client should read.
    Oversized,
}

impl Fault {
    const ALL: [Fault; 7] = [
        Fault::Maintenance,
        Fault::Unexpected,
        Fault::RateLimited,
        Fault::Undecodable,
        Fault::Panic,
        Fault::Flood,
        Fault::Oversized,
    ];

    fn parse(name: &str) -> Option<Fault> {
        let names = ["maintenance", "error", "rate", "undecodable", "panic", "flood", "oversized"];
        names.iter().position(|n| *n == name).map(|i| Fault::ALL[i])
    }

    fn from_u8(value: u8) -> Fault {
        Fault::ALL.get(usize::from(value)).copied().unwrap_or(Fault::Maintenance)
    }

    fn reply(self) -> Response {
        match self {
            Fault::Maintenance => {
                ApiFailure::new(StatusCode::SERVICE_UNAVAILABLE, error_code::MAINTENANCE, "Plateforme en maintenance")
                    .into_response()
            }
            Fault::Unexpected => ApiFailure::unexpected().into_response(),
            Fault::RateLimited => ApiFailure::rate_limited().into_response(),
            Fault::Undecodable => json_ok(r#"{"meta":{"success":true,"status_code":200},"data":[{"code_site":"#.into()),
            Fault::Panic => panic!("a panic injected by a test (fail_with=panic)"),
            Fault::Flood => {
                let items: Vec<String> = (0..100_000).map(|n| format!(r#"{{"code_site":"f{n:06}"}}"#)).collect();
                json_ok(format!(r#"{{"meta":{{"success":true,"status_code":200}},"data":[{}]}}"#, items.join(",")))
            }
            Fault::Oversized => {
                let filler = "x".repeat(9 << 20);
                json_ok(format!(r#"{{"meta":{{"success":true,"status_code":200}},"data":{{"name":"{filler}"}}}}"#))
            }
        }
    }
}
