//! The Outlets view: every outlet with its combined grade, how much its raters disagree, and the
//! library-wide agreement; an outlet page with each analyst's current grade, the rating form
//! (grade, criteria, rationale, evidence), the history with what changed, the credibility marks of
//! its articles, and the signals computed from the library. Two spellings of one outlet merge here.
//! The analyst's own axes (state-affiliated, ownership country…) are set on the outlet page, added
//! with "Add axis…", shown as columns of the list and filtered on above it. Outlets carry tags
//! (put on many picked outlets at once, shown as a column, filtered on) and notes on their page.
//! An outlet is renamed (its old name kept as an alias), merged into another ("Merge into…") or,
//! once no article is left on it, deleted, from its page or from the list's context menu.
//!
//! The rating form records under its own "Analyst" field, which starts as the app's analyst
//! (Preferences) and, when edited, changes only the form, saying so.

use std::collections::{BTreeSet, HashMap};

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::command::{Command, Written};
use super::context::ViewContext;
use super::notes::{Drafts, batch_tag_field, notes_section, tags_row};
use super::widgets::{Background, Cached, empty_state, plural, read_error};
use triangulate_core::library::{Note, ReferenceEvidence, ReferenceList};
use triangulate_core::model::OutletReference;
use triangulate_core::model::{Id, OutletSummary, Target, TargetKind};
use triangulate_core::ratings::axes::{Axis, AxisKind, AxisValue, NewAxis};
use triangulate_core::ratings::{self, Answer, CriterionAnswer, Grade, NewRating, Rating};
use triangulate_core::reference;

/// How the outlet list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    Disagreement,
    Grade,
    Articles,
}

impl Sort {
    const ALL: [Sort; 4] = [Sort::Name, Sort::Disagreement, Sort::Grade, Sort::Articles];
    fn label(self) -> &'static str {
        match self {
            Sort::Name => "Name",
            Sort::Disagreement => "Most disagreement first",
            Sort::Grade => "Combined grade",
            Sort::Articles => "Most articles",
        }
    }
}

/// The rating form being filled in for one outlet.
#[derive(Default)]
struct RatingForm {
    outlet: Id,
    grade: Option<Grade>,
    answers: HashMap<String, (Answer, String)>,
    rationale: String,
    evidence: Vec<Id>,
}

/// Renaming the outlet shown, or choosing the outlet to merge it into.
#[derive(Default)]
struct OutletEdit {
    outlet: Id,
    /// The name being typed, while renaming.
    rename: Option<String>,
    /// While choosing the outlet to merge into.
    merge: Option<MergePick>,
}

/// An outlet picker ("Merge into…", a reference row's "Match to outlet…"): what is typed to
/// find the outlet, and the one picked.
#[derive(Default)]
pub(super) struct MergePick {
    pub(super) find: String,
    pub(super) into: Option<Id>,
}

/// What the list's context menu asked for, done once the list is drawn.
enum RowAction {
    Open(Id),
    Rename(Id),
    MergeInto(Id),
    /// Merge the other picked outlets into this one.
    MergePickedInto(Id),
    Delete(Id),
}

/// How many outlets the "Merge into…" picker lists at once (typing narrows them).
const PICKER_ROWS: usize = 40;

/// The axis values being edited on the outlet page, by axis name; an axis not in the map shows
/// the outlet's current value.
#[derive(Default)]
struct AxisForm {
    outlet: Id,
    values: HashMap<String, String>,
}

/// The "Add axis…" form.
struct NewAxisForm {
    open: bool,
    name: String,
    kind: AxisKind,
    /// Comma-separated, for a choice axis.
    choices: String,
}

impl Default for NewAxisForm {
    fn default() -> Self {
        NewAxisForm {
            open: false,
            name: String::new(),
            kind: AxisKind::YesNo,
            choices: String::new(),
        }
    }
}

/// Outlets with at most this many articles have their signals read on the UI thread.
const SIGNALS_AT_ONCE: i64 = 5_000;

/// What the Outlets view remembers between frames.
#[derive(Default)]
pub struct OutletsViewState {
    /// The outlets with what reference lists publish about them, the agreement, and the current
    /// version of each reference list (a column each).
    outlets: Cached<(), (Vec<OutletSummary>, ratings::Agreement, Vec<ReferenceList>)>,
    page: Cached<Id, OutletPage>,
    /// The open outlet's signals, since the list carries only article counts: read at once for
    /// an outlet of a few thousand articles (milliseconds), on a background thread for a larger
    /// one (seconds for tens of thousands).
    signals: Background<Id, triangulate_core::model::OutletSignals>,
    small_signals: Cached<Id, triangulate_core::model::OutletSignals>,
    /// Outlets picked (click, Ctrl-click); one picked opens its page, two or more can merge.
    selected: BTreeSet<Id>,
    merge_into: Option<Id>,
    sort: Sort,
    form: RatingForm,
    /// The name the rating form records under, once the analyst has typed one there: kept apart
    /// from the app's analyst (Preferences), which the form only starts from.
    form_analyst: Option<String>,
    /// Renaming or merging the outlet shown.
    edit: OutletEdit,
    axes: Cached<(), Vec<Axis>>,
    axis_form: AxisForm,
    new_axis: NewAxisForm,
    /// The list shows only outlets whose axis of this name has `filter_value`.
    filter_axis: Option<String>,
    filter_value: String,
    /// The list shows only outlets carrying this tag.
    filter_tag: Option<String>,
    /// The tag typed for the picked outlets.
    batch_tag: String,
    /// The list shows only outlets whose desk grade a reference list contradicts.
    filter_disagree: bool,
    /// Adopting a reference list's row as the analyst's own rating.
    adopt: Option<AdoptForm>,
    /// The tag and note being typed on the outlet page.
    drafts: Drafts,
}

#[derive(Default)]
struct OutletPage {
    history: Vec<Rating>,
    distribution: [i64; 6],
    evidence_titles: HashMap<Id, String>,
    axis_history: Vec<AxisValue>,
    notes: Vec<Note>,
    /// The analysts whose current grade was agreed in a resolution, with their own before it.
    agreed: Vec<(String, triangulate_core::library::AgreedGrade)>,
    /// The reference rows ratings were adopted from, by rating.
    adopted: HashMap<Id, ReferenceEvidence>,
}

/// "Adopt as my rating…": the grade the analyst gives, with the row's values as the rationale.
struct AdoptForm {
    outlet: Id,
    entry: Id,
    /// The row, as the list names it, and the list: for the form's heading.
    what: String,
    grade: Option<Grade>,
    rationale: String,
}

