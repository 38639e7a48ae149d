//! The Incidents view: incidents with their date, place, and number of reports and outlets; a
//! click opens an incident's page beside the list, where the analyst edits its title, date, place
//! and summary and reshapes it: remove, split off or move ticked reports, merge another incident
//! into it, add the articles picked in the Library view, delete it. Every edit can be undone.
//!
//! A library can hold 100,000 incidents, so nothing here reads them all: the list draws only its
//! visible rows from pages read on demand ([`Paged`]), filtered by "Find incident"; where a page
//! asks for another incident (Move to, Merge), [`IncidentPicker`] lists the first matches of a
//! filter typed into its list. Compare's incident picker is the same.
//!
//! Incidents carry tags and notes: the page shows both, the list shows the tags and filters on
//! one, and Ctrl-click picks several incidents to tag at once.

use std::collections::BTreeSet;

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::TriangulateApp;
use super::notes::{Drafts, WorkingEdit, batch_tag_field, notes_section, tag_picker, tags_row};
use super::paged::Paged;
use super::widgets::{Cached, date_or_dash, empty_state, plural, read_error, thousands};
use triangulate_core::library::{Library, Note, TagSummary};
use triangulate_core::model::{
    Id, IncidentDetail, IncidentFields, IncidentSummary, Target, TargetKind,
};

/// Why an analyst linked articles by hand (rather than by accepting a suggestion).
const BY_HAND: &str = "added by hand";

/// Matches an incident picker lists: enough to choose from once a word or two is typed.
const PICKER_ROWS: usize = 50;

/// What the Incidents view remembers between frames.
#[derive(Default)]
pub struct IncidentsViewState {
    /// What "Find incident" holds: part of a title or place.
    filter: String,
    /// The list shows only incidents carrying this tag (id, name).
    tag: Option<(Id, String)>,
    tags: Cached<(), Vec<TagSummary>>,
    /// How many incidents match the filters (text trimmed).
    count: Cached<ListKey, u64>,
    /// The visible rows' pages of the list, for the filters.
    rows: Paged<ListKey, IncidentSummary>,
    /// The incident whose page is open.
    selected: Option<Id>,
    /// Incidents picked with Ctrl-click (and the open one), to tag at once.
    picked: BTreeSet<Id>,
    /// The tag typed for the picked incidents.
    batch_tag: String,
    page: Cached<Id, Option<IncidentDetail>>,
    /// The open incident's tags and notes.
    working: Cached<Id, (Vec<String>, Vec<Note>)>,
    /// The tag and note being typed on the page.
    drafts: Drafts,
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
        self.picked = BTreeSet::from([incident]);
    }
}

