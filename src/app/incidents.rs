//! The Incidents view: incidents with their date, place, and number of reports and outlets; a
//! click opens an incident's page beside the list, where the analyst edits its title, date, place
//! and summary and reshapes it: remove, split off or move ticked reports, merge another incident
//! into it, add the articles picked in the Library view, delete it. Every edit can be undone.

use std::collections::BTreeSet;

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::TriangulateApp;
use super::widgets::{Cached, date_or_dash, empty_state, plural, read_error};
use crate::model::{Id, IncidentDetail, IncidentFields, IncidentSummary};

/// Why an analyst linked articles by hand (rather than by accepting a suggestion).
const BY_HAND: &str = "added by hand";

/// What the Incidents view remembers between frames.
#[derive(Default)]
pub struct IncidentsViewState {
    incidents: Cached<(), Vec<IncidentSummary>>,
    /// The incident whose page is open.
    selected: Option<Id>,
    page: Cached<Id, Option<IncidentDetail>>,
    /// What the open page's controls hold; reset when another incident opens.
    form: PageForm,
    /// The title typed for a new incident; `Some` while the "New incident" form is open.
    new_title: Option<String>,
    /// Whether a new incident takes the articles picked in the Library view.
    new_with_picked: bool,
}

impl IncidentsViewState {
    /// Opens an incident's page, for when the analyst next comes to the view.
    pub fn open(&mut self, incident: Id) {
        self.selected = Some(incident);
    }
}

/// The editable fields as text boxes hold them.
#[derive(Debug, Clone, Default, PartialEq)]
struct FieldsText {
    title: String,
    date: String,
    place: String,
    summary: String,
}

impl FieldsText {
    fn of(incident: &IncidentDetail) -> FieldsText {
        FieldsText {
            title: incident.title.clone(),
            date: incident.date.clone().unwrap_or_default(),
            place: incident.place.clone().unwrap_or_default(),
            summary: incident.summary.clone(),
        }
    }

    fn fields(&self) -> IncidentFields {
        let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        IncidentFields {
            title: self.title.trim().to_string(),
            date: some(&self.date),
            place: some(&self.place),
            summary: self.summary.trim().to_string(),
        }
    }
}

/// The controls of one incident's page.
#[derive(Default)]
struct PageForm {
    incident: Option<Id>,
    /// The fields as last read from the library.
    saved: FieldsText,
    /// The fields as the analyst is editing them.
    edited: FieldsText,
    /// Reports ticked for Remove, Split and Move (article ids).
    ticked: BTreeSet<Id>,
    split_title: String,
    move_to: Option<Id>,
    merge_from: Option<Id>,
}

impl PageForm {
    /// Keeps the form in step with the incident: a new incident resets it; a change made
    /// elsewhere (an undo, a merge) shows unless the analyst is editing the fields.
    fn follow(&mut self, incident: &IncidentDetail) {
        let current = FieldsText::of(incident);
        if self.incident != Some(incident.id) {
            *self = PageForm {
                incident: Some(incident.id),
                saved: current.clone(),
                edited: current,
                ..PageForm::default()
            };
            return;
        }
        if self.saved != current {
            if self.edited == self.saved {
                self.edited = current.clone();
            }
            self.saved = current;
        }
        self.ticked
            .retain(|a| incident.reports.iter().any(|r| r.article.id == *a));
    }
}

enum Action {
    Select(Id),
    Create(String, Vec<Id>),
    Save(Id, IncidentFields),
    Remove(Id, Vec<Id>),
    Split(Id, Vec<Id>, String),
    Move(Id, Vec<Id>, Id),
    Merge(Id, Id),
    AddPicked(Id, Vec<Id>),
    Delete(Id),
    Compare(Id),
}