impl OutletsViewState {
    /// Draws the view: the list with its filters and sort, merging and tagging the picked outlets,
    /// and the page of the one picked. `picked` are the articles picked in the Library view, which
    /// the rating form can take as evidence.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext, picked: &BTreeSet<Id>) {
        let library = ctx.library;
        let generation = ctx.generation;
        ui.heading("Outlets");
        let view = self;
        let loaded = view
            .outlets
            .get(generation, &(), || -> triangulate_core::Result<_> {
                let mut outlets = library.outlet_list()?;
                // A rater apart: shown in its own columns, never part of the grades above.
                reference::attach(library, &mut outlets)?;
                let lists: Vec<ReferenceList> = library
                    .reference_lists()?
                    .into_iter()
                    .filter(|l| l.current)
                    .collect();
                Ok((outlets, library.rating_agreement_detail()?, lists))
            });
        let (outlets, agreement, lists) = match loaded {
            Ok((outlets, agreement, lists)) => (outlets, *agreement, lists.as_slice()),
            Err(e) => return read_error(ui, e),
        };
        if outlets.is_empty() {
            return empty_state(ui, "No outlets yet: they appear as articles are imported.");
        }
        let axes: &[Axis] = match view.axes.get(generation, &(), || library.axes()) {
            Ok(axes) => axes,
            Err(e) => return read_error(ui, e),
        };
        ui.horizontal_wrapped(|ui| {
        ui.label(plural(outlets.len(), "outlet"));
        ui.separator();
        ui.label(format!("Agreement between analysts: {}", agreement.brief()))
            .on_hover_text(format!(
                "{}.\n\nKrippendorff's alpha (ordinal) over the analysts' current grades, F excluded: 1 is full agreement, 0 no better than chance. It is shown once {} outlets are rated by two or more analysts.",
                agreement.describe(),
                ratings::AGREEMENT_MIN_OUTLETS
            ));
        ui.separator();
        let label = ui.label("Sort");
        egui::ComboBox::from_id_salt("outlet-sort")
            .selected_text(view.sort.label())
            .show_ui(ui, |ui| {
                for sort in Sort::ALL {
                    ui.selectable_value(&mut view.sort, sort, sort.label());
                }
            })
            .response
            .labelled_by(label.id);
        if !axes.is_empty() {
            ui.separator();
            axis_filter(ui, axes, &mut view.filter_axis, &mut view.filter_value);
        }
        let tags: BTreeSet<&String> = outlets.iter().flat_map(|o| &o.tags).collect();
        if !tags.is_empty() || view.filter_tag.is_some() {
            ui.separator();
            tag_filter(ui, &tags, &mut view.filter_tag);
        }
        ui.separator();
        if !lists.is_empty() {
            ui.checkbox(&mut view.filter_disagree, "Desk grade and reference disagree")
                .on_hover_text("Only outlets whose combined grade is on one side of reliability while a reference list's reliability value is on the other (the desk rates B, the list says low factuality): worth a second look.");
        }
        if ui
            .button("Reference lists…")
            .on_hover_text("Ratings published by others (File > Import reference ratings…): their versions, the rows no outlet matches, and deleting a list.")
            .clicked()
        {
            ctx.send(Command::update_views(|v| v.references.open = true));
        }
    });
        let mut order: Vec<&OutletSummary> = outlets.iter().collect();
        if let Some(axis) = &view.filter_axis
            && !view.filter_value.trim().is_empty()
        {
            order.retain(|o| ratings::axes::matches(&o.axes, axis, &view.filter_value));
        }
        if let Some(tag) = &view.filter_tag {
            order.retain(|o| o.tags.contains(tag));
        }
        let filter_disagree = view.filter_disagree && !lists.is_empty();
        if filter_disagree {
            order.retain(|o| o.references.iter().any(|r| r.disagreement.is_some()));
        }
        match view.sort {
            Sort::Name => {}
            Sort::Disagreement => order.sort_by_key(|o| std::cmp::Reverse(o.spread.unwrap_or(0))),
            Sort::Grade => {
                order.sort_by_key(|o| o.combined_grade.clone().unwrap_or_else(|| "Z".into()))
            }
            Sort::Articles => order.sort_by_key(|o| std::cmp::Reverse(o.article_count)),
        }
        if order.len() != outlets.len() {
            ui.weak(format!(
                "{} of {} shown: the filters above leave out the others.",
                order.len(),
                plural(outlets.len(), "outlet")
            ));
        }
        view.selected
            .retain(|id| outlets.iter().any(|o| o.id == *id));
        let name = |id: Id| {
            outlets
                .iter()
                .find(|o| o.id == id)
                .map_or("", |o| o.name.as_str())
        };
        if view.selected.len() >= 2 {
            let into = view
                .merge_into
                .filter(|id| view.selected.contains(id))
                .or_else(|| view.selected.first().copied());
            ui.horizontal(|ui| {
                let label = ui.label(format!("Merge {} outlets into", view.selected.len()));
                let mut choice = into;
                egui::ComboBox::from_id_salt("merge-into")
                    .selected_text(choice.map_or("", name))
                    .show_ui(ui, |ui| {
                        for id in view.selected.iter() {
                            ui.selectable_value(&mut choice, Some(*id), name(*id));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                view.merge_into = choice;
                if ui.button("Merge").clicked()
                    && let Some(keep) = choice
                {
                    let others = view
                        .selected
                        .iter()
                        .copied()
                        .filter(|id| *id != keep)
                        .collect();
                    ctx.send(merge(
                        keep,
                        others,
                        name(keep).to_string(),
                        ctx.recorded_name(),
                    ));
                    // Merged or not, the outlets are no longer picked.
                    ctx.send(Command::update_views(|v| v.outlets.selected.clear()));
                }
            });
            ui.horizontal(|ui| {
                ui.label(format!("Tag the {} picked outlets:", view.selected.len()));
                batch_tag_field(
                    ui,
                    "outlet-batch-tag",
                    TargetKind::Outlet,
                    &view.selected,
                    &mut view.batch_tag,
                    ctx,
                );
            });
        }

        // One outlet picked: its page beside the list.
        if view.selected.len() == 1
            && let Some(outlet) = view
                .selected
                .first()
                .and_then(|id| outlets.iter().find(|o| o.id == *id))
        {
            if view.form.outlet != outlet.id {
                view.form = RatingForm {
                    outlet: outlet.id,
                    ..Default::default()
                };
            }
            if view.axis_form.outlet != outlet.id {
                view.axis_form = AxisForm {
                    outlet: outlet.id,
                    ..Default::default()
                };
            }
            if view.edit.outlet != outlet.id {
                view.edit = OutletEdit {
                    outlet: outlet.id,
                    ..Default::default()
                };
            }
            let page = view.page.get(
                generation,
                &outlet.id,
                || -> triangulate_core::Result<OutletPage> {
                    let history = library.rating_history(outlet.id)?;
                    let mut evidence_titles = HashMap::new();
                    for id in history.iter().flat_map(|r| r.evidence.iter()) {
                        if let Some(a) = library.article(*id)? {
                            evidence_titles.insert(*id, a.title);
                        }
                    }
                    Ok(OutletPage {
                        distribution: library.credibility_distribution(outlet.id)?,
                        evidence_titles,
                        axis_history: library.axis_history(outlet.id)?,
                        notes: library.notes_of(Target::Outlet(outlet.id))?,
                        agreed: library.agreed_grades(outlet.id)?,
                        adopted: history
                            .iter()
                            .filter_map(|r| {
                                library
                                    .rating_reference(r.id)
                                    .transpose()
                                    .map(|e| e.map(|e| (r.id, e)))
                            })
                            .collect::<triangulate_core::Result<_>>()?,
                        history,
                    })
                },
            );
            let id = outlet.id;
            let signals = if outlet.article_count <= SIGNALS_AT_ONCE {
                Some(
                    view.small_signals
                        .get(generation, &id, || library.outlet_signals(id)),
                )
            } else {
                view.signals
                    .get(generation, &id, library.path(), ui.ctx(), move |library| {
                        library.outlet_signals(id)
                    })
            };
            egui::Panel::right("outlet-page")
                .resizable(true)
                .default_size(ui.available_width() * 0.55)
                .min_size(360.0)
                .show(ui, |ui| match page {
                    Ok(page) => outlet_page(
                        ui,
                        outlet,
                        outlets,
                        page,
                        signals,
                        FormPart {
                            form: &mut view.form,
                            analyst: &mut view.form_analyst,
                            edit: &mut view.edit,
                            adopt: &mut view.adopt,
                        },
                        picked,
                        ctx,
                        AxesPart {
                            axes,
                            form: &mut view.axis_form,
                            new_axis: &mut view.new_axis,
                        },
                        &mut view.drafts,
                    ),
                    Err(e) => read_error(ui, e),
                });
        }

        let mut clicked = None;
        let mut action = None;
        // The list takes the room the page leaves: its own central panel, so that its rows neither
        // draw nor take clicks under the page.
        egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            if order.is_empty() {
                empty_state(
                    ui,
                    if filter_disagree {
                        "No outlet's desk grade is contradicted by a reference list: untick the filter to see them all."
                    } else {
                        "No outlet has that value or tag: change or clear the filters."
                    },
                );
            }
            let mut table = TableBuilder::new(ui)
                .id_salt("outlets")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(220.0).at_least(120.0).clip(true))
                .column(Column::initial(60.0))
                .column(Column::initial(70.0))
                .column(Column::initial(55.0));
            for _ in axes {
                table = table.column(Column::initial(100.0).at_least(40.0).clip(true));
            }
            for _ in lists {
                table = table.column(Column::initial(130.0).at_least(40.0).clip(true));
            }
            if filter_disagree {
                table = table.column(Column::initial(260.0).at_least(80.0).clip(true));
            }
            table
                .column(Column::initial(120.0).at_least(40.0).clip(true))
                .column(Column::remainder().clip(true))
                .header(22.0, |mut header| {
                    for title in ["Outlet", "Articles", "Combined", "Spread"] {
                        header.col(|ui| {
                            ui.strong(title);
                        });
                    }
                    for axis in axes {
                        header.col(|ui| {
                            ui.strong(&axis.name)
                                .on_hover_text(format!("Your axis ({})", axis.kind));
                        });
                    }
                    for list in lists {
                        header.col(|ui| {
                            ui.strong(&list.name).on_hover_text(list_hover(list));
                        });
                    }
                    if filter_disagree {
                        header.col(|ui| {
                            ui.strong("Why they disagree");
                        });
                    }
                    header.col(|ui| {
                        ui.strong("Tags");
                    });
                    header.col(|ui| {
                        ui.strong("Current grades");
                    });
                })
                .body(|body| {
                    body.rows(22.0, order.len(), |mut row| {
                        let o = order[row.index()];
                        row.set_selected(view.selected.contains(&o.id));
                        row.col(|ui| {
                            ui.add(egui::Label::new(&o.name).selectable(false));
                            if o.name_is_guess {
                                ui.label(RichText::new("(folder name)").weak())
                                    .on_hover_text("No metadata or sidecar named this outlet; its name is the folder's.");
                            }
                        });
                        row.col(|ui| {
                            ui.label(o.article_count.to_string());
                        });
                        row.col(|ui| {
                            let grades: Vec<Grade> =
                                o.ratings.iter().filter_map(|(_, g)| g.parse().ok()).collect();
                            if let Some(shown) = badge(ui, o.combined_grade.as_deref()) {
                                shown.on_hover_text(format!(
                                    "{}\n\n{}",
                                    ratings::combined_explained(&grades).unwrap_or_default(),
                                    ratings::COMBINING
                                ));
                            }
                        });
                        row.col(|ui| {
                            match o.spread {
                                Some(0) | None => ui.label("—"),
                                Some(s) => ui.label(RichText::new(s.to_string()).color(ui.visuals().warn_fg_color)),
                            }
                            .on_hover_text("Steps between the best and worst current grade");
                        });
                        for axis in axes {
                            row.col(|ui| match o.axes.get(&axis.name) {
                                Some(value) => {
                                    ui.label(value);
                                }
                                None => {
                                    ui.label(RichText::new("—").weak());
                                }
                            });
                        }
                        for list in lists {
                            row.col(|ui| reference_cell(ui, o, list));
                        }
                        if filter_disagree {
                            row.col(|ui| {
                                let why: Vec<&str> = o
                                    .references
                                    .iter()
                                    .filter_map(|r| r.disagreement.as_deref())
                                    .collect();
                                ui.add(egui::Label::new(why.join("; ")).truncate().selectable(false));
                            });
                        }
                        row.col(|ui| {
                            if o.tags.is_empty() {
                                ui.label(RichText::new("—").weak());
                            } else {
                                ui.add(egui::Label::new(o.tags.join(", ")).truncate().selectable(false));
                            }
                        });
                        row.col(|ui| {
                            if o.ratings.is_empty() {
                                ui.label(RichText::new("not rated").weak());
                            } else {
                                let grades: Vec<String> = o.ratings.iter().map(|(who, g)| format!("{g} ({who})")).collect();
                                ui.label(grades.join(", "));
                            }
                        });
                        let response = row.response();
                        if response.clicked() {
                            clicked = Some((o.id, response.ctx.input(|i| i.modifiers.command)));
                        }
                        response.context_menu(|ui| {
                            if let Some(a) = row_menu(ui, o, &view.selected) {
                                action = Some(a);
                                ui.close();
                            }
                        });
                    });
                });
        });
        if let Some((id, add)) = clicked {
            if !add {
                view.selected.clear();
            }
            if !view.selected.remove(&id) {
                view.selected.insert(id);
            }
        }
        if let Some(action) = action {
            act(action, outlets, &mut view.selected, &mut view.edit, ctx);
        }
    }
}