/// What the list shows: incidents whose title or place holds the text (trimmed), carrying the tag.
type ListKey = (String, Option<Id>);

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
    move_to: Choice,
    merge_from: Choice,
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
    /// Ctrl-click: add an incident to the picked ones, or take it out.
    Pick(Id),
    /// Tag or note something (see [`TriangulateApp::apply_working`]).
    Working(WorkingEdit),
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
    let filter = view.filter.trim().to_string();
    let tag = view.tag.as_ref().map(|(id, _)| *id);
    let key: ListKey = (filter.clone(), tag);
    let count = match view
        .count
        .get(generation, &key, || library.count_incidents(&filter, tag))
    {
        Ok(count) => *count,
        Err(e) => return read_error(ui, e),
    };
    new_incident_form(
        ui,
        &mut view.new_title,
        &mut view.new_with_picked,
        &picked,
        &mut action,
    );
    if count == 0 && filter.is_empty() && tag.is_none() {
        view.selected = None;
        empty_state(
            ui,
            "No incidents yet. An incident groups the reports of one event across outlets; they are made by accepting link suggestions, or by hand with New incident….",
        );
    } else {
        ui.horizontal(|ui| {
            let label = ui.label("Find incident");
            ui.add(
                egui::TextEdit::singleline(&mut view.filter)
                    .hint_text("title or place")
                    .desired_width(240.0),
            )
            .labelled_by(label.id)
            .on_hover_text("Shows the incidents whose title or place contains this, in any case.");
            tag_picker(
                ui,
                "incident-tag-filter",
                (library, generation, &mut view.tags),
                |t| t.incidents,
                &mut view.tag,
            );
            ui.label(if count == 1 {
                "1 incident".to_string()
            } else {
                format!("{} incidents", thousands(count))
            });
        });
        if view.picked.len() >= 2 {
            ui.horizontal(|ui| {
                ui.label(format!("Tag the {} picked incidents:", view.picked.len()));
                if let Some(edit) = batch_tag_field(
                    ui,
                    "incident-batch-tag",
                    TargetKind::Incident,
                    &view.picked,
                    &mut view.batch_tag,
                ) {
                    action = Some(Action::Working(edit));
                }
                if ui.button("Clear picks").clicked() {
                    view.picked.retain(|id| view.selected == Some(*id));
                }
            });
        }
        if let Some(id) = view.selected {
            let page = view.page.get(generation, &id, || library.incident(id));
            if matches!(page, Ok(None)) {
                // Deleted or merged away since it was opened.
                view.selected = None;
            } else {
                let form = &mut view.form;
                let working = view.working.get(generation, &id, || {
                    let target = Target::Incident(id);
                    Ok::<_, triangulate_core::Error>((
                        library.tags_of(target)?,
                        library.notes_of(target)?,
                    ))
                });
                let drafts = &mut view.drafts;
                egui::Panel::right("incident-page")
                    .resizable(true)
                    .default_size(ui.available_width() * 0.55)
                    .min_size(380.0)
                    .show(ui, |ui| match page {
                        Ok(Some(incident)) => {
                            form.follow(incident);
                            let page = Page {
                                library,
                                generation,
                                picked: &picked,
                            };
                            incident_page(ui, incident, form, &page, &mut action, |ui, action| {
                                working_section(ui, id, working, drafts, action)
                            });
                        }
                        Ok(None) => {}
                        Err(e) => read_error(ui, e),
                    });
            }
        }
        // The list takes the room the page leaves: its own central panel, so that its rows
        // neither draw nor take clicks under the page.
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                if count == 0 {
                    let why = match (&view.tag, filter.is_empty()) {
                        (Some((_, name)), true) => format!("No incident carries the tag “{name}”."),
                        (Some((_, name)), false) => {
                            format!(
                                "No incident tagged “{name}” has “{filter}” in its title or place."
                            )
                        }
                        (None, _) => format!("No incident's title or place contains “{filter}”."),
                    };
                    empty_state(ui, &why);
                } else {
                    view.rows.follow(generation, &key);
                    let list = List {
                        library,
                        filter: &filter,
                        tag,
                        count: usize::try_from(count).unwrap_or(usize::MAX),
                    };
                    incidents_table(
                        ui,
                        &list,
                        &mut view.rows,
                        (view.selected, &view.picked),
                        &mut action,
                    );
                }
            });
    }

    if let Some(action) = action {
        apply(app, action);
    }
}

/// What an incident's page reads besides the incident.
struct Page<'a> {
    library: &'a Library,
    generation: u64,
    /// The articles picked in the Library view.
    picked: &'a [Id],
}

