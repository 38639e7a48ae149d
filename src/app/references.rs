//! Reference lists in the app: ratings of outlets published by others (Media Bias/Fact Check,
//! NewsGuard, an academic list), a rater apart from the desk's own grades.
//!
//! - The import window (File > Import reference ratings…): the file's columns, each with the role
//!   recognised and a combo box to change it, the list's name and date, and a preview of the
//!   first rows as they will be read; Import runs as a background job (see
//!   [`jobs`](super::jobs)).
//! - The Reference lists window (Outlets > Reference lists…, File > Reference lists…): each list
//!   with its versions, the current version's rows no outlet matches, each matched by hand with
//!   the outlet picker, and deleting a list to the trash.
//!
//! The Outlets view shows what each list publishes about an outlet (a column each, and the
//! outlet page's "Reference ratings").

use std::path::PathBuf;

use egui::RichText;

use super::command::{Command, Written};
use super::context::ViewContext;
use super::outlets::{MergePick, match_row, outlet_picker};
use super::widgets::{self, Cached, plural, shorten};
use triangulate_core::library::{ColumnRole, ReferenceEntry, ReferenceList};
use triangulate_core::model::{Id, OutletSummary};
use triangulate_core::reference::{ImportOptions, Matching, ParsedList, parse_list};

/// How many rows the preview of a file shows.
const PREVIEW_ROWS: usize = 6;
/// How many lines of a file the import window reads to recognise its columns and preview it:
/// enough to judge a column by its values, few enough that changing a role answers at once on a
/// list of 100,000 rows. The import reads the whole file with the roles shown.
const PREVIEW_LINES: usize = 5_000;
/// How many unmatched rows the window lists at first, and how many more "Show more" adds.
const UNMATCHED_PAGE: usize = 50;

/// Column roles by column name.
type Roles = Vec<(String, ColumnRole)>;

/// The import window: a file read, the roles of its columns, its name and date.
pub struct ImportForm {
    path: PathBuf,
    /// The file's first [`PREVIEW_LINES`] lines.
    text: String,
    /// The lines of the file after its header that are not blank.
    rows: usize,
    /// The file's column names, in its order.
    headers: Vec<String>,
    /// The list's name: the file's stem to start with.
    name: String,
    /// The publisher's date of this version, YYYY-MM-DD (optional).
    published: String,
    /// The roles the analyst chose by hand, by column name; the others are recognised.
    chosen: Roles,
    /// The file read with `chosen`: redone when they change.
    parsed: Option<(Roles, Result<ParsedList, String>)>,
    /// The lists in the library, with the date of their current version.
    existing: Vec<(String, String)>,
}

