//! The OpenAPI document of what the stand-in serves, at `GET /v1/openapi.json`.
//!
//! Schemas come from the wire types themselves (`utoipa::ToSchema`, derived in `kiubi-wire`); the
//! operations come from `ENDPOINTS` below, which a test keeps in step with the router (every entry must
//! be routed). Replies are described in their envelope: `{meta, data}` on success, `{meta, error}` on failure.

use axum::response::{IntoResponse, Response};
use axum::Json;
use kiubi_wire::models::*;
use kiubi_wire::{ErrorBody, FieldError, Links, Meta};
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItemBuilder};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, PathsBuilder, Ref, RefOr, Required,
    ResponseBuilder,
};
use utoipa::ToSchema;

/// What `data` holds on success.
#[derive(Clone, Copy)]
enum Data {
    One(&'static str),
    List(&'static str),
    /// A free-form object (the rate, a deletion's `true`).
    Any,
}

/// The type of a query parameter.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Integer,
}

/// Where a parameter goes and its type.
#[derive(Clone, Copy)]
enum Param {
    Path(&'static str),
    Query(&'static str, Kind),
    /// A field of the url-encoded (or multipart) body.
    Form(&'static str, bool),
}

pub struct Endpoint {
    pub method: HttpMethod,
    /// As routed, without the optional `.json` (both forms are served).
    pub path: &'static str,
    summary: &'static str,
    params: &'static [Param],
    data: Data,
    authenticated: bool,
}

const SITE: Param = Param::Path("code_site");
const PAGING: [Param; 2] = [Param::Query("limit", Kind::Integer), Param::Query("page", Kind::Integer)];

macro_rules! endpoint {
    ($method:ident $path:literal, $summary:literal, [$($param:expr),*], $data:expr) => {
        Endpoint { method: HttpMethod::$method, path: $path, summary: $summary, params: &[$($param),*], data: $data, authenticated: true }
    };
}

pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: HttpMethod::Post,
        path: "/v1/auth/token",
        summary: "Session token from login and password",
        params: &[Param::Form("login", true), Param::Form("password", true)],
        data: Data::One("AuthToken"),
        authenticated: false,
    },
    endpoint!(Get "/v1/auth/token/{token}", "Checks a token (the same as in the Authorization header)", [Param::Path("token")], Data::One("AuthToken")),
    endpoint!(Get "/v1/rate", "Requests left in the quota (not counted)", [], Data::Any),
    endpoint!(Get "/v1/geo/countries", "Countries", [], Data::List("Country")),
    endpoint!(Get "/v1/plans", "Plans", [], Data::List("Plan")),
    endpoint!(Get "/v1/account", "The account", [], Data::One("Account")),
    endpoint!(Get "/v1/account/contact", "The account's contact", [], Data::One("Contact")),
    endpoint!(Put "/v1/account/contact", "Partial update of the contact (absent fields keep their values)",
        [Param::Form("firstname", false), Param::Form("lastname", false), Param::Form("civility", false),
         Param::Form("function", false), Param::Form("phone", false), Param::Form("email", false),
         Param::Form("company_name", false), Param::Form("company_address", false), Param::Form("company_zipcode", false),
         Param::Form("company_city", false), Param::Form("company_country_id", false), Param::Form("company_forme", false),
         Param::Form("company_siret", false), Param::Form("company_capital", false), Param::Form("company_rcs", false),
         Param::Form("company_naf", false), Param::Form("company_tva", false)],
        Data::One("Contact")),
    endpoint!(Get "/v1/sites", "Sites of the account",
        [Param::Query("term", Kind::Text), Param::Query("type", Kind::Text), Param::Query("sort", Kind::Text), PAGING[0], PAGING[1]],
        Data::List("Site")),
    endpoint!(Post "/v1/sites", "Creates a site (a job, followed at /v1/sites/{new code_site}/jobs/{job_id})",
        [Param::Form("copy_site", false), Param::Form("plan_id", true), Param::Form("code_site", true), Param::Form("site_name", true),
         Param::Form("contact_firstname", true), Param::Form("contact_lastname", true), Param::Form("contact_civility", true),
         Param::Form("contact_email", true), Param::Form("contact_address", true), Param::Form("contact_zipcode", true),
         Param::Form("contact_city", true), Param::Form("contact_country_id", true), Param::Form("contact_phone", true),
         Param::Form("contact_fax", false), Param::Form("company_name", false), Param::Form("company_forme", false),
         Param::Form("company_cnil", false), Param::Form("company_capital", false), Param::Form("company_siret", false),
         Param::Form("company_rcs", false), Param::Form("company_tva", false)],
        Data::One("JobStarted")),
    endpoint!(Get "/v1/sites/{code_site}", "A site", [SITE, Param::Query("extra_fields", Kind::Text)], Data::One("Site")),
    endpoint!(Delete "/v1/sites/{code_site}", "Deletes a site", [SITE], Data::Any),
    endpoint!(Get "/v1/sites/{code_site}/backups", "Backup points, newest first", [SITE], Data::List("Backup")),
    endpoint!(Post "/v1/sites/{code_site}/backups", "Creates a backup point (a job)", [SITE], Data::One("JobStarted")),
    endpoint!(Put "/v1/sites/{code_site}/backups/{date}", "Restores a backup point (a job); {date} is its id", [SITE, Param::Path("date")], Data::One("JobStarted")),
    endpoint!(Get "/v1/sites/{code_site}/jobs/{job_id}", "State of a job", [SITE, Param::Path("job_id")], Data::One("Job")),
    endpoint!(Get "/v1/sites/{code_site}/logs", "Activity, newest first",
        [SITE, Param::Query("type", Kind::Text), Param::Query("since", Kind::Text), PAGING[0], PAGING[1]], Data::List("Activity")),
    endpoint!(Get "/v1/sites/{code_site}/stats", "Pending work figures", [SITE], Data::One("Stats")),
    endpoint!(Get "/v1/sites/{code_site}/stats/live", "Live visitors", [SITE], Data::One("Live")),
    endpoint!(Get "/v1/sites/{code_site}/stats/report", "Daily visits report (dates DD/MM/YYYY)",
        [SITE, Param::Query("start_date", Kind::Text), Param::Query("end_date", Kind::Text)], Data::One("Report")),
    endpoint!(Get "/v1/sites/{code_site}/stats/usage", "Resource usage", [SITE, Param::Query("extra_fields", Kind::Text)], Data::One("Usage")),
    endpoint!(Get "/v1/sites/{code_site}/subscriptions", "Subscription", [SITE], Data::One("Subscription")),
    endpoint!(Get "/v1/sites/{code_site}/subscriptions/options", "Subscribed options", [SITE], Data::List("SubscriptionOption")),
];

fn schema_ref(name: &str) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(name))
}

