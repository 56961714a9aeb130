//! The approvals register in the browser: a project's approvals (on its page), the expiry
//! reminders page (到期提醒: what expires soon, what lapsed, what has been in progress too long,
//! by owner, with one click to record a reminder and a calendar export), and the joint review
//! meetings (联审会) with their decisions and follow-up items. Every change is one edit through
//! the workspace; the rules are the model's, the judgement and counts `calc::approvals`'.

use crate::calc::approvals::{by_owner, count, DeadlineOptions, DeadlineTable, Due, DueCounts};
use crate::i18n::{text, Message};
use crate::model::approval::{item_label_en, STANDARD_ITEMS};
use crate::model::{
    Approval, ApprovalStatus, Dataset, Date, Edit, Lang, Meeting, Period, Procedure, Record,
    RecordCount, RecordId, Reminder, SupervisionItem, SupervisionStatus,
};
use crate::ui::components::project::{as_of, ProjectTabs};
use crate::ui::components::{download_text, FieldError};
use crate::ui::state::AppState;
use crate::workspace::forms::{
    read_approval, read_extension, read_meeting, read_supervision_item, ApprovalInput,
    MeetingInput, SupervisionInput,
};
use leptos::prelude::*;
use std::collections::BTreeMap;

type Error = RwSignal<Option<Message>>;

/// Rows of the reminder list shown at first, and added by each "show more".
const ROWS_SHOWN: usize = 100;

fn procedure_key(procedure: Procedure) -> &'static str {
    match procedure {
        Procedure::Filing => "procedure.filing",
        Procedure::Verification => "procedure.verification",
        Procedure::Review => "procedure.review",
    }
}

fn status_key(status: ApprovalStatus) -> &'static str {
    match status {
        ApprovalStatus::Pending => "approval_status.pending",
        ApprovalStatus::Done => "approval_status.done",
        ApprovalStatus::Extended => "approval_status.extended",
        ApprovalStatus::Lapsed => "approval_status.lapsed",
    }
}

fn count_key(what: RecordCount) -> &'static str {
    match what {
        RecordCount::ApprovalsDone => "counted.approvals_done",
        RecordCount::JointMeetings => "counted.joint_meetings",
        RecordCount::RemindedOwners => "counted.reminded_owners",
        RecordCount::ExtensionOwners => "counted.extension_owners",
        RecordCount::ProxyFilings => "counted.proxy_filings",
    }
}

/// An item as the reader's language shows it (the user's own items as typed).
fn item_label(item: &str, lang: Lang) -> String {
    match lang {
        Lang::En => item_label_en(item).to_string(),
        _ => item.to_string(),
    }
}

/// What is due, in words: "已过期 92 天", "30 天后到期", "今天到期", "在办 61 天".
fn due_text(due: Due, lang: Lang) -> String {
    match due {
        Due::Expired { days_ago } => Message::new("deadlines.expired_days")
            .with("days", days_ago)
            .render(lang),
        Due::Expiring { days_left: 0 } => text(lang, "deadlines.expires_today").to_string(),
        Due::Expiring { days_left } => Message::new("deadlines.expiring_days")
            .with("days", days_left)
            .render(lang),
        Due::LongPending { days } => Message::new("deadlines.pending_days")
            .with("days", days)
            .render(lang),
    }
}

/// The items offered in the form: the standard ones, then every other item the ledger uses.
fn items_offered(dataset: Option<&Dataset>) -> Vec<String> {
    let mut items: Vec<String> = STANDARD_ITEMS
        .iter()
        .map(|(zh, _)| zh.to_string())
        .collect();
    if let Some(d) = dataset {
        for approval in d.approvals() {
            if !items.contains(&approval.item) {
                items.push(approval.item.clone());
            }
        }
    }
    items
}

/// Extends an approval: granted on a day (the reporting date by default) to a new end. The
/// dates are asked for only once 延期… is clicked, with the new end focused: a list of a hundred
/// due approvals would otherwise build two date inputs per row that are rarely used (148 date
/// inputs took about 21 ms of 到期提醒's first opening at city scale, against 3 ms as text).
#[component]
fn ExtendControl(approval: Approval, test_id: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    let granted = RwSignal::new(as_of(state).map(|d| d.to_iso()).unwrap_or_default());
    let until = RwSignal::new(String::new());
    let error: Error = RwSignal::new(None);
    let until_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = until_ref.get() {
            let _ = input.focus();
        }
    });
    let stored = StoredValue::new(approval);
    let extend = move |_| {
        error.set(None);
        let extended = match read_extension(
            &stored.get_value(),
            &granted.get_untracked(),
            &until.get_untracked(),
            "",
        ) {
            Ok(extended) => extended,
            Err(problems) => {
                error.set(problems.into_iter().next().map(|(_, m)| m));
                return;
            }
        };
        match state.dispatch(Edit::Put(Record::Approval(extended))) {
            Ok(_) => open.set(false),
            Err(message) => error.set(Some(message)),
        }
    };
    let cancel = move |_| {
        error.set(None);
        open.set(false);
    };
    view! {
        <span class="extend" data-testid=test_id>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button data-testid="extend-open" on:click=move |_| open.set(true)>
                        {move || text(lang.get(), "approval.extend_open")}
                    </button>
                }
            >
                <input type="date" data-testid="extend-granted" title=move || text(lang.get(), "approval.granted")
                    prop:value=move || granted.get() on:input=move |ev| granted.set(event_target_value(&ev)) />
                <input type="date" data-testid="extend-until" title=move || text(lang.get(), "approval.until")
                    node_ref=until_ref
                    prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev)) />
                <button data-testid="extend-button" on:click=extend>{move || text(lang.get(), "approval.extend")}</button>
                <button data-testid="extend-cancel" on:click=cancel>{move || text(lang.get(), "action.cancel")}</button>
                <FieldError error=error test_id="extend-error" />
            </Show>
        </span>
    }
}

