//! The official clients' wire habits, writes, jobs and the error table.

mod common;

use common::{codes, wait_until, TestServer, NEW_SITE};
use kiubi_standin::seed::{OTHER_ACCOUNT_KEY, OTHER_SITE};
use kiubi_standin::{Config, DEMO_API_KEY};
use reqwest::Method;
use serde_json::Value;

fn fast_jobs() -> Config {
    Config { job_ms: 300, ..Config::default() }
}

#[tokio::test]
async fn method_override_in_url_encoded_and_multipart_forms() {
    let server = TestServer::start().await;
    // PHP client style: every request with parameters is a POST carrying `method`.
    let (status, body) = server.post("/v1/sites", &[("method", "GET"), ("limit", "2"), ("sort", "-code_site")]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(codes(&body).len(), 2);
    let form = reqwest::multipart::Form::new().text("method", "GET").text("limit", "3");
    let response = server
        .http
        .post(server.url("/v1/sites.json"))
        .header("Authorization", format!("token {DEMO_API_KEY}"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(codes(&body).len(), 3, "{body}");
    let (status, body) = server.post("/v1/sites.json", &[("method", "PATCH")]).await;
    assert_eq!((status, body["error"]["fields"][0]["field"].as_str()), (400, Some("method")));
}

#[tokio::test]
async fn array_parameters_in_all_three_encodings() {
    let server = TestServer::start().await;
    let path = "/v1/sites/hotel-lyon/logs.json?limit=20";
    let count = |body: serde_json::Value| body["meta"]["items_count"].as_i64().unwrap();
    let comma = count(server.get(&format!("{path}&type=login,form")).await.1);
    let brackets = count(server.get(&format!("{path}&type[]=login&type[]=form")).await.1);
    let indexed = count(server.get(&format!("{path}&type[0]=login&type[1]=form")).await.1);
    let all = count(server.get(path).await.1);
    assert_eq!((comma, brackets), (indexed, indexed));
    assert!(comma > 0 && comma < all);
    let (_, usage) =
        server.get("/v1/sites/hotel-lyon/stats/usage.json?extra_fields[0]=users&extra_fields[1]=forms").await;
    assert!(usage["data"]["users"].is_object() && usage["data"]["forms"].is_object());
}

#[tokio::test]
async fn contact_put_is_a_partial_update_in_both_forms() {
    let server = TestServer::start().await;
    let (_, before) = server.get("/v1/account/contact.json").await;
    let (status, body) = server.post("/v1/account/contact.json", &[("method", "PUT"), ("firstname", "Jeanne")]).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = server.send_form(Method::PUT, "/v1/account/contact.json", &[("company_city", "Nantes")]).await;
    assert_eq!(status, 200);
    let (_, after) = server.get("/v1/account/contact.json").await;
    assert_eq!(after["data"]["firstname"], "Jeanne");
    assert_eq!(after["data"]["company_city"], "Nantes");
    for unchanged in ["lastname", "email", "phone", "company_name", "company_country_id"] {
        assert_eq!(after["data"][unchanged], before["data"][unchanged], "{unchanged}");
    }
    // A refused field saves nothing of the request.
    let (status, body) = server
        .post("/v1/account/contact.json", &[("method", "PUT"), ("lastname", "Nouveau"), ("email", "pas-un-email")])
        .await;
    assert_eq!((status, body["error"]["code"].as_i64()), (400, Some(4002)));
    assert_eq!(body["error"]["fields"][0]["field"], "email");
    assert_eq!(server.get("/v1/account/contact.json").await.1["data"]["lastname"], before["data"]["lastname"]);
    let (_, body) = server.post("/v1/account/contact.json", &[("method", "PUT"), ("company_country_id", "999")]).await;
    assert_eq!(body["error"]["fields"][0]["field"], "company_country_id");
    // Another account's email, in any case, is refused on its field.
    let (status, body) =
        server.post("/v1/account/contact.json", &[("method", "PUT"), ("email", "Paul.Durand@voisin.example")]).await;
    assert_eq!((status, body["error"]["fields"][0]["field"].as_str()), (400, Some("email")));
}

#[tokio::test]
async fn backup_job_goes_todo_working_done_and_only_then_lists_the_point() {
    // `todo` lasts a tenth of the job: 400 ms, for a first read sent right after the start.
    let server = TestServer::start_with(Config { job_ms: 4_000, ..Config::default() }).await;
    let (_, before) = server.get("/v1/sites/hotel-lyon/backups.json").await;
    let (status, body) = server.post("/v1/sites/hotel-lyon/backups.json", &[]).await;
    assert_eq!(status, 200, "{body}");
    let job_id = body["data"]["job_id"].as_i64().unwrap();
    // Every state the job shows, in order, until it ends (which state at which time is the unit test
    // of `jobs::progress`; this one checks the order and that the point waits for the end).
    let seen = std::cell::RefCell::new(Vec::<String>::new());
    let working = std::cell::RefCell::new(Value::Null);
    wait_until("the job's end", || async {
        // The list first: a job still unfinished after it was read was unfinished when it was read.
        let (_, listed) = server.get("/v1/sites/hotel-lyon/backups.json").await;
        let (_, job) = server.get(&format!("/v1/sites/hotel-lyon/jobs/{job_id}.json")).await;
        let status = job["data"]["status"].as_str().unwrap().to_owned();
        if status != "done" {
            assert_eq!(listed["data"], before["data"], "not listed before done ({status})");
        }
        if status == "working" {
            *working.borrow_mut() = job["data"].clone();
        }
        if seen.borrow().last() != Some(&status) {
            seen.borrow_mut().push(status.clone());
        }
        (status == "done").then_some(())
    })
    .await;
    let (seen, working) = (seen.into_inner(), working.into_inner());
    assert_eq!(seen, ["todo", "working", "done"]);
    assert!(working["step"].is_string() && (1..=99).contains(&working["progression"].as_i64().unwrap()), "{working}");
    let done = server.wait_job("hotel-lyon", job_id).await;
    assert_eq!(
        (done["status"].as_str(), done["error"].as_str(), done["progression"].as_i64()),
        (Some("done"), Some(""), Some(100))
    );
    let (_, after) = server.get("/v1/sites/hotel-lyon/backups.json").await;
    let listed = after["data"].as_array().unwrap();
    let before = before["data"].as_array().unwrap();
    // Newest first, the new point on top; it replaces the site's previous manual point (the seed
    // makes those at 14:MM, the automatic ones at 03:MM), and only that.
    assert!(!before.contains(&listed[0]));
    assert!(listed[0]["creation_date"].as_str() > listed[1]["creation_date"].as_str());
    let manual = |point: &&Value| point["creation_date"].as_str().unwrap().contains(" 14:");
    let kept: Vec<&Value> = before.iter().filter(|p| !manual(p)).collect();
    assert_eq!(listed[1..].iter().collect::<Vec<_>>(), kept);
}

#[tokio::test]
async fn restore_rewrites_the_site_and_logs_it() {
    let server = TestServer::start_with(fast_jobs()).await;
    let (_, backups) = server.get("/v1/sites/hotel-lyon/backups.json").await;
    // The oldest point holds fewer products than the site has today.
    let id = backups["data"].as_array().unwrap().last().unwrap()["id"].as_str().unwrap().to_owned();
    let usage = "/v1/sites/hotel-lyon/stats/usage.json?extra_fields=products";
    let products_before = server.get(usage).await.1["data"]["products"]["used"].as_i64().unwrap();
    // Kiubi's back office restores with a bare PUT.
    let response = server
        .http
        .put(server.url(&format!("/v1/sites/hotel-lyon/backups/{id}.json")))
        .header("Authorization", format!("token {DEMO_API_KEY}"))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    let job = server.wait_job("hotel-lyon", body["data"]["job_id"].as_i64().unwrap()).await;
    assert_eq!(job["status"], "done");
    let products_after = server.get(usage).await.1["data"]["products"]["used"].as_i64().unwrap();
    assert!(products_after < products_before, "{products_after} < {products_before}");
    let (_, logs) = server.get("/v1/sites/hotel-lyon/logs.json?limit=1&type=update").await;
    assert!(logs["data"][0]["text"].as_str().unwrap().starts_with("Site restauré"), "{logs}");
    let (status, body) = server.send_form(Method::PUT, "/v1/sites/hotel-lyon/backups/19990101000000.json", &[]).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (404, Some(4401)));
}

#[tokio::test]
async fn halted_jobs_report_their_error_and_change_nothing() {
    let server = TestServer::start_with(Config { halt_jobs: true, ..fast_jobs() }).await;
    let (_, before) = server.get("/v1/sites/hotel-lyon/backups.json").await;
    let (_, body) = server.post("/v1/sites/hotel-lyon/backups.json", &[]).await;
    let job = server.wait_job("hotel-lyon", body["data"]["job_id"].as_i64().unwrap()).await;
    assert_eq!(job["status"], "halt");
    assert!(!job["error"].as_str().unwrap().is_empty());
    assert_eq!(server.get("/v1/sites/hotel-lyon/backups.json").await.1["data"], before["data"]);
    // Switched off at run time, the next job succeeds.
    server.running.control.set_halt_jobs(false);
    let (_, body) = server.post("/v1/sites/hotel-lyon/backups.json", &[]).await;
    assert_eq!(server.wait_job("hotel-lyon", body["data"]["job_id"].as_i64().unwrap()).await["status"], "done");
}

#[tokio::test]
async fn the_jobs_of_one_site_can_be_made_to_halt_while_the_others_finish() {
    let server = TestServer::start_with(fast_jobs()).await;
    server.running.control.set_halt_jobs_of("hotel-lyon");
    let (_, halted) = server.post("/v1/sites/hotel-lyon/backups.json", &[]).await;
    let (_, other) = server.post("/v1/sites/atelier-lille/backups.json", &[]).await;
    assert_eq!(server.wait_job("hotel-lyon", halted["data"]["job_id"].as_i64().unwrap()).await["status"], "halt");
    assert_eq!(server.wait_job("atelier-lille", other["data"]["job_id"].as_i64().unwrap()).await["status"], "done");
    server.running.control.set_halt_jobs_of("");
    let (_, again) = server.post("/v1/sites/hotel-lyon/backups.json", &[]).await;
    assert_eq!(server.wait_job("hotel-lyon", again["data"]["job_id"].as_i64().unwrap()).await["status"], "done");
}

#[tokio::test]
async fn one_site_s_requests_can_be_made_to_fail_while_the_others_answer() {
    let server = TestServer::start().await;
    server.running.control.set_failing_site("hotel-lyon");
    for path in ["/v1/sites/hotel-lyon.json", "/v1/sites/hotel-lyon/stats/usage.json"] {
        let (status, body) = server.get(path).await;
        assert_eq!(status, 500, "{path}: {body}");
        assert_eq!(body["error"]["code"], 5007);
    }
    assert_eq!(server.get("/v1/sites/hotel-lyon-2.json").await.0, 404, "another code that starts alike answers");
    assert_eq!(server.get("/v1/sites/atelier-lille.json").await.0, 200);
    server.running.control.set_failing_site("");
    assert_eq!(server.get("/v1/sites/hotel-lyon.json").await.0, 200);
}

#[tokio::test]
async fn a_job_whose_effect_cannot_be_applied_ends_in_halt() {
    let server = TestServer::start_with(Config { job_ms: 1_000, ..Config::default() }).await;
    let (_, sites) = server.get("/v1/sites.json?limit=2").await;
    let source = codes(&sites)[1].clone();
    let mut form = NEW_SITE.to_vec();
    form.push(("copy_site", &source));
    let (status, body) = server.post("/v1/sites.json", &form).await;
    assert_eq!(status, 200, "{body}");
    // The site to copy goes while the job runs.
    let (status, _) = server.post(&format!("/v1/sites/{source}.json"), &[("method", "DELETE")]).await;
    assert_eq!(status, 200);
    let job = server.wait_job("nouveau-site", body["data"]["job_id"].as_i64().unwrap()).await;
    assert_eq!(job["status"], "halt", "{job}");
    assert!(job["error"].as_str().unwrap().contains(&source), "{job}");
    assert_eq!(server.get("/v1/sites/nouveau-site.json").await.0, 404, "nothing half made");
}

#[tokio::test]
async fn a_creation_job_can_be_refused_while_other_jobs_answer() {
    let server = TestServer::start_with(Config { refuse_new_site_jobs: true, ..fast_jobs() }).await;
    let (_, created) = server.post("/v1/sites.json", &NEW_SITE).await;
    let job_id = created["data"]["job_id"].as_i64().unwrap();
    let (status, body) = server.get(&format!("/v1/sites/nouveau-site/jobs/{job_id}.json")).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (404, Some(4401)));
    let (_, backup) = server.post("/v1/sites/hotel-lyon/backups.json", &[]).await;
    assert_eq!(server.wait_job("hotel-lyon", backup["data"]["job_id"].as_i64().unwrap()).await["status"], "done");
    // The site appears when the job is done.
    wait_until("the new site", || async { (server.get("/v1/sites/nouveau-site.json").await.0 == 200).then_some(()) })
        .await;
}

#[tokio::test]
async fn site_creation_is_a_job_followed_under_the_new_code_then_delete() {
    let server = TestServer::start_with(fast_jobs()).await;
    let mut form = NEW_SITE.to_vec();
    form.push(("copy_site", "hotel-lyon"));
    let (status, body) = server.post("/v1/sites.json", &form).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(server.get("/v1/sites/nouveau-site.json").await.0, 404, "exists only when done");
    // The same code cannot be asked for twice while the first creation runs.
    let (status, again) = server.post("/v1/sites.json", &NEW_SITE).await;
    assert_eq!((status, again["error"]["fields"][0]["field"].as_str()), (400, Some("code_site")));
    let job = server.wait_job("nouveau-site", body["data"]["job_id"].as_i64().unwrap()).await;
    assert_eq!(job["status"], "done");
    let (status, site) = server.get("/v1/sites/nouveau-site.json?extra_fields=features").await;
    assert_eq!(status, 200);
    assert_eq!(site["data"]["name"], "Nouveau site");
    assert_eq!(site["data"]["plan"]["is_trial"], true);
    assert_eq!(site["data"]["features"]["checkout"], true, "copied from the shop");
    assert_eq!(server.get("/v1/sites.json").await.1["meta"]["items_count"], 53);

    let (status, _) = server.post("/v1/sites/nouveau-site.json", &[("method", "DELETE")]).await;
    assert_eq!(status, 200);
    assert_eq!(server.get("/v1/sites/nouveau-site.json").await.0, 404);
    let response = server
        .http
        .delete(server.url("/v1/sites/hotel-lyon"))
        .header("Authorization", format!("token {DEMO_API_KEY}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(server.get("/v1/sites.json").await.1["meta"]["items_count"], 51);
}

#[tokio::test]
async fn site_creation_reports_every_bad_field() {
    let server = TestServer::start().await;
    let (status, body) = server.post("/v1/sites.json", &[("code_site", "Bad Code"), ("contact_email", "x")]).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (400, Some(4001)));
    let fields: Vec<&str> =
        body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    for expected in ["plan_id", "site_name", "contact_phone", "code_site", "contact_email"] {
        assert!(fields.contains(&expected), "{expected} in {fields:?}");
    }
    let mut form = NEW_SITE.to_vec();
    form[1] = ("code_site", "hotel-lyon");
    form.push(("copy_site", OTHER_SITE));
    form[0] = ("plan_id", "42");
    let (status, body) = server.post("/v1/sites.json", &form).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (400, Some(4002)));
    let fields: Vec<&str> =
        body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["plan_id", "code_site", "copy_site"]);
}

