//! One project's page: its details (an editable form, also used to add a project), its light
//! and why, completion against this year's plan, its monthly reports, its supervision items and
//! the bulletins that mention it. Every change is one edit through the core; a refused one
//! leaves the ledger as it was and puts the message at the field that caused it.

use crate::calc::projects::{
    classes_in_use, completed_in_year, plan_for, plan_rate, project_light, LEVELS,
};
use crate::i18n::{status_key, text, Message, ToMessage};
use crate::model::project::{
    read_project_code, CodeError, CodeReading, LightReason, EXAMPLE_PROJECT_CODE,
};
use crate::model::{
    Date, Edit, EditError, Lang, MilestoneStage, ProgressReport, Project, ProjectStatus, Record,
    RecordId, SupervisionItem, SupervisionStatus,
};
use crate::ui::components::project::{as_of, wan, LightBadge, ProjectTabs};
use crate::ui::components::FieldError;
use crate::ui::route::{navigate, ProjectQuery, Route};
use crate::ui::state::AppState;
use crate::workspace::forms::{
    blank_project, read_project, read_report, read_supervision_item, ProjectInput, ReportInput,
    SupervisionInput,
};
use leptos::prelude::*;

type Error = RwSignal<Option<Message>>;

fn new_error() -> Error {
    RwSignal::new(None)
}

fn reason_text(reason: &LightReason, lang: Lang) -> String {
    match reason {
        LightReason::Overdue => text(lang, "reason.overdue").to_string(),
        LightReason::BehindPlan { percent } => {
            text(lang, "reason.behind_plan").replace("{percent}", &percent.to_string())
        }
        LightReason::MissingReports { months } => {
            text(lang, "reason.missing_reports").replace("{months}", &months.to_string())
        }
        LightReason::LateStart => text(lang, "reason.late_start").to_string(),
    }
}

fn stage_key(stage: MilestoneStage) -> &'static str {
    match stage {
        MilestoneStage::Approval => "milestone.approval",
        MilestoneStage::Feasibility => "milestone.feasibility",
        MilestoneStage::PreliminaryDesign => "milestone.preliminary_design",
        MilestoneStage::Start => "milestone.start",
    }
}

fn supervision_key(status: SupervisionStatus) -> &'static str {
    match status {
        SupervisionStatus::Open => "supervision.open",
        SupervisionStatus::Rectified => "supervision.rectified",
        SupervisionStatus::Closed => "supervision.closed",
    }
}

/// What the code field says about the code as typed.
fn code_hint(code: &str, lang: Lang) -> String {
    if code.trim().is_empty() {
        return String::new();
    }
    match read_project_code(code) {
        Ok(CodeReading::National(_)) => text(lang, "code.national").to_string(),
        Ok(CodeReading::Platform2015 { .. }) => text(lang, "code.platform").to_string(),
        Ok(CodeReading::FreeForm(_)) => text(lang, "code.free_form").to_string(),
        Err(CodeError::Empty) => String::new(),
        Err(CodeError::Malformed { code, problem }) => EditError::BadProjectCode { code, problem }
            .to_message()
            .render(lang),
    }
}

/// The project form's fields as typed.
#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    class: RwSignal<String>,
    level: RwSignal<String>,
    code: RwSignal<String>,
    owner: RwSignal<String>,
    section: RwSignal<String>,
    entered_by: RwSignal<String>,
    street: RwSignal<String>,
    lon: RwSignal<String>,
    lat: RwSignal<String>,
    investment: RwSignal<String>,
    start: RwSignal<String>,
    planned: RwSignal<String>,
    completed: RwSignal<String>,
    status: RwSignal<String>,
    subprojects: RwSignal<String>,
    milestones: [RwSignal<String>; 4],
    plans: RwSignal<Vec<(String, String)>>,
    tags: RwSignal<String>,
    note: RwSignal<String>,
}