pub fn show(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    let Some(library) = app.library.as_ref() else {
        return;
    };
    let generation = app.generation;
    let picked: Vec<Id> = app.library_view.marked.iter().copied().collect();
    let view = &mut app.incidents_view;
    let mut action = None;

    ui.heading("Incidents");
    let incidents = match view.incidents.get(generation, &(), || library.incidents()) {
        Ok(incidents) => incidents,
        Err(e) => return read_error(ui, e),
    };
    new_incident_form(
        ui,
        &mut view.new_title,
        &mut view.new_with_picked,
        &picked,
        &mut action,
    );
    if incidents.is_empty() {
        empty_state(
            ui,
            "No incidents yet. An incident groups the reports of one event across outlets; they are made by accepting link suggestions, or by hand with New incident….",
        );
    } else {
        view.selected = view
            .selected
            .filter(|id| incidents.iter().any(|i| i.id == *id));
        if let Some(id) = view.selected {
            let page = view.page.get(generation, &id, || library.incident(id));
            let form = &mut view.form;
            egui::Panel::right("incident-page")
                .resizable(true)
                .default_size(ui.available_width() * 0.55)
                .min_size(380.0)
                .show(ui, |ui| match page {
                    Ok(Some(incident)) => {
                        form.follow(incident);
                        incident_page(ui, incident, incidents, form, &picked, &mut action);
                    }
                    Ok(None) => empty_state(ui, "This incident is no longer in the library."),
                    Err(e) => read_error(ui, e),
                });
        }
        incidents_table(ui, incidents, view.selected, &mut action);
    }

    if let Some(action) = action {
        apply(app, action);
    }
}

fn new_incident_form(
    ui: &mut egui::Ui,
    title: &mut Option<String>,
    with_picked: &mut bool,
    picked: &[Id],
    action: &mut Option<Action>,
) {
    let Some(text) = title.as_mut() else {
        if ui
            .button("New incident…")
            .on_hover_text("Make an incident by hand; reports join it from its page or by accepting suggestions.")
            .clicked()
        {
            *title = Some(String::new());
            *with_picked = !picked.is_empty();
        }
        return;
    };
    let mut close = false;
    ui.horizontal(|ui| {
        let label = ui.label("Title of the new incident");
        let edit = ui
            .add(egui::TextEdit::singleline(text).desired_width(320.0))
            .labelled_by(label.id);
        if !picked.is_empty() {
            ui.checkbox(
                with_picked,
                format!(
                    "with the {} picked in Library",
                    plural(picked.len(), "article")
                ),
            );
        }
        let ready = !text.trim().is_empty();
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui
            .add_enabled(ready, egui::Button::new("Create incident"))
            .on_disabled_hover_text("Give the incident a title.")
            .clicked()
            || (ready && enter)
        {
            let articles = if *with_picked {
                picked.to_vec()
            } else {
                Vec::new()
            };
            *action = Some(Action::Create(text.trim().to_string(), articles));
        }
        close = ui.button("Cancel").clicked();
    });
    if close {
        *title = None;
    }
}

fn incidents_table(
    ui: &mut egui::Ui,
    incidents: &[IncidentSummary],
    selected: Option<Id>,
    action: &mut Option<Action>,
) {
    TableBuilder::new(ui)
        .id_salt("incidents")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        // Narrow enough to fit beside an open incident page without running under it.
        .column(Column::remainder().at_least(100.0).clip(true))
        .column(Column::initial(80.0))
        .column(Column::initial(100.0).clip(true))
        .column(Column::initial(55.0))
        .column(Column::initial(55.0))
        .header(22.0, |mut header| {
            for title in ["Incident", "Date", "Place", "Reports", "Outlets"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, incidents.len(), |mut row| {
                let i = &incidents[row.index()];
                row.set_selected(selected == Some(i.id));
                row.col(|ui| {
                    ui.add(egui::Label::new(&i.title).truncate().selectable(false));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(date_or_dash(i.date.as_deref())).selectable(false));
                });
                row.col(|ui| {
                    ui.add(
                        egui::Label::new(date_or_dash(i.place.as_deref()))
                            .truncate()
                            .selectable(false),
                    );
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(i.report_count.to_string()).selectable(false));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(i.outlet_count.to_string()).selectable(false));
                });
                if row.response().clicked() {
                    *action = Some(Action::Select(i.id));
                }
            });
        });
}