fn envelope(data: Option<RefOr<Schema>>) -> RefOr<Schema> {
    let mut object = ObjectBuilder::new().property("meta", schema_ref("Meta")).required("meta");
    object = match data {
        Some(data) => object.property("data", data).required("data"),
        None => object.property("error", schema_ref("ErrorBody")).required("error"),
    };
    RefOr::T(Schema::Object(object.build()))
}

fn string_schema(kind: Type) -> RefOr<Schema> {
    RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(kind).build()))
}

/// Registers `T` and every schema it refers to.
fn register<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
    T::schemas(schemas);
    schemas.push((T::name().into_owned(), T::schema()));
}

pub fn build() -> OpenApi {
    let mut schemas = Vec::new();
    register::<Meta>(&mut schemas);
    register::<Links>(&mut schemas);
    register::<ErrorBody>(&mut schemas);
    register::<FieldError>(&mut schemas);
    register::<Site>(&mut schemas);
    register::<SitePlan>(&mut schemas);
    register::<SiteAccount>(&mut schemas);
    register::<Account>(&mut schemas);
    register::<Contact>(&mut schemas);
    register::<Backup>(&mut schemas);
    register::<JobStarted>(&mut schemas);
    register::<Job>(&mut schemas);
    register::<Activity>(&mut schemas);
    register::<Stats>(&mut schemas);
    register::<FormsStats>(&mut schemas);
    register::<CheckoutStats>(&mut schemas);
    register::<CatalogStats>(&mut schemas);
    register::<Live>(&mut schemas);
    register::<Report>(&mut schemas);
    register::<ReportDay>(&mut schemas);
    register::<Usage>(&mut schemas);
    register::<Space>(&mut schemas);
    register::<Quota>(&mut schemas);
    register::<Plan>(&mut schemas);
    register::<Subscription>(&mut schemas);
    register::<SubscriptionOption>(&mut schemas);
    register::<Country>(&mut schemas);
    register::<AuthToken>(&mut schemas);
    register::<AuthUser>(&mut schemas);
    let components = ComponentsBuilder::new()
        .schemas_from_iter(schemas)
        .security_scheme(
            "token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`token <key>`: an API key or a session token, 40 lowercase hexadecimal characters",
            ))),
        )
        .build();

    let mut paths = PathsBuilder::new();
    let mut grouped: Vec<(&str, PathItemBuilder)> = Vec::new();
    for endpoint in ENDPOINTS {
        let position = grouped.iter().position(|(path, _)| *path == endpoint.path).unwrap_or_else(|| {
            grouped.push((endpoint.path, PathItemBuilder::new()));
            grouped.len() - 1
        });
        let (path, item) = grouped.remove(position);
        grouped.insert(position, (path, item.operation(endpoint.method.clone(), operation(endpoint))));
    }
    for (path, item) in grouped {
        paths = paths.path(path, item.build());
    }
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Kiubi API DBO v1 (local stand-in)")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "Paths are served with and without `.json`. A POST whose form has `method=GET|PUT|DELETE` is \
                     dispatched as that verb. Every reply is the `{meta, data, error}` envelope.",
                ))
                .build(),
        )
        .paths(paths.build())
        .components(Some(components))
        .build()
}

