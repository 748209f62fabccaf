//! A job of a site started from a page (a creation, a backup, a restore), followed to its end and found again
//! when the user comes back to the page: the job is kept for the tab until it is over.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::jobs::{JobOf, JobState, JobWatch, Pace};
use crate::api::ApiError;
use crate::config::Config;
use crate::i18n::{use_locale, PageKey};
use crate::session::{Session, UserData};
use crate::storage::KeptFor;

/// What is kept of a running job: its site and id, and what the page needs to say what it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptJob {
    pub code_site: String,
    pub job_id: i64,
    pub note: String,
    /// The job creates `code_site` (which may not be visible until it is done).
    #[serde(default)]
    pub creates_site: bool,
}

#[derive(Clone, Copy)]
pub struct SiteJob {
    session: Session,
    pace: Pace,
    /// Where the job is kept: the account's data (none until the account is known).
    user: StoredValue<Option<UserData>, LocalStorage>,
    key: StoredValue<String>,
    kept: RwSignal<Option<KeptJob>>,
    watch: RwSignal<Option<JobWatch>, LocalStorage>,
}

impl SiteJob {
    /// The job a page follows in `slot` (e.g. `backups.<code>`); one kept from an earlier visit is
    /// followed again.
    pub fn new(slot: &str) -> SiteJob {
        let key = format!("job.{slot}");
        let session = expect_context::<Session>();
        let user = session.user_data();
        let kept: Option<KeptJob> =
            user.as_ref().and_then(|u| u.read(KeptFor::Tab, &key)).and_then(|json| serde_json::from_str(&json).ok());
        let job = SiteJob {
            session,
            user: StoredValue::new_local(user),
            pace: Pace::with_deadline_minutes(expect_context::<Config>().job_deadline_minutes),
            key: StoredValue::new(key),
            kept: RwSignal::new(None),
            watch: RwSignal::new_local(None),
        };
        if let Some(kept) = kept {
            job.follow(kept);
        }
        // An ended job is no longer kept (its result is shown until the page is left).
        Effect::new(move |_| {
            if job.is_over() {
                job.unkeep();
            }
        });
        // Leaving the page stops polling; the job goes on at the API and is found again on return.
        on_cleanup(move || {
            if let Some(watch) = job.watch.try_get_untracked().flatten() {
                watch.cancel();
            }
        });
        job
    }

    /// Follows the job just started.
    pub fn start(&self, code_site: String, job_id: i64, note: String) {
        self.keep(KeptJob { code_site, job_id, note, creates_site: false });
    }

    /// Follows the creation of site `code_site` just started.
    pub fn start_creation(&self, code_site: String, job_id: i64) {
        self.keep(KeptJob { code_site, job_id, note: String::new(), creates_site: true });
    }

    fn keep(&self, kept: KeptJob) {
        if let (Some(user), Ok(json)) = (self.user.get_value(), serde_json::to_string(&kept)) {
            // Refused, the job is followed for as long as the page stays open.
            let _ = user.write(KeptFor::Tab, &self.key.get_value(), &json);
        }
        self.follow(kept);
    }

    fn follow(&self, kept: KeptJob) {
        let Some(client) = self.session.client() else { return };
        if let Some(old) = self.watch.get_untracked() {
            old.cancel();
        }
        let of = if kept.creates_site { JobOf::NewSite } else { JobOf::Site };
        let watch = JobWatch::start(client, kept.code_site.clone(), kept.job_id, of, self.pace);
        self.kept.set(Some(kept));
        self.watch.set(Some(watch));
    }

    /// The job followed now, and its note.
    pub fn kept(&self) -> Option<KeptJob> {
        self.kept.get()
    }

    pub fn state(&self) -> Option<JobState> {
        self.watch.with(|w| w.as_ref().and_then(|w| w.state.get()))
    }

    /// Still running at the deadline: the user decides whether to keep waiting.
    pub fn is_overdue(&self) -> bool {
        self.watch.with(|w| w.as_ref().is_some_and(|w| w.overdue.get()))
    }

    /// Follows an overdue job for another deadline.
    pub fn keep_waiting(&self) {
        if let Some(watch) = self.watch.get_untracked() {
            watch.keep_waiting();
        }
    }

    /// Polling failed for good (after the client's retries).
    pub fn error(&self) -> Option<ApiError> {
        self.watch.with(|w| w.as_ref().and_then(|w| w.error.get()))
    }

    fn is_over(&self) -> bool {
        self.error().is_some() || self.state().is_some_and(|s| s.is_over())
    }

    /// A job is under way: buttons that would start another are disabled.
    pub fn is_running(&self) -> bool {
        self.watch.with(Option::is_some) && !self.is_over()
    }

    /// Forgets the job shown (a new attempt is about to start).
    pub fn clear(&self) {
        if let Some(old) = self.watch.get_untracked() {
            old.cancel();
        }
        self.unkeep();
        self.watch.set(None);
        self.kept.set(None);
    }

    fn unkeep(&self) {
        if let Some(user) = self.user.get_value() {
            user.remove(KeptFor::Tab, &self.key.get_value());
        }
    }
}

/// A job under way or ended: status, a progress bar and its step; a failure says why; one running
/// past its deadline says so, with a way to keep waiting.
#[component]
pub fn JobProgress(job: SiteJob, #[prop(into)] title: Signal<String>) -> impl IntoView {
    let locale = use_locale();
    move || {
        let state = job.state()?;
        let title = title.get();
        let locale = locale.get();
        Some(match state {
            JobState::Running { progression, step } => view! {
                <div class="job" role="status" aria-live="polite">
                    <p><strong>{title}</strong> " — " {locale.tr(PageKey::JobRunning)} " " {format!("{progression} %")}</p>
                    <progress max="100" value=progression.to_string()></progress>
                    {step.filter(|s| !s.trim().is_empty()).map(|step| view! { <p class="step">{step}</p> })}
                    {job.is_overdue().then(|| view! {
                        <div class="job-overdue" role="alert">
                            <p>{locale.tr(PageKey::JobOverdue)}</p>
                            <button type="button" on:click=move |_| job.keep_waiting()>{locale.tr(PageKey::KeepWaiting)}</button>
                        </div>
                    })}
                </div>
            }
            .into_any(),
            JobState::Done => view! {
                <div class="job done" role="status"><p><strong>{title}</strong> " — " {locale.tr(PageKey::JobDone)}</p></div>
            }
            .into_any(),
            JobState::Failed(why) => {
                let why = if why.trim().is_empty() { locale.tr(PageKey::JobFailedNoReason).to_owned() } else { why };
                view! {
                    <div class="job failed" role="alert">
                        <p><strong>{title}</strong> " — " {locale.tr(PageKey::JobFailed)}</p>
                        <p>{why}</p>
                    </div>
                }
                .into_any()
            }
        })
    }
}