/// The open incident's tags and notes.
fn working_section(
    ui: &mut egui::Ui,
    id: Id,
    working: Result<&(Vec<String>, Vec<Note>), &str>,
    drafts: &mut Drafts,
    action: &mut Option<Action>,
) {
    let (tags, notes) = match working {
        Ok((tags, notes)) => (tags, notes),
        Err(e) => return read_error(ui, e),
    };
    let target = Target::Incident(id);
    let mut edit = None;
    tags_row(ui, target, tags, drafts, &mut edit);
    egui::CollapsingHeader::new(RichText::new(format!("Notes ({})", notes.len())).strong())
        .id_salt("incident-notes")
        .default_open(true)
        .show(ui, |ui| {
            notes_section(ui, target, notes, None, drafts, &mut edit)
        });
    if let Some(edit) = edit {
        *action = Some(Action::Working(edit));
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

/// The incidents the list shows: those matching `filter`, `count` of them.
struct List<'a> {
    library: &'a Library,
    filter: &'a str,
    tag: Option<Id>,
    count: usize,
}

/// The list of incidents: a row per incident, only the visible rows read.
fn incidents_table(
    ui: &mut egui::Ui,
    list: &List,
    rows: &mut Paged<ListKey, IncidentSummary>,
    (selected, picked): (Option<Id>, &BTreeSet<Id>),
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
        .column(Column::initial(90.0).clip(true))
        .header(22.0, |mut header| {
            for title in ["Incident", "Date", "Place", "Reports", "Outlets", "Tags"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, list.count, |mut row| {
                let read = rows.get(row.index(), |offset, limit| {
                    list.library
                        .incident_page(list.filter, list.tag, offset, limit)
                });
                let i = match read {
                    Ok(Some(i)) => i,
                    // Fewer rows than counted (both are read at one generation, so this is
                    // only a guard): the row stays empty.
                    Ok(None) => return,
                    Err(e) => {
                        row.col(|ui| read_error(ui, e));
                        return;
                    }
                };
                row.set_selected(selected == Some(i.id) || picked.contains(&i.id));
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
                row.col(|ui| {
                    ui.add(
                        egui::Label::new(i.tags.join(", "))
                            .truncate()
                            .selectable(false),
                    );
                });
                let response = row.response();
                if response.clicked() {
                    *action = Some(if response.ctx.input(|i| i.modifiers.command) {
                        Action::Pick(i.id)
                    } else {
                        Action::Select(i.id)
                    });
                }
            });
        });
}

fn incident_page(
    ui: &mut egui::Ui,
    incident: &IncidentDetail,
    form: &mut PageForm,
    page: &Page,
    action: &mut Option<Action>,
    working: impl FnOnce(&mut egui::Ui, &mut Option<Action>),
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
            ui.add_space(4.0);
            working(ui, action);

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
                report_actions(ui, incident, form, page, action);
                reports_table(ui, incident, &mut form.ticked);
            }

            ui.add_space(8.0);
            ui.separator();
            ui.strong("This incident");
            ui.horizontal(|ui| {
                let label = ui.label("Merge another incident into this");
                form.merge_from.show(ui, page, "merge-from", id)
                    .labelled_by(label.id);
                if ui
                    .add_enabled(form.merge_from.id().is_some(), egui::Button::new("Merge"))
                    .on_disabled_hover_text("Choose the incident whose reports join this one.")
                    .clicked()
                    && let Some(other) = form.merge_from.id()
                {
                    *action = Some(Action::Merge(id, other));
                }
            });
            let new: Vec<Id> = page
                .picked
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
    form: &mut PageForm,
    page: &Page,
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
    ui.horizontal(|ui| {
        let label = ui.label("Move to incident");
        form.move_to
            .show(ui, page, "move-to", id)
            .labelled_by(label.id);
        if ui
            .add_enabled(
                any && form.move_to.id().is_some(),
                egui::Button::new("Move"),
            )
            .on_disabled_hover_text("Tick reports and choose the incident they belong to.")
            .clicked()
            && let Some(to) = form.move_to.id()
        {
            *action = Some(Action::Move(id, ticked, to));
        }
    });
}

/// Another incident chosen on a page (to move reports to, or to merge): kept by id, with its
/// title read again when the library changes, and dropped when the incident is gone.
#[derive(Default)]
struct Choice {
    chosen: Option<Id>,
    /// The chosen incident's title, or `None` when it is no longer in the library.
    title: Cached<Id, Option<String>>,
    picker: IncidentPicker,
}

impl Choice {
    /// The incident chosen, if it is still in the library (as of the last frame drawn).
    fn id(&self) -> Option<Id> {
        self.chosen
    }

    fn clear(&mut self) {
        self.chosen = None;
    }

    /// The picker of any incident but `this`, as a combo box whose response the caller labels.
    fn show(&mut self, ui: &mut egui::Ui, page: &Page, salt: &str, this: Id) -> egui::Response {
        let mut text = "choose…".to_string();
        if let Some(id) = self.chosen {
            let read = self.title.get(page.generation, &id, || {
                page.library.incident(id).map(|i| i.map(|i| i.title))
            });
            match read {
                Ok(Some(title)) => text = title.clone(),
                Ok(None) => self.chosen = None,
                Err(_) => text = format!("incident {id}"),
            }
        }
        let combo = egui::ComboBox::from_id_salt(salt)
            .selected_text(text)
            .width(220.0)
            .height(320.0);
        let shown = self
            .picker
            .show(ui, page.library, page.generation, combo, self.chosen, |i| {
                (i.id != this).then(|| i.title.clone())
            });
        if let Some(chosen) = shown.inner {
            self.chosen = Some(chosen.id);
        }
        shown.response
    }
}

/// A combo box of incidents whose list opens with a filter (part of a title or place) and shows
/// the first [`PICKER_ROWS`] incidents matching it, newest first: a choice among 100,000
/// incidents reads 50 of them, and only while the list is open and its filter changes.
pub(super) struct IncidentPicker {
    filter: String,
    matches: Paged<String, IncidentSummary>,
    /// Whether the list was open the frame before: the filter takes the keyboard when it opens.
    was_open: bool,
}