impl Fields {
    fn from(project: Option<&Project>) -> Fields {
        let input = ProjectInput::from_project(project);
        let milestones = input.milestones.clone().map(RwSignal::new);
        Fields {
            name: RwSignal::new(input.name),
            class: RwSignal::new(input.class),
            level: RwSignal::new(input.level),
            code: RwSignal::new(input.code),
            owner: RwSignal::new(input.owner),
            section: RwSignal::new(input.section),
            entered_by: RwSignal::new(input.entered_by),
            street: RwSignal::new(input.street),
            lon: RwSignal::new(input.lon),
            lat: RwSignal::new(input.lat),
            investment: RwSignal::new(input.investment),
            start: RwSignal::new(input.start),
            planned: RwSignal::new(input.planned),
            completed: RwSignal::new(input.completed),
            status: RwSignal::new(input.status),
            subprojects: RwSignal::new(input.subprojects),
            milestones,
            plans: RwSignal::new(input.plans),
            tags: RwSignal::new(input.tags),
            note: RwSignal::new(input.note),
        }
    }

    /// The form as typed (untracked), for `workspace::forms::read_project`.
    fn input(&self) -> ProjectInput {
        ProjectInput {
            name: self.name.get_untracked(),
            class: self.class.get_untracked(),
            level: self.level.get_untracked(),
            code: self.code.get_untracked(),
            owner: self.owner.get_untracked(),
            section: self.section.get_untracked(),
            entered_by: self.entered_by.get_untracked(),
            street: self.street.get_untracked(),
            lon: self.lon.get_untracked(),
            lat: self.lat.get_untracked(),
            investment: self.investment.get_untracked(),
            start: self.start.get_untracked(),
            planned: self.planned.get_untracked(),
            completed: self.completed.get_untracked(),
            status: self.status.get_untracked(),
            subprojects: self.subprojects.get_untracked(),
            milestones: self.milestones.map(|m| m.get_untracked()),
            plans: self.plans.get_untracked(),
            tags: self.tags.get_untracked(),
            note: self.note.get_untracked(),
        }
    }
}

impl Fields {
    /// Every field as typed (tracked), to tell whether the form holds unsaved input.
    fn snapshot(&self) -> Vec<String> {
        let mut all: Vec<String> = [
            self.name,
            self.class,
            self.level,
            self.code,
            self.owner,
            self.section,
            self.entered_by,
            self.street,
            self.lon,
            self.lat,
            self.investment,
            self.start,
            self.planned,
            self.completed,
            self.status,
            self.subprojects,
            self.tags,
            self.note,
        ]
        .into_iter()
        .chain(self.milestones)
        .map(|field| field.get())
        .collect();
        all.extend(
            self.plans
                .get()
                .into_iter()
                .filter(|(year, amount)| !(year.trim().is_empty() && amount.trim().is_empty()))
                .flat_map(|(year, amount)| [year, amount]),
        );
        all
    }
}

/// Errors at the form's fields.
#[derive(Clone, Copy)]
struct FieldErrors {
    name: Error,
    code: Error,
    location: Error,
    investment: Error,
    start: Error,
    planned: Error,
    completed: Error,
    subprojects: Error,
    status: Error,
    milestones: Error,
    plans: Error,
    general: Error,
}

impl FieldErrors {
    fn new() -> FieldErrors {
        FieldErrors {
            name: new_error(),
            code: new_error(),
            location: new_error(),
            investment: new_error(),
            start: new_error(),
            planned: new_error(),
            completed: new_error(),
            subprojects: new_error(),
            status: new_error(),
            milestones: new_error(),
            plans: new_error(),
            general: new_error(),
        }
    }

    fn clear(&self) {
        for e in [
            self.name,
            self.code,
            self.location,
            self.investment,
            self.start,
            self.planned,
            self.completed,
            self.subprojects,
            self.status,
            self.milestones,
            self.plans,
            self.general,
        ] {
            e.set(None);
        }
    }

    /// Puts a message at the field it names (a record field: `EditError::field`, or the
    /// reading's own), else under the form.
    fn place(&self, field: Option<&str>, message: Message) {
        let at = match field {
            Some("name") => self.name,
            Some("code") => self.code,
            Some("location") => self.location,
            Some("total_investment") => self.investment,
            Some("start") => self.start,
            Some("planned_completion") => self.planned,
            Some("completed_on") => self.completed,
            Some("subprojects") => self.subprojects,
            Some("status") => self.status,
            Some("milestones") => self.milestones,
            Some("annual_plans") => self.plans,
            _ => self.general,
        };
        // Several problems at one field: the first stays.
        if at.with_untracked(Option::is_none) {
            at.set(Some(message));
        }
    }
}