/// Does what the list's context menu asked: opens the outlet's page, with the rename field or
/// the merge picker open, deletes it, or merges the other picked outlets into it.
fn act(
    action: RowAction,
    outlets: &[OutletSummary],
    selected: &mut BTreeSet<Id>,
    edit: &mut OutletEdit,
    ctx: &mut ViewContext,
) {
    let name = |id: Id| {
        outlets
            .iter()
            .find(|o| o.id == id)
            .map_or_else(String::new, |o| o.name.clone())
    };
    let mut open = |id: Id| {
        let others: Vec<Id> = selected.iter().copied().filter(|o| *o != id).collect();
        *selected = BTreeSet::from([id]);
        *edit = OutletEdit {
            outlet: id,
            ..Default::default()
        };
        others
    };
    match action {
        RowAction::Open(id) => {
            open(id);
        }
        RowAction::Rename(id) => {
            open(id);
            edit.rename = Some(name(id));
        }
        RowAction::MergeInto(id) => {
            open(id);
            edit.merge = Some(MergePick::default());
        }
        RowAction::MergePickedInto(keep) => {
            let others = open(keep);
            ctx.send(merge(keep, others, name(keep), ctx.recorded_name()));
        }
        RowAction::Delete(id) => {
            ctx.send(delete_outlet(id, ctx.recorded_name()));
        }
    }
}

/// The context menu of an outlet's row: Open, Rename…, Merge into…, merging the other picked
/// outlets into it, and Delete (only once it has no articles). Returns what was chosen.
fn row_menu(ui: &mut egui::Ui, o: &OutletSummary, picked: &BTreeSet<Id>) -> Option<RowAction> {
    let mut chosen = None;
    if ui.button("Open").clicked() {
        chosen = Some(RowAction::Open(o.id));
    }
    if ui.button("Rename…").clicked() {
        chosen = Some(RowAction::Rename(o.id));
    }
    if ui
        .button("Merge into…")
        .on_hover_text("Choose the outlet this one is another name of.")
        .clicked()
    {
        chosen = Some(RowAction::MergeInto(o.id));
    }
    let others = picked.iter().filter(|id| **id != o.id).count();
    if others > 0
        && ui
            .button(format!(
                "Merge the {} picked into this one",
                plural(others, "other outlet")
            ))
            .clicked()
    {
        chosen = Some(RowAction::MergePickedInto(o.id));
    }
    ui.separator();
    if ui
        .add_enabled(o.article_count == 0, egui::Button::new("Delete outlet"))
        .on_disabled_hover_text(delete_refusal(o.article_count))
        .clicked()
    {
        chosen = Some(RowAction::Delete(o.id));
    }
    chosen
}

