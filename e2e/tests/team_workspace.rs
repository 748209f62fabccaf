//! The team's workspace, as two colleagues use it: two browser profiles signed in to the same
//! account see each other's labels and notes without reloading; both editing at once lose nothing
//! (a label each, the same note each: both texts kept); the other account sees none of it; the
//! server restarted, everything is there; the server down, an edit waits and is sent when it is back.
//! The reports' branding follows to a colleague's; a browser's own organizing of before the server
//! is offered to the team through the import's preview.

use std::time::Duration;

use kiubi_e2e::{wait_until, Harness};
use kiubi_standin::seed::OTHER_ACCOUNT_KEY;

/// A colleague's change shows within this (the panel asks the server every 10 s).
const SHARED_WITHIN: Duration = Duration::from_secs(30);

/// Makes label `name` in the open labels dialog (put on its sites), then closes it.
async fn make_label(h: &Harness, name: &str) {
    h.fill("#new-label-name", name).await;
    h.click("#add-label").await;
    h.wait_for_text(".label-choices", name).await.unwrap();
    h.click("#labels-done").await;
}

/// The labels the team's server keeps for the demo account.
async fn labels_on_server(h: &Harness) -> Vec<String> {
    let stored = h.api_data("/team/v1/workspace").await;
    let labels = stored["document"]["organize"]["labels"].as_array().cloned().unwrap_or_default();
    labels.iter().filter_map(|l| l["name"].as_str().map(str::to_owned)).collect()
}

/// The note's two texts in the open site page: the field's and the one kept beside it.
async fn note_texts(h: &Harness) -> Vec<String> {
    let mut texts: Vec<String> = h
        .script("return [document.querySelector('#site-note')?.value ?? '', document.querySelector('.note-also-text')?.textContent ?? ''];")
        .await;
    texts.sort();
    texts
}