#[tokio::test]
async fn the_error_table() {
    let server = TestServer::start().await;
    let cases: &[(&str, u16, i64)] = &[
        ("/v1/sites/hotel-lyon/stats/report.json?start_date=2026-01-01", 400, 4002),
        ("/v1/sites/hotel-lyon/stats/report.json?start_date=31/02/2026", 400, 4002),
        ("/v1/sites/hotel-lyon/stats/report.json?start_date=10/10/2026&end_date=01/10/2026", 400, 4002),
        ("/v1/sites/hotel-lyon/stats/report.json?start_date=01/01/2020&end_date=01/01/2026", 400, 4002),
        ("/v1/sites/hotel-lyon/logs.json?since=yesterday", 400, 4002),
        ("/v1/sites/hotel-lyon/logs.json?type=purchase", 400, 4002),
        ("/v1/sites/hotel-lyon/logs.json?limit=-3", 400, 4002),
        ("/v1/sites/hotel-lyon/stats/usage.json?extra_fields=disk", 400, 4002),
        ("/v1/sites/hotel-lyon.json?extra_fields=secrets", 400, 4002),
        ("/v1/sites/hotel-lyon/logs.json?type=%E9", 400, 4012),
        ("/v1/sites/unknown-site.json", 404, 4401),
        ("/v1/sites/unknown-site/stats.json", 404, 4401),
        ("/v1/sites/hotel-lyon/jobs/abc.json", 404, 4401),
        ("/v1/sites/hotel-lyon/jobs/999999.json", 404, 4401),
        ("/v1/sites/voisin-prive.json", 403, 4310),
        ("/v1/sites/voisin-prive/backups.json", 403, 4310),
        ("/v1/unknown.json", 404, 4401),
    ];
    for (path, status, code) in cases {
        let (got_status, body) = server.get(path).await;
        assert_eq!((got_status, body["error"]["code"].as_i64()), (*status, Some(*code)), "{path}: {body}");
        assert_eq!(body["meta"]["status_code"].as_i64(), Some(i64::from(*status)), "{path}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty(), "{path}");
    }
    // Unknown parameters are ignored, as they are by the API.
    assert_eq!(server.get("/v1/sites.json?colour=blue").await.0, 200);
    // Another account's job cannot be read either.
    let (_, job) = server.post("/v1/sites/hotel-lyon/backups.json", &[]).await;
    let id = job["data"]["job_id"].as_i64().unwrap();
    let (status, _) = server.get_as(&format!("/v1/sites/hotel-lyon/jobs/{id}.json"), Some(OTHER_ACCOUNT_KEY)).await;
    assert_eq!(status, 404);
    // A wrong method on a known path is refused in the envelope.
    let (status, body) = server.send_form(Method::DELETE, "/v1/plans.json", &[]).await;
    assert_eq!((status, body["meta"]["success"].as_bool()), (405, Some(false)));
}

#[tokio::test]
async fn oversize_and_malformed_bodies() {
    let server = TestServer::start().await;
    let big = "x".repeat(kiubi_standin::MAX_BODY_BYTES + 1);
    let response = server
        .http
        .post(server.url("/v1/sites.json"))
        .header("Authorization", format!("token {DEMO_API_KEY}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], 413);
    for (content_type, payload) in [
        ("application/x-www-form-urlencoded", b"site_name=%ZZ".to_vec()),
        ("application/x-www-form-urlencoded", vec![b'a', b'=', 0xff, 0xfe]),
        ("multipart/form-data; boundary=xyz", b"--xyz\r\nbroken".to_vec()),
    ] {
        let response = server
            .http
            .post(server.url("/v1/sites.json"))
            .header("Authorization", format!("token {DEMO_API_KEY}"))
            .header("Content-Type", content_type)
            .body(payload)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 400, "{content_type}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], 4012, "{content_type}");
    }
}

#[tokio::test]
async fn login_failures() {
    let server = TestServer::start().await;
    let (status, body) =
        server.send_form(Method::POST, "/v1/auth/token.json", &[("login", "demo"), ("password", "wrong")]).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4309)));
    let (status, body) = server.send_form(Method::POST, "/v1/auth/token.json", &[("login", "demo")]).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (400, Some(4001)));
    // Checking someone else's token with one's own is refused.
    let (status, body) = server.get(&format!("/v1/auth/token/{OTHER_ACCOUNT_KEY}.json")).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4311)));
}