impl Default for IncidentPicker {
    fn default() -> Self {
        IncidentPicker {
            filter: String::new(),
            matches: Paged::new(PICKER_ROWS, 1),
            was_open: false,
        }
    }
}

impl IncidentPicker {
    /// Shows `combo` (its id, selected text and size set by the caller). Its list names each
    /// matching incident as `name` gives it (`None` leaves one out) and marks `selected`. Returns
    /// the incident clicked this frame; the caller labels the response.
    pub(super) fn show(
        &mut self,
        ui: &mut egui::Ui,
        library: &Library,
        generation: u64,
        combo: egui::ComboBox,
        selected: Option<Id>,
        name: impl Fn(&IncidentSummary) -> Option<String>,
    ) -> egui::InnerResponse<Option<IncidentSummary>> {
        let opening = !self.was_open;
        let mut chosen = None;
        let shown = combo
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show_ui(ui, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Find");
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.filter)
                                .hint_text("title or place")
                                .desired_width(ui.available_width()),
                        )
                        .labelled_by(label.id)
                        .on_hover_text(format!(
                            "Lists the first {PICKER_ROWS} incidents whose title or place contains this."
                        ));
                    if opening {
                        edit.request_focus();
                    }
                });
                let filter = self.filter.trim();
                self.matches.follow(generation, &filter.to_string());
                let (mut read_rows, mut listed) = (0, 0);
                for index in 0..PICKER_ROWS {
                    let read = self.matches.get(index, |offset, limit| {
                        library.incident_page(filter, None, offset, limit)
                    });
                    let incident = match read {
                        Ok(Some(incident)) => incident,
                        Ok(None) => break,
                        Err(e) => {
                            read_error(ui, e);
                            break;
                        }
                    };
                    read_rows += 1;
                    let Some(text) = name(incident) else {
                        continue;
                    };
                    listed += 1;
                    if ui
                        .selectable_label(selected == Some(incident.id), text)
                        .on_hover_text(details(incident))
                        .clicked()
                    {
                        chosen = Some(incident.clone());
                        ui.close();
                    }
                }
                let note = if listed == 0 && filter.is_empty() {
                    "There is no other incident.".to_string()
                } else if listed == 0 {
                    format!("No incident to choose has “{filter}” in its title or place.")
                } else if read_rows == PICKER_ROWS {
                    format!("The first {PICKER_ROWS} matches, newest first: type to narrow them.")
                } else {
                    String::new()
                };
                if !note.is_empty() {
                    ui.label(RichText::new(note).weak());
                }
            });
        self.was_open = shown.inner.is_some();
        egui::InnerResponse::new(chosen, shown.response)
    }
}

/// "2025-03-14 · Qasr al-Nahr · 3 reports from 2 outlets".
fn details(incident: &IncidentSummary) -> String {
    let count = |n: i64, noun| plural(usize::try_from(n).unwrap_or(0), noun);
    let mut parts: Vec<String> = [incident.date.clone(), incident.place.clone()]
        .into_iter()
        .flatten()
        .collect();
    parts.push(format!(
        "{} from {}",
        count(incident.report_count, "report"),
        count(incident.outlet_count, "outlet")
    ));
    parts.join(" · ")
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
        Action::Select(id) => app.incidents_view.open(id),
        Action::Pick(id) => {
            let view = &mut app.incidents_view;
            if !view.picked.remove(&id) {
                view.picked.insert(id);
            }
        }
        Action::Working(edit) => app.apply_working(edit),
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
            app.incidents_view.picked.remove(&other);
            let merged = title_of(app, other);
            if let Some(undo) = app.write("merge the incidents", |l| {
                l.merge_incidents(keep, other, &analyst)
            }) {
                app.push_undo(undo);
                app.incidents_view.form.merge_from.clear();
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
            app.incidents_view.picked.remove(&id);
            let title = title_of(app, id);
            let analyst = app.analyst();
            if let Some(undo) =
                app.write("delete the incident", |l| l.delete_incident(id, &analyst))
            {
                app.push_undo(undo);
                app.incidents_view.selected = None;
                app.inform(format!(
                    "Deleted incident {title}; its articles stay in the library. Edit > Undo (Ctrl+Z) brings it back."
                ));
            }
        }
    }
}