/// What a reference list's column header says on hover: its version and what its values are.
fn list_hover(list: &ReferenceList) -> String {
    let columns: Vec<String> = list
        .rating_columns()
        .map(|c| format!("{} ({})", c.name, c.role))
        .collect();
    format!(
        "Reference list {}, version of {} ({}, {} rows).\nValues as published: {}.\nA rater apart: never part of the combined grade, the spread or the agreement.",
        list.name,
        list.date(),
        list.file,
        list.entries,
        columns.join(", ")
    )
}

/// How a row was matched to its outlet, as the analyst reads it.
pub(super) fn matched_by(how: &str) -> &'static str {
    match how {
        "analyst" => "matched by hand",
        "domain" => "matched by the domain of its articles",
        "section" => "matched by a section of its site",
        "name" => "matched by its name or an alias",
        _ => "matched",
    }
}

/// An outlet's value in a reference list's column: as published, marked when the list gives
/// it different values, with how its row was found on hover.
fn reference_cell(ui: &mut egui::Ui, o: &OutletSummary, list: &ReferenceList) {
    let Some(r) = o.references.iter().find(|r| r.list_id == list.id) else {
        ui.label(RichText::new("—").weak())
            .on_hover_text(format!("{} has no row matched to this outlet.", list.name));
        return;
    };
    let mut hover = format!("{} ({}): {}", r.list, r.version, matched_by(&r.matched_by));
    for e in &r.entries {
        hover.push_str(&format!("\n{}: {}", e.row, e.shown()));
    }
    if let Some(why) = &r.disagreement {
        hover.push_str(&format!("\nDisagrees with the desk: {why}."));
    }
    let text = if r.conflicting {
        hover.push_str("\nThe list gives this outlet more than once, with different values.");
        RichText::new(format!("{} (conflicting)", r.shown())).color(ui.visuals().warn_fg_color)
    } else {
        RichText::new(r.shown())
    };
    ui.add(egui::Label::new(text).truncate().selectable(false))
        .on_hover_text(hover);
}

/// Why an outlet with articles cannot be deleted, and what to do instead.
fn delete_refusal(articles: i64) -> String {
    format!(
        "It has {}: only an outlet with none can be deleted. Move them to another outlet (Library: pick them, Assign outlet) or merge this one into another (Merge into…).",
        plural(articles as usize, "article")
    )
}

/// A grade as a coloured badge, or a dash.
pub fn grade_badge(ui: &mut egui::Ui, grade: Option<&str>) {
    badge(ui, grade);
}

/// A grade as a coloured badge (its response, to add to what hovering says), or a dash.
fn badge(ui: &mut egui::Ui, grade: Option<&str>) -> Option<egui::Response> {
    let Some(grade) = grade else {
        ui.label("—");
        return None;
    };
    let color = match grade {
        "A" | "B" => egui::Color32::from_rgb(70, 150, 90),
        "C" => egui::Color32::from_rgb(190, 160, 60),
        "D" | "E" => egui::Color32::from_rgb(200, 80, 70),
        _ => egui::Color32::GRAY,
    };
    let meaning = grade
        .parse::<Grade>()
        .map(|g| g.meaning())
        .unwrap_or_default();
    Some(
        ui.label(
            RichText::new(format!(" {grade} "))
                .strong()
                .color(egui::Color32::WHITE)
                .background_color(color),
        )
        .on_hover_text(meaning),
    )
}

/// The outlet page's share of the view state for the rating form and the outlet's edits.
struct FormPart<'a> {
    form: &'a mut RatingForm,
    /// The name the form records under when the analyst typed one (else the app's).
    analyst: &'a mut Option<String>,
    edit: &'a mut OutletEdit,
    adopt: &'a mut Option<AdoptForm>,
}

