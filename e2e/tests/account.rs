//! Account and contact, plans, a site's subscription and backups, against the stand-in.

use fantoccini::Locator;
use kiubi_e2e::{wait_until, Harness};

/// Records the bodies of the requests the page sends from now on (`window.__sent`).
async fn record_sent_bodies(h: &Harness) {
    h.browser
        .execute(
            "window.__sent = [];
             const original = window.fetch;
             window.fetch = (input, init) => {
                 if (input instanceof Request) { input.clone().text().then(t => t && window.__sent.push(t)); }
                 else if (init && init.body) { window.__sent.push(String(init.body)); }
                 return original(input, init);
             };",
            vec![],
        )
        .await
        .unwrap();
}

async fn sent_bodies(h: &Harness) -> Vec<String> {
    serde_json::from_value(h.browser.execute("return window.__sent", vec![]).await.unwrap()).unwrap()
}

#[tokio::test]
async fn editing_the_contact_sends_only_what_changed_and_shows_the_api_verdict_on_its_field() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    h.click("#sidebar a[href='/account']").await;
    h.wait_for_text(".card.account", "Account number").await.unwrap();
    h.wait_for_text(".contact-view", "camille.martin@agence-exemple.fr").await.unwrap();
    h.assert_accessible("account").await;

    h.click("#edit-contact").await;
    h.fill("#f-company_city", "Nantes").await;
    h.fill("#f-function", "Directrice").await;
    record_sent_bodies(&h).await;
    h.click("form.contact button[type=submit]").await;
    h.wait_for_text(".toasts", "Contact details saved.").await.unwrap();
    h.wait_for_text(".contact-view dd[data-field=company_city]", "Nantes").await.unwrap();
    assert_eq!(sent_bodies(&h).await, ["method=PUT&function=Directrice&company_city=Nantes"]);
    h.browser.refresh().await.unwrap();
    h.wait_for_text(".contact-view dd[data-field=function]", "Directrice").await.unwrap();

    // A rule only the API knows (another account's email): its message on the field, input kept.
    h.click("#edit-contact").await;
    h.fill("#f-email", "paul.durand@voisin.example").await;
    h.click("form.contact button[type=submit]").await;
    h.wait_for_text("#f-email-error", "déjà utilisée").await.unwrap();
    assert_eq!(h.value_of("#f-email").await, "paul.durand@voisin.example");
    // A format the reference does not state (a phone number's) is the API's to judge, on its field.
    h.fill("#f-phone", "12").await;
    h.click("form.contact button[type=submit]").await;
    h.wait_for_text("#f-phone-error", "Numéro de téléphone invalide").await.unwrap();
    h.assert_accessible("contact form with errors").await;

    // Unsaved edits: leaving through a link asks first; staying keeps them.
    h.click("#sidebar a[href='/plans']").await;
    let question = h.browser.get_alert_text().await.unwrap();
    assert!(question.contains("not saved"), "{question}");
    h.browser.dismiss_alert().await.unwrap();
    assert_eq!(h.location().await, "/account");
    assert_eq!(h.value_of("#f-email").await, "paul.durand@voisin.example");
    h.click("#sidebar a[href='/plans']").await;
    h.browser.accept_alert().await.unwrap();
    h.wait_for_text("main h1", "Plans").await.unwrap();
    // …and the draft is still there on return.
    h.click("#sidebar a[href='/account']").await;
    h.text_of("form.contact").await;
    assert_eq!(h.value_of("#f-email").await, "paul.durand@voisin.example");
    h.close().await;
}

#[tokio::test]
async fn plans_side_by_side_with_the_sites_plan_marked() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let plans = h.api_data("/v1/plans.json").await;
    h.open("/plans").await;
    h.wait_for_text(".plans", plans[0]["name"].as_str().unwrap()).await.unwrap();
    assert_eq!(h.texts_of(".plans .plan-card").await.len(), plans.as_array().unwrap().len());
    assert!(h.browser.find(Locator::Css(".plan-card.current")).await.is_err());
    h.assert_accessible("plans").await;

    let site = h.api_data("/v1/sites.json?limit=1").await[0].clone();
    h.open(&format!("/sites/{}/subscription", site["code_site"].as_str().unwrap())).await;
    h.wait_for_text(".subscription a", "Compare plans").await.unwrap();
    h.click(".subscription a").await;
    h.wait_for_text(".plan-card.current", &format!("Current plan of {}", site["name"].as_str().unwrap()))
        .await
        .unwrap();
    let marked = h.browser.find(Locator::Css(".plan-card.current")).await.unwrap();
    assert_eq!(marked.attr("data-plan").await.unwrap(), Some(site["plan"]["plan_id"].to_string()));
    h.close().await;
}

