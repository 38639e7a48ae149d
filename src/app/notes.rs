//! Widgets of the analyst's working layer, shared by the views that show an article, an outlet or
//! an incident: its tags (each removable, a field to add one) and its notes (each with author and
//! time, the passage it marks, and a field to write one). They return what the analyst asked
//! for; the view hands it to [`TriangulateApp::apply_working`], which writes it and keeps the undo.

use egui::RichText;

use super::TriangulateApp;
use super::widgets::{Cached, read_error, thousands};
use triangulate_core::library::{Library, NewNote, Note, TagSummary};
use triangulate_core::model::{Id, Target, TargetKind};

/// What the analyst asked of the working layer.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkingEdit {
    /// Put a tag on things of one kind.
    Tag(TargetKind, Vec<Id>, String),
    /// Take a tag off things of one kind.
    Untag(TargetKind, Vec<Id>, String),
    /// Write a note (on a passage when it has a span).
    Note(Target, Option<(usize, usize)>, String),
    /// Delete a note.
    DeleteNote(Id),
    /// Add articles to a hand-picked collection.
    Collect(Id, Vec<Id>),
}

/// What the working-layer widgets keep between frames for one view.
#[derive(Default)]
pub struct Drafts {
    /// The tag being typed.
    pub tag: String,
    /// The note being written.
    pub note: String,
}

/// The tags on `target`, each with a button taking it off, and a field to add one.
pub fn tags_row(
    ui: &mut egui::Ui,
    target: Target,
    tags: &[String],
    drafts: &mut Drafts,
    edit: &mut Option<WorkingEdit>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Tags:");
        if tags.is_empty() {
            ui.label(RichText::new("none").weak());
        }
        for tag in tags {
            if ui
                .small_button(format!("{tag} ×"))
                .on_hover_text(format!("Take “{tag}” off"))
                .clicked()
            {
                *edit = Some(WorkingEdit::Untag(
                    target.kind(),
                    vec![target.id()],
                    tag.clone(),
                ));
            }
        }
        tag_field(ui, ("tag", target), &mut drafts.tag, |name| {
            *edit = Some(WorkingEdit::Tag(target.kind(), vec![target.id()], name));
        });
    });
}

/// A tag field for several picked things of one kind at once: the edit that tags them all, the
/// frame "Add tag" is pressed (or Enter).
pub fn batch_tag_field(
    ui: &mut egui::Ui,
    salt: &str,
    kind: TargetKind,
    picked: &std::collections::BTreeSet<Id>,
    draft: &mut String,
) -> Option<WorkingEdit> {
    let mut edit = None;
    tag_field(ui, salt, draft, |name| {
        edit = Some(WorkingEdit::Tag(
            kind,
            picked.iter().copied().collect(),
            name,
        ));
    });
    edit
}

/// A field for a tag's name and an "Add tag" button; `add` gets the name when pressed (or on
/// Enter).
pub fn tag_field(
    ui: &mut egui::Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    draft: &mut String,
    add: impl FnOnce(String),
) {
    let label = ui.label("New tag");
    let field = ui
        .add(
            egui::TextEdit::singleline(draft)
                .id_salt(salt)
                .hint_text("tag name")
                .desired_width(140.0),
        )
        .labelled_by(label.id);
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let ready = !draft.trim().is_empty();
    let pressed = ui
        .add_enabled(ready, egui::Button::new("Add tag"))
        .clicked();
    if ready && (pressed || entered) {
        add(draft.trim().to_string());
        draft.clear();
    }
}

/// A list's tag filter: "Any tag", or one of the tags `count` says some of the list's things
/// carry, with that count. The tags are read (through `tags`) only when the list opens.
pub fn tag_picker(
    ui: &mut egui::Ui,
    salt: &str,
    (library, generation, tags): (&Library, u64, &mut Cached<(), Vec<TagSummary>>),
    count: fn(&TagSummary) -> i64,
    filter: &mut Option<(Id, String)>,
) {
    let label = ui.label("Tag");
    let shown = filter
        .as_ref()
        .map_or_else(|| "Any tag".to_string(), |(_, name)| name.clone());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(shown)
        .width(130.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(filter, None, "Any tag");
            match tags.get(generation, &(), || library.tags()) {
                Ok(tags) => {
                    for t in tags.iter().filter(|t| count(t) > 0) {
                        ui.selectable_value(
                            filter,
                            Some((t.id, t.name.clone())),
                            format!("{} ({})", t.name, thousands(count(t).max(0) as u64)),
                        );
                    }
                }
                Err(e) => read_error(ui, e),
            }
        })
        .response
        .labelled_by(label.id);
}