#[allow(clippy::too_many_arguments)]
fn outlet_page(
    ui: &mut egui::Ui,
    outlet: &OutletSummary,
    outlets: &[OutletSummary],
    page: &OutletPage,
    signals: Option<Result<&triangulate_core::model::OutletSignals, &str>>,
    part: FormPart<'_>,
    picked: &BTreeSet<Id>,
    ctx: &mut ViewContext,
    axes: AxesPart<'_>,
    drafts: &mut Drafts,
) {
    let criteria = ctx.criteria;
    let FormPart {
        form,
        analyst: form_analyst,
        edit,
        adopt,
    } = part;
    // The name the rating form's "Analyst" field holds this frame (the app's when it is folded
    // away and was never edited).
    let mut analyst = form_analyst
        .clone()
        .unwrap_or_else(|| ctx.analyst.to_string());
    egui::ScrollArea::vertical()
        .id_salt("outlet-page-scroll")
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&outlet.name).heading().strong());
                edit_buttons(ui, outlet, edit, ctx);
            });
            if !outlet.aliases.is_empty() {
                ui.label(format!("Also known as: {}", outlet.aliases.join(", ")));
            }
            if outlet.article_count == 0 {
                ui.label(
                    RichText::new(
                        "No articles are left on this outlet: delete it if it is not needed.",
                    )
                    .weak(),
                );
            }
            edit_forms(ui, outlet, outlets, edit, ctx);
            ui.separator();
            ui.strong("Current grades");
            if outlet.ratings.is_empty() {
                ui.label(RichText::new("Nobody has rated this outlet yet.").weak());
            }
            for (who, grade) in &outlet.ratings {
                ui.horizontal_wrapped(|ui| {
                    grade_badge(ui, Some(grade));
                    let meaning = grade
                        .parse::<Grade>()
                        .map(|g| g.meaning())
                        .unwrap_or_default();
                    ui.label(format!("{who}: {meaning}"));
                    if let Some((_, agreed)) = page.agreed.iter().find(|(a, _)| a == who) {
                        let own = agreed.own_grade.as_deref().map_or_else(String::new, |g| {
                            format!("; their own grade before: {g}")
                        });
                        ui.label(
                            RichText::new(format!(
                                "— agreed in resolution {}{own}",
                                agreed.resolution
                            ))
                            .weak(),
                        )
                        .on_hover_text(if agreed.own_rationale.trim().is_empty() {
                            "No rationale with their own grade.".to_string()
                        } else {
                            format!("Their own rationale: {}", agreed.own_rationale)
                        });
                    }
                });
            }
            if let Some(combined) = &outlet.combined_grade {
                let grades: Vec<Grade> = outlet
                    .ratings
                    .iter()
                    .filter_map(|(_, g)| g.parse().ok())
                    .collect();
                ui.horizontal_wrapped(|ui| {
                    ui.label("Combined:");
                    grade_badge(ui, Some(combined));
                    if let Some(how) = ratings::combined_explained(&grades) {
                        ui.label(how).on_hover_text(ratings::COMBINING);
                    }
                    if let Some(spread) = outlet.spread.filter(|s| *s > 0) {
                        ui.label(format!(
                            "(raters {} apart)",
                            plural(spread as usize, "step")
                        ));
                    }
                });
                if grades.len() >= 2 {
                    ui.label(RichText::new(ratings::COMBINING).weak().small());
                }
            }

            ui.add_space(4.0);
            let target = Target::Outlet(outlet.id);
            tags_row(ui, target, &outlet.tags, drafts, ctx);
            egui::CollapsingHeader::new(
                RichText::new(format!("Notes ({})", page.notes.len())).strong(),
            )
            .id_salt("outlet-notes")
            .default_open(true)
            .show(ui, |ui| {
                notes_section(ui, target, &page.notes, None, drafts, ctx)
            });

            if !outlet.references.is_empty() {
                ui.add_space(8.0);
                egui::CollapsingHeader::new(RichText::new("Reference ratings").strong())
                    .id_salt("outlet-references")
                    .default_open(true)
                    .show(ui, |ui| {
                        references_section(ui, outlet, adopt, &analyst, ctx);
                    });
            }

            ui.add_space(8.0);
            egui::CollapsingHeader::new(RichText::new("Rate this outlet").strong())
                .default_open(true)
                .show(ui, |ui| {
                    analyst = rating_form(ui, &outlet.name, form, form_analyst, picked, ctx);
                });

            ui.add_space(8.0);
            egui::CollapsingHeader::new(RichText::new("Axes").strong())
                .default_open(true)
                .show(ui, |ui| {
                    axes_form(ui, outlet, &page.axis_history, axes, &analyst, ctx)
                });

            ui.add_space(8.0);
            ui.strong(format!("History ({})", page.history.len()));
            if page.history.is_empty() {
                ui.label(RichText::new("No ratings yet.").weak());
            }
            for (i, r) in page.history.iter().enumerate().rev() {
                let before = page.history[..i]
                    .iter()
                    .rev()
                    .find(|p| p.analyst == r.analyst);
                let changes = match before {
                    Some(b) => {
                        let d = ratings::diff(b, r, criteria);
                        if d.is_empty() {
                            "re-affirmed".to_string()
                        } else {
                            d.join("; ")
                        }
                    }
                    None => "first rating".to_string(),
                };
                let adopted = page.adopted.get(&r.id);
                let changes = match adopted {
                    Some(e) => format!("{changes} · adopted from {}", e.list),
                    None => changes,
                };
                egui::CollapsingHeader::new(format!(
                    "{} · {} · {} — {changes}",
                    r.created_at
                        .get(..16)
                        .unwrap_or(&r.created_at)
                        .replace('T', " "),
                    r.analyst,
                    r.grade
                ))
                .id_salt(("rating", r.id))
                .show(ui, |ui| {
                    if !r.rationale.is_empty() {
                        ui.label(&r.rationale);
                    }
                    if let Some(e) = adopted {
                        ui.label(format!("Evidence: reference list {}", e.describe()));
                    }
                    for c in &r.criteria {
                        let label = criteria
                            .iter()
                            .find(|k| k.key == c.key)
                            .map_or(c.key.as_str(), |k| k.label.as_str());
                        ui.label(format!(
                            "{label}: {}{}",
                            c.value.word(),
                            if c.note.is_empty() {
                                String::new()
                            } else {
                                format!(" — {}", c.note)
                            }
                        ));
                    }
                    for e in &r.evidence {
                        ui.label(format!(
                            "Evidence: {}",
                            page.evidence_titles
                                .get(e)
                                .map_or("(article no longer in the library)", String::as_str)
                        ));
                    }
                    if ui
                        .small_button("Delete this rating")
                        .on_hover_text("For a grade entered by mistake. It goes to the trash: Edit > Undo brings it back.")
                        .clicked()
                    {
                        ctx.send(delete_rating(r.id, ctx.recorded_name()));
                    }
                });
            }
            ui.add_space(8.0);
            ui.strong("Computed from the library — not a rating");
            let s = match signals {
                Some(Ok(s)) => Some(s),
                Some(Err(e)) => {
                    read_error(ui, e);
                    None
                }
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(RichText::new("Counting through its articles…").weak());
                    });
                    None
                }
            };
            if let Some(s) = s {
                let needs = "— (needs claim extraction)";
                egui::Grid::new("signals")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        let mut row = |k: &str, v: String| {
                            ui.label(k);
                            ui.label(v);
                            ui.end_row();
                        };
                        row("Articles", s.articles.to_string());
                        row("Incidents reported", s.incidents.to_string());
                        row("First to report", s.first_to_report.to_string());
                        row(
                            "Exact copies of other outlets' articles",
                            s.copies_of_other_outlets.to_string(),
                        );
                        row(
                            "Casualty figures that match other outlets",
                            s.figures_match_share
                                .map_or(needs.into(), |x| format!("{:.0}%", x * 100.0)),
                        );
                        row(
                            "Loaded terms per 1,000 words",
                            s.loaded_per_1000_words
                                .map_or(needs.into(), |x| format!("{x:.1}")),
                        );
                        row(
                            "Sentences with an attribution",
                            s.attributed_sentence_share
                                .map_or(needs.into(), |x| format!("{:.0}%", x * 100.0)),
                        );
                    });
            }

            ui.add_space(8.0);
            ui.strong("Credibility of its articles (Admiralty 1–6, latest mark per analyst)");
            let max = page.distribution.iter().copied().max().unwrap_or(0).max(1);
            for (i, (mark, meaning)) in ratings::CREDIBILITY.iter().enumerate() {
                let n = page.distribution[i];
                ui.horizontal(|ui| {
                    ui.label(format!("{mark}"));
                    ui.add(
                        egui::ProgressBar::new(n as f32 / max as f32)
                            .desired_width(160.0)
                            .text(n.to_string()),
                    );
                    ui.label(RichText::new(*meaning).weak());
                });
            }
        });
}

/// The outlet page's "Reference ratings": what each list publishes about the outlet, its row,
/// link and how it was matched, with "Adopt as my rating…", "Not this outlet" and, for a match
/// made by hand, "Undo match". `analyst` is the rating form's.
fn references_section(
    ui: &mut egui::Ui,
    outlet: &OutletSummary,
    adopt: &mut Option<AdoptForm>,
    analyst: &str,
    ctx: &mut ViewContext,
) {
    ui.label(
        RichText::new(
            "Published by others: a rater apart, never part of the combined grade, the spread or the agreement unless you adopt it as your own rating.",
        )
        .weak(),
    );
    if adopt.as_ref().is_some_and(|a| a.outlet != outlet.id) {
        *adopt = None;
    }
    for r in &outlet.references {
        ui.add_space(4.0);
        reference_entries(ui, outlet, r, adopt, ctx);
    }
    if let Some(form) = adopt
        && adopt_form(ui, outlet, form, analyst, ctx)
    {
        *adopt = None;
    }
}

/// One list's rows for the outlet, each with its buttons.
fn reference_entries(
    ui: &mut egui::Ui,
    outlet: &OutletSummary,
    r: &OutletReference,
    adopt: &mut Option<AdoptForm>,
    ctx: &mut ViewContext,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(&r.list);
        ui.label(RichText::new(format!("version of {}", r.version)).weak());
        ui.label(format!("· {}", matched_by(&r.matched_by)));
    });
    if r.conflicting {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "The list gives this outlet more than once, with different values.",
        );
    }
    if let Some(why) = &r.disagreement {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("Disagrees with the desk: {why}."),
        );
    }
    for e in &r.entries {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(format!("Row: {}", e.row));
            let values: Vec<String> = e
                .values
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            ui.label(if values.is_empty() {
                "No values given.".to_string()
            } else {
                values.join(", ")
            });
            if let Some(link) = &e.link {
                ui.hyperlink_to(link, link);
            }
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Adopt as my rating…")
                    .on_hover_text("Record a grade of your own for this outlet, with this row as its evidence. The list stays a rater apart.")
                    .clicked()
                {
                    *adopt = Some(AdoptForm {
                        outlet: outlet.id,
                        entry: e.id,
                        what: format!("{} in {}", e.row, r.list),
                        grade: None,
                        rationale: format!(
                            "Adopted from {} ({}): {} — {}",
                            r.list,
                            r.version,
                            e.row,
                            values.join(", ")
                        ),
                    });
                }
                if ui
                    .button("Not this outlet")
                    .on_hover_text("This row rates another outlet: it is no longer matched to this one (by hand, until you undo it).")
                    .clicked()
                {
                    ctx.send(match_row(
                        e.id,
                        None,
                        false,
                        format!("{} no longer matched to {}", e.row, outlet.name),
                        ctx.recorded_name(),
                    ));
                }
                if r.matched_by == "analyst"
                    && ui
                        .button("Undo match")
                        .on_hover_text("Take the hand match off: the row is matched by domain and name again.")
                        .clicked()
                {
                    ctx.send(match_row(
                        e.id,
                        None,
                        true,
                        format!("hand match of {} to {} taken off", e.row, outlet.name),
                        ctx.recorded_name(),
                    ));
                }
            });
        });
    }
}