fn incident_page(
    ui: &mut egui::Ui,
    incident: &IncidentDetail,
    incidents: &[IncidentSummary],
    form: &mut PageForm,
    picked: &[Id],
    action: &mut Option<Action>,
) {
    let id = incident.id;
    egui::ScrollArea::vertical()
        .id_salt("incident-page-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new(&incident.title).heading().strong());
            ui.label(
                RichText::new(format!(
                    "Incident {id} · {} · made {}",
                    plural(incident.reports.len(), "report"),
                    incident.created_at.get(..10).unwrap_or(&incident.created_at)
                ))
                .weak(),
            );
            if ui
                .add_enabled(
                    incident.reports.len() >= 2,
                    egui::Button::new("Compare reports"),
                )
                .on_hover_text(
                    "Open Compare on this incident: its reports side by side, the figures they disagree on, their texts.",
                )
                .on_disabled_hover_text("Compare needs at least two reports.")
                .clicked()
            {
                *action = Some(Action::Compare(id));
            }
            ui.add_space(4.0);
            egui::Grid::new("incident-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let field = |ui: &mut egui::Ui, name: &str, text: &mut String, hint: &str| {
                        let label = ui.label(name);
                        ui.add(
                            egui::TextEdit::singleline(text)
                                .hint_text(hint)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                    };
                    field(ui, "Title", &mut form.edited.title, "what happened");
                    field(ui, "Date", &mut form.edited.date, "YYYY-MM-DD");
                    field(ui, "Place", &mut form.edited.place, "where");
                    let label = ui.label("Summary");
                    ui.add(
                        egui::TextEdit::multiline(&mut form.edited.summary)
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            let dirty = form.edited != form.saved;
            ui.horizontal(|ui| {
                if ui.add_enabled(dirty, egui::Button::new("Save")).clicked() {
                    *action = Some(Action::Save(id, form.edited.fields()));
                }
                if dirty && ui.button("Revert").clicked() {
                    form.edited = form.saved.clone();
                }
            });

            ui.add_space(8.0);
            ui.strong(format!("Reports ({})", incident.reports.len()));
            if incident.reports.is_empty() {
                ui.label(
                    RichText::new(
                        "No reports yet: pick articles in the Library view and add them below, or accept suggestions.",
                    )
                    .weak(),
                );
            } else {
                report_actions(ui, incident, incidents, form, action);
                reports_table(ui, incident, &mut form.ticked);
            }

            ui.add_space(8.0);
            ui.separator();
            ui.strong("This incident");
            let others: Vec<&IncidentSummary> = incidents.iter().filter(|i| i.id != id).collect();
            ui.horizontal(|ui| {
                let label = ui.label("Merge another incident into this");
                incident_choice(ui, "merge-from", &mut form.merge_from, &others, label.id);
                if ui
                    .add_enabled(form.merge_from.is_some(), egui::Button::new("Merge"))
                    .on_disabled_hover_text("Choose the incident whose reports join this one.")
                    .clicked()
                    && let Some(other) = form.merge_from
                {
                    *action = Some(Action::Merge(id, other));
                }
            });
            let new: Vec<Id> = picked
                .iter()
                .copied()
                .filter(|a| !incident.reports.iter().any(|r| r.article.id == *a))
                .collect();
            if ui
                .add_enabled(
                    !new.is_empty(),
                    egui::Button::new(format!("Add the articles picked in Library ({})", new.len())),
                )
                .on_disabled_hover_text(
                    "Pick articles in the Library view (Ctrl-click), then add them here.",
                )
                .clicked()
            {
                *action = Some(Action::AddPicked(id, new));
            }
            if ui
                .button("Delete incident")
                .on_hover_text("Its articles stay in the library. Edit > Undo brings it back.")
                .clicked()
            {
                *action = Some(Action::Delete(id));
            }
        });
}

/// Remove, split off and move the ticked reports.
fn report_actions(
    ui: &mut egui::Ui,
    incident: &IncidentDetail,
    incidents: &[IncidentSummary],
    form: &mut PageForm,
    action: &mut Option<Action>,
) {
    let id = incident.id;
    let ticked: Vec<Id> = form.ticked.iter().copied().collect();
    let any = !ticked.is_empty();
    let hint = "Tick reports in the table first.";
    ui.horizontal(|ui| {
        ui.label(format!("{} ticked", ticked.len()));
        if ui.small_button("Tick all").clicked() {
            form.ticked = incident.reports.iter().map(|r| r.article.id).collect();
        }
        if any && ui.small_button("Untick all").clicked() {
            form.ticked.clear();
        }
        if ui
            .add_enabled(any, egui::Button::new("Remove from incident"))
            .on_disabled_hover_text(hint)
            .clicked()
        {
            *action = Some(Action::Remove(id, ticked.clone()));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("New incident title");
        ui.add(
            egui::TextEdit::singleline(&mut form.split_title)
                .hint_text("for the ticked reports")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        let ready = any && !form.split_title.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("Split off into new incident"))
            .on_disabled_hover_text(
                "Tick the reports to split off and give the new incident a title.",
            )
            .clicked()
        {
            *action = Some(Action::Split(
                id,
                ticked.clone(),
                form.split_title.trim().to_string(),
            ));
        }
    });
    let others: Vec<&IncidentSummary> = incidents.iter().filter(|i| i.id != id).collect();
    ui.horizontal(|ui| {
        let label = ui.label("Move to incident");
        incident_choice(ui, "move-to", &mut form.move_to, &others, label.id);
        if ui
            .add_enabled(any && form.move_to.is_some(), egui::Button::new("Move"))
            .on_disabled_hover_text("Tick reports and choose the incident they belong to.")
            .clicked()
            && let Some(to) = form.move_to
        {
            *action = Some(Action::Move(id, ticked, to));
        }
    });
}

/// A combo box of incidents, labelled by `label`.
fn incident_choice(
    ui: &mut egui::Ui,
    salt: &str,
    choice: &mut Option<Id>,
    incidents: &[&IncidentSummary],
    label: egui::Id,
) {
    if choice.is_some_and(|c| !incidents.iter().any(|i| i.id == c)) {
        *choice = None;
    }
    let text = choice
        .and_then(|c| incidents.iter().find(|i| i.id == c))
        .map_or_else(|| "choose…".to_string(), |i| i.title.clone());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(text)
        .width(220.0)
        .show_ui(ui, |ui| {
            if incidents.is_empty() {
                ui.label(RichText::new("There is no other incident.").weak());
            }
            for i in incidents {
                ui.selectable_value(choice, Some(i.id), &i.title);
            }
        })
        .response
        .labelled_by(label);
}

fn reports_table(ui: &mut egui::Ui, incident: &IncidentDetail, ticked: &mut BTreeSet<Id>) {
    TableBuilder::new(ui)
        .id_salt(("reports", incident.id))
        .striped(true)
        .vscroll(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(
            Column::initial(240.0)
                .at_least(120.0)
                .clip(true)
                .resizable(true),
        )
        .column(Column::initial(120.0).clip(true).resizable(true))
        .column(Column::initial(80.0))
        .column(Column::initial(90.0).clip(true).resizable(true))
        .column(Column::remainder().at_least(100.0).clip(true))
        .header(22.0, |mut header| {
            for title in ["Headline", "Outlet", "Date", "Linked by", "Reason"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, incident.reports.len(), |mut row| {
                let r = &incident.reports[row.index()];
                let id = r.article.id;
                row.set_selected(ticked.contains(&id));
                row.col(|ui| {
                    let mut on = ticked.contains(&id);
                    if ui.checkbox(&mut on, &r.article.title).changed() {
                        if on {
                            ticked.insert(id);
                        } else {
                            ticked.remove(&id);
                        }
                    }
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.article.outlet).truncate());
                });
                row.col(|ui| {
                    ui.label(date_or_dash(r.article.published.as_deref()));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.linked_by).truncate());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.reason).truncate())
                        .on_hover_text(format!("{} ({})", r.reason, r.linked_at));
                });
            });
        });
}