#[tokio::test]
async fn injected_faults_and_latency() {
    let server = TestServer::start_with(Config { fault_share: 0.5, ..Config::default() }).await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let (status, body) = server.get("/v1/plans.json").await;
        match status {
            200 => {}
            500 => assert_eq!(body["error"]["code"], 5007, "{body}"),
            503 => assert_eq!(body["error"]["code"], 5300, "{body}"),
            _ => panic!("{status} {body}"),
        }
        statuses.push(status);
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 4, "{statuses:?}");
    assert!(statuses.contains(&500) && statuses.contains(&503));
    server.running.control.set_fault_share(0.0);
    server.running.control.set_latency_ms(300);
    let started = std::time::Instant::now();
    assert_eq!(server.get("/v1/plans.json").await.0, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
}

#[tokio::test]
async fn unfinished_jobs_finish_after_a_restart_and_data_persists() {
    let dir = tempfile::tempdir().unwrap();
    let config = || Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.path().join("db.sqlite"),
        job_ms: 800,
        ..Config::default()
    };
    let first = TestServer::start_in(config()).await;
    let (_, body) = first.post("/v1/sites/hotel-lyon/backups.json", &[]).await;
    let job_id = body["data"]["job_id"].as_i64().unwrap();
    first.post("/v1/account/contact.json", &[("method", "PUT"), ("function", "Directrice")]).await;
    first.running.stop().await.unwrap();
    let second = TestServer::start_in(config()).await;
    assert_eq!(second.wait_job("hotel-lyon", job_id).await["status"], "done");
    assert_eq!(second.get("/v1/account/contact.json").await.1["data"]["function"], "Directrice");
}