/// The "Adopt as my rating…" form: a grade, the rationale (the row's values to start with), and
/// Save, which records the rating as the analyst's with the row as its evidence. Returns whether
/// the form closes.
fn adopt_form(
    ui: &mut egui::Ui,
    outlet: &OutletSummary,
    form: &mut AdoptForm,
    analyst: &str,
    ctx: &mut ViewContext,
) -> bool {
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.strong(format!("Adopt {} as your rating", form.what));
        ui.horizontal(|ui| {
            ui.label("Your grade");
            for grade in Grade::ALL {
                ui.radio_value(&mut form.grade, Some(grade), grade.letter())
                    .on_hover_text(grade.meaning());
            }
        });
        let label = ui.label("Adopted rationale");
        ui.add(
            egui::TextEdit::multiline(&mut form.rationale)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let analyst = analyst.trim();
        ui.label(
            RichText::new(if analyst.is_empty() {
                "Give your name in the rating form's Analyst field below.".to_string()
            } else {
                format!("Recorded as {analyst}'s own rating, with the list's row as evidence.")
            })
            .weak(),
        );
        ui.horizontal(|ui| {
            let ready = form.grade.is_some() && !analyst.is_empty();
            if ui
                .add_enabled(ready, egui::Button::new("Save adopted rating"))
                .on_disabled_hover_text("Choose a grade and give your name.")
                .clicked()
            {
                ctx.send(adopt_rating(form, analyst.to_string(), outlet.name.clone()));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    close
}

/// Records the adopted rating the form holds, for the outlet named `outlet`.
fn adopt_rating(form: &AdoptForm, analyst: String, outlet: String) -> Command {
    let rating = NewRating {
        outlet_id: form.outlet,
        analyst,
        grade: form.grade,
        rationale: form.rationale.trim().to_string(),
        ..Default::default()
    };
    let entry = form.entry;
    Command::edit("adopt the reference rating", move |l| {
        l.adopt_reference(&rating, entry)?;
        let grade = rating.grade.map(|g| g.letter()).unwrap_or_default();
        Ok(Written::done().say(format!(
            "Rating {grade} saved for {outlet} by {}, adopted from the reference list: the row is its evidence.",
            rating.analyst
        )))
    })
}

/// Matches a reference row to `outlet` by hand (`None`: to no outlet of the library), or takes
/// its hand match off (`clear`); `done` says what happened.
pub(super) fn match_row(
    entry: Id,
    outlet: Option<Id>,
    clear: bool,
    done: String,
    analyst: String,
) -> Command {
    Command::edit("match the reference row", move |l| {
        let undo = l.match_reference_entry(entry, outlet, clear, &analyst)?;
        Ok(Written::done().undo(undo).say(format!(
            "Reference row {done}. Edit > Undo (Ctrl+Z) takes it back."
        )))
    })
}

/// The rating form: the analyst, a grade, the criteria, the rationale and the evidence, and Save
/// rating. Returns the analyst's name as the form's field has it. Its layout does not move as it
/// is filled in: the line under the grades is there before a grade is picked.
fn rating_form(
    ui: &mut egui::Ui,
    outlet: &str,
    form: &mut RatingForm,
    form_analyst: &mut Option<String>,
    picked: &BTreeSet<Id>,
    ctx: &mut ViewContext,
) -> String {
    let criteria = ctx.criteria;
    let analyst = form_analyst_field(ui, form_analyst, ctx);
    ui.horizontal(|ui| {
        ui.label("Grade");
        for grade in Grade::ALL {
            ui.radio_value(&mut form.grade, Some(grade), grade.letter())
                .on_hover_text(grade.meaning());
        }
        // A slot of its own width, so that picking a grade moves nothing.
        ui.add_sized(
            egui::vec2(180.0, ui.spacing().interact_size.y),
            egui::Label::new(
                RichText::new(form.grade.map_or("no grade chosen yet", |g| g.meaning())).weak(),
            )
            .truncate(),
        );
    });
    ui.add_space(4.0);
    egui::Grid::new("criteria")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for c in criteria {
                let (answer, note) = form
                    .answers
                    .entry(c.key.clone())
                    .or_insert((Answer::Unknown, String::new()));
                ui.label(&c.label).on_hover_text(&c.help);
                ui.horizontal(|ui| {
                    for a in Answer::ALL {
                        ui.radio_value(answer, a, a.word());
                    }
                });
                ui.add(
                    egui::TextEdit::singleline(note)
                        .hint_text("note")
                        .desired_width(140.0),
                );
                ui.end_row();
            }
        });
    ui.add_space(4.0);
    let label = ui.label("Rationale");
    ui.add(
        egui::TextEdit::multiline(&mut form.rationale)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        ui.label(format!(
            "Evidence: {}",
            plural(form.evidence.len(), "article")
        ));
        let add = picked
            .iter()
            .filter(|id| !form.evidence.contains(id))
            .count();
        if ui
            .add_enabled(
                add > 0,
                egui::Button::new(format!("Add the articles picked in Library ({add})")),
            )
            .on_disabled_hover_text(
                "Pick articles in the Library view (Ctrl-click), then add them here.",
            )
            .clicked()
        {
            let new: Vec<Id> = picked
                .iter()
                .copied()
                .filter(|id| !form.evidence.contains(id))
                .collect();
            form.evidence.extend(new);
        }
        if !form.evidence.is_empty() && ui.small_button("Clear").clicked() {
            form.evidence.clear();
        }
    });
    let ready = form.grade.is_some() && !analyst.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new("Save rating"))
        .on_disabled_hover_text("Choose a grade and give your name.")
        .clicked()
    {
        ctx.send(save_rating(
            form,
            analyst.trim().to_string(),
            outlet.to_string(),
        ));
    }
    analyst
}

/// The rating form's "Analyst" field: who the rating is recorded under. It starts as the app's
/// analyst (Preferences); typing in it changes only the form (the name is kept for the next
/// rating), and the line under it says so whenever the two differ, with a button to make the
/// form's name the app's. Returns the name as now typed.
fn form_analyst_field(
    ui: &mut egui::Ui,
    form_analyst: &mut Option<String>,
    ctx: &mut ViewContext,
) -> String {
    let app = ctx.analyst.trim().to_string();
    let mut name = form_analyst.clone().unwrap_or_else(|| app.clone());
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Analyst");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut name)
                    .hint_text("your name")
                    .desired_width(160.0),
            )
            .labelled_by(label.id)
            .on_hover_text("Who this rating is recorded under. Changing it here does not change the analyst the rest of the app records (Preferences).");
        if edit.changed() {
            *form_analyst = Some(name.clone());
        }
        // Always there, so that the form below does not move as the name is typed.
        let typed = name.trim().to_string();
        let line = if typed == app {
            if app.is_empty() {
                "Type the name this rating is recorded under.".to_string()
            } else {
                format!("Recorded as {app}, the app's analyst (Preferences).")
            }
        } else if typed.is_empty() {
            "No name: type who this rating is recorded under.".to_string()
        } else if app.is_empty() {
            format!("Recorded as {typed}; the rest of the app has no analyst set.")
        } else {
            format!("Recorded as {typed}; the rest of the app records {app}.")
        };
        ui.label(RichText::new(line).weak());
        if typed != app
            && !typed.is_empty()
            && ui
                .small_button("Use everywhere")
                .on_hover_text(format!(
                    "Make {typed} the analyst the whole app records (Preferences)."
                ))
                .clicked()
        {
            ctx.send(Command::SetAnalyst(typed.clone()));
            *form_analyst = None;
        }
    });
    name
}