fn title_of(app: &TriangulateApp, id: Id) -> String {
    app.library
        .as_ref()
        .and_then(|l| l.incident(id).ok().flatten())
        .map_or_else(|| format!("incident {id}"), |i| format!("“{}”", i.title))
}

/// Carries out what the analyst asked for; each edit keeps its undo.
fn apply(app: &mut TriangulateApp, action: Action) {
    let analyst = app.analyst();
    match action {
        Action::Select(id) => app.incidents_view.selected = Some(id),
        Action::Compare(id) => {
            app.compare_view.open_incident(id);
            app.settings.view = super::View::Compare;
        }
        Action::Create(title, articles) => {
            let fields = IncidentFields {
                title,
                ..IncidentFields::default()
            };
            if let Some((id, undo)) = app.write("create the incident", |l| {
                l.create_incident(&fields, &articles, &analyst, BY_HAND)
            }) {
                app.push_undo(undo);
                app.incidents_view.selected = Some(id);
                app.incidents_view.new_title = None;
                app.inform(format!(
                    "Created incident {id}, “{}”, with {}.",
                    fields.title.trim(),
                    plural(articles.len(), "report")
                ));
            }
        }
        Action::Save(id, fields) => {
            if let Some(undo) = app.write("save the incident", |l| l.edit_incident(id, &fields)) {
                app.push_undo(undo);
                // The form takes the fields as stored (trimmed) when it next draws.
                app.incidents_view.form.incident = None;
                app.inform(format!("Saved incident {id}."));
            }
        }
        Action::Remove(id, articles) => {
            if let Some((n, undo)) = app.write("remove the reports", |l| {
                l.remove_from_incident(id, &articles)
            }) {
                app.push_undo(undo);
                app.incidents_view.form.ticked.clear();
                app.inform(format!(
                    "Removed {} from the incident.",
                    plural(n, "report")
                ));
            }
        }
        Action::Split(id, articles, title) => {
            let fields = IncidentFields {
                title,
                ..IncidentFields::default()
            };
            if let Some((new, undo)) = app.write("split the incident", |l| {
                l.split_incident(id, &articles, &fields, &analyst)
            }) {
                app.push_undo(undo);
                app.incidents_view.form.ticked.clear();
                app.incidents_view.form.split_title.clear();
                let title = title_of(app, new);
                app.inform(format!(
                    "Split {} off into incident {new}, {title}.",
                    plural(articles.len(), "report")
                ));
            }
        }
        Action::Move(from, articles, to) => {
            if let Some(undo) = app.write("move the reports", |l| {
                l.move_reports(&articles, from, to, &analyst)
            }) {
                app.push_undo(undo);
                app.incidents_view.form.ticked.clear();
                let title = title_of(app, to);
                app.inform(format!(
                    "Moved {} to {title}.",
                    plural(articles.len(), "report")
                ));
            }
        }
        Action::Merge(keep, other) => {
            let merged = title_of(app, other);
            if let Some(undo) = app.write("merge the incidents", |l| {
                l.merge_incidents(keep, other, &analyst)
            }) {
                app.push_undo(undo);
                app.incidents_view.form.merge_from = None;
                let title = title_of(app, keep);
                app.inform(format!(
                    "Merged {merged} into {title}. Edit > Undo (Ctrl+Z) separates them again."
                ));
            }
        }
        Action::AddPicked(id, articles) => {
            if let Some(undo) = app.write("add the reports", |l| {
                l.add_to_incident(id, &articles, &analyst, BY_HAND)
            }) {
                app.push_undo(undo);
                app.inform(format!(
                    "Added {} to the incident.",
                    plural(articles.len(), "report")
                ));
            }
        }
        Action::Delete(id) => {
            let title = title_of(app, id);
            if let Some(undo) = app.write("delete the incident", |l| l.delete_incident(id)) {
                app.push_undo(undo);
                app.incidents_view.selected = None;
                app.inform(format!(
                    "Deleted incident {title}; its articles stay in the library. Edit > Undo (Ctrl+Z) brings it back."
                ));
            }
        }
    }
}