impl ImportForm {
    /// The window for the file at `path`, whose text is `text`; `lists` are the library's.
    pub fn new(path: PathBuf, whole: String, lists: &[ReferenceList]) -> ImportForm {
        let rows = whole
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count()
            .saturating_sub(1);
        let mut text: String = whole.split_inclusive('\n').take(PREVIEW_LINES).collect();
        if text.len() == whole.len() {
            text = whole;
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        ImportForm {
            headers: triangulate_core::reference::column_names(&text),
            path,
            text,
            rows,
            name,
            published: String::new(),
            chosen: Vec::new(),
            parsed: None,
            existing: lists
                .iter()
                .filter(|l| l.current)
                .map(|l| (l.name.clone(), l.date().to_string()))
                .collect(),
        }
    }

    /// The file read with the roles chosen, read again when they changed.
    fn parsed(&mut self) -> &Result<ParsedList, String> {
        let stale = self
            .parsed
            .as_ref()
            .is_none_or(|(roles, _)| *roles != self.chosen);
        if stale {
            self.parsed = None;
        }
        let (text, name, chosen) = (&self.text, &self.name, &self.chosen);
        &self
            .parsed
            .get_or_insert_with(|| {
                let parsed = parse_list(text, name, chosen).map_err(|e| e.to_string());
                (chosen.clone(), parsed)
            })
            .1
    }

    /// The role column `header` has: chosen by hand, else recognised (`None` while the file
    /// cannot be read as a list).
    fn role_of(&self, header: &str) -> Option<ColumnRole> {
        if let Some((_, role)) = self.chosen.iter().find(|(c, _)| c == header) {
            return Some(*role);
        }
        match self.parsed.as_ref().map(|(_, p)| p) {
            Some(Ok(p)) => p
                .list
                .columns
                .iter()
                .find(|c| c.name == header)
                .map(|c| c.role),
            _ => None,
        }
    }

    /// Every column's role as shown: what the import is given, so that it reads the file as the
    /// preview did.
    fn roles(&self) -> Roles {
        self.headers
            .iter()
            .filter_map(|h| Some((h.clone(), self.role_of(h)?)))
            .collect()
    }

    /// Why the date typed cannot be taken, if it cannot.
    fn date_problem(&self) -> Option<String> {
        let typed = self.published.trim();
        if typed.is_empty() || chrono::NaiveDate::parse_from_str(typed, "%Y-%m-%d").is_ok() {
            None
        } else {
            Some(format!(
                "{typed:?} is no date: give it as YYYY-MM-DD, or leave it empty."
            ))
        }
    }
}

/// A version's rows no outlet matches: those left to match, and those an analyst set aside as
/// rating no outlet of the library ("Not this outlet", "No outlet of this library").
#[derive(Default)]
struct Unmatched {
    open: Vec<ReferenceEntry>,
    set_aside: Vec<ReferenceEntry>,
}

/// The Reference lists window's state, and the import window's.
#[derive(Default)]
pub struct ReferencesWindow {
    /// Whether the Reference lists window shows.
    pub open: bool,
    /// The import window, while a file waits for its Import.
    pub import: Option<ImportForm>,
    lists: Cached<(), Vec<ReferenceList>>,
    outlets: Cached<(), Vec<OutletSummary>>,
    /// The list whose unmatched rows show, by name.
    shown: Option<String>,
    /// The unmatched rows of the current version shown, and those set aside.
    unmatched: Cached<Id, Unmatched>,
    /// Whether the rows set aside ("no outlet of this library") are listed too.
    set_aside: bool,
    /// What the unmatched rows are filtered by.
    find: String,
    /// How many unmatched rows are listed.
    limit: usize,
    /// The row being matched by hand, and the outlet picker.
    picking: Option<(Id, MergePick)>,
}

impl ReferencesWindow {
    /// Draws the import window and the Reference lists window, while they are open.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut ViewContext) {
        if let Some(form) = self.import.as_mut()
            && import_window(egui_ctx, form, ctx)
        {
            self.import = None;
        }
        if self.open {
            let mut open = true;
            egui::Window::new("Reference lists")
                .open(&mut open)
                // Away from the navigation on the left, over the view it belongs to.
                .default_pos(egui_ctx.content_rect().center())
                .pivot(egui::Align2::CENTER_CENTER)
                .default_width(640.0)
                .default_height(520.0)
                .show(egui_ctx, |ui| self.lists_window(ui, ctx));
            self.open = open;
        }
    }