/// Rename…, Merge into… and Delete outlet, beside the outlet's name on its page (Delete only
/// enabled once no article is left on it).
fn edit_buttons(
    ui: &mut egui::Ui,
    outlet: &OutletSummary,
    edit: &mut OutletEdit,
    ctx: &mut ViewContext,
) {
    {
        if ui
            .button("Rename…")
            .on_hover_text("Give the outlet another name; the old one stays an alias.")
            .clicked()
        {
            edit.rename = Some(outlet.name.clone());
            edit.merge = None;
        }
        if ui
            .button("Merge into…")
            .on_hover_text("Choose the outlet this one is another name of: its articles, ratings and names move there.")
            .clicked()
        {
            edit.merge = Some(MergePick::default());
            edit.rename = None;
        }
        if ui
            .add_enabled(outlet.article_count == 0, egui::Button::new("Delete outlet"))
            .on_hover_text("It goes to the trash with its ratings: Edit > Undo or Edit > Trash… brings it back.")
            .on_disabled_hover_text(delete_refusal(outlet.article_count))
            .clicked()
        {
            ctx.send(delete_outlet(outlet.id, ctx.recorded_name()));
        }
    }
}

/// The rename field and the "Merge into…" picker, while open.
fn edit_forms(
    ui: &mut egui::Ui,
    outlet: &OutletSummary,
    outlets: &[OutletSummary],
    edit: &mut OutletEdit,
    ctx: &mut ViewContext,
) {
    if let Some(new) = &mut edit.rename {
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("New name");
                let field = ui
                    .add(egui::TextEdit::singleline(new).desired_width(220.0))
                    .labelled_by(label.id);
                let typed = new.trim();
                let ready = !typed.is_empty() && typed != outlet.name;
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.add_enabled(ready, egui::Button::new("Rename")).clicked()
                    || (ready && enter)
                {
                    ctx.send(rename(outlet.id, outlet.name.clone(), typed.to_string()));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
            ui.label(
                RichText::new(format!(
                    "“{}” stays an alias, so imports and references by that name still find the outlet.",
                    outlet.name
                ))
                .weak(),
            );
        });
        if close {
            edit.rename = None;
        }
    }
    if let Some(pick) = &mut edit.merge {
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            outlet_picker(
                ui,
                "merge-picker",
                "Find the outlet to merge into",
                pick,
                outlets,
                Some(outlet.id),
            );
            let into = pick
                .into
                .and_then(|id| outlets.iter().find(|o| o.id == id && o.id != outlet.id));
            ui.horizontal(|ui| {
                let text = into.map_or_else(
                    || "Merge".to_string(),
                    |o| format!("Merge {} into {}", outlet.name, o.name),
                );
                if ui
                    .add_enabled(into.is_some(), egui::Button::new(text))
                    .on_disabled_hover_text("Pick the outlet to merge into.")
                    .clicked()
                    && let Some(o) = into
                {
                    ctx.send(merge(
                        o.id,
                        vec![outlet.id],
                        o.name.clone(),
                        ctx.recorded_name(),
                    ));
                    ctx.send(Command::update_views({
                        let keep = o.id;
                        move |v| v.outlets.selected = BTreeSet::from([keep])
                    }));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close {
            edit.merge = None;
        }
    }
}

/// The outlet picker: a field to find an outlet by name or alias (labelled `prompt`) and the
/// outlets found, the first [`PICKER_ROWS`] of them, one to pick; `except` is left out.
pub(super) fn outlet_picker(
    ui: &mut egui::Ui,
    salt: &str,
    prompt: &str,
    pick: &mut MergePick,
    outlets: &[OutletSummary],
    except: Option<Id>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(prompt);
        ui.add(
            egui::TextEdit::singleline(&mut pick.find)
                .hint_text("name or alias")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
    });
    let find = pick.find.trim().to_lowercase();
    let matches = |o: &&OutletSummary| {
        Some(o.id) != except
            && (find.is_empty()
                || o.name.to_lowercase().contains(&find)
                || o.aliases.iter().any(|a| a.to_lowercase().contains(&find)))
    };
    let found: Vec<&OutletSummary> = outlets.iter().filter(matches).collect();
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .max_height(160.0)
        .show(ui, |ui| {
            for o in found.iter().take(PICKER_ROWS) {
                ui.selectable_value(&mut pick.into, Some(o.id), &o.name);
            }
        });
    if found.len() > PICKER_ROWS {
        ui.label(
            RichText::new(format!(
                "{} more: type to narrow the list.",
                found.len() - PICKER_ROWS
            ))
            .weak(),
        );
    }
}

/// Renames outlet `id`, called `old`, to `new`.
fn rename(id: Id, old: String, new: String) -> Command {
    Command::edit("rename the outlet", move |l| {
        let undo = l.rename_outlet(id, &new)?;
        Ok(Written::done().undo(undo).say(format!(
            "Renamed {old} to {new}; “{old}” stays an alias, so imports and references by that name still find it. Edit > Undo (Ctrl+Z) takes the rename back."
        )))
    })
}

/// Deletes outlet `id`, which has no articles, to the trash with its ratings.
fn delete_outlet(id: Id, analyst: String) -> Command {
    Command::edit("delete the outlet", move |l| {
        let undo = l.delete_outlet(id, &analyst)?;
        let text = format!(
            "Deleted: {}. Edit > Undo (Ctrl+Z) or Edit > Trash… brings it back.",
            undo.label
        );
        Ok(Written::done().undo(undo).say(text))
    })
}

/// Saves the form's rating of the outlet named `outlet`; the form starts afresh once it is saved.
fn save_rating(form: &RatingForm, analyst: String, outlet: String) -> Command {
    let rating = NewRating {
        outlet_id: form.outlet,
        analyst,
        grade: form.grade,
        rationale: form.rationale.trim().to_string(),
        criteria: form
            .answers
            .iter()
            .map(|(key, (value, note))| CriterionAnswer {
                key: key.clone(),
                value: *value,
                note: note.trim().to_string(),
            })
            .collect(),
        evidence: form.evidence.clone(),
    };
    Command::edit("save the rating", move |l| {
        l.add_rating(&rating)?;
        let grade = rating.grade.map(|g| g.letter()).unwrap_or_default();
        let outlet_id = rating.outlet_id;
        Ok(Written::done()
            .say(format!(
                "Rating {grade} saved for {outlet} by {}.",
                rating.analyst
            ))
            .then_update(move |v| {
                v.outlets.form = RatingForm {
                    outlet: outlet_id,
                    ..Default::default()
                }
            }))
    })
}

/// Merges outlets `others` into `keep`, named `name`.
fn merge(keep: Id, others: Vec<Id>, name: String, analyst: String) -> Command {
    Command::edit("merge the outlets", move |l| {
        let undo = l.merge_outlets(keep, &others, &analyst)?;
        Ok(Written::done().undo(undo).say(format!(
            "Merged {} into {name}; the merged names are now aliases. Edit > Undo (Ctrl+Z) separates them again.",
            plural(others.len(), "outlet"),
        )))
    })
}

/// Deletes a rating entered by mistake (to the trash).
fn delete_rating(id: Id, analyst: String) -> Command {
    Command::edit("delete the rating", move |l| {
        let undo = l.delete_ratings(&[id], &analyst)?;
        let text = format!(
            "Deleted: {}. Edit > Undo (Ctrl+Z) or Edit > Trash… brings it back.",
            undo.label
        );
        Ok(Written::done().undo(undo).say(text))
    })
}

/// The outlet page's share of the view state for axes.
struct AxesPart<'a> {
    axes: &'a [Axis],
    form: &'a mut AxisForm,
    new_axis: &'a mut NewAxisForm,
}