/// The fields of the approval form, typed, with a message at each field that can be refused.
/// The add form and a row's editor are two of these.
#[derive(Clone, Copy)]
struct ApprovalForm {
    procedure: RwSignal<String>,
    item: RwSignal<String>,
    body: RwSignal<String>,
    applied: RwSignal<String>,
    issued: RwSignal<String>,
    document_no: RwSignal<String>,
    months: RwSignal<String>,
    until: RwSignal<String>,
    /// An [`ApprovalStatus`] code (the editor's select; empty in the add form).
    status: RwSignal<String>,
    on_behalf: RwSignal<bool>,
    note: RwSignal<String>,
    errors: StoredValue<BTreeMap<&'static str, Error>>,
}

/// The fields a refusal can be placed at; anything else goes to "general".
const FORM_FIELDS: [&str; 7] = [
    "item",
    "applied",
    "issued",
    "validity",
    "document_no",
    "status",
    "general",
];

impl ApprovalForm {
    /// An empty form applied for on `applied`.
    fn new(applied: String) -> ApprovalForm {
        let errors = FORM_FIELDS
            .into_iter()
            .map(|f| (f, RwSignal::new(None)))
            .collect();
        ApprovalForm {
            procedure: RwSignal::new(Procedure::Review.code().to_string()),
            item: RwSignal::new(String::new()),
            body: RwSignal::new(String::new()),
            applied: RwSignal::new(applied),
            issued: RwSignal::new(String::new()),
            document_no: RwSignal::new(String::new()),
            months: RwSignal::new(String::new()),
            until: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
            on_behalf: RwSignal::new(false),
            note: RwSignal::new(String::new()),
            errors: StoredValue::new(errors),
        }
    }

    /// A form holding an approval as stored, to edit it.
    fn of(approval: &Approval) -> ApprovalForm {
        let form = ApprovalForm::new(approval.applied.to_iso());
        form.procedure.set(approval.procedure.code().to_string());
        form.item.set(approval.item.clone());
        form.body.set(approval.body.clone());
        form.issued
            .set(approval.issued.map(|d| d.to_iso()).unwrap_or_default());
        form.document_no.set(approval.document_no.clone());
        match approval.validity {
            Some(crate::model::Validity::Months(months)) => form.months.set(months.to_string()),
            Some(crate::model::Validity::Until(day)) => form.until.set(day.to_iso()),
            None => {}
        }
        form.status.set(approval.status.code().to_string());
        form.on_behalf.set(approval.on_behalf);
        form.note.set(approval.note.clone());
        form
    }

    fn error_at(self, field: &'static str) -> Error {
        self.errors.with_value(|e| e[field])
    }

    fn clear_errors(self) {
        self.errors
            .with_value(|e| e.values().for_each(|e| e.set(None)));
    }

    /// Puts a message at its field (the first message of a field stays).
    fn place(self, field: Option<&str>, message: Message) {
        let field = FORM_FIELDS
            .into_iter()
            .find(|f| Some(*f) == field)
            .unwrap_or("general");
        let at = self.error_at(field);
        if at.with_untracked(Option::is_none) {
            at.set(Some(message));
        }
    }

    fn input(self) -> ApprovalInput {
        ApprovalInput {
            procedure: self.procedure.get_untracked(),
            item: self.item.get_untracked(),
            body: self.body.get_untracked(),
            applied: self.applied.get_untracked(),
            issued: self.issued.get_untracked(),
            document_no: self.document_no.get_untracked(),
            validity_months: self.months.get_untracked(),
            valid_until: self.until.get_untracked(),
            status: self.status.get_untracked(),
            on_behalf: self.on_behalf.get_untracked(),
            note: self.note.get_untracked(),
        }
    }

    /// Reads the form into an approval and stores it as one edit; the messages go to their
    /// fields. Whether it was stored.
    fn save(
        self,
        state: AppState,
        id: RecordId,
        project: RecordId,
        existing: Option<&Approval>,
    ) -> bool {
        self.clear_errors();
        let approval = match read_approval(&self.input(), id, project, existing) {
            Ok(approval) => approval,
            Err(problems) => {
                for (field, message) in problems {
                    self.place(Some(field), message);
                }
                return false;
            }
        };
        match state.dispatch(Edit::Put(Record::Approval(approval))) {
            Ok(()) => true,
            Err(message) => {
                self.place(message.field, message);
                false
            }
        }
    }
}

