//! The panel on one origin and the API on another, as browsers use api.kiubi.com: the build's
//! `config.json` names the API (`apiBase`), every call crosses origins (CORS, the `Authorization`
//! header preflighted), and the Content-Security-Policy the panel is served with lets it through.

use kiubi_e2e::{copy_tree, dist_dir, Harness, DEMO_API_KEY};
use kiubi_standin::Config;

#[tokio::test]
async fn the_panel_signs_in_lists_writes_and_follows_a_job_on_an_api_of_another_origin() {
    // The harness's stand-in is the API (52 demo sites).
    let h = Harness::start().await;
    h.standin.control.set_job_ms(1_000);
    let api = h.base_url.clone();

    // The panel's own origin: another stand-in, with a single site, so that a call that stayed on
    // this origin would show.
    let dir = tempfile::tempdir().unwrap();
    let panel_dist = dir.path().join("panel");
    copy_tree(&dist_dir(), &panel_dist);
    std::fs::write(panel_dist.join("config.json"), format!(r#"{{ "apiBase": "{api}" }}"#)).unwrap();
    let panel = kiubi_standin::start(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.path().join("panel.sqlite"),
        dist: Some(panel_dist),
        seed_sites: 1,
        ..Config::default()
    })
    .await
    .unwrap();
    let origin = format!("http://{}", panel.addr);
    assert_ne!(origin, api);

    // Sign-in and a list.
    h.goto(&format!("{origin}/sign-in?next=/sites")).await;
    let policy = h.policy_of("/sign-in").await;
    assert!(policy.contains(&format!("connect-src 'self' {api};")), "{policy}");
    h.press("#api-key", DEMO_API_KEY).await;
    h.click("form button[type=submit]").await;
    h.wait_for_text(".pager .count", "of 52 sites").await.unwrap();

    // A write and its job.
    let code = h.text_of("table.sites tbody tr:first-child td.code").await;
    h.visit(&format!("/sites/{code}/backups")).await;
    h.click("#create-backup").await;
    h.wait_for_text(".toasts", "Backup point created.").await.unwrap();

    // Every call went to the API's origin, none to the panel's.
    let found = h
        .browser
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => new URL(n).pathname.startsWith('/v1/'));",
            vec![],
        )
        .await
        .unwrap();
    let calls: Vec<String> = serde_json::from_value(found).unwrap();
    assert!(calls.iter().any(|c| c.contains("/backups")) && calls.iter().any(|c| c.contains("/jobs/")), "{calls:?}");
    assert!(calls.iter().all(|c| c.starts_with(&format!("{api}/v1/"))), "{calls:?}");
    assert_eq!(panel.control.csp_reports(), Vec::<String>::new());
    h.close().await;
    panel.stop().await.unwrap();
}