    fn lists_window(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        let library = ctx.library;
        let lists = match self
            .lists
            .get(ctx.generation, &(), || library.reference_lists())
        {
            Ok(lists) => lists.clone(),
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
        };
        ui.label(
            RichText::new(
                "Ratings of outlets published by others, each import a dated version. They show beside the desk's grades in Outlets and never enter them.",
            )
            .weak(),
        );
        if ui.button("Import reference ratings…").clicked() {
            ctx.send(Command::ImportReferenceList);
        }
        if lists.is_empty() {
            ui.label(
                RichText::new("No reference lists yet: import one (a CSV or TSV file).").italics(),
            );
            return;
        }
        let mut names: Vec<&str> = lists.iter().map(|l| l.name.as_str()).collect();
        // Reference lists come by name.
        names.dedup();
        egui::ScrollArea::vertical()
            .id_salt("reference-lists")
            .show(ui, |ui| {
                for name in names {
                    ui.separator();
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(name);
                        let shown = self.shown.as_deref() == Some(name);
                        if ui
                            .selectable_label(shown, "Unmatched rows")
                            .on_hover_text("The current version's rows no outlet of the library matches: match them by hand.")
                            .clicked()
                        {
                            self.shown = if shown { None } else { Some(name.to_string()) };
                            self.find.clear();
                            self.limit = UNMATCHED_PAGE;
                            self.picking = None;
                        }
                        if ui
                            .add_enabled(ctx.read_only.is_none(), egui::Button::new("Delete list"))
                            .on_hover_text("Every version of it goes to the trash: Edit > Undo or Edit > Trash… brings it back. Ratings adopted from it keep their copy of the row.")
                            .clicked()
                        {
                            ctx.send(delete_list(name.to_string(), ctx.recorded_name()));
                        }
                    });
                    egui::Grid::new(("reference-versions", name))
                        .num_columns(5)
                        .striped(true)
                        .show(ui, |ui| {
                            for title in ["Version", "File", "Rows", "Imported", ""] {
                                ui.label(RichText::new(title).weak());
                            }
                            ui.end_row();
                            for l in lists.iter().filter(|l| l.name == name) {
                                ui.label(l.date());
                                ui.label(&l.file);
                                ui.label(l.entries.to_string());
                                ui.label(format!(
                                    "{} by {}",
                                    l.imported_at.get(..10).unwrap_or(&l.imported_at),
                                    l.imported_by
                                ));
                                ui.label(if l.current { "current" } else { "kept" });
                                ui.end_row();
                            }
                        });
                }
                let current = self.shown.as_ref().and_then(|name| {
                    lists.iter().find(|l| &l.name == name && l.current).cloned()
                });
                match current {
                    Some(list) => {
                        ui.separator();
                        self.unmatched_rows(ui, &list, ctx);
                    }
                    None => self.shown = None,
                }
            });
    }

    /// The current version's rows no outlet matches, filtered and limited, each with "Match to
    /// outlet…".
    fn unmatched_rows(&mut self, ui: &mut egui::Ui, list: &ReferenceList, ctx: &mut ViewContext) {
        let library = ctx.library;
        let rows = match self.unmatched.get(
            ctx.generation,
            &list.id,
            || -> triangulate_core::Result<Unmatched> {
                let matching = Matching::read(library)?;
                let set_aside = library
                    .reference_entries(list.id)?
                    .into_iter()
                    .filter(|e| matching.no_outlet.contains(&e.id))
                    .collect();
                Ok(Unmatched {
                    open: matching.unmatched(library, list.id)?,
                    set_aside,
                })
            },
        ) {
            Ok(rows) => rows,
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
        };
        let outlets = match self
            .outlets
            .get(ctx.generation, &(), || library.outlet_list())
        {
            Ok(outlets) => outlets,
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
        };
        ui.strong(format!(
            "Rows of {} (version of {}) no outlet matches: {}",
            list.name,
            list.date(),
            widgets::thousands(rows.open.len() as u64)
        ));
        if !rows.set_aside.is_empty() {
            ui.checkbox(
                &mut self.set_aside,
                format!(
                    "Also the {} set aside as no outlet of this library",
                    widgets::many(rows.set_aside.len(), "row")
                ),
            );
        }
        ui.horizontal(|ui| {
            let label = ui.label("Find a row");
            ui.add(
                egui::TextEdit::singleline(&mut self.find)
                    .hint_text("name or domain")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
        });
        let find = self.find.trim().to_lowercase();
        let set_aside: &[ReferenceEntry] = if self.set_aside { &rows.set_aside } else { &[] };
        let found: Vec<(&ReferenceEntry, bool)> = rows
            .open
            .iter()
            .map(|e| (e, false))
            .chain(set_aside.iter().map(|e| (e, true)))
            .filter(|(e, _)| find.is_empty() || e.label().to_lowercase().contains(&find))
            .collect();
        if found.is_empty() {
            ui.label(RichText::new("No row to show.").weak());
        }
        let limit = self.limit.max(UNMATCHED_PAGE);
        for &(e, aside) in found.iter().take(limit) {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{} — {}", e.label(), shorten(&e.values(list), 60)));
                if aside {
                    ui.label(RichText::new("(set aside)").weak());
                    if ui
                        .small_button("Put back")
                        .on_hover_text("Take the setting aside off: the row is matched by domain and name again.")
                        .clicked()
                    {
                        ctx.send(match_row(
                            e.id,
                            None,
                            true,
                            format!("{} put back to be matched", e.label()),
                            ctx.recorded_name(),
                        ));
                    }
                }
                if ui
                    .small_button("Match to outlet…")
                    .on_hover_text("Choose the outlet of the library this row rates.")
                    .clicked()
                {
                    self.picking = Some((e.id, MergePick::default()));
                }
            });
            if let Some((entry, pick)) = self.picking.as_mut()
                && *entry == e.id
            {
                let mut close = false;
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    outlet_picker(
                        ui,
                        "reference-row-picker",
                        "Find the outlet",
                        pick,
                        outlets,
                        None,
                    );
                    let into = pick.into.and_then(|id| outlets.iter().find(|o| o.id == id));
                    ui.horizontal_wrapped(|ui| {
                        let text = into.map_or_else(
                            || "Match".to_string(),
                            |o| format!("Match to {}", o.name),
                        );
                        if ui
                            .add_enabled(into.is_some(), egui::Button::new(text))
                            .on_disabled_hover_text("Pick the outlet.")
                            .clicked()
                            && let Some(o) = into
                        {
                            ctx.send(match_row(
                                e.id,
                                Some(o.id),
                                false,
                                format!("{} matched to {} by hand", e.label(), o.name),
                                ctx.recorded_name(),
                            ));
                            close = true;
                        }
                        if ui
                            .button("No outlet of this library")
                            .on_hover_text(
                                "Set the row aside: it rates an outlet this library does not hold.",
                            )
                            .clicked()
                        {
                            ctx.send(match_row(
                                e.id,
                                None,
                                false,
                                format!("{} set aside: no outlet of this library", e.label()),
                                ctx.recorded_name(),
                            ));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                });
                if close {
                    self.picking = None;
                }
            }
        }
        if found.len() > limit {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{} more: type to narrow them, or",
                        found.len() - limit
                    ))
                    .weak(),
                );
                if ui.small_button("Show more").clicked() {
                    self.limit = limit + UNMATCHED_PAGE;
                }
            });
        }
    }
}

