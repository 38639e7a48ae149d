//! Widgets of the analyst's working layer, shared by the views that show an article, an outlet or
//! an incident: its tags (each removable, a field to add one) and its notes (each with author and
//! time, the passage it marks, and a field to write one). What the analyst asks of them they send
//! as the edits made here ([`tag`], [`add_note`], …), each keeping its undo.

use egui::RichText;

use super::command::{Command, Written};
use super::context::ViewContext;
use super::widgets::{Cached, read_error, thousands};
use triangulate_core::library::{Library, NewNote, Note, TagSummary};
use triangulate_core::model::{Id, Target, TargetKind};

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
    ctx: &mut ViewContext,
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
                let analyst = ctx.recorded_name();
                ctx.send(untag(
                    target.kind(),
                    vec![target.id()],
                    tag.clone(),
                    analyst,
                ));
            }
        }
        tag_field(ui, ("tag", target), &mut drafts.tag, |name| {
            let analyst = ctx.recorded_name();
            ctx.send(tag(target.kind(), vec![target.id()], name, analyst));
        });
    });
}

/// A tag field for several picked things of one kind at once: "Add tag" (or Enter) tags them all.
pub fn batch_tag_field(
    ui: &mut egui::Ui,
    salt: &str,
    kind: TargetKind,
    picked: &std::collections::BTreeSet<Id>,
    draft: &mut String,
    ctx: &mut ViewContext,
) {
    tag_field(ui, salt, draft, |name| {
        let analyst = ctx.recorded_name();
        ctx.send(tag(kind, picked.iter().copied().collect(), name, analyst));
    });
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
    ctx: &mut ViewContext,
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
                    let analyst = ctx.recorded_name();
                    ctx.send(delete_note(note.id, analyst));
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
            let analyst = ctx.recorded_name();
            ctx.send(add_note(target, None, drafts.note.trim().into(), analyst));
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
                let analyst = ctx.recorded_name();
                ctx.send(add_note(
                    target,
                    Some((start, end)),
                    drafts.note.trim().into(),
                    analyst,
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

/// Puts `tag` on things of one kind, recorded as `analyst`'s.
pub fn tag(kind: TargetKind, ids: Vec<Id>, tag: String, analyst: String) -> Command {
    Command::edit("tag", move |l| {
        let (n, undo) = l.tag(kind, &ids, &tag, &analyst)?;
        let already = ids.len() - n;
        let note = if already > 0 {
            format!(" ({already} already had it)")
        } else {
            String::new()
        };
        Ok(Written::done()
            .undo(undo)
            .say(format!("Tagged {n} {} “{tag}”{note}.", kind.noun(n))))
    })
}

/// Takes `tag` off things of one kind.
pub fn untag(kind: TargetKind, ids: Vec<Id>, tag: String, analyst: String) -> Command {
    Command::edit("take the tag off", move |l| {
        let (n, undo) = l.untag(kind, &ids, &tag, &analyst)?;
        Ok(Written::done().undo(undo).say(format!(
            "Took “{tag}” off {n} {}. Edit > Undo puts it back.",
            kind.noun(n)
        )))
    })
}

/// Writes a note on `target` (on a passage of an article when `span` is one) by `analyst`.
pub fn add_note(
    target: Target,
    span: Option<(usize, usize)>,
    text: String,
    analyst: String,
) -> Command {
    let note = NewNote {
        target,
        span,
        author: analyst,
        text,
    };
    Command::edit("add the note", move |l| {
        let id = l.add_note(&note)?;
        Ok(Written::done().undo(l.undo_of_note(id)).say("Note added."))
    })
}

/// Deletes a note (to the trash).
pub fn delete_note(id: Id, analyst: String) -> Command {
    Command::edit("delete the note", move |l| {
        let undo = l.delete_notes(&[id], &analyst)?;
        Ok(Written::done()
            .undo(undo)
            .say("Note deleted. Edit > Undo brings it back."))
    })
}

/// Adds articles to a hand-picked collection.
pub fn collect(collection: Id, ids: Vec<Id>, analyst: String) -> Command {
    Command::edit("add to the collection", move |l| {
        let (n, undo) = l.add_to_collection(collection, &ids, &analyst)?;
        Ok(Written::done().undo(undo).say(format!(
            "Added {n} {} to the collection.",
            TargetKind::Article.noun(n)
        )))
    })
}