#[tokio::test]
async fn parallel_writers_lose_no_update() {
    let server = std::sync::Arc::new(TestServer::start_with(Config { job_ms: 50, ..Config::default() }).await);
    let mut tasks = Vec::new();
    for i in 0..16 {
        let server = server.clone();
        tasks.push(tokio::spawn(async move {
            let code = format!("parallele-{i:02}");
            let mut form = NEW_SITE.to_vec();
            form[1] = ("code_site", code.as_str());
            let (status, body) = server.post("/v1/sites.json", &form).await;
            assert_eq!(status, 200, "{body}");
            server.wait_job(&code, body["data"]["job_id"].as_i64().unwrap()).await
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap()["status"], "done");
    }
    let (_, body) = server.get("/v1/sites.json?term=parallele").await;
    assert_eq!(body["meta"]["items_count"], 16);
}

#[tokio::test]
async fn test_control_endpoint_only_when_enabled() {
    let server = TestServer::start_with(Config { test_control: true, ..Config::default() }).await;
    let control = |form: &'static str| {
        server
            .http
            .post(server.url("/_standin/control"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
    };
    assert_eq!(control("fail_next=2&latency_ms=0").await.unwrap().status().as_u16(), 200);
    assert_eq!(server.get("/v1/plans.json").await.0, 503);
    assert_eq!(server.get("/v1/plans.json").await.0, 503);
    assert_eq!(server.get("/v1/plans.json").await.0, 200);
    assert_eq!(control("colour=blue").await.unwrap().status().as_u16(), 400);

    let plain = TestServer::start().await;
    let response = plain.http.post(plain.url("/_standin/control")).body("fail_next=1").send().await.unwrap();
    assert_eq!(response.status().as_u16(), 404);
}

#[tokio::test]
async fn a_key_without_a_scope_is_refused_that_area_with_4312() {
    use kiubi_standin::seed::{RESTRICTED_API_KEY, RESTRICTED_WITHOUT};
    let server = TestServer::start().await;
    let (status, site) = server.get_as("/v1/sites/hotel-lyon.json?extra_fields=scopes", Some(RESTRICTED_API_KEY)).await;
    assert_eq!(status, 200);
    let scopes: Vec<&str> = site["data"]["scopes"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(
        scopes.contains(&"site:cms") && RESTRICTED_WITHOUT.iter().all(|s| !scopes.contains(&s.as_str())),
        "{scopes:?}"
    );
    for path in [
        "/v1/sites/hotel-lyon/backups.json",
        "/v1/sites/hotel-lyon/subscriptions.json",
        "/v1/sites/hotel-lyon/subscriptions/options",
    ] {
        let (status, body) = server.get_as(path, Some(RESTRICTED_API_KEY)).await;
        assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4312)), "{path}: {body}");
        assert_eq!(server.get(path).await.0, 200, "{path} with every scope");
    }
    // What needs no such scope answers; another account's site is still not theirs.
    for path in ["/v1/sites/hotel-lyon/stats.json", "/v1/sites/hotel-lyon/logs.json", "/v1/sites.json"] {
        assert_eq!(server.get_as(path, Some(RESTRICTED_API_KEY)).await.0, 200, "{path}");
    }
    let (status, body) = server.get_as(&format!("/v1/sites/{OTHER_SITE}/backups.json"), Some(RESTRICTED_API_KEY)).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4310)));
    // The demo key sees every scope of the site.
    let (_, site) = server.get("/v1/sites/hotel-lyon.json?extra_fields=scopes").await;
    assert!(site["data"]["scopes"].as_array().unwrap().iter().any(|s| s == "site:backup"));
}

