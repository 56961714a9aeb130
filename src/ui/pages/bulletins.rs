//! Bulletins (信息发布): dated notices linked to projects, newest first, added and removed here
//! and printed (all, or one) through the browser's print with a print style sheet.

use crate::i18n::{text, Message, ToMessage};
use crate::model::{Bulletin, Date, Edit, Record, RecordId, RecordKind};
use crate::ui::components::project::ProjectTabs;
use crate::ui::components::FieldError;
use crate::ui::state::AppState;
use leptos::prelude::*;
use std::collections::BTreeMap;

fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

#[component]
pub fn BulletinsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let list = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    let mut list: Vec<(Bulletin, Vec<(RecordId, String)>)> = d
                        .bulletins()
                        .map(|b| {
                            let names = b
                                .projects
                                .iter()
                                .filter_map(|p| {
                                    d.project(p).map(|p| (p.id.clone(), p.name.clone()))
                                })
                                .collect();
                            (b.clone(), names)
                        })
                        .collect();
                    crate::sorting::sort_by(&mut list, |a, b| {
                        b.0.date.cmp(&a.0.date).then_with(|| a.0.id.cmp(&b.0.id))
                    });
                    list
                })
                .unwrap_or_default()
        })
    });
    let project_names = move || {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    let mut names: Vec<String> = d.projects().map(|p| p.name.clone()).collect();
                    crate::sorting::sort(&mut names);
                    names
                })
                .unwrap_or_default()
        })
    };
    let only = RwSignal::new(None::<RecordId>);
    let today = state
        .dataset
        .with_untracked(|d| d.as_ref().map(|d| d.meta.document_date.to_iso()))
        .unwrap_or_default();
    let date = RwSignal::new(today);
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let picking = RwSignal::new(String::new());
    let linked = RwSignal::new(Vec::<(RecordId, String)>::new());
    let link_error = RwSignal::new(None::<Message>);
    let date_error = RwSignal::new(None::<Message>);
    let title_error = RwSignal::new(None::<Message>);
    let link = move |_| {
        link_error.set(None);
        let name = picking.get_untracked().trim().to_string();
        let found = state.dataset.with_untracked(|d| {
            d.as_ref().and_then(|d| {
                d.projects()
                    .find(|p| p.name == name || (!p.code.is_empty() && p.code == name))
                    .map(|p| (p.id.clone(), p.name.clone()))
            })
        });
        match found {
            Some(project) => {
                linked.update(|l| {
                    if !l.contains(&project) {
                        l.push(project)
                    }
                });
                picking.set(String::new());
            }
            None => link_error.set(Some(
                Message::new("bulletin.no_such_project").with("name", name),
            )),
        }
    };
    let add = move |_| {
        date_error.set(None);
        title_error.set(None);
        let on = match Date::parse_iso(&date.get_untracked()) {
            Ok(d) => d,
            Err(e) => {
                date_error.set(Some(e.to_message()));
                return;
            }
        };
        let bulletin = Bulletin {
            id: state.new_id(),
            date: on,
            title: title.get_untracked().trim().to_string(),
            body: body.get_untracked().trim().to_string(),
            projects: linked
                .get_untracked()
                .into_iter()
                .map(|(id, _)| id)
                .collect(),
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        };
        match state.dispatch(Edit::Put(Record::Bulletin(bulletin))) {
            Ok(()) => {
                title.set(String::new());
                body.set(String::new());
                linked.set(Vec::new());
            }
            // Shown at the field the model names: the title, else beside the links.
            Err(message) if message.field == Some("title") => title_error.set(Some(message)),
            Err(message) => link_error.set(Some(message)),
        }
    };
    view! {
        <section class="bulletins" data-testid="bulletins-page">
            <h1>{move || text(lang.get(), "projects.bulletins")}</h1>
            <ProjectTabs />
            <p class="no-print">
                <button data-testid="bulletins-print" on:click=move |_| { only.set(None); print_page(); }>
                    {move || text(lang.get(), "bulletin.print_all")}
                </button>
            </p>
            <div class="bulletin-list" data-testid="bulletin-list">
                <For each=move || list.get() key=|(b, names)| (b.id.clone(), Record::Bulletin(b.clone()).fields(), names.clone()) let:entry>
                    {
                        let (bulletin, names) = entry;
                        let id = bulletin.id.clone();
                        let id_for_class = id.clone();
                        let id_for_print = id.clone();
                        view! {
                            <article class="bulletin" data-testid="bulletin"
                                class:no-print=move || only.with(|o| o.as_ref().is_some_and(|o| *o != id_for_class))>
                                <h2>{bulletin.title.clone()}</h2>
                                <p class="muted">{bulletin.date.to_iso()}</p>
                                <p class="bulletin-body">{bulletin.body.clone()}</p>
                                <p class="bulletin-projects">
                                    {names.into_iter().map(|(pid, name)| view! { <a class="chip" href=format!("#/project/{pid}")>{name}</a> }).collect_view()}
                                </p>
                                <p class="no-print">
                                    <button class="link" data-testid="bulletin-print" on:click=move |_| {
                                        // Print after the other notices are marked not to print.
                                        only.set(Some(id_for_print.clone()));
                                        set_timeout(move || { print_page(); only.set(None); }, std::time::Duration::from_millis(50));
                                    }>
                                        {move || text(lang.get(), "bulletin.print")}
                                    </button>
                                    <button class="link danger" data-testid="bulletin-delete" on:click=move |_| {
                                        let _ = state.dispatch(Edit::Delete { kind: RecordKind::Bulletin, id: id.clone() });
                                    }>{move || text(lang.get(), "indicators.delete")}</button>
                                </p>
                            </article>
                        }
                    }
                </For>
                <Show when=move || list.with(Vec::is_empty)>
                    <p class="muted">{move || text(lang.get(), "bulletin.none")}</p>
                </Show>
            </div>
            <div class="bulletin-form no-print" data-testid="bulletin-form">
                <h2>{move || text(lang.get(), "bulletin.add")}</h2>
                <label class="field"><span>{move || text(lang.get(), "bulletin.date")}</span>
                    <input type="date" data-testid="bulletin-date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) /></label>
                <FieldError error=date_error test_id="bulletin-date-error" />
                <label class="field wide"><span>{move || text(lang.get(), "bulletin.title")}</span>
                    <input data-testid="bulletin-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) /></label>
                <FieldError error=title_error test_id="bulletin-title-error" />
                <label class="field wide"><span>{move || text(lang.get(), "bulletin.body")}</span>
                    <textarea data-testid="bulletin-body" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea></label>
                <label class="field"><span>{move || text(lang.get(), "bulletin.link_project")}</span>
                    <input list="bulletin-projects" data-testid="bulletin-project" prop:value=move || picking.get() on:input=move |ev| picking.set(event_target_value(&ev)) />
                    <datalist id="bulletin-projects">
                        {move || project_names().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
                    </datalist>
                </label>
                <button class="link" data-testid="bulletin-link" on:click=link>{move || text(lang.get(), "bulletin.link")}</button>
                <FieldError error=link_error test_id="bulletin-link-error" />
                <p data-testid="bulletin-linked">
                    {move || linked.get().into_iter().map(|(id, name)| view! {
                        <span class="chip">{name}
                            <button class="link" on:click=move |_| linked.update(|l| l.retain(|(i, _)| *i != id))>"×"</button>
                        </span>
                    }).collect_view()}
                </p>
                <button data-testid="bulletin-add" on:click=add>{move || text(lang.get(), "bulletin.add")}</button>
            </div>
        </section>
    }
}