/// A labelled text input bound to a signal.
fn field(
    lang: RwSignal<Lang>,
    label: &'static str,
    value: RwSignal<String>,
    test_id: &'static str,
    kind: &'static str,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{move || text(lang.get(), label)}</span>
            <input type=kind data-testid=test_id prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        </label>
    }
}

/// The project's details, editable; with `project: None` it adds a new one.
#[component]
fn ProjectForm(
    project: Option<Project>,
    /// Set after a save; owned by the page, as a save rebuilds the form with the stored values.
    #[prop(optional)]
    saved: Option<RwSignal<bool>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let is_new = project.is_none();
    let current_status = project.as_ref().and_then(|p| p.status);
    let fields = Fields::from(project.as_ref());
    let errors = FieldErrors::new();
    let saved = saved.unwrap_or_else(|| RwSignal::new(false));
    let base = StoredValue::new(project);
    // Input not yet saved makes leaving the page ask first (see `AppState::unsaved_form`).
    let initial = StoredValue::new(untrack(|| fields.snapshot()));
    let dirty = Memo::new(move |_| initial.with_value(|initial| &fields.snapshot() != initial));
    Effect::new(move |_| state.unsaved_form.set(dirty.get()));
    on_cleanup(move || {
        let _ = state.unsaved_form.try_set(false);
    });
    let classes = move || {
        state
            .dataset
            .with(|d| d.map(classes_in_use).unwrap_or_default())
    };
    let status_options: Vec<ProjectStatus> = match current_status {
        None => ProjectStatus::ALL.to_vec(),
        Some(now) => ProjectStatus::ALL
            .into_iter()
            .filter(|s| now.can_move_to(*s) || s.can_move_to(now))
            .collect(),
    };
    let save = move |_| {
        errors.clear();
        saved.set(false);
        let start = base
            .get_value()
            .unwrap_or_else(|| blank_project(state.new_id()));
        let project = match read_project(&fields.input(), start) {
            Ok(project) => project,
            Err(problems) => {
                for (field, message) in problems {
                    errors.place(Some(field), message);
                }
                return;
            }
        };
        let id = project.id.clone();
        match state.dispatch(Edit::Put(Record::Project(project))) {
            Ok(()) => {
                initial.set_value(untrack(|| fields.snapshot()));
                state.unsaved_form.set(false);
                if is_new {
                    navigate(&Route::Project(id));
                } else {
                    saved.set(true);
                }
            }
            Err(message) => errors.place(message.field, message),
        }
    };
    view! {
        <form class="project-form" data-testid="project-form" on:submit=|ev| ev.prevent_default()>
            <div class="grid">
                {field(lang, "project.name", fields.name, "project-name", "text")}
                <FieldError error=errors.name test_id="project-name-error" />
                <label class="field">
                    <span>{move || text(lang.get(), "project.class")}</span>
                    <input list="project-classes" data-testid="project-class" prop:value=move || fields.class.get()
                        on:input=move |ev| fields.class.set(event_target_value(&ev)) />
                    <datalist id="project-classes">
                        {move || classes().into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
                    </datalist>
                </label>
                <label class="field">
                    <span>{move || text(lang.get(), "project.level")}</span>
                    <select data-testid="project-level" prop:value=move || fields.level.get()
                        on:change=move |ev| fields.level.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || LEVELS.iter().map(|l| view! { <option value=*l>{crate::i18n::level_label(l, lang.get())}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || text(lang.get(), "project.code")}</span>
                    <input data-testid="project-code" placeholder=EXAMPLE_PROJECT_CODE prop:value=move || fields.code.get()
                        on:input=move |ev| fields.code.set(event_target_value(&ev)) />
                    <small class="muted" data-testid="project-code-hint">{move || code_hint(&fields.code.get(), lang.get())}</small>
                </label>
                <FieldError error=errors.code test_id="project-code-error" />
                {field(lang, "project.owner", fields.owner, "project-owner", "text")}
                {field(lang, "project.section", fields.section, "project-section", "text")}
                {field(lang, "project.entered_by", fields.entered_by, "project-entered-by", "text")}
                {field(lang, "project.street", fields.street, "project-street", "text")}
                {field(lang, "project.lon", fields.lon, "project-lon", "text")}
                {field(lang, "project.lat", fields.lat, "project-lat", "text")}
                <FieldError error=errors.location test_id="project-location-error" />
                {field(lang, "project.total_investment_wan", fields.investment, "project-investment", "text")}
                <FieldError error=errors.investment test_id="project-investment-error" />
                {field(lang, "project.start", fields.start, "project-start", "date")}
                <FieldError error=errors.start test_id="project-start-error" />
                {field(lang, "project.planned_completion", fields.planned, "project-planned", "date")}
                <FieldError error=errors.planned test_id="project-planned-error" />
                {field(lang, "project.completed_on", fields.completed, "project-completed", "date")}
                <FieldError error=errors.completed test_id="project-completed-error" />
                <label class="field">
                    <span>{move || text(lang.get(), "project.status")}</span>
                    <select data-testid="project-status" prop:value=move || fields.status.get()
                        on:change=move |ev| fields.status.set(event_target_value(&ev))>
                        <option value="">{move || text(lang.get(), "status.unknown")}</option>
                        {status_options.into_iter().map(|s| {
                            let code = s.code();
                            view! { <option value=code>{move || text(lang.get(), status_key(code))}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <FieldError error=errors.status test_id="project-status-error" />
                {field(lang, "project.subprojects", fields.subprojects, "project-subprojects", "text")}
                <FieldError error=errors.subprojects test_id="project-subprojects-error" />
            </div>
            <fieldset>
                <legend>{move || text(lang.get(), "project.milestones")}</legend>
                {MilestoneStage::ALL.into_iter().zip(fields.milestones).map(|(stage, value)| {
                    view! {
                        <label class="field">
                            <span>{move || text(lang.get(), stage_key(stage))}</span>
                            <input type="date" data-testid=format!("milestone-{}", stage.code()) prop:value=move || value.get()
                                on:input=move |ev| value.set(event_target_value(&ev)) />
                        </label>
                    }
                }).collect_view()}
                <FieldError error=errors.milestones test_id="project-milestones-error" />
            </fieldset>
            <fieldset>
                <legend>{move || text(lang.get(), "project.annual_plans")}</legend>
                <For each={move || (0..fields.plans.with(Vec::len)).collect::<Vec<usize>>()} key=|i| *i let:index>
                    <div class="plan-row">
                        <input class="short" data-testid="plan-year" placeholder="2016"
                            prop:value=move || fields.plans.with(|p| p.get(index).map(|r| r.0.clone()).unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); fields.plans.update(|p| if let Some(r) = p.get_mut(index) { r.0 = v; }); } />
                        <input data-testid="plan-amount" placeholder=move || text(lang.get(), "project.wan")
                            prop:value=move || fields.plans.with(|p| p.get(index).map(|r| r.1.clone()).unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); fields.plans.update(|p| if let Some(r) = p.get_mut(index) { r.1 = v; }); } />
                    </div>
                </For>
                <button type="button" class="link" data-testid="plan-add"
                    on:click=move |_| fields.plans.update(|p| p.push((String::new(), String::new())))>
                    {move || text(lang.get(), "project.add_plan_year")}
                </button>
                <FieldError error=errors.plans test_id="project-plans-error" />
            </fieldset>
            {field(lang, "project.tags", fields.tags, "project-tags", "text")}
            <label class="field wide">
                <span>{move || text(lang.get(), "project.note")}</span>
                <textarea data-testid="project-note" prop:value=move || fields.note.get()
                    on:input=move |ev| fields.note.set(event_target_value(&ev))></textarea>
            </label>
            <div class="actions">
                <button type="button" data-testid="project-save" on:click=save>
                    {move || text(lang.get(), if is_new { "projects.add" } else { "action.save" })}
                </button>
                <Show when=move || saved.get()>
                    <span class="ok" data-testid="project-saved">{move || text(lang.get(), "project.saved")}</span>
                </Show>
                <FieldError error=errors.general test_id="project-error" />
            </div>
        </form>
    }
}

#[component]
pub fn NewProjectPage() -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    view! {
        <section class="project" data-testid="new-project-page">
            <h1>{move || text(lang.get(), "projects.new")}</h1>
            <ProjectTabs />
            <ProjectForm project=None />
        </section>
    }
}

/// The monthly reports of a project and the form to add or correct one.
#[component]
fn ReportsSection(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let project_id = StoredValue::new(id);
    let reports = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    let mut list: Vec<ProgressReport> =
                        project_id.with_value(|id| d.reports_of(id).into_iter().cloned().collect());
                    list.reverse();
                    list
                })
                .unwrap_or_default()
        })
    });
    let editing = RwSignal::new(None::<RecordId>);
    let month = RwSignal::new(String::new());
    let invested = RwSignal::new(String::new());
    let cumulative = RwSignal::new(String::new());
    let progress = RwSignal::new(String::new());
    let problems = RwSignal::new(String::new());
    let month_error = new_error();
    let amount_error = new_error();
    let general_error = new_error();
    let reset = move || {
        editing.set(None);
        for s in [month, invested, cumulative, progress, problems] {
            s.set(String::new());
        }
    };
    let save = move |_| {
        for e in [month_error, amount_error, general_error] {
            e.set(None);
        }
        let Some(document_date) = as_of(state) else {
            return;
        };
        let input = ReportInput {
            month: month.get_untracked(),
            invested_month: invested.get_untracked(),
            invested_cumulative: cumulative.get_untracked(),
            progress: progress.get_untracked(),
            problems: problems.get_untracked(),
        };
        let id = editing.get_untracked().unwrap_or_else(|| state.new_id());
        let place = move |field: Option<&str>, message: Message| {
            let at = match field {
                Some("month") => month_error,
                Some("invested_month" | "invested_cumulative") => amount_error,
                _ => general_error,
            };
            if at.with_untracked(Option::is_none) {
                at.set(Some(message));
            }
        };
        let report = match read_report(&input, id, project_id.get_value(), document_date) {
            Ok(report) => report,
            Err(problems) => {
                for (field, message) in problems {
                    place(Some(field), message);
                }
                return;
            }
        };
        match state.dispatch(Edit::Put(Record::Report(report))) {
            Ok(()) => reset(),
            Err(message) => place(message.field, message),
        }
    };
    let edit = move |report: &ProgressReport| {
        editing.set(Some(report.id.clone()));
        month.set(crate::model::dataset::month_code(report.month));
        invested.set(
            report
                .invested_month
                .map(|a| a.canonical())
                .unwrap_or_default(),
        );
        cumulative.set(
            report
                .invested_cumulative
                .map(|a| a.canonical())
                .unwrap_or_default(),
        );
        progress.set(report.progress.clone());
        problems.set(report.problems.clone());
    };
    view! {
        <section class="reports" data-testid="reports">
            <h2>{move || text(lang.get(), "project.reports")}</h2>
            <table class="ledger">
                <thead><tr>
                    <th>{move || text(lang.get(), "report.month")}</th>
                    <th class="num">{move || text(lang.get(), "report.invested_month")}</th>
                    <th class="num">{move || text(lang.get(), "report.invested_cumulative")}</th>
                    <th>{move || text(lang.get(), "report.progress")}</th>
                    <th>{move || text(lang.get(), "report.problems")}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    <For each=move || reports.get() key=|r| (r.id.clone(), Record::Report(r.clone()).fields()) let:report>
                        <tr data-testid="report-row">
                            <td>{crate::model::dataset::month_code(report.month)}</td>
                            <td class="num">{report.invested_month.map(|a| wan(a.0)).unwrap_or_default()}</td>
                            <td class="num">{report.invested_cumulative.map(|a| wan(a.0)).unwrap_or_default()}</td>
                            <td>{report.progress.clone()}</td>
                            <td>{report.problems.clone()}</td>
                            <td>
                                {
                                    let for_edit = report.clone();
                                    let report_id = report.id.clone();
                                    view! {
                                        <button class="link" data-testid="report-edit" on:click=move |_| edit(&for_edit)>{move || text(lang.get(), "action.edit")}</button>
                                        <button class="link danger" data-testid="report-delete" on:click=move |_| {
                                            let result = state.dispatch(Edit::Delete { kind: crate::model::RecordKind::Report, id: report_id.clone() });
                                            general_error.set(result.err());
                                        }>{move || text(lang.get(), "indicators.delete")}</button>
                                    }
                                }
                            </td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <div class="report-form" data-testid="report-form">
                <label class="field"><span>{move || text(lang.get(), "report.month")}</span>
                    <input type="month" data-testid="report-month" prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev)) /></label>
                <FieldError error=month_error test_id="report-month-error" />
                <label class="field"><span>{move || text(lang.get(), "report.invested_month")}</span>
                    <input data-testid="report-invested" prop:value=move || invested.get() on:input=move |ev| invested.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{move || text(lang.get(), "report.invested_cumulative")}</span>
                    <input data-testid="report-cumulative" prop:value=move || cumulative.get() on:input=move |ev| cumulative.set(event_target_value(&ev)) /></label>
                <FieldError error=amount_error test_id="report-amount-error" />
                <label class="field wide"><span>{move || text(lang.get(), "report.progress")}</span>
                    <input data-testid="report-progress" prop:value=move || progress.get() on:input=move |ev| progress.set(event_target_value(&ev)) /></label>
                <label class="field wide"><span>{move || text(lang.get(), "report.problems")}</span>
                    <input data-testid="report-problems" prop:value=move || problems.get() on:input=move |ev| problems.set(event_target_value(&ev)) /></label>
                <button data-testid="report-save" on:click=save>
                    {move || text(lang.get(), if editing.get().is_some() { "action.save" } else { "report.add" })}
                </button>
                <Show when=move || editing.get().is_some()>
                    <button class="link" on:click=move |_| reset()>{move || text(lang.get(), "action.cancel")}</button>
                </Show>
                <FieldError error=general_error test_id="report-error" />
            </div>
        </section>
    }
}