/// Draws the import window; returns whether it closes (imported or cancelled).
fn import_window(egui_ctx: &egui::Context, form: &mut ImportForm, ctx: &mut ViewContext) -> bool {
    let mut close = false;
    let mut go = false;
    // The preview is read before drawing, so that the roles it recognised show.
    form.parsed();
    egui::Window::new("Import reference ratings")
        .collapsible(false)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(egui_ctx, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("reference-import")
                .max_height(560.0)
                .show(ui, |ui| {
                    ui.label(format!("File: {}", form.path.display()));
                    ui.horizontal(|ui| {
                        let label = ui.label("List name");
                        ui.add(
                            egui::TextEdit::singleline(&mut form.name)
                                .hint_text("the rater's: MBFC, NewsGuard")
                                .desired_width(220.0),
                        )
                        .labelled_by(label.id);
                    });
                    let name = form.name.trim().to_string();
                    if let Some((_, date)) = form
                        .existing
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(&name))
                    {
                        ui.label(
                            RichText::new(format!(
                                "A list called {name} is already here (version of {date}): this file is added as a new version of it, and the old one is kept."
                            ))
                            .color(ui.visuals().warn_fg_color),
                        );
                    } else if !form.existing.is_empty() {
                        // A newer file of a list already here: one click names it so.
                        let mut chosen = None;
                        ui.horizontal_wrapped(|ui| {
                            ui.weak("Or a newer version of:");
                            for (existing, _) in &form.existing {
                                if ui.small_button(existing.as_str()).clicked() {
                                    chosen = Some(existing.clone());
                                }
                            }
                        });
                        if let Some(existing) = chosen {
                            form.name = existing;
                        }
                    }
                    ui.horizontal(|ui| {
                        let label = ui.label("Publication date");
                        ui.add(
                            egui::TextEdit::singleline(&mut form.published)
                                .hint_text("YYYY-MM-DD, optional")
                                .desired_width(120.0),
                        )
                        .labelled_by(label.id);
                    });
                    if let Some(problem) = form.date_problem() {
                        ui.colored_label(ui.visuals().error_fg_color, problem);
                    }
                    ui.add_space(4.0);
                    ui.strong("Columns");
                    ui.label(
                        RichText::new(
                            "Each column's role as recognised: change it where it is wrong. Ratings are kept as published, never turned into the desk's grades.",
                        )
                        .weak(),
                    );
                    columns_grid(ui, form);
                    ui.add_space(4.0);
                    preview(ui, form);
                });
            ui.separator();
            let ready = form.name.trim().is_empty().then_some("Give the list a name.")
                .or_else(|| form.date_problem().map(|_| "Correct the date, or leave it empty."))
                .or_else(|| form.parsed().is_err().then_some("The file cannot be read as a list yet: see above."));
            ui.horizontal(|ui| {
                go = ui
                    .add_enabled(ready.is_none(), egui::Button::new("Import"))
                    .on_disabled_hover_text(ready.unwrap_or_default())
                    .clicked();
                close = ui.button("Cancel").clicked();
            });
        });
    if go {
        let published = Some(form.published.trim().to_string()).filter(|d| !d.is_empty());
        ctx.send(Command::StartReferenceImport {
            path: form.path.clone(),
            options: Box::new(ImportOptions {
                name: form.name.trim().to_string(),
                published,
                roles: form.roles(),
                analyst: ctx.recorded_name(),
            }),
        });
    }
    go || close
}