/// The approval form's fields (the add form's and a row's editor's); the editor also has the
/// status. A date issued typed into an application in progress marks it issued (办结).
#[component]
fn ApprovalFields(form: ApprovalForm, editing: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let items = move || state.dataset.with(items_offered);
    let ApprovalForm {
        procedure,
        item,
        body,
        applied,
        issued,
        document_no,
        months,
        until,
        status,
        on_behalf,
        note,
        ..
    } = form;
    let on_issued = move |ev| {
        let value = event_target_value(&ev);
        if editing && !value.is_empty() && status.get_untracked() == ApprovalStatus::Pending.code()
        {
            status.set(ApprovalStatus::Done.code().to_string());
        }
        issued.set(value);
    };
    view! {
        <label class="field"><span>{move || text(lang.get(), "approval.item")}</span>
            <input list="approval-items" data-testid="approval-item" prop:value=move || item.get() on:input=move |ev| item.set(event_target_value(&ev)) />
            {(!editing).then(|| view! {
                <datalist id="approval-items">
                    {move || items().into_iter().map(|i| view! { <option value=i.clone()>{item_label(&i, lang.get())}</option> }).collect_view()}
                </datalist>
            })}</label>
        <FieldError error=form.error_at("item") test_id="approval-item-error" />
        <label class="field"><span>{move || text(lang.get(), "approval.procedure")}</span>
            <select data-testid="approval-procedure" prop:value=move || procedure.get() on:change=move |ev| procedure.set(event_target_value(&ev))>
                {Procedure::ALL.into_iter().map(|p| view! { <option value=p.code() selected=procedure.get_untracked() == p.code()>{move || text(lang.get(), procedure_key(p))}</option> }).collect_view()}
            </select></label>
        <label class="field"><span>{move || text(lang.get(), "approval.body")}</span>
            <input data-testid="approval-body" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev)) /></label>
        <label class="field"><span>{move || text(lang.get(), "approval.applied")}</span>
            <input type="date" data-testid="approval-applied" prop:value=move || applied.get() on:input=move |ev| applied.set(event_target_value(&ev)) /></label>
        <FieldError error=form.error_at("applied") test_id="approval-applied-error" />
        <label class="field"><span>{move || text(lang.get(), "approval.issued")}</span>
            <input type="date" data-testid="approval-issued" prop:value=move || issued.get() on:input=on_issued /></label>
        <FieldError error=form.error_at("issued") test_id="approval-issued-error" />
        <label class="field"><span>{move || text(lang.get(), "approval.document_no")}</span>
            <input data-testid="approval-document-no" prop:value=move || document_no.get() on:input=move |ev| document_no.set(event_target_value(&ev)) /></label>
        <FieldError error=form.error_at("document_no") test_id="approval-document-no-error" />
        <label class="field"><span>{move || text(lang.get(), "approval.validity_months")}</span>
            <input inputmode="numeric" data-testid="approval-months" prop:value=move || months.get() on:input=move |ev| months.set(event_target_value(&ev)) /></label>
        <label class="field"><span>{move || text(lang.get(), "approval.valid_until")}</span>
            <input type="date" data-testid="approval-until" prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev)) /></label>
        <FieldError error=form.error_at("validity") test_id="approval-validity-error" />
        {editing.then(|| view! {
            <label class="field"><span>{move || text(lang.get(), "approval.status")}</span>
                <select data-testid="approval-status-select" prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                    {ApprovalStatus::ALL.into_iter().map(|s| view! { <option value=s.code() selected=status.get_untracked() == s.code()>{move || text(lang.get(), status_key(s))}</option> }).collect_view()}
                </select></label>
            <FieldError error=form.error_at("status") test_id="approval-status-error" />
        })}
        <label class="field check"><input type="checkbox" data-testid="approval-on-behalf" prop:checked=move || on_behalf.get()
            on:change=move |ev| on_behalf.set(event_target_checked(&ev)) />
            <span>{move || text(lang.get(), "approval.on_behalf")}</span></label>
        <label class="field wide"><span>{move || text(lang.get(), "approval.note")}</span>
            <input data-testid="approval-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) /></label>
    }
}

/// A row's editor: the approval as stored in the form, saved as one edit (its extensions and
/// reminders stay); 取消 puts it away unchanged.
#[component]
fn ApprovalEditor(approval: Approval, editing: RwSignal<Option<RecordId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let form = ApprovalForm::of(&approval);
    let stored = StoredValue::new(approval);
    let save = move |_| {
        let saved =
            stored.with_value(|a| form.save(state, a.id.clone(), a.project.clone(), Some(a)));
        if saved {
            editing.set(None);
        }
    };
    view! {
        <tr class="editing" data-testid="approval-editor-row">
            <td colspan="10">
                <div class="approval-form" data-testid="approval-editor">
                    <ApprovalFields form=form editing=true />
                    <button data-testid="approval-save" on:click=save>{move || text(lang.get(), "action.save")}</button>
                    <button data-testid="approval-edit-cancel" on:click=move |_| editing.set(None)>{move || text(lang.get(), "action.cancel")}</button>
                    <FieldError error=form.error_at("general") test_id="approval-editor-error" />
                </div>
            </td>
        </tr>
    }
}

