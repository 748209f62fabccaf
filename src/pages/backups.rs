//! A site's backup points: the list, newest first; creating a point and restoring one, each a job
//! followed to its end. While a job runs nothing else can be started, and coming back to the page
//! finds the running job again.

use kiubi_wire::calendar::DateTime;
use kiubi_wire::models::Backup;
use leptos::prelude::*;

use crate::api::jobs::JobState;
use crate::api::ApiError;
use crate::components::{
    failure_of, loaded, page_action, page_resource, use_current_site, use_toasts, ErrorPanel, JobProgress, Modal,
    SiteJob, ToastKind, UnreadableItems,
};
use crate::format;
use crate::host::use_title;
use crate::i18n::{tr, use_locale, PageKey};

/// The note kept with a job: what it does.
const CREATE: &str = "create";
const RESTORE: &str = "restore:";

#[component]
pub fn BackupsPage() -> impl IntoView {
    use_title(PageKey::TabBackups);
    let current = use_current_site();
    // One set of state per site: switching sites starts afresh.
    move || view! { <BackupsOf code=current.code.get() /> }
}

#[component]
fn BackupsOf(code: String) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let code = StoredValue::new(code);
    let backups = page_resource(move |client| async move {
        let mut backups = client.backups(&code.get_value()).await?.data;
        // Newest first, whatever order the API gives.
        backups.items.sort_unstable_by(|a, b| (&b.creation_date, &b.id).cmp(&(&a.creation_date, &a.id)));
        Ok::<_, ApiError>(backups)
    });
    let job = SiteJob::new(&format!("backups.{}", code.get_value()));
    let start = page_action(move |client, backup: Option<Backup>| async move {
        let code = code.get_value();
        let started = match &backup {
            None => client.create_backup(&code).await?,
            Some(backup) => client.restore_backup(&code, &backup.id).await?,
        };
        let note = match backup {
            None => CREATE.to_owned(),
            Some(backup) => format!("{RESTORE}{}", backup.creation_date.map(DateTime::to_iso).unwrap_or_default()),
        };
        Ok::<_, ApiError>((started.data.job_id, note))
    });
    Effect::new(move |_| {
        if let Some(Ok((job_id, note))) = start.value().get() {
            job.start(code.get_value(), job_id, note);
        }
    });
    let busy = move || start.pending().get() || job.is_running();
    // What the job does, in words: "Creating a backup point", "Restoring the backup of <date>".
    let title = Signal::derive(move || {
        let locale = locale.get();
        match job.kept().map(|k| k.note) {
            Some(note) if note.starts_with(RESTORE) => {
                let date = format::date(locale, DateTime::parse_iso(&note[RESTORE.len()..]));
                locale.tr_with(PageKey::RestoringBackup, &[("date", &date)])
            }
            _ => locale.tr(PageKey::CreatingBackup).to_owned(),
        }
    });
    Effect::new(move |previous: Option<Option<JobState>>| {
        let state = job.state();
        if state == Some(JobState::Done) && previous.flatten() != Some(JobState::Done) {
            let restored = job.kept().is_some_and(|k| k.note.starts_with(RESTORE));
            let key = if restored { PageKey::BackupRestored } else { PageKey::BackupCreated };
            toasts.push(ToastKind::Success, locale.get_untracked().tr(key));
            backups.refetch();
        }
        state
    });
    let start_failure = failure_of(start);
    let failure = move || job.error().map(|e| e.user_message(locale.get())).or_else(start_failure);
    let to_restore = RwSignal::new(None::<Backup>);
    let confirm_open = RwSignal::new(false);
    let ask_restore = move |backup: Backup| {
        to_restore.set(Some(backup));
        confirm_open.set(true);
    };
    let restore = Callback::new(move |backup: Backup| {
        confirm_open.set(false);
        job.clear();
        start.dispatch(Some(backup));
    });
    view! {
        <section class="backups-intro">
            <p>{tr(PageKey::BackupsExplained)}</p>
            <button type="button" id="create-backup" class="primary" disabled=busy
                on:click=move |_| {
                    job.clear();
                    start.dispatch(None);
                }>
                {tr(PageKey::CreateBackup)}
            </button>
        </section>
        <JobProgress job title />
        {move || failure().map(|message| view! { <ErrorPanel message /> })}
        {loaded(backups, move |list| if list.is_empty() {
            view! { <p class="empty">{tr(PageKey::NoBackups)}</p> }.into_any()
        } else {
            let unreadable = list.unreadable;
            view! {
                <ul class="backups">
                    {list
                        .items
                        .into_iter()
                        .map(|backup| {
                            let date = backup.creation_date;
                            let id = backup.id.clone();
                            view! {
                                <li data-id=id>
                                    <span class="date">{move || format::date(locale.get(), date)}</span>
                                    <button type="button" class="ghost restore" disabled=busy
                                        on:click=move |_| ask_restore(backup.clone())>
                                        {tr(PageKey::Restore)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <UnreadableItems items=unreadable />
            }.into_any()
        })}
        <Modal open=confirm_open class="confirm" label=Signal::derive(move || locale.get().tr(PageKey::RestoreTitle).to_owned())>
            {move || to_restore.get().map(|backup| view! { <RestoreConfirm backup open=confirm_open on_confirm=restore /> })}
        </Modal>
    }
}

#[component]
fn RestoreConfirm(backup: Backup, open: RwSignal<bool>, on_confirm: Callback<Backup>) -> impl IntoView {
    let locale = use_locale();
    let date = backup.creation_date;
    let question =
        move || locale.get().tr_with(PageKey::RestoreQuestion, &[("date", &format::date(locale.get(), date))]);
    view! {
        <h2>{tr(PageKey::RestoreTitle)}</h2>
        <p>{question}</p>
        <div class="actions">
            <button type="button" class="ghost" autofocus on:click=move |_| open.set(false)>
                {tr(PageKey::Cancel)}
            </button>
            <button type="button" class="danger" id="confirm-restore" on:click=move |_| on_confirm.run(backup.clone())>
                {tr(PageKey::RestoreForGood)}
            </button>
        </div>
    }
}
