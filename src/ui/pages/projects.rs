//! The project list (项目台账): search, filters (class, level, status, year, street, light),
//! sort and pages of 50, over every project of the ledger. The filter lives in the address
//! (`#/projects?class=…`), so chart clicks and bookmarks open the same list; typing updates the
//! address in place (`history.replaceState`) so the search box keeps its focus.

use crate::calc::projects::light_code;
use crate::calc::projects::{
    classes_in_use, filter_and_sort, streets_in_use, ProjectFilter, ProjectRow, ProjectSort, LEVELS,
};
use crate::i18n::{status_key, status_label, text};
use crate::model::{Date, Lang, ProjectStatus};
use crate::ui::components::project::{as_of, light_key, wan, ProjectTabs};
use crate::ui::route::{ProjectQuery, Route};
use crate::ui::state::AppState;
use leptos::prelude::*;

const PAGE_SIZE: usize = 50;

/// Writes the list's state into the address without a page change.
fn replace_hash(state: AppState, query: &ProjectQuery) {
    let hash = Route::Projects(query.clone()).to_hash();
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
    }
    state.remember_page(&hash);
}

fn option_or_none(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

#[component]
pub fn ProjectsPage(query: ProjectQuery) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let filter = RwSignal::new(query.filter.clone());
    let sort = RwSignal::new(query.sort);
    let page = RwSignal::new(query.page);

    let rows = Memo::new(move |_| {
        state.dataset.with(|d| match d {
            Some(d) => crate::ui::components::project::project_rows_of(d),
            None => std::sync::Arc::new(Vec::new()),
        })
    });
    let shown =
        Memo::new(move |_| rows.with(|rows| filter.with(|f| filter_and_sort(rows, f, sort.get()))));
    let pages = move || shown.with(|s| s.len().div_ceil(PAGE_SIZE).max(1));
    // Keep the page in range when the filter shrinks the list.
    Effect::new(move |_| {
        let last = pages() - 1;
        if page.get() > last {
            page.set(last);
        }
    });
    // The address follows the list after the list is painted: `history.replaceState` and the
    // remembered page (localStorage) cost about as much as filtering 5,000 projects, so a
    // keystroke's frame does not wait for them (issue 14). Only the last of several quick
    // changes is written, and none once the page is left.
    let address_due = StoredValue::new(0u32);
    Effect::new(move |_| {
        let query = ProjectQuery {
            filter: filter.get(),
            sort: sort.get(),
            page: page.get(),
        };
        address_due.update_value(|n| *n += 1);
        let due = address_due.get_value();
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let still_here = matches!(state.route.get_untracked(), Route::Projects(_));
                    if address_due.try_get_value() == Some(due) && still_here {
                        replace_hash(state, &query);
                    }
                },
                std::time::Duration::ZERO,
            )
        });
    });
    let set_filter = move |update: &dyn Fn(&mut ProjectFilter)| {
        filter.update(|f| update(f));
        page.set(0);
    };

    let classes = move || {
        state
            .dataset
            .with(|d| d.map(classes_in_use).unwrap_or_default())
    };
    let streets = move || {
        state
            .dataset
            .with(|d| d.map(streets_in_use).unwrap_or_default())
    };
    let years = move || {
        let mut years: Vec<i32> = rows.with(|r| r.iter().flat_map(|r| r.years.clone()).collect());
        crate::sorting::sort(&mut years);
        years.dedup();
        years
    };
    let select_value = move |value: Option<String>| value.unwrap_or_default();

    // The filtered list (all pages) as a spreadsheet file.
    let export_csv = move || {
        let lang = lang.get_untracked();
        let mut table = vec![[
            "project.name",
            "project.code",
            "project.class",
            "project.level",
            "project.status",
            "project.street",
            "project.owner",
            "project.total_investment",
            "project.plan_year",
            "project.completed_year",
            "project.plan_rate",
            "project.light",
            "project.start",
            "project.planned_completion",
        ]
        .iter()
        .map(|key| text(lang, key).to_string())
        .collect::<Vec<_>>()];
        let date = |d: Option<Date>| d.map(|d| d.to_iso()).unwrap_or_default();
        rows.with_untracked(|rows| {
            shown.with_untracked(|shown| {
                for row in shown.iter().map(|&i| &rows[i]) {
                    table.push(vec![
                        row.name.clone(),
                        row.code.clone(),
                        row.class.clone(),
                        row.level.clone(),
                        status_label(row.status, lang).to_string(),
                        row.street.clone(),
                        row.owner.clone(),
                        row.total_investment
                            .map(|d| d.normalize().to_string())
                            .unwrap_or_default(),
                        row.plan
                            .map(|d| d.normalize().to_string())
                            .unwrap_or_default(),
                        row.completed.normalize().to_string(),
                        row.plan_rate().map(|r| r.to_string()).unwrap_or_default(),
                        text(lang, light_key(light_code(row.light))).to_string(),
                        date(row.start),
                        date(row.planned_completion),
                    ]);
                }
            })
        });
        let as_of = as_of(state).map(|d| d.to_iso()).unwrap_or_default();
        let name = format!("{}-{as_of}.csv", text(lang, "nav.projects"));
        if let Err(error) = crate::ui::components::download_text(
            &name,
            "text/csv;charset=utf-8",
            &crate::format::csv::write(&table),
        ) {
            state.error.set(Some(
                crate::i18n::Message::new("error.download_failed").with("detail", error),
            ));
        }
    };

    // The rows of the page shown. The table keeps one row of cells per place on the page and
    // rewrites their texts when the list changes (a few hundred texts), instead of taking 50
    // rows out and building 50 new ones on every keystroke (issue 14: within one frame). Each
    // place has a memo of its own row, and a row's cells read that memo only: when every cell
    // read one list of the page's rows, each of some 450 cells re-running took itself out of
    // that list's 450 subscribers and put itself back (3 ms of a keystroke's 8).
    let places = move || {
        let on_page = shown.with(|s| s.len().saturating_sub(page.get() * PAGE_SIZE));
        (0..on_page.min(PAGE_SIZE)).collect::<Vec<usize>>()
    };
    let slots = StoredValue::new(
        (0..PAGE_SIZE)
            .map(|place| {
                Memo::new(move |_| {
                    let at = page.get() * PAGE_SIZE + place;
                    rows.with(|rows| shown.with(|s| s.get(at).map(|&i| rows[i].clone())))
                })
            })
            .collect::<Vec<Memo<Option<ProjectRow>>>>(),
    );
    let slot = move |place: usize| slots.with_value(|slots| slots[place]);
    let cell = move |place: usize, text_of: fn(&ProjectRow) -> String| {
        let row = slot(place);
        move || row.with(|r| r.as_ref().map(text_of).unwrap_or_default())
    };

    view! {
        <section class="projects" data-testid="projects-page">
            <h1>{move || text(lang.get(), "nav.projects")}</h1>
            <ProjectTabs />
            <div class="filters" data-testid="project-filters">
                <input type="search" data-testid="filter-text"
                    placeholder=move || text(lang.get(), "projects.search")
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); set_filter(&|f| f.text = v.clone()); } />
                <select data-testid="filter-class" prop:value=move || select_value(filter.with(|f| f.class.clone()))
                    on:change=move |ev| { let v = option_or_none(event_target_value(&ev)); set_filter(&|f| f.class = v.clone()); }>
                    <option value="">{move || text(lang.get(), "projects.all_classes")}</option>
                    {move || classes().into_iter().map(|c| view! { <option value=c.clone()>{crate::i18n::class_label(&c, lang.get())}</option> }).collect_view()}
                </select>
                <select data-testid="filter-level" prop:value=move || select_value(filter.with(|f| f.level.clone()))
                    on:change=move |ev| { let v = option_or_none(event_target_value(&ev)); set_filter(&|f| f.level = v.clone()); }>
                    <option value="">{move || text(lang.get(), "projects.all_levels")}</option>
                    {move || LEVELS.iter().map(|l| view! { <option value=*l>{crate::i18n::level_label(l, lang.get())}</option> }).collect_view()}
                </select>
                <select data-testid="filter-status" prop:value=move || select_value(filter.with(|f| f.status.clone()))
                    on:change=move |ev| { let v = option_or_none(event_target_value(&ev)); set_filter(&|f| f.status = v.clone()); }>
                    <option value="">{move || text(lang.get(), "projects.all_statuses")}</option>
                    {ProjectStatus::ALL.iter().map(|s| {
                        let code = s.code();
                        view! { <option value=code>{move || text(lang.get(), status_key(code))}</option> }
                    }).collect_view()}
                    <option value="unknown">{move || text(lang.get(), "status.unknown")}</option>
                </select>
                <select data-testid="filter-year" prop:value=move || filter.with(|f| f.year.map(|y| y.to_string()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev).parse::<i32>().ok(); set_filter(&|f| f.year = v); }>
                    <option value="">{move || text(lang.get(), "projects.all_years")}</option>
                    {move || years().into_iter().map(|y| view! { <option value=y.to_string()>{y}</option> }).collect_view()}
                </select>
                <select data-testid="filter-street" prop:value=move || select_value(filter.with(|f| f.street.clone()))
                    on:change=move |ev| { let v = option_or_none(event_target_value(&ev)); set_filter(&|f| f.street = v.clone()); }>
                    <option value="">{move || text(lang.get(), "projects.all_streets")}</option>
                    {move || streets().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                </select>
                <select data-testid="filter-light" prop:value=move || select_value(filter.with(|f| f.light.clone()))
                    on:change=move |ev| { let v = option_or_none(event_target_value(&ev)); set_filter(&|f| f.light = v.clone()); }>
                    <option value="">{move || text(lang.get(), "projects.all_lights")}</option>
                    {["red", "yellow", "green", "none"].into_iter().map(|code| view! {
                        <option value=code>{move || text(lang.get(), light_key(code))}</option>
                    }).collect_view()}
                </select>
                <label>{move || text(lang.get(), "projects.sort")}
                    <select data-testid="sort" prop:value=move || sort.get().code()
                        on:change=move |ev| { sort.set(ProjectSort::from_code(&event_target_value(&ev)).unwrap_or_default()); page.set(0); }>
                        {ProjectSort::ALL.iter().map(|s| {
                            let code = s.code();
                            let key = match s {
                                ProjectSort::Name => "sort.name",
                                ProjectSort::Investment => "sort.investment",
                                ProjectSort::Status => "sort.status",
                                ProjectSort::Light => "sort.light",
                                ProjectSort::Completion => "sort.completion",
                                ProjectSort::PlanRate => "sort.plan_rate",
                            };
                            view! { <option value=code>{move || text(lang.get(), key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button class="link" data-testid="export-csv" on:click=move |_| export_csv()>
                    {move || text(lang.get(), "projects.export_csv")}
                </button>
                <button class="link" data-testid="filter-clear" on:click=move |_| { filter.set(ProjectFilter::default()); page.set(0); }>
                    {move || text(lang.get(), "projects.clear_filters")}
                </button>
            </div>
            <ProjectPaste />
            <p class="muted" data-testid="project-count">
                {move || {
                    let total = rows.with(|r| r.len());
                    let count = shown.with(Vec::len);
                    match lang.get() {
                        Lang::Zh => format!("共 {total} 个项目,符合条件 {count} 个"),
                        Lang::En => format!("{count} of {total} projects match"),
                    }
                }}
            </p>
            <table class="ledger project-list" data-testid="project-list">
                <thead>
                    <tr>
                        <th>{move || text(lang.get(), "project.name")}</th>
                        <th>{move || text(lang.get(), "project.class")}</th>
                        <th>{move || text(lang.get(), "project.level")}</th>
                        <th>{move || text(lang.get(), "project.status")}</th>
                        <th>{move || text(lang.get(), "project.street")}</th>
                        <th class="num">{move || text(lang.get(), "project.total_investment")}</th>
                        <th class="num">{move || text(lang.get(), "project.plan_rate")}</th>
                        <th>{move || text(lang.get(), "project.light")}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=places key=|place| *place let:place>
                        <tr data-testid="project-row" data-id=cell(place, |r| r.id.to_string())>
                            <td><a href=cell(place, |r| format!("#/project/{}", r.id))>{cell(place, |r| r.name.clone())}</a></td>
                            <td>{let class = cell(place, |r| r.class.clone()); move || crate::i18n::class_label(&class(), lang.get())}</td>
                            <td>{let level = cell(place, |r| r.level.clone()); move || crate::i18n::level_label(&level(), lang.get())}</td>
                            <td>{move || slot(place).with(|r| r.as_ref().map(|r| status_label(r.status, lang.get())).unwrap_or_default())}</td>
                            <td>{cell(place, |r| r.street.clone())}</td>
                            <td class="num">{cell(place, |r| r.total_investment.map(wan).unwrap_or_default())}</td>
                            <td class="num">{cell(place, |r| r.plan_rate().map(|r| format!("{r}%")).unwrap_or_default())}</td>
                            <td>{
                                // As `LightBadge` draws it, with the light following the place.
                                let code = move || slot(place).with(|r| r.as_ref().map(|r| light_code(r.light)).unwrap_or("none"));
                                view! {
                                    <span class=move || format!("light light-{}", code()) data-testid="light" data-light=code>
                                        {move || text(lang.get(), light_key(code()))}
                                    </span>
                                }
                            }</td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <Show when=move || shown.with(Vec::is_empty)>
                <p class="muted" data-testid="project-list-empty">{move || text(lang.get(), "projects.none")}</p>
            </Show>
            <div class="pager" data-testid="pager">
                <button data-testid="page-prev" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                    {move || text(lang.get(), "pager.prev")}
                </button>
                <span data-testid="page-label">{move || format!("{} / {}", page.get() + 1, pages())}</span>
                <button data-testid="page-next" disabled={move || page.get() + 1 >= pages()} on:click=move |_| page.update(|p| *p += 1)>
                    {move || text(lang.get(), "pager.next")}
                </button>
            </div>
        </section>
    }
}

/// Rows of projects pasted from Excel or WPS: added or updated as one undoable step
/// (`workspace::project_paste`), or every problem named by its row and column.
#[component]
fn ProjectPaste() -> impl IntoView {
    use crate::i18n::Message;
    use crate::workspace::project_paste::{paste_place, plan_project_paste};
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let notice = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<String>::new());
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        ev.prevent_default();
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        let current = lang.get_untracked();
        let planned = state.dataset.with_untracked(|d| {
            d.map(|d| plan_project_paste(d, &text, &mut crate::ui::state::StateIds(state)))
        });
        match planned {
            None => {}
            Some(Ok(paste)) => match state.dispatch(paste.edit) {
                Ok(()) => {
                    problems.set(Vec::new());
                    notice.set(Some(
                        Message::new("paste.projects_done")
                            .with("added", paste.added)
                            .with("changed", paste.changed)
                            .render(current),
                    ));
                }
                Err(message) => {
                    notice.set(None);
                    problems.set(vec![message.render(current)]);
                }
            },
            Some(Err(found)) => {
                notice.set(None);
                let mut lines = vec![Message::new("paste.projects_refused")
                    .with("count", found.len())
                    .render(current)];
                lines.extend(found.iter().map(|p| {
                    Message::new("paste.problem")
                        .with_message("place", paste_place(p))
                        .with_message("problem", p.message.clone())
                        .render(current)
                }));
                problems.set(lines);
            }
        }
    };
    view! {
        <details class="project-paste" data-testid="project-paste-box">
            <summary>{move || text(lang.get(), "projects.paste")}</summary>
            <p class="muted">{move || text(lang.get(), "projects.paste_explain")}</p>
            <textarea rows="3" data-testid="project-paste" placeholder=move || text(lang.get(), "projects.paste_placeholder")
                on:paste=on_paste></textarea>
            {move || notice.get().map(|n| view! { <p class="notice" data-testid="project-paste-notice">{n}</p> })}
            <Show when=move || problems.with(|p| !p.is_empty())>
                <ul class="field-error" role="alert" data-testid="project-paste-problems">
                    {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </Show>
        </details>
    }
}