/// A project's approvals with the form to add one (on the project's page); each row can be
/// edited (an application recorded as issued, an approval marked lapsed …), extended or
/// deleted, each one undoable edit.
#[component]
pub fn ApprovalsSection(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let project_id = StoredValue::new(id);
    let approvals = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    project_id.with_value(|id| {
                        d.approvals_of(id)
                            .into_iter()
                            .map(|a| (a.clone(), d.reminders_of(&a.id).len()))
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default()
        })
    });
    let today = as_of(state).map(|d| d.to_iso()).unwrap_or_default();
    let form = ApprovalForm::new(today);
    // The row being edited, if any (one at a time).
    let editing: RwSignal<Option<RecordId>> = RwSignal::new(None);
    let add = move |_| {
        if form.save(state, state.new_id(), project_id.get_value(), None) {
            for s in [
                form.item,
                form.issued,
                form.document_no,
                form.months,
                form.until,
                form.note,
            ] {
                s.set(String::new());
            }
            form.on_behalf.set(false);
        }
    };
    let remove = move |approval: RecordId| {
        let edit = state
            .dataset
            .with_untracked(|d| d.as_ref().map(|d| d.delete_approval_edit(&approval)));
        if let Some(edit) = edit {
            if let Err(message) = state.dispatch(edit) {
                form.error_at("general").set(Some(message));
            }
        }
    };
    view! {
        <section class="approvals" data-testid="approvals">
            <h2>{move || text(lang.get(), "approval.title")}</h2>
            <table class="ledger" data-testid="approvals-table">
                <thead><tr>
                    <th>{move || text(lang.get(), "approval.item")}</th>
                    <th>{move || text(lang.get(), "approval.procedure")}</th>
                    <th>{move || text(lang.get(), "approval.body")}</th>
                    <th>{move || text(lang.get(), "approval.applied")}</th>
                    <th>{move || text(lang.get(), "approval.issued")}</th>
                    <th>{move || text(lang.get(), "approval.document_no")}</th>
                    <th>{move || text(lang.get(), "approval.end")}</th>
                    <th>{move || text(lang.get(), "approval.status")}</th>
                    <th>{move || text(lang.get(), "approval.reminders")}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    <For each=move || approvals.get() key=|(a, n)| (Record::Approval(a.clone()).fields(), *n) let:row>
                        {
                            let (a, reminders) = row;
                            let id = a.id.clone();
                            let edit_id = a.id.clone();
                            let is_editing = {
                                let id = a.id.clone();
                                move || editing.with(|e| e.as_ref() == Some(&id))
                            };
                            let editor = a.clone();
                            view! {
                                <tr data-testid="approval-row">
                                    <td>{let item = a.item.clone(); move || item_label(&item, lang.get())}{a.on_behalf.then(|| view! { <span class="badge" data-testid="on-behalf">{move || text(lang.get(), "approval.on_behalf_badge")}</span> })}</td>
                                    <td>{move || text(lang.get(), procedure_key(a.procedure))}</td>
                                    <td>{a.body.clone()}</td>
                                    <td>{a.applied.to_iso()}</td>
                                    <td data-testid="approval-issued-on">{a.issued.map(|d| d.to_iso()).unwrap_or_default()}</td>
                                    <td data-testid="approval-number">{a.document_no.clone()}</td>
                                    <td data-testid="approval-end">{a.end().map(|d| d.to_iso()).unwrap_or_default()}</td>
                                    <td data-testid="approval-status">{move || text(lang.get(), status_key(a.status))}</td>
                                    <td class="num">{reminders}</td>
                                    <td>
                                        <button class="small" data-testid="approval-edit" on:click=move |_| editing.set(Some(edit_id.clone()))>
                                            {move || text(lang.get(), "action.edit")}
                                        </button>
                                        {a.issued.is_some().then(|| view! { <ExtendControl approval=a.clone() test_id="approval-extend" /> })}
                                        <button class="small danger" data-testid="approval-delete" on:click=move |_| remove(id.clone())>
                                            {move || text(lang.get(), "action.delete")}
                                        </button>
                                    </td>
                                </tr>
                                <Show when=is_editing.clone()>
                                    <ApprovalEditor approval=editor.clone() editing=editing />
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <div class="approval-form" data-testid="approval-form">
                <ApprovalFields form=form editing=false />
                <button data-testid="approval-add" on:click=add>{move || text(lang.get(), "approval.add")}</button>
                <FieldError error=form.error_at("general") test_id="approval-error" />
            </div>
        </section>
    }
}

/// One row of the reminder list.
#[derive(Debug, Clone, PartialEq)]
struct DueRow {
    approval: Approval,
    project: String,
    due: Due,
    /// Its last valid day as of the reporting date (an extension granted later not counted).
    end: Option<Date>,
    last_reminded: Option<Date>,
}

/// What a row shows, so a keyed list redraws a row exactly when it changed.
type DueRowKey = (
    RecordId,
    Due,
    Option<Date>,
    Option<Date>,
    ApprovalStatus,
    String,
);

impl DueRow {
    fn key(&self) -> DueRowKey {
        (
            self.approval.id.clone(),
            self.due,
            self.last_reminded,
            self.end,
            self.approval.status,
            self.project.clone(),
        )
    }
}

/// One row of 到期提醒.
fn due_row(
    row: DueRow,
    lang: RwSignal<Lang>,
    remind: impl Fn(RecordId) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = row.approval.id.clone();
    let project = row.approval.project.clone();
    let expired = matches!(row.due, Due::Expired { .. });
    view! {
        <tr data-testid="due-row" class:overdue=expired>
            <td><a href=format!("#/project/{project}")>{row.project.clone()}</a></td>
            <td data-testid="due-item">{let item = row.approval.item.clone(); move || item_label(&item, lang.get())}</td>
            <td>{row.approval.document_no.clone()}</td>
            <td data-testid="due-end">{row.end.map(|d| d.to_iso()).unwrap_or_default()}</td>
            <td data-testid="due-text">{move || due_text(row.due, lang.get())}</td>
            <td data-testid="due-reminded">{row.last_reminded.map(|d| d.to_iso()).unwrap_or_default()}</td>
            <td>
                <button data-testid="remind" on:click=move |_| remind(id.clone())>{move || text(lang.get(), "deadlines.remind")}</button>
                {row.approval.issued.is_some().then(|| view! { <ExtendControl approval=row.approval.clone() test_id="due-extend" /> })}
            </td>
        </tr>
    }
}

thread_local! {
    /// The deadline table of the open ledger as last built, shared by the dashboard's card and
    /// 到期提醒: rebuilt only when the ledger's approvals or projects changed, so a reminder
    /// recorded, a setting changed or any other edit judges the table again without reading
    /// 40,000 approvals.
    static TABLE: std::cell::RefCell<Option<std::rc::Rc<DeadlineTable>>> =
        const { std::cell::RefCell::new(None) };
}

/// The open ledger's deadline table (see `TABLE`).
pub fn deadline_table(dataset: &crate::model::Dataset) -> std::rc::Rc<DeadlineTable> {
    TABLE.with(|cell| {
        let mut cached = cell.borrow_mut();
        match cached.as_ref() {
            Some(table) if table.built_from == DeadlineTable::key(dataset) => table.clone(),
            _ => {
                let table = std::rc::Rc::new(DeadlineTable::of(dataset));
                *cached = Some(table.clone());
                table
            }
        }
    })
}

/// 到期提醒: the approvals due as of the reporting date, by owner.
#[component]
pub fn DeadlinesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let options = state.deadline_options;
    let expiring_text = RwSignal::new(options.get_untracked().expiring_within_days.to_string());
    let pending_text = RwSignal::new(options.get_untracked().pending_over_days.to_string());
    let settings_error: Error = RwSignal::new(None);
    let save_settings = move |_| {
        settings_error.set(None);
        let read = |text: String| text.trim().parse::<i64>().ok().filter(|d| *d >= 0);
        match (
            read(expiring_text.get_untracked()),
            read(pending_text.get_untracked()),
        ) {
            (Some(expiring), Some(pending)) => {
                let saved = state.set_deadline_options(DeadlineOptions {
                    expiring_within_days: expiring,
                    pending_over_days: pending,
                });
                settings_error.set(saved.err());
            }
            _ => settings_error.set(Some(Message::new("deadlines.bad_days"))),
        }
    };
    let today = move || as_of(state);
    // A city ledger has thousands of approvals due: the page shows the first rows (most
    // urgent first within each owner) and more on request.
    let limit = RwSignal::new(ROWS_SHOWN);
    let due = Memo::new(move |_| {
        let options = options.get();
        let limit = limit.get();
        state.dataset.with(|d| {
            let Some(d) = d.as_ref() else {
                return (Vec::new(), DueCounts::default(), 0);
            };
            crate::ui::perf_mark("taizhang:deadlines-start");
            let table = deadline_table(d);
            let list = table.due(d.meta.document_date, &options);
            let counts = DueCounts::of_entries(&list);
            let shown = &list[..limit.min(list.len())];
            let groups = by_owner(&table.resolve(d, shown))
                .into_iter()
                .map(|(owner, run)| {
                    let rows = run
                        .iter()
                        .map(|due| DueRow {
                            approval: due.approval.clone(),
                            project: due.project.name.clone(),
                            due: due.due,
                            end: due.end,
                            last_reminded: due.last_reminded,
                        })
                        .collect::<Vec<_>>();
                    (owner.to_string(), rows)
                })
                .collect::<Vec<_>>();
            crate::ui::perf_mark("taizhang:deadlines-end");
            (groups, counts, list.len())
        })
    });
    let owners = move || {
        due.with(|(groups, _, _)| {
            groups
                .iter()
                .map(|(owner, _)| owner.clone())
                .collect::<Vec<_>>()
        })
    };
    let rows_of = move |owner: &str| {
        due.with(|(groups, _, _)| {
            groups
                .iter()
                .find(|(o, _)| o == owner)
                .map(|(_, rows)| rows.clone())
                .unwrap_or_default()
        })
    };
    let counts = Memo::new(move |_| due.with(|(_, counts, _)| *counts));
    let total = move || due.with(|(_, _, total)| *total);
    // The register's counts for this year to the reporting date (as the work summary states
    // them: "今年截至10月累计办结项目审批171件").
    // Each count is counted again only when a record kind it reads changed (a reminder
    // recorded recounts the owners reminded, not 40,000 approvals three times over).
    type Counted = (RecordCount, Vec<u64>, usize);
    let register = Memo::new(move |previous: Option<&Option<(Period, Vec<Counted>)>>| {
        state.dataset.with(|d| {
            let d = d.as_ref()?;
            let day = d.meta.document_date;
            let period = Period::YearToDate {
                year: day.year,
                through_month: day.month,
            };
            let before = previous
                .and_then(|p| p.as_ref())
                .filter(|(p, _)| *p == period)
                .map(|(_, counts)| counts.as_slice())
                .unwrap_or_default();
            let counts: Vec<Counted> = RecordCount::ALL
                .into_iter()
                .map(|what| {
                    let revisions: Vec<u64> =
                        what.depends_on().iter().map(|k| d.revision(*k)).collect();
                    let kept = before
                        .iter()
                        .find(|(w, r, _)| *w == what && *r == revisions)
                        .map(|(_, _, n)| *n);
                    let n = kept.unwrap_or_else(|| count(d, what, &period));
                    (what, revisions, n)
                })
                .collect();
            Some((period, counts))
        })
    });
    let remind_error: Error = RwSignal::new(None);
    let remind = move |approval: RecordId| {
        remind_error.set(None);
        let Some(date) = today() else {
            return;
        };
        let reminder = Reminder {
            id: state.new_id(),
            approval,
            date,
            note: String::new(),
            stamps: Default::default(),
            updated_by: String::new(),
        };
        if let Err(message) = state.dispatch(Edit::Put(Record::Reminder(reminder))) {
            remind_error.set(Some(message));
        }
    };
    let export_error: Error = RwSignal::new(None);
    let export_ics = move |_| {
        export_error.set(None);
        let lang = lang.get_untracked();
        let made = state.dataset.with_untracked(|d| {
            let d = d.as_ref()?;
            let day = d.meta.document_date;
            let events = crate::format::ics::expiry_events(d, day, |a, p| {
                let summary = Message::new("deadlines.ics_summary")
                    .with("project", &p.name)
                    .with("item", item_label(&a.item, lang))
                    .render(lang);
                let description = [
                    p.owner.clone(),
                    a.body.clone(),
                    a.document_no.clone(),
                    a.note.clone(),
                ]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n");
                (summary, description)
            });
            let stamp = chrono_stamp();
            Some((
                crate::format::ics::ics_file_name(day),
                crate::format::ics::write_ics(&events, &stamp, 7),
                events.len(),
            ))
        });
        if let Some((name, text, _)) = made {
            if let Err(error) = download_text(&name, "text/calendar;charset=utf-8", &text) {
                export_error.set(Some(
                    Message::new("error.download_failed").with("detail", error),
                ));
            }
        }
    };
    view! {
        <section class="deadlines-page" data-testid="deadlines-page">
            <h1>{move || text(lang.get(), "deadlines.title")}</h1>
            <ProjectTabs />
            <p class="muted">{move || format!("{} {}", text(lang.get(), "project.as_of"), today().map(|d| d.to_iso()).unwrap_or_default())}</p>
            <div class="cards" data-testid="deadline-counts">
                <div class="card"><span class="card-name">{move || text(lang.get(), "deadlines.expired")}</span>
                    <span class="card-figure"><strong data-testid="count-expired">{move || counts.get().expired}</strong></span></div>
                <div class="card"><span class="card-name">{move || Message::new("deadlines.expiring_within").with("days", options.get().expiring_within_days).render(lang.get())}</span>
                    <span class="card-figure"><strong data-testid="count-expiring">{move || counts.get().expiring}</strong></span></div>
                <div class="card"><span class="card-name">{move || Message::new("deadlines.pending_over").with("days", options.get().pending_over_days).render(lang.get())}</span>
                    <span class="card-figure"><strong data-testid="count-pending">{move || counts.get().long_pending}</strong></span></div>
            </div>
            <details class="settings" data-testid="deadline-settings">
                <summary>{move || text(lang.get(), "deadlines.settings")}</summary>
                <label class="field"><span>{move || text(lang.get(), "deadlines.expiring_setting")}</span>
                    <input inputmode="numeric" data-testid="setting-expiring" prop:value=move || expiring_text.get() on:input=move |ev| expiring_text.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{move || text(lang.get(), "deadlines.pending_setting")}</span>
                    <input inputmode="numeric" data-testid="setting-pending" prop:value=move || pending_text.get() on:input=move |ev| pending_text.set(event_target_value(&ev)) /></label>
                <button data-testid="settings-save" on:click=save_settings>{move || text(lang.get(), "action.save")}</button>
                <FieldError error=settings_error test_id="settings-error" />
            </details>
            <p>
                <button data-testid="export-ics" on:click=export_ics>{move || text(lang.get(), "deadlines.export_ics")}</button>
                " "<span class="muted small">{move || text(lang.get(), "deadlines.export_ics_hint")}</span>
                <FieldError error=export_error test_id="export-ics-error" />
            </p>
            <FieldError error=remind_error test_id="remind-error" />
            <Show when=move || { total() > 0 }
                fallback=move || view! { <p class="muted" data-testid="deadlines-empty">{text(lang.get(), "deadlines.none")}</p> }>
                // Keyed, so a reminder recorded or a setting changed redraws only the rows that
                // changed, not the hundred shown.
                <For each=owners key=|owner| owner.clone() let:owner>
                    <section class="owner" data-testid="owner-group">
                        <h2 data-testid="owner-name">{owner.clone()}</h2>
                        <table class="ledger">
                            <thead><tr>
                                <th>{move || text(lang.get(), "project.name")}</th>
                                <th>{move || text(lang.get(), "approval.item")}</th>
                                <th>{move || text(lang.get(), "approval.document_no")}</th>
                                <th>{move || text(lang.get(), "approval.end")}</th>
                                <th>{move || text(lang.get(), "deadlines.due")}</th>
                                <th>{move || text(lang.get(), "deadlines.last_reminded")}</th>
                                <th></th>
                            </tr></thead>
                            <tbody>
                                <For each=move || rows_of(&owner) key=DueRow::key let:row>
                                    {due_row(row, lang, remind)}
                                </For>
                            </tbody>
                        </table>
                    </section>
                </For>
            </Show>
            {move || {
                let total = total();
                let shown = limit.get().min(total);
                (shown < total).then(|| view! {
                    <p data-testid="due-more">
                        <span class="muted">{Message::new("deadlines.shown_of").with("shown", shown).with("total", total).render(lang.get())}</span>" "
                        <button data-testid="due-show-more" on:click=move |_| limit.update(|l| *l += ROWS_SHOWN)>{text(lang.get(), "deadlines.show_more")}</button>
                    </p>
                })
            }}
            {move || register.get().map(|(period, counts)| view! {
                <h2>{text(lang.get(), "deadlines.register_counts")}" · "{period.label(lang.get())}</h2>
                <table class="ledger" data-testid="register-counts">
                    <tbody>
                        {counts.into_iter().map(|(what, _, n)| view! {
                            <tr data-testid="register-count" data-count=what.code()>
                                <td>{text(lang.get(), count_key(what))}</td>
                                <td class="num" data-testid="register-count-value">{n}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

/// Now in UTC as an iCalendar DTSTAMP (`YYYYMMDDTHHMMSSZ`).
fn chrono_stamp() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    // "2026-12-01T10:20:30.123Z" → "20261201T102030Z"
    let digits: String = iso
        .chars()
        .take(19)
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .collect();
    format!("{digits}Z")
}

/// A meeting as its card shows it: the record, its projects' names with their decisions, and
/// its follow-up items.
type MeetingView = (Meeting, Vec<(String, String)>, Vec<SupervisionItem>);

/// 联审会: the joint review meetings, newest first, each with its projects' decisions and the
/// follow-up items it raised; a form to record one.
#[component]
pub fn MeetingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let meetings = Memo::new(move |_| {
        state.dataset.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::new();
            };
            let mut list: Vec<MeetingView> = d
                .meetings()
                .map(|m| {
                    let items = m
                        .items
                        .iter()
                        .map(|i| {
                            let name = d
                                .project(&i.project)
                                .map(|p| p.name.clone())
                                .unwrap_or_default();
                            (name, i.decision.clone())
                        })
                        .collect();
                    let follow_ups = d.follow_ups_of(&m.id).into_iter().cloned().collect();
                    (m.clone(), items, follow_ups)
                })
                .collect();
            crate::sorting::sort_by(&mut list, |a, b| {
                b.0.date.cmp(&a.0.date).then_with(|| a.0.id.cmp(&b.0.id))
            });
            list
        })
    });
    let projects = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    let mut list: Vec<(RecordId, String)> = d
                        .projects()
                        .map(|p| (p.id.clone(), p.name.clone()))
                        .collect();
                    crate::sorting::sort_by(&mut list, |a, b| a.1.cmp(&b.1));
                    list
                })
                .unwrap_or_default()
        })
    });
    let date = RwSignal::new(as_of(state).map(|d| d.to_iso()).unwrap_or_default());
    let title = RwSignal::new(String::new());
    let attendees = RwSignal::new(String::new());
    let chosen = RwSignal::new(String::new());
    let decision = RwSignal::new(String::new());
    let items: RwSignal<Vec<(RecordId, String)>> = RwSignal::new(Vec::new());
    let error: Error = RwSignal::new(None);
    let add_item = move |_| {
        let Some(project) = RecordId::parse(&chosen.get_untracked()) else {
            return;
        };
        items.update(|list| {
            list.retain(|(p, _)| p != &project);
            list.push((project, decision.get_untracked()));
        });
        decision.set(String::new());
    };
    let save = move |_| {
        error.set(None);
        let input = MeetingInput {
            date: date.get_untracked(),
            title: title.get_untracked(),
            attendees: attendees.get_untracked(),
            items: items.get_untracked(),
            note: String::new(),
        };
        let meeting = match read_meeting(&input, state.new_id()) {
            Ok(meeting) => meeting,
            Err(problems) => {
                error.set(problems.into_iter().next().map(|(_, m)| m));
                return;
            }
        };
        match state.dispatch(Edit::Put(Record::Meeting(meeting))) {
            Ok(()) => {
                title.set(String::new());
                attendees.set(String::new());
                items.set(Vec::new());
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let project_name = move |id: &RecordId| {
        projects.with(|list| {
            list.iter()
                .find(|(p, _)| p == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="meetings-page" data-testid="meetings-page">
            <h1>{move || text(lang.get(), "meetings.title")}</h1>
            <ProjectTabs />
            <p class="muted">{move || text(lang.get(), "meetings.explain")}</p>
            <div class="meeting-form" data-testid="meeting-form">
                <label class="field"><span>{move || text(lang.get(), "meetings.date")}</span>
                    <input type="date" data-testid="meeting-date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) /></label>
                <label class="field wide"><span>{move || text(lang.get(), "meetings.meeting_title")}</span>
                    <input data-testid="meeting-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) /></label>
                <label class="field wide"><span>{move || text(lang.get(), "meetings.attendees")}</span>
                    <input data-testid="meeting-attendees" placeholder=move || text(lang.get(), "meetings.attendees_hint")
                        prop:value=move || attendees.get() on:input=move |ev| attendees.set(event_target_value(&ev)) /></label>
                <fieldset class="meeting-items">
                    <legend>{move || text(lang.get(), "meetings.projects")}</legend>
                    <ul data-testid="meeting-form-items">
                        {move || items.get().into_iter().map(|(p, d)| view! { <li>{project_name(&p)}": "{d}</li> }).collect_view()}
                    </ul>
                    <select data-testid="meeting-project" prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">{move || text(lang.get(), "meetings.choose_project")}</option>
                        {move || projects.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                    <input data-testid="meeting-decision" placeholder=move || text(lang.get(), "meetings.decision")
                        prop:value=move || decision.get() on:input=move |ev| decision.set(event_target_value(&ev)) />
                    <button data-testid="meeting-add-project" on:click=add_item>{move || text(lang.get(), "meetings.add_project")}</button>
                </fieldset>
                <button data-testid="meeting-save" on:click=save>{move || text(lang.get(), "meetings.save")}</button>
                <FieldError error=error test_id="meeting-error" />
            </div>
            <Show when=move || !meetings.with(Vec::is_empty)
                fallback=move || view! { <p class="muted" data-testid="meetings-empty">{text(lang.get(), "meetings.none")}</p> }>
                {move || meetings.get().into_iter().map(|(meeting, items, follow_ups)| view! {
                    <MeetingCard meeting=meeting items=items follow_ups=follow_ups />
                }).collect_view()}
            </Show>
        </section>
    }
}

/// One meeting: its decisions, its follow-up items, and a form to raise one more.
#[component]
fn MeetingCard(
    meeting: Meeting,
    items: Vec<(String, String)>,
    follow_ups: Vec<SupervisionItem>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let meeting_id = StoredValue::new(meeting.id.clone());
    let projects: Vec<(RecordId, String)> = meeting
        .items
        .iter()
        .zip(&items)
        .map(|(i, (name, _))| (i.project.clone(), name.clone()))
        .collect();
    let first = projects
        .first()
        .map(|(p, _)| p.to_string())
        .unwrap_or_default();
    let project = RwSignal::new(first);
    let problem = RwSignal::new(String::new());
    let responsible = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let error: Error = RwSignal::new(None);
    let raised = meeting.date;
    let add = move |_| {
        error.set(None);
        let Some(project) = RecordId::parse(&project.get_untracked()) else {
            error.set(Some(Message::new("meetings.project_needed")));
            return;
        };
        let input = SupervisionInput {
            problem: problem.get_untracked(),
            responsible: responsible.get_untracked(),
            raised: raised.to_iso(),
            deadline: deadline.get_untracked(),
        };
        let mut item = match read_supervision_item(&input, state.new_id(), project) {
            Ok(item) => item,
            Err(problems) => {
                error.set(problems.into_iter().next().map(|(_, m)| m));
                return;
            }
        };
        item.meeting = Some(meeting_id.get_value());
        match state.dispatch(Edit::Put(Record::Supervision(item))) {
            Ok(()) => {
                problem.set(String::new());
                deadline.set(String::new());
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let delete = move |_| {
        let edit = state.dataset.with_untracked(|d| {
            d.as_ref()
                .map(|d| meeting_id.with_value(|id| d.delete_meeting_edit(id)))
        });
        if let Some(edit) = edit {
            if let Err(message) = state.dispatch(edit) {
                error.set(Some(message));
            }
        }
    };
    let has_projects = !projects.is_empty();
    view! {
        <article class="meeting" data-testid="meeting">
            <h2><span data-testid="meeting-card-date">{meeting.date.to_iso()}</span>" "<span data-testid="meeting-card-title">{meeting.title.clone()}</span></h2>
            <p class="muted" data-testid="meeting-card-attendees">{move || text(lang.get(), "meetings.attendees")}": "{meeting.attendees.join("、")}</p>
            <ul data-testid="meeting-card-items">
                {items.into_iter().map(|(name, decision)| view! { <li data-testid="meeting-card-item"><b>{name}</b>": "{decision}</li> }).collect_view()}
            </ul>
            <h3>{move || text(lang.get(), "meetings.follow_ups")}</h3>
            <table class="ledger" data-testid="follow-ups">
                <tbody>
                    {follow_ups.into_iter().map(|f| {
                        let status = match f.status {
                            SupervisionStatus::Open => "supervision.open",
                            SupervisionStatus::Rectified => "supervision.rectified",
                            SupervisionStatus::Closed => "supervision.closed",
                        };
                        view! {
                            <tr data-testid="follow-up">
                                <td><a href=format!("#/project/{}", f.project)>{f.problem.clone()}</a></td>
                                <td>{f.responsible.clone()}</td>
                                <td>{f.deadline.map(|d| d.to_iso()).unwrap_or_default()}</td>
                                <td>{move || text(lang.get(), status)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || has_projects>
                <div class="follow-up-form" data-testid="follow-up-form">
                    <select data-testid="follow-up-project" prop:value=move || project.get() on:change=move |ev| project.set(event_target_value(&ev))>
                        {projects.clone().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                    <input data-testid="follow-up-problem" placeholder=move || text(lang.get(), "supervision.problem")
                        prop:value=move || problem.get() on:input=move |ev| problem.set(event_target_value(&ev)) />
                    <input data-testid="follow-up-responsible" placeholder=move || text(lang.get(), "supervision.responsible")
                        prop:value=move || responsible.get() on:input=move |ev| responsible.set(event_target_value(&ev)) />
                    <input type="date" data-testid="follow-up-deadline" title=move || text(lang.get(), "supervision.deadline")
                        prop:value=move || deadline.get() on:input=move |ev| deadline.set(event_target_value(&ev)) />
                    <button data-testid="follow-up-add" on:click=add>{move || text(lang.get(), "meetings.add_follow_up")}</button>
                </div>
            </Show>
            <button class="small danger" data-testid="meeting-delete" on:click=delete>{move || text(lang.get(), "action.delete")}</button>
            <FieldError error=error test_id="meeting-card-error" />
        </article>
    }
}