/// The notes on a thing, oldest first, and a field to write one (under a heading the view
/// gives, with the count). `passage` is the passage of the article the analyst has selected in
/// the reader, if any: the note can go on it.
pub fn notes_section(
    ui: &mut egui::Ui,
    target: Target,
    notes: &[Note],
    passage: Option<(usize, usize, &str)>,
    drafts: &mut Drafts,
    edit: &mut Option<WorkingEdit>,
) {
    for note in notes {
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                let when = note.created_at.get(..16).unwrap_or(&note.created_at);
                let edited = if note.edited_at.is_some() {
                    " (edited)"
                } else {
                    ""
                };
                ui.label(
                    RichText::new(format!(
                        "{} · {}{edited}",
                        note.author,
                        when.replace('T', " ")
                    ))
                    .small()
                    .weak(),
                );
                if ui
                    .small_button("Delete note")
                    .on_hover_text("It goes to the trash: Edit > Undo brings it back.")
                    .clicked()
                {
                    *edit = Some(WorkingEdit::DeleteNote(note.id));
                }
            });
            if let Some(quote) = &note.quote {
                ui.label(
                    RichText::new(format!("“{}”", quote.trim()))
                        .italics()
                        .background_color(highlight(ui)),
                );
            }
            ui.label(&note.text);
        });
    }
    let label = ui.label("New note");
    ui.add(
        egui::TextEdit::multiline(&mut drafts.note)
            .id_salt(("note", target))
            .hint_text("what you found, what to check")
            .desired_rows(2)
            .desired_width(ui.available_width()),
    )
    .labelled_by(label.id);
    ui.horizontal_wrapped(|ui| {
        let ready = !drafts.note.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("Add note"))
            .clicked()
        {
            *edit = Some(WorkingEdit::Note(target, None, drafts.note.trim().into()));
            drafts.note.clear();
        }
        if let Some((start, end, words)) = passage {
            let preview: String = words.trim().chars().take(40).collect();
            if ui
                .add_enabled(ready, egui::Button::new("Add note on selected passage"))
                .on_hover_text(format!("On “{preview}…”"))
                .on_disabled_hover_text("Write the note first.")
                .clicked()
            {
                *edit = Some(WorkingEdit::Note(
                    target,
                    Some((start, end)),
                    drafts.note.trim().into(),
                ));
                drafts.note.clear();
            }
        } else if target.kind() == TargetKind::Article {
            ui.label(
                RichText::new("Select words in the text to note a passage.")
                    .small()
                    .weak(),
            );
        }
    });
}

/// The background of a passage a note marks.
pub fn highlight(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(90, 80, 30)
    } else {
        egui::Color32::from_rgb(255, 240, 170)
    }
}

impl TriangulateApp {
    /// Writes what a working-layer widget asked for, keeps its undo, and says what was done.
    pub(crate) fn apply_working(&mut self, edit: WorkingEdit) {
        let analyst = self.analyst();
        match edit {
            WorkingEdit::Tag(kind, ids, tag) => {
                if let Some((n, undo)) = self.write("tag", |l| l.tag(kind, &ids, &tag, &analyst)) {
                    let already = ids.len() - n;
                    let note = if already > 0 {
                        format!(" ({already} already had it)")
                    } else {
                        String::new()
                    };
                    self.inform(format!("Tagged {n} {} “{tag}”{note}.", kind.noun(n)));
                    self.push_undo(undo);
                }
            }
            WorkingEdit::Untag(kind, ids, tag) => {
                if let Some((n, undo)) =
                    self.write("take the tag off", |l| l.untag(kind, &ids, &tag, &analyst))
                {
                    self.inform(format!(
                        "Took “{tag}” off {n} {}. Edit > Undo puts it back.",
                        kind.noun(n)
                    ));
                    self.push_undo(undo);
                }
            }
            WorkingEdit::Note(target, span, text) => {
                let note = NewNote {
                    target,
                    span,
                    author: analyst,
                    text,
                };
                if let Some(id) = self.write("add the note", |l| l.add_note(&note)) {
                    let undo = self.library.as_ref().map(|l| l.undo_of_note(id));
                    if let Some(undo) = undo {
                        self.push_undo(undo);
                    }
                    self.inform("Note added.");
                }
            }
            WorkingEdit::DeleteNote(id) => {
                if let Some(undo) =
                    self.write("delete the note", |l| l.delete_notes(&[id], &analyst))
                {
                    self.inform("Note deleted. Edit > Undo brings it back.");
                    self.push_undo(undo);
                }
            }
            WorkingEdit::Collect(collection, ids) => {
                if let Some((n, undo)) = self.write("add to the collection", |l| {
                    l.add_to_collection(collection, &ids, &analyst)
                }) {
                    self.inform(format!(
                        "Added {n} {} to the collection.",
                        TargetKind::Article.noun(n)
                    ));
                    self.push_undo(undo);
                }
            }
        }
    }
}