/// One supervision item: its status and rectification note can be updated in place.
#[component]
fn SupervisionRow(item: SupervisionItem, today: Date) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let status = RwSignal::new(item.status.code().to_string());
    let note = RwSignal::new(item.rectification.clone());
    let error = new_error();
    let overdue = crate::calc::projects::is_overdue(&item, today);
    let stored = StoredValue::new(item.clone());
    // The joint review meeting that raised it, named and linked.
    let raised_by = item.meeting.clone().map(|meeting| {
        let named = move || {
            state.dataset.with(|d| {
                d.as_ref()
                    .and_then(|d| d.meeting(&meeting))
                    .map(|m| format!("{} {}", m.date.to_iso(), m.title))
                    .unwrap_or_default()
            })
        };
        view! {
            <a class="raised-by muted" href=Route::Meetings.to_hash() data-testid="supervision-meeting">
                {move || text(lang.get(), "supervision.from_meeting")}": "{named}
            </a>
        }
    });
    let save = move |_| {
        let mut updated = stored.get_value();
        updated.status = SupervisionStatus::from_code(&status.get_untracked()).unwrap_or_default();
        updated.rectification = note.get_untracked().trim().to_string();
        error.set(
            state
                .dispatch(Edit::Put(Record::Supervision(updated)))
                .err(),
        );
    };
    view! {
        <tr data-testid="supervision-row" class:overdue=overdue>
            <td>{item.problem.clone()}{raised_by}</td>
            <td>{item.responsible.clone()}</td>
            <td>{item.raised.to_iso()}</td>
            <td>{item.deadline.map(|d| d.to_iso()).unwrap_or_default()}
                {overdue.then(|| view! { <span class="badge danger" data-testid="overdue">{move || text(lang.get(), "supervision.overdue")}</span> })}</td>
            <td><select data-testid="supervision-status" prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                {SupervisionStatus::ALL.into_iter().map(|s| view! { <option value=s.code()>{move || text(lang.get(), supervision_key(s))}</option> }).collect_view()}
            </select></td>
            <td><input data-testid="supervision-rectification" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) /></td>
            <td><button data-testid="supervision-save" on:click=save>{move || text(lang.get(), "action.save")}</button>
                <FieldError error=error test_id="supervision-row-error" /></td>
        </tr>
    }
}