#[tokio::test]
async fn two_colleagues_share_labels_and_notes_lose_nothing_and_outlive_the_server_going_down() {
    let mut h = Harness::start().await;
    h.sign_in_to_sites().await;
    let codes = h.texts_of("table.sites tbody td.code").await;
    let site = |i: usize| format!("/sites/{}", codes[i]);
    let (mut colleague, _colleague_profile) = h.new_browser().await;
    h.swap_browser(&mut colleague);
    h.sign_in_to_sites().await;
    h.open(&site(0)).await;
    h.text_of("#site-note").await;
    h.swap_browser(&mut colleague);

    // A label and a note, made by the first, show in the colleague's open page without a reload.
    h.open(&site(0)).await;
    h.click("#edit-site-labels").await;
    make_label(&h, "Client Dupont").await;
    h.fill("#site-note", "Relancer en janvier").await;
    h.click("#save-note").await;
    h.swap_browser(&mut colleague);
    wait_until("the label at the colleague's", SHARED_WITHIN, async || {
        h.text_of(".site-head").await.contains("Client Dupont")
    })
    .await;
    wait_until("the note at the colleague's", SHARED_WITHIN, async || {
        h.value_of("#site-note").await == "Relancer en janvier"
    })
    .await;

    // Both edit at once: a label each on another site, the same note each.
    h.fill("#site-note", "Texte de B").await;
    h.swap_browser(&mut colleague);
    h.fill("#site-note", "Texte de A").await;
    h.click("#save-note").await;
    h.swap_browser(&mut colleague);
    h.click("#save-note").await;
    h.open(&site(1)).await;
    h.click("#edit-site-labels").await;
    make_label(&h, "e-commerce").await;
    h.swap_browser(&mut colleague);
    h.open(&site(1)).await;
    h.click("#edit-site-labels").await;
    make_label(&h, "VIP").await;
    for who in ["the first", "the colleague"] {
        wait_until(&format!("both labels at {who}'s"), SHARED_WITHIN, async || {
            let head = h.text_of(".site-head").await;
            head.contains("e-commerce") && head.contains("VIP")
        })
        .await;
        h.open(&site(0)).await;
        wait_until(&format!("both texts of the note at {who}'s"), SHARED_WITHIN, async || {
            note_texts(&h).await == ["Texte de A", "Texte de B"]
        })
        .await;
        h.assert_accessible("a note written twice at once").await;
        h.open(&site(1)).await;
        h.swap_browser(&mut colleague);
    }

    // The reports' branding, set by one, shows at the other's.
    h.open(&format!("/reports?site={}", codes[0])).await;
    h.click("#edit-branding").await;
    h.fill("#agency-name", "Agence partagée").await;
    h.click("#save-branding").await;
    h.wait_for_text(".client-report .agency-name", "Agence partagée").await.unwrap();
    h.swap_browser(&mut colleague);
    h.open(&format!("/reports?site={}", codes[0])).await;
    wait_until("the branding at the colleague's", SHARED_WITHIN, async || {
        h.text_of(".client-report .report-site").await;
        h.script::<String>("return document.querySelector('.client-report .agency-name')?.textContent ?? '';")
            .await
            .contains("Agence partagée")
    })
    .await;
    h.open(&site(1)).await;
    h.swap_browser(&mut colleague);
    h.open(&site(1)).await;

    // The other account sees none of it.
    let (mut other, _other_profile) = h.new_browser().await;
    h.swap_browser(&mut other);
    h.sign_in_with(OTHER_ACCOUNT_KEY).await;
    h.open("/account").await;
    h.wait_for_text("#organize-sharing", "Shared with your team").await.unwrap();
    assert_eq!(h.texts_of(".organize-counts dd").await, ["0", "0", "0"]);
    h.swap_browser(&mut other);

    // The server restarted: everything is there.
    h.standin.go_down().await;
    h.standin.come_back().await.unwrap();
    let mut labels = labels_on_server(&h).await;
    labels.sort();
    assert_eq!(labels, ["Client Dupont", "VIP", "e-commerce"]);

    // The server down: an edit waits, said on the page, and is sent once it is back.
    h.standin.go_down().await;
    h.click("#edit-site-labels").await;
    make_label(&h, "Pending").await;
    wait_until("the edit said to wait", SHARED_WITHIN, async || {
        h.script::<String>("return document.querySelector('#sidebar-sharing')?.textContent ?? '';")
            .await
            .contains("cannot be reached")
    })
    .await;
    h.standin.come_back().await.unwrap();
    wait_until("the waiting edit sent", SHARED_WITHIN, async || {
        labels_on_server(&h).await.contains(&"Pending".to_owned())
    })
    .await;
    wait_until("the waiting line gone", SHARED_WITHIN, async || {
        h.script::<bool>("return !document.querySelector('#sidebar-sharing');").await
    })
    .await;
    for browser in [colleague, other] {
        let _ = browser.close().await;
    }
    h.close().await;
}

#[tokio::test]
async fn a_browser_s_own_organizing_is_offered_to_the_team_and_brought_in() {
    let h = Harness::start().await;
    // What an earlier panel, without a server, kept in this browser for the demo account.
    h.open("/sign-in").await;
    let earlier = r#"{"labels":[{"name":"Mine","colour":"red"}],"notes":{"x":{"text":"Old note"}}}"#;
    h.browser
        .execute(
            "localStorage.setItem('kiubi.workspace.' + arguments[0] + '.organize', arguments[1]);",
            vec![kiubi_standin::seed::DEMO_ACCOUNT.into(), earlier.into()],
        )
        .await
        .unwrap();
    h.sign_in_to_sites().await;
    h.open("/account").await;
    h.wait_for_text("#organize-offer-title", "labels, notes or views of its own").await.unwrap();
    h.assert_accessible("the offer to bring this browser's organizing in").await;
    h.click("#review-offer").await;
    h.wait_for_text("#import-changes", "Labels: 1 added").await.unwrap();
    h.wait_for_text("#import-changes", "Notes: 1 added").await.unwrap();
    h.click("#apply-import").await;
    h.wait_for_text("#organize-file-note", "on their way to the team").await.unwrap();
    wait_until("the browser's label on the server", SHARED_WITHIN, async || labels_on_server(&h).await == ["Mine"])
        .await;
    assert!(h.script::<bool>("return !document.querySelector('#organize-offer-title');").await, "the offer is gone");
    h.wait_for_text("#organize-sharing", "Shared with your team").await.unwrap();
    h.close().await;
}