fn operation(endpoint: &Endpoint) -> utoipa::openapi::path::Operation {
    let data = match endpoint.data {
        Data::One(name) => schema_ref(name),
        Data::List(name) => RefOr::T(Schema::Array(ArrayBuilder::new().items(schema_ref(name)).build())),
        Data::Any => RefOr::T(Schema::Object(ObjectBuilder::new().schema_type(SchemaType::AnyValue).build())),
    };
    let json = |schema| ContentBuilder::new().schema(Some(schema)).build();
    let mut op = OperationBuilder::new()
        .summary(Some(endpoint.summary))
        .response("200", ResponseBuilder::new().description("Success").content("application/json", json(envelope(Some(data)))))
        .response(
            "default",
            ResponseBuilder::new()
                .description("Failure: 400 (4001, 4002, 4012), 403 (4307, 4309, 4310, 4311), 404 (4401), 413, 429 (4300), 500, 503")
                .content("application/json", json(envelope(None))),
        );
    if endpoint.authenticated {
        op = op.security(SecurityRequirement::new("token", Vec::<String>::new()));
    }
    let mut form = ObjectBuilder::new();
    let mut has_form = false;
    for param in endpoint.params {
        match *param {
            Param::Path(name) => {
                op = op.parameter(
                    ParameterBuilder::new()
                        .name(name)
                        .parameter_in(ParameterIn::Path)
                        .required(Required::True)
                        .schema(Some(string_schema(Type::String))),
                );
            }
            Param::Query(name, kind) => {
                let kind = match kind {
                    Kind::Text => Type::String,
                    Kind::Integer => Type::Integer,
                };
                op = op.parameter(
                    ParameterBuilder::new()
                        .name(name)
                        .parameter_in(ParameterIn::Query)
                        .required(Required::False)
                        .schema(Some(string_schema(kind))),
                );
            }
            Param::Form(name, required) => {
                has_form = true;
                form = form.property(name, string_schema(Type::String));
                if required {
                    form = form.required(name);
                }
            }
        }
    }
    if has_form {
        let body = RequestBodyBuilder::new()
            .content("application/x-www-form-urlencoded", json(RefOr::T(Schema::Object(form.build()))))
            .build();
        op = op.request_body(Some(body));
    }
    op.build()
}

/// `GET /v1/openapi.json`; public, like a specification should be.
pub async fn document() -> Response {
    Json(build()).into_response()
}

/// The document as `docs/api-openapi.json` keeps it (`kiubi-standin --openapi` prints it).
pub fn pretty() -> String {
    serde_json::to_string_pretty(&build()).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_endpoint_is_in_the_document_with_its_schemas() {
        let doc = serde_json::to_value(super::build()).unwrap();
        assert_eq!(doc["paths"]["/v1/sites"]["get"]["summary"], "Sites of the account");
        assert!(doc["paths"]["/v1/sites"]["post"]["requestBody"].is_object());
        assert!(doc["paths"]["/v1/sites/{code_site}"]["delete"].is_object());
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for name in ["Site", "SitePlan", "Meta", "ErrorBody", "Report", "ReportDay", "Usage", "Quota", "AuthUser"] {
            assert!(schemas.contains_key(name), "{name}");
        }
        assert!(schemas["Activity"]["properties"]["type"].is_object(), "serde renames are followed");
    }
}