#[component]
fn SupervisionSection(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let project_id = StoredValue::new(id);
    let items = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    project_id.with_value(|id| {
                        d.supervision_of(id)
                            .into_iter()
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default()
        })
    });
    let today = as_of(state).unwrap_or(Date {
        year: 2016,
        month: 1,
        day: 1,
    });
    let problem = RwSignal::new(String::new());
    let responsible = RwSignal::new(String::new());
    let raised = RwSignal::new(today.to_iso());
    let deadline = RwSignal::new(String::new());
    let problem_error = new_error();
    let date_error = new_error();
    let general_error = new_error();
    let add = move |_| {
        for e in [problem_error, date_error, general_error] {
            e.set(None);
        }
        let input = SupervisionInput {
            problem: problem.get_untracked(),
            responsible: responsible.get_untracked(),
            raised: raised.get_untracked(),
            deadline: deadline.get_untracked(),
        };
        let place = move |field: Option<&str>, message: Message| {
            let at = match field {
                Some("problem") => problem_error,
                Some("raised" | "deadline") => date_error,
                _ => general_error,
            };
            if at.with_untracked(Option::is_none) {
                at.set(Some(message));
            }
        };
        let item = match read_supervision_item(&input, state.new_id(), project_id.get_value()) {
            Ok(item) => item,
            Err(problems) => {
                for (field, message) in problems {
                    place(Some(field), message);
                }
                return;
            }
        };
        match state.dispatch(Edit::Put(Record::Supervision(item))) {
            Ok(()) => {
                problem.set(String::new());
                deadline.set(String::new());
            }
            Err(message) => place(message.field, message),
        }
    };
    view! {
        <section class="supervision" data-testid="supervision">
            <h2>{move || text(lang.get(), "project.supervision")}</h2>
            <table class="ledger">
                <thead><tr>
                    <th>{move || text(lang.get(), "supervision.problem")}</th>
                    <th>{move || text(lang.get(), "supervision.responsible")}</th>
                    <th>{move || text(lang.get(), "supervision.raised")}</th>
                    <th>{move || text(lang.get(), "supervision.deadline")}</th>
                    <th>{move || text(lang.get(), "supervision.status")}</th>
                    <th>{move || text(lang.get(), "supervision.rectification")}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    <For each=move || items.get() key=|i| (i.id.clone(), Record::Supervision(i.clone()).fields()) let:item>
                        <SupervisionRow item=item today=today />
                    </For>
                </tbody>
            </table>
            <div class="supervision-form" data-testid="supervision-form">
                <label class="field wide"><span>{move || text(lang.get(), "supervision.problem")}</span>
                    <input data-testid="supervision-problem" prop:value=move || problem.get() on:input=move |ev| problem.set(event_target_value(&ev)) /></label>
                <FieldError error=problem_error test_id="supervision-problem-error" />
                <label class="field"><span>{move || text(lang.get(), "supervision.responsible")}</span>
                    <input data-testid="supervision-responsible" prop:value=move || responsible.get() on:input=move |ev| responsible.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{move || text(lang.get(), "supervision.raised")}</span>
                    <input type="date" data-testid="supervision-raised" prop:value=move || raised.get() on:input=move |ev| raised.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{move || text(lang.get(), "supervision.deadline")}</span>
                    <input type="date" data-testid="supervision-deadline" prop:value=move || deadline.get() on:input=move |ev| deadline.set(event_target_value(&ev)) /></label>
                <FieldError error=date_error test_id="supervision-date-error" />
                <button data-testid="supervision-add" on:click=add>{move || text(lang.get(), "supervision.add")}</button>
                <FieldError error=general_error test_id="supervision-error" />
            </div>
        </section>
    }
}