#[tokio::test]
async fn the_workspace_s_question_of_who_a_token_is_escapes_faults_and_the_quota() {
    let server = TestServer::start_with(Config { rate_quota: 2, ..Config::default() }).await;
    server.running.control.fail_next(1);
    let asked = |marked: bool| {
        let mut request =
            server.http.get(server.url("/v1/account.json")).header("Authorization", format!("token {DEMO_API_KEY}"));
        if marked {
            request = request.header("x-standin-identity", "1");
        }
        async move { request.send().await.unwrap().status().as_u16() }
    };
    for _ in 0..3 {
        assert_eq!(asked(true).await, 200, "neither failed nor counted");
    }
    assert_eq!(asked(false).await, 503, "the fault is the panel's request's");
    let panel_s = [asked(false).await, asked(false).await, asked(false).await];
    assert_eq!(panel_s, [200, 200, 429], "the quota is the panel's");
}

/// Signs in with `password` as the demo user: status and body.
async fn sign_in(server: &TestServer, password: &str) -> (u16, Value) {
    server.send_form(Method::POST, "/v1/auth/token.json", &[("login", "demo"), ("password", password)]).await
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_then_refused_even_with_the_right_password() {
    let server = TestServer::start().await;
    for _ in 0..kiubi_standin::FAILED_SIGN_INS_PER_LOGIN {
        assert_eq!(sign_in(&server, "guess").await.0, 403);
    }
    let (status, body) = sign_in(&server, kiubi_standin::seed::DEMO_PASSWORD).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (429, Some(4300)), "{body}");
}