/// "Filter by axis" and the value it must have.
fn axis_filter(
    ui: &mut egui::Ui,
    axes: &[Axis],
    filter_axis: &mut Option<String>,
    filter_value: &mut String,
) {
    let label = ui.label("Filter by axis");
    let before = filter_axis.clone();
    egui::ComboBox::from_id_salt("outlet-axis-filter")
        .selected_text(filter_axis.as_deref().unwrap_or("no filter"))
        .show_ui(ui, |ui| {
            ui.selectable_value(filter_axis, None, "no filter");
            for axis in axes {
                ui.selectable_value(filter_axis, Some(axis.name.clone()), &axis.name);
            }
        })
        .response
        .labelled_by(label.id);
    if *filter_axis != before {
        filter_value.clear();
    }
    let Some(axis) = filter_axis
        .as_ref()
        .and_then(|name| axes.iter().find(|a| &a.name == name))
    else {
        return;
    };
    let label = ui.label("Axis value");
    let options = axis.options();
    if options.is_empty() {
        ui.add(
            egui::TextEdit::singleline(filter_value)
                .hint_text("exact value")
                .desired_width(120.0),
        )
        .labelled_by(label.id);
    } else {
        egui::ComboBox::from_id_salt("outlet-axis-filter-value")
            .selected_text(if filter_value.is_empty() {
                "any"
            } else {
                filter_value.as_str()
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(filter_value, String::new(), "any");
                for o in &options {
                    ui.selectable_value(filter_value, o.clone(), o);
                }
            })
            .response
            .labelled_by(label.id);
    }
}

/// A field per axis (its current value, editable), "Save axis values", "Add axis…", and the
/// history of the values recorded.
fn axes_form(
    ui: &mut egui::Ui,
    outlet: &OutletSummary,
    history: &[AxisValue],
    part: AxesPart<'_>,
    analyst: &str,
    ctx: &mut ViewContext,
) {
    let AxesPart {
        axes,
        form,
        new_axis,
    } = part;
    if axes.is_empty() {
        ui.label(
            RichText::new("No axes yet: add one (e.g. state-affiliated, yes/no) to judge outlets on more than reliability.")
                .weak(),
        );
    }
    let mut changed = 0;
    egui::Grid::new("axes")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for axis in axes {
                let current = outlet.axes.get(&axis.name).cloned().unwrap_or_default();
                let value = form
                    .values
                    .entry(axis.name.clone())
                    .or_insert_with(|| current.clone());
                let label = ui.label(&axis.name).on_hover_text(axis.kind.label());
                let options = axis.options();
                if options.is_empty() {
                    ui.add(
                        egui::TextEdit::singleline(value)
                            .hint_text("not set")
                            .desired_width(180.0),
                    )
                    .labelled_by(label.id);
                } else {
                    egui::ComboBox::from_id_salt(("axis-value", axis.id))
                        .selected_text(if value.is_empty() {
                            "not set"
                        } else {
                            value.as_str()
                        })
                        .show_ui(ui, |ui| {
                            ui.selectable_value(value, String::new(), "not set");
                            for o in &options {
                                ui.selectable_value(value, o.clone(), o);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                }
                if value.trim() != current {
                    changed += 1;
                }
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        if !axes.is_empty()
            && ui
                .add_enabled(
                    changed > 0 && !analyst.trim().is_empty(),
                    egui::Button::new("Save axis values"),
                )
                .on_disabled_hover_text("Change a value and give your name.")
                .clicked()
        {
            ctx.send(save_axes(
                form,
                analyst.trim().to_string(),
                outlet.name.clone(),
            ));
        }
        if ui
            .button("Add axis…")
            .on_hover_text("Define an axis of your own, for every outlet.")
            .clicked()
        {
            new_axis.open = !new_axis.open;
        }
    });
    if new_axis.open {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Axis name");
                ui.add(
                    egui::TextEdit::singleline(&mut new_axis.name)
                        .hint_text("e.g. state-affiliated")
                        .desired_width(180.0),
                )
                .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                let label = ui.label("Kind");
                egui::ComboBox::from_id_salt("new-axis-kind")
                    .selected_text(new_axis.kind.label())
                    .show_ui(ui, |ui| {
                        for kind in AxisKind::ALL {
                            ui.selectable_value(&mut new_axis.kind, kind, kind.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            if new_axis.kind == AxisKind::Choice {
                ui.horizontal(|ui| {
                    let label = ui.label("Choices");
                    ui.add(
                        egui::TextEdit::singleline(&mut new_axis.choices)
                            .hint_text("comma-separated: Qadira, abroad, unknown")
                            .desired_width(240.0),
                    )
                    .labelled_by(label.id);
                });
            }
            if ui
                .add_enabled(
                    !new_axis.name.trim().is_empty(),
                    egui::Button::new("Add axis"),
                )
                .on_disabled_hover_text("Name the axis.")
                .clicked()
            {
                ctx.send(add_axis(new_axis, ctx.recorded_name()));
            }
        });
    }
    if !history.is_empty() {
        egui::CollapsingHeader::new(format!("Axis history ({})", history.len()))
            .id_salt("axis-history")
            .show(ui, |ui| {
                for v in history.iter().rev() {
                    ui.label(format!(
                        "{} · {} · {} = {}",
                        v.created_at
                            .get(..16)
                            .unwrap_or(&v.created_at)
                            .replace('T', " "),
                        v.analyst,
                        v.axis,
                        if v.value.is_empty() {
                            "(cleared)"
                        } else {
                            v.value.as_str()
                        }
                    ));
                }
            });
    }
}

/// Records the axis values the form holds for the outlet named `outlet`, by `analyst`; the form
/// shows the outlet's values again once they are recorded.
fn save_axes(form: &AxisForm, analyst: String, outlet: String) -> Command {
    let id = form.outlet;
    let values: Vec<(String, String)> = form
        .values
        .iter()
        .map(|(k, v)| (k.clone(), v.trim().to_string()))
        .collect();
    Command::edit("save the axis values", move |l| {
        let n = l.set_axis_values(id, &analyst, &values)?;
        Ok(Written::done()
            .say(format!(
                "{} recorded for {outlet} by {analyst}.",
                plural(n, "axis value")
            ))
            .then_update(move |v| {
                v.outlets.axis_form = AxisForm {
                    outlet: id,
                    ..Default::default()
                }
            }))
    })
}

/// Defines the axis the "Add axis…" form describes; the form closes once it is added.
fn add_axis(form: &NewAxisForm, analyst: String) -> Command {
    let axis = NewAxis {
        name: form.name.trim().to_string(),
        kind: form.kind,
        choices: form
            .choices
            .split(',')
            .map(|c| c.trim().to_string())
            .collect(),
        created_by: analyst,
    };
    Command::edit("add the axis", move |l| {
        l.add_axis(&axis)?;
        Ok(Written::done()
            .say(format!(
                "Axis {} ({}) added: set it for each outlet on its page; it is a column of the list.",
                axis.name, axis.kind
            ))
            .then_update(|v| v.outlets.new_axis = NewAxisForm::default()))
    })
}

/// The tag filter of the list: outlets carrying one of the tags some outlet carries.
fn tag_filter(ui: &mut egui::Ui, tags: &BTreeSet<&String>, filter: &mut Option<String>) {
    let label = ui.label("Tag");
    egui::ComboBox::from_id_salt("outlet-tag-filter")
        .selected_text(filter.as_deref().unwrap_or("Any tag"))
        .show_ui(ui, |ui| {
            ui.selectable_value(filter, None, "Any tag");
            for tag in tags {
                ui.selectable_value(filter, Some((*tag).clone()), tag.as_str());
            }
        })
        .response
        .labelled_by(label.id);
}