#[component]
pub fn ProjectPage(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let project_id = StoredValue::new(id);
    // The form is rebuilt only when the project's stored form changes (a save, an undo).
    let project = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .and_then(|d| project_id.with_value(|id| d.project(id).cloned()))
        })
    });
    let summary = Memo::new(move |_| {
        state.dataset.with(|d| {
            let d = d.as_ref()?;
            let p = project_id.with_value(|id| d.project(id))?;
            let today = d.meta.document_date;
            let reports = d.reports_of(&p.id);
            let completed =
                completed_in_year(&reports, today.year, crate::calc::projects::month_of(today));
            let plan = plan_for(p, today.year);
            let light = project_light(d, p, today);
            let bulletins: Vec<(String, String)> = d
                .bulletins_of(&p.id)
                .into_iter()
                .map(|b| (b.date.to_iso(), b.title.clone()))
                .collect();
            Some((today, plan, completed, light, bulletins))
        })
    });
    let saved = RwSignal::new(false);
    let delete_error = new_error();
    let delete = move |_| {
        let message = text(lang.get_untracked(), "project.confirm_delete");
        let confirmed = web_sys::window()
            .and_then(|w| w.confirm_with_message(message).ok())
            .unwrap_or(false);
        if !confirmed {
            return;
        }
        let edit = state.dataset.with_untracked(|d| {
            d.as_ref()
                .map(|d| project_id.with_value(|id| d.delete_project_edit(id)))
        });
        if let Some(edit) = edit {
            match state.dispatch(edit) {
                Ok(()) => navigate(&Route::Projects(ProjectQuery::default())),
                Err(message) => delete_error.set(Some(message)),
            }
        }
    };
    view! {
        <section class="project" data-testid="project-page">
            <ProjectTabs />
            {move || match project.get() {
                None => view! { <p class="muted" data-testid="project-missing">{text(lang.get(), "project.missing")}</p> }.into_any(),
                Some(p) => {
                    let id = p.id.clone();
                    view! {
                        <h1 data-testid="project-title">{p.name.clone()}</h1>
                        {move || summary.get().map(|(today, plan, completed, light, bulletins)| {
                            let rate = plan.and_then(|plan| plan_rate(completed, plan));
                            view! {
                                <div class="project-summary" data-testid="project-summary">
                                    <p>
                                        <LightBadge light=light.as_ref().map(|l| l.0) />
                                        <span class="muted">{format!(" {} {}", text(lang.get(), "project.as_of"), today.to_iso())}</span>
                                    </p>
                                    <ul class="reasons" data-testid="light-reasons">
                                        {light.map(|(_, reasons)| reasons.iter().map(|r| view! { <li>{reason_text(r, lang.get())}</li> }).collect_view())}
                                    </ul>
                                    <p data-testid="plan-completion">
                                        {format!("{} {}:{} / {} {}",
                                            today.year,
                                            text(lang.get(), "project.plan_completion"),
                                            wan(completed),
                                            plan.map(wan).unwrap_or_else(|| "—".to_string()),
                                            text(lang.get(), "project.wan"))}
                                        {rate.map(|r| format!("({r}%)"))}
                                    </p>
                                    <Show when={let empty = bulletins.is_empty(); move || !empty}>
                                        <h3>{text(lang.get(), "projects.bulletins")}</h3>
                                    </Show>
                                    <ul data-testid="project-bulletins">
                                        {bulletins.iter().map(|(date, title)| view! { <li>{format!("{date} {title}")}</li> }).collect_view()}
                                    </ul>
                                </div>
                            }
                        })}
                        <ProjectForm project=Some(p) saved=saved />
                        <ReportsSection id=id.clone() />
                        <super::approvals::ApprovalsSection id=id.clone() />
                        <SupervisionSection id=id.clone() />
                        <p>
                            <button class="danger" data-testid="project-delete" on:click=delete>{move || text(lang.get(), "project.delete")}</button>
                            <FieldError error=delete_error test_id="project-delete-error" />
                        </p>
                    }.into_any()
                }
            }}
        </section>
    }
}
