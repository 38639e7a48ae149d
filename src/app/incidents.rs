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

use super::command::{Command, Written};
use super::compare::Target as Compared;
use super::context::ViewContext;
use super::incident_picker::IncidentPicker;
use super::notes::{Drafts, batch_tag_field, notes_section, tag_picker, tags_row};
use super::paged::Paged;
use super::widgets::{Cached, date_or_dash, empty_state, plural, read_error, thousands};
use triangulate_core::library::{Library, Note, TagSummary};
use triangulate_core::model::{
    Id, IncidentDetail, IncidentFields, IncidentSummary, Target, TargetKind,
};

/// Why an analyst linked articles by hand (rather than by accepting a suggestion).
const BY_HAND: &str = "added by hand";

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

impl IncidentsViewState {
    /// Draws the view: "New incident…", the list with its filters, and the open incident's page.
    /// `picked` are the articles picked in the Library view, which a page can add.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext, picked: &BTreeSet<Id>) {
        let library = ctx.library;
        let generation = ctx.generation;
        let picked: Vec<Id> = picked.iter().copied().collect();
        let view = self;
        // A row clicked this frame, and whether Ctrl (Cmd) was held.
        let mut clicked = None;

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
            ctx,
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
                .on_hover_text(
                    "Shows the incidents whose title or place contains this, in any case.",
                );
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
                    batch_tag_field(
                        ui,
                        "incident-batch-tag",
                        TargetKind::Incident,
                        &view.picked,
                        &mut view.batch_tag,
                        ctx,
                    );
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
                                incident_page(ui, incident, form, &page, ctx, |ui, ctx| {
                                    working_section(ui, id, working, drafts, ctx)
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
                        &mut clicked,
                    );
                }
            });
        }

        if let Some((id, pick)) = clicked {
            if pick {
                // Ctrl-click: add an incident to the picked ones, or take it out.
                if !view.picked.remove(&id) {
                    view.picked.insert(id);
                }
            } else {
                view.open(id);
            }
        }
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
    ctx: &mut ViewContext,
) {
    let (tags, notes) = match working {
        Ok((tags, notes)) => (tags, notes),
        Err(e) => return read_error(ui, e),
    };
    let target = Target::Incident(id);
    tags_row(ui, target, tags, drafts, ctx);
    egui::CollapsingHeader::new(RichText::new(format!("Notes ({})", notes.len())).strong())
        .id_salt("incident-notes")
        .default_open(true)
        .show(ui, |ui| notes_section(ui, target, notes, None, drafts, ctx));
}

fn new_incident_form(
    ui: &mut egui::Ui,
    title: &mut Option<String>,
    with_picked: &mut bool,
    picked: &[Id],
    ctx: &mut ViewContext,
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
            ctx.send(create(
                text.trim().to_string(),
                articles,
                ctx.recorded_name(),
            ));
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
    clicked: &mut Option<(Id, bool)>,
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
                    *clicked = Some((i.id, response.ctx.input(|i| i.modifiers.command)));
                }
            });
        });
}

fn incident_page(
    ui: &mut egui::Ui,
    incident: &IncidentDetail,
    form: &mut PageForm,
    page: &Page,
    ctx: &mut ViewContext,
    working: impl FnOnce(&mut egui::Ui, &mut ViewContext),
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
                ctx.send(Command::Compare(Compared::Incident(id)));
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
                    ctx.send(save(id, form.edited.fields()));
                }
                if dirty && ui.button("Revert").clicked() {
                    form.edited = form.saved.clone();
                }
            });
            ui.add_space(4.0);
            working(ui, ctx);

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
                report_actions(ui, incident, form, page, ctx);
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
                    // Whether or not the merge succeeds, the other is no longer picked.
                    ctx.send(Command::update_views(move |v| {
                        v.incidents.picked.remove(&other);
                    }));
                    ctx.send(merge(id, other, ctx.recorded_name()));
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
                ctx.send(add_picked(id, new, ctx.recorded_name()));
            }
            if ui
                .button("Delete incident")
                .on_hover_text("Its articles stay in the library. Edit > Undo brings it back.")
                .clicked()
            {
                ctx.send(Command::update_views(move |v| {
                    v.incidents.picked.remove(&id);
                }));
                ctx.send(delete(id, ctx.recorded_name()));
            }
        });
}