/// A row per column of the file: its name and a combo box of its role.
fn columns_grid(ui: &mut egui::Ui, form: &mut ImportForm) {
    let mut changed: Option<(String, ColumnRole)> = None;
    egui::Grid::new("reference-columns")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (i, header) in form.headers.iter().enumerate() {
                let role = form.role_of(header);
                let label = ui.label(header);
                let mut choice = role;
                egui::ComboBox::from_id_salt(("reference-column", i))
                    .selected_text(choice.map_or("not recognised", ColumnRole::word))
                    .show_ui(ui, |ui| {
                        for r in ColumnRole::ALL {
                            ui.selectable_value(&mut choice, Some(r), r.word());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if choice != role
                    && let Some(r) = choice
                {
                    changed = Some((header.clone(), r));
                }
                ui.end_row();
            }
        });
    if let Some((header, role)) = changed {
        form.chosen.retain(|(c, _)| *c != header);
        form.chosen.push((header, role));
    }
}

/// How the file reads with the roles chosen: its rows counted and the first few shown, or why
/// it cannot be read as a list.
fn preview(ui: &mut egui::Ui, form: &mut ImportForm) {
    let rows = form.rows;
    let parsed = match form.parsed() {
        Ok(parsed) => parsed,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
            return;
        }
    };
    let list = &parsed.list;
    let read = list.entries.len() + parsed.skipped.len();
    if read < rows {
        ui.strong(format!(
            "Preview: {} (the first {} read to recognise the columns)",
            widgets::many(rows, "row"),
            widgets::thousands(read as u64)
        ));
    } else {
        ui.strong(format!(
            "Preview: {}",
            widgets::many(list.entries.len(), "row")
        ));
    }
    if !parsed.skipped.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} left out: {}",
                plural(parsed.skipped.len(), "row"),
                shorten(&parsed.skipped.join("; "), 200)
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    if !parsed.conflicting.is_empty() {
        ui.label(
            RichText::new(format!(
                "Given more than once with different values (kept, shown as conflicting): {}",
                shorten(&parsed.conflicting.join(", "), 200)
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    let ratings: Vec<&str> = list
        .columns
        .iter()
        .filter(|c| c.role.is_rating())
        .map(|c| c.name.as_str())
        .collect();
    egui::Grid::new("reference-preview")
        .num_columns(2 + ratings.len())
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("Name").weak());
            ui.label(RichText::new("Domain").weak());
            for r in &ratings {
                ui.label(RichText::new(*r).weak());
            }
            ui.end_row();
            for e in list.entries.iter().take(PREVIEW_ROWS) {
                ui.label(e.name.as_deref().unwrap_or("—"));
                ui.label(e.domain.as_deref().unwrap_or("—"));
                for r in &ratings {
                    ui.label(e.ratings.get(*r).map_or("—", String::as_str));
                }
                ui.end_row();
            }
        });
}

/// Deletes every version of the list called `name` to the trash.
fn delete_list(name: String, analyst: String) -> Command {
    Command::edit("delete the reference list", move |l| {
        let undo = l.delete_reference_list(&name, None, &analyst)?;
        let text = format!(
            "Reference list {name} moved to the trash, every version of it; ratings adopted from it keep their copy of the row. Edit > Undo (Ctrl+Z) or Edit > Trash… brings it back."
        );
        Ok(Written::done().undo(undo).say(text))
    })
}