#[tokio::test]
async fn a_session_token_is_random_and_ends_with_its_lifetime() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("standin.sqlite");
    let server = TestServer::start_in(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: db.clone(),
        ..Config::default()
    })
    .await;
    let (_, first) = sign_in(&server, kiubi_standin::seed::DEMO_PASSWORD).await;
    let (_, second) = sign_in(&server, kiubi_standin::seed::DEMO_PASSWORD).await;
    let (first, second) = (first["data"]["token"].as_str().unwrap(), second["data"]["token"].as_str().unwrap());
    assert!(kiubi_wire::is_well_formed_token(first) && first != second);
    assert_eq!(server.get_as("/v1/account.json", Some(first)).await.0, 200);
    // Its lifetime over (the clock moved on: the expiry moved back).
    let stored = rusqlite::Connection::open(&db).unwrap();
    stored
        .execute(
            "UPDATE api_keys SET expires_at = expires_at - ?1 WHERE key = ?2",
            rusqlite::params![kiubi_standin::SESSION_LIFETIME_SECS + 1, first],
        )
        .unwrap();
    let (status, body) = server.get_as("/v1/account.json", Some(first)).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4311)), "{body}");
    assert_eq!(server.get_as("/v1/account.json", Some(second)).await.0, 200, "the other session goes on");
    assert_eq!(server.get("/v1/account.json").await.0, 200, "an API key does not expire");
}