#[tokio::test]
async fn subscription_states_of_trial_free_and_closing_sites() {
    let h = Harness::start().await;
    h.sign_in_to_sites().await;
    let cases = [
        ("trial", "Trial until", Some("The trial ends in")),
        ("free", "Free", None),
        ("closing_soon", "Closes on", Some("This site closes in")),
    ];
    for (site_type, badge, warning) in cases {
        // The trial site whose end is near: the seed's trial sites end in 3 days or later.
        let sites = h.api_data(&format!("/v1/sites.json?type={site_type}&sort=closing_date&limit=20")).await;
        let site = sites
            .as_array()
            .unwrap()
            .iter()
            .min_by_key(|s| s["plan"]["endtrial_date"].as_str().unwrap_or("9999").to_owned())
            .unwrap()
            .clone();
        let code = site["code_site"].as_str().unwrap();
        let subscription = h.api_data(&format!("/v1/sites/{code}/subscriptions.json")).await;
        let options = h.api_data(&format!("/v1/sites/{code}/subscriptions/options.json")).await;
        h.open(&format!("/sites/{code}/subscription")).await;
        h.wait_for_text(".subscription", badge).await.unwrap();
        h.wait_for_text(".subscription", subscription["plan_name"].as_str().unwrap()).await.unwrap();
        if let Some(warning) = warning {
            h.wait_for_text(".warning-panel", warning).await.unwrap();
        }
        let options = options.as_array().unwrap();
        if options.is_empty() {
            h.wait_for_text(".empty", "No option subscribed.").await.unwrap();
        } else {
            h.text_of("table.options tfoot").await;
            assert_eq!(h.texts_of("table.options tbody tr").await.len(), options.len());
        }
    }
    let current = h.texts_of("#sidebar a[aria-current=page]").await;
    assert_eq!(current, ["Subscription"]);
    h.screenshot("subscription").await;
    h.assert_accessible("subscription").await;
    h.close().await;
}

#[tokio::test]
async fn backups_are_created_and_restored_through_their_jobs_even_after_leaving_the_page() {
    let h = Harness::start().await;
    h.standin.control.set_job_ms(2500);
    h.sign_in_to_sites().await;
    let code = h.api_data("/v1/sites.json?limit=1").await[0]["code_site"].as_str().unwrap().to_owned();
    let before = h.api_data(&format!("/v1/sites/{code}/backups.json")).await.as_array().unwrap().clone();
    h.open(&format!("/sites/{code}/backups")).await;
    h.wait_for_text(".backups-intro", "is lost").await.unwrap();
    h.assert_accessible("backups").await;

    h.click("#create-backup").await;
    h.wait_for_text(".job", "Creating the backup point").await.unwrap();
    let create = h.browser.find(Locator::Css("#create-backup")).await.unwrap();
    assert_eq!(create.attr("disabled").await.unwrap().as_deref(), Some("true"));
    // Leave and come back: the running job shows again.
    h.click(".site-tabs a:first-child").await;
    h.text_of(".card.plan").await;
    h.click(".site-tabs a[href$='/backups']").await;
    h.wait_for_text(".job", "Creating the backup point").await.unwrap();
    h.wait_for_text(".toasts", "Backup point created.").await.unwrap();
    let after = h.api_data(&format!("/v1/sites/{code}/backups.json")).await;
    let newest = after[0]["id"].as_str().unwrap().to_owned();
    // The new point, in place of the site's previous manual one if it had one (the seed's are at 14:MM).
    let replaced = before.iter().filter(|p| p["creation_date"].as_str().unwrap().contains(" 14:")).count();
    assert_eq!(after.as_array().unwrap().len(), before.len() + 1 - replaced);
    assert!(!before.contains(&after[0]));
    let shown = after.as_array().unwrap().len();
    let limit = std::time::Duration::from_secs(15);
    wait_until("the list shows the new point", limit, async || h.texts_of("ul.backups li").await.len() == shown).await;
    let first = h.browser.find(Locator::Css("ul.backups li:first-child")).await.unwrap();
    assert_eq!(first.attr("data-id").await.unwrap(), Some(newest.clone()));

    // Restore: asked first, naming the loss; then its job.
    h.click("ul.backups li:first-child button.restore").await;
    h.wait_for_text("dialog.confirm[open]", "will be lost").await.unwrap();
    h.assert_accessible("restore confirmation").await;
    h.click("#confirm-restore").await;
    h.wait_for_text(".job", "Restoring the point of").await.unwrap();
    h.wait_for_text(".toasts", "Site restored.").await.unwrap();

    // A failing job says so, and the buttons come back.
    h.standin.control.set_job_ms(300);
    h.standin.control.set_halt_jobs(true);
    h.click("#create-backup").await;
    h.wait_for_text(".job.failed", "failed").await.unwrap();
    let create = h.browser.find(Locator::Css("#create-backup")).await.unwrap();
    assert_eq!(create.attr("disabled").await.unwrap(), None);
    h.close().await;
}