/// Remove, split off and move the ticked reports.
fn report_actions(
    ui: &mut egui::Ui,
    incident: &IncidentDetail,
    form: &mut PageForm,
    page: &Page,
    ctx: &mut ViewContext,
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
            ctx.send(remove(id, ticked.clone()));
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
            ctx.send(split(
                id,
                ticked.clone(),
                form.split_title.trim().to_string(),
                ctx.recorded_name(),
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
            ctx.send(move_reports(id, ticked, to, ctx.recorded_name()));
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

/// "“Title”", or "incident 12" when it cannot be read.
fn title_of(library: &Library, id: Id) -> String {
    library
        .incident(id)
        .ok()
        .flatten()
        .map_or_else(|| format!("incident {id}"), |i| format!("“{}”", i.title))
}

/// Makes an incident titled `title` with `articles` as its reports, and opens its page.
fn create(title: String, articles: Vec<Id>, analyst: String) -> Command {
    Command::edit("create the incident", move |l| {
        let fields = IncidentFields {
            title,
            ..IncidentFields::default()
        };
        let (id, undo) = l.create_incident(&fields, &articles, &analyst, BY_HAND)?;
        Ok(Written::done()
            .undo(undo)
            .say(format!(
                "Created incident {id}, “{}”, with {}.",
                fields.title.trim(),
                plural(articles.len(), "report")
            ))
            .then_update(move |v| {
                v.incidents.selected = Some(id);
                v.incidents.new_title = None;
            }))
    })
}

/// Saves an incident's title, date, place and summary.
fn save(id: Id, fields: IncidentFields) -> Command {
    Command::edit("save the incident", move |l| {
        let undo = l.edit_incident(id, &fields)?;
        Ok(Written::done()
            .undo(undo)
            .say(format!("Saved incident {id}."))
            // The form takes the fields as stored (trimmed) when it next draws.
            .then_update(|v| v.incidents.form.incident = None))
    })
}

/// Takes reports out of an incident.
fn remove(id: Id, articles: Vec<Id>) -> Command {
    Command::edit("remove the reports", move |l| {
        let (n, undo) = l.remove_from_incident(id, &articles)?;
        Ok(Written::done()
            .undo(undo)
            .say(format!(
                "Removed {} from the incident.",
                plural(n, "report")
            ))
            .then_update(|v| v.incidents.form.ticked.clear()))
    })
}

/// Splits reports off an incident into a new one titled `title`.
fn split(id: Id, articles: Vec<Id>, title: String, analyst: String) -> Command {
    Command::edit("split the incident", move |l| {
        let fields = IncidentFields {
            title,
            ..IncidentFields::default()
        };
        let (new, undo) = l.split_incident(id, &articles, &fields, &analyst)?;
        let title = title_of(l, new);
        Ok(Written::done()
            .undo(undo)
            .say(format!(
                "Split {} off into incident {new}, {title}.",
                plural(articles.len(), "report")
            ))
            .then_update(|v| {
                v.incidents.form.ticked.clear();
                v.incidents.form.split_title.clear();
            }))
    })
}

/// Moves reports from one incident to another.
fn move_reports(from: Id, articles: Vec<Id>, to: Id, analyst: String) -> Command {
    Command::edit("move the reports", move |l| {
        let undo = l.move_reports(&articles, from, to, &analyst)?;
        let title = title_of(l, to);
        Ok(Written::done()
            .undo(undo)
            .say(format!(
                "Moved {} to {title}.",
                plural(articles.len(), "report")
            ))
            .then_update(|v| v.incidents.form.ticked.clear()))
    })
}

/// Merges incident `other` into `keep`.
fn merge(keep: Id, other: Id, analyst: String) -> Command {
    Command::edit("merge the incidents", move |l| {
        let merged = title_of(l, other);
        let undo = l.merge_incidents(keep, other, &analyst)?;
        let title = title_of(l, keep);
        Ok(Written::done()
            .undo(undo)
            .say(format!(
                "Merged {merged} into {title}. Edit > Undo (Ctrl+Z) separates them again."
            ))
            .then_update(|v| v.incidents.form.merge_from.clear()))
    })
}

/// Adds articles picked in the Library view to an incident.
fn add_picked(id: Id, articles: Vec<Id>, analyst: String) -> Command {
    Command::edit("add the reports", move |l| {
        let undo = l.add_to_incident(id, &articles, &analyst, BY_HAND)?;
        Ok(Written::done().undo(undo).say(format!(
            "Added {} to the incident.",
            plural(articles.len(), "report")
        )))
    })
}

/// Deletes an incident (to the trash); its articles stay.
fn delete(id: Id, analyst: String) -> Command {
    Command::edit("delete the incident", move |l| {
        let title = title_of(l, id);
        let undo = l.delete_incident(id, &analyst)?;
        Ok(Written::done()
            .undo(undo)
            .say(format!(
                "Deleted incident {title}; its articles stay in the library. Edit > Undo (Ctrl+Z) brings it back."
            ))
            .then_update(|v| v.incidents.selected = None))
    })
}