#[tokio::test]
async fn closing_a_site_needs_the_subscription_right() {
    let server = TestServer::start().await;
    let code = codes(&server.get("/v1/sites.json?limit=1").await.1)[0].clone();
    let refused = server
        .http
        .delete(server.url(&format!("/v1/sites/{code}.json")))
        .header("Authorization", format!("token {}", kiubi_standin::seed::RESTRICTED_API_KEY))
        .send()
        .await
        .unwrap();
    let status = refused.status().as_u16();
    let body: Value = refused.json().await.unwrap();
    assert_eq!((status, body["error"]["code"].as_i64()), (403, Some(4312)), "{body}");
    assert_eq!(server.get(&format!("/v1/sites/{code}.json")).await.0, 200, "still there");
}

#[tokio::test]
async fn a_database_of_an_earlier_stand_in_keeps_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("standin.sqlite");
    let config = || Config { listen: "127.0.0.1:0".parse().unwrap(), db_path: db.clone(), ..Config::default() };
    TestServer::start_in(config()).await.running.stop().await.unwrap();
    // As an earlier stand-in made it: keys without their hash nor an expiry.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DROP INDEX api_keys_by_hash; ALTER TABLE api_keys DROP COLUMN key_hash;
             ALTER TABLE api_keys DROP COLUMN expires_at;",
        )
        .unwrap();
    let again = TestServer::start_in(config()).await;
    assert_eq!(again.get("/v1/account.json").await.0, 200);
    assert_eq!(again.get_as("/v1/account.json", Some(OTHER_ACCOUNT_KEY)).await.0, 200);
    assert_eq!(again.get_as("/v1/account.json", Some(&"0".repeat(40))).await.0, 403);
}
