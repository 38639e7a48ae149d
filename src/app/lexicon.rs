//! The Lexicon view: the library's framing lexicon (actors and all their names, loaded words,
//! euphemisms, hedges, labels that name no group, sources and their other names) as the plain
//! TOML file it is, edited in place, with a box for each shipped pack of parties and the names
//! of organisations the reports give that it does not know yet. Saving checks that it reads; the
//! shipped lexicon stays as it is and "Reset to the shipped lexicon" goes back to it.

use super::command::{Command, Written};
use super::context::ViewContext;
use super::widgets::{Background, plural, read_error};
use triangulate_core::analysis::Lexicon;
use triangulate_core::analysis::candidates::UnlistedName;
use triangulate_core::analysis::lexicon::DEFAULT_LEXICON;

/// What the Lexicon view remembers between frames.
#[derive(Default)]
pub struct LexiconState {
    /// The text in the editor.
    text: String,
    /// The library generation the text was read at; `None` before the first read.
    read_at: Option<u64>,
    /// Whether the library has its own lexicon (else it uses the shipped one).
    own: bool,
    /// Whether the editor holds changes not saved yet.
    edited: bool,
    /// What the text holds, or why it does not read; `None` until worked out for this text
    /// (parsing the lexicon every frame would be wasted work).
    summary: Option<Result<String, String>>,
    /// Names the library's reports give that the lexicon does not know, read off the UI thread.
    unlisted: Background<(), Vec<UnlistedName>>,
}

/// How many of the latest articles are read for names the lexicon does not know.
const UNLISTED_ARTICLES: usize = 2_000;
/// How many such names are offered.
const UNLISTED_SHOWN: usize = 30;

/// A one-line account of a lexicon's contents, or why it does not read.
fn summary(text: &str) -> Result<String, String> {
    let l = Lexicon::parse(text).map_err(|e| e.to_string())?;
    let names: usize = l.actors.iter().map(|a| a.terms.len()).sum();
    Ok(format!(
        "{} actors with {names} names, {} loaded words, {} euphemisms, {} hedges, {} generic labels, {} sources",
        l.actors.len(),
        l.loaded.len(),
        l.euphemisms.len(),
        l.hedges.len(),
        l.generic.len(),
        l.sources.len()
    ))
}

impl LexiconState {
    /// Names of organisations the latest reports cite or tell of acting that the lexicon does
    /// not know, each with buttons that write it into the editor as a party or a source, or as
    /// a name not to offer again; Save keeps what was chosen.
    fn unlisted_section(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        use triangulate_core::analysis::lexicon::{with_entry, with_ignored};
        let library = ctx.library;
        let found = self
            .unlisted
            .get(ctx.generation, &(), library.path(), ui.ctx(), |library| {
                library.unlisted_names(UNLISTED_ARTICLES, UNLISTED_SHOWN)
            })
            .map(|r| r.cloned().map_err(str::to_string));
        let count = match &found {
            Some(Ok(names)) => names.len().to_string(),
            _ => "…".to_string(),
        };
        let mut chosen: Option<(String, &'static str)> = None;
        egui::CollapsingHeader::new(format!("Names not in the lexicon ({count})"))
            .id_salt("unlisted-names")
            .show(ui, |ui| match &found {
                None => {
                    ui.weak("Reading the latest reports…");
                }
                Some(Err(e)) => read_error(ui, e),
                Some(Ok(names)) if names.is_empty() => {
                    ui.weak("Every organisation the latest reports name is in the lexicon.");
                }
                Some(Ok(names)) => {
                    ui.weak(
                        "Organisations the latest reports cite or tell of acting that no party, \
                         source or place of the lexicon is. Add one, then Save.",
                    );
                    for n in names {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(format!(
                                "{} — named {} in {}{}",
                                n.name,
                                plural(n.mentions, "time"),
                                plural(n.reports, "report"),
                                if n.cited { ", cited as a source" } else { "" }
                            ));
                            if ui.small_button("Add as party").clicked() {
                                chosen = Some((n.name.clone(), "actor"));
                            }
                            if ui.small_button("Add as source").clicked() {
                                chosen = Some((n.name.clone(), "source"));
                            }
                            if ui.small_button("Ignore").clicked() {
                                chosen = Some((n.name.clone(), "ignore"));
                            }
                        });
                    }
                }
            });
        if let Some((name, what)) = chosen {
            self.text = match what {
                "ignore" => with_ignored(&self.text, &name),
                table => with_entry(&self.text, table, &name),
            };
            self.edited = true;
            self.summary = None;
        }
    }

    /// The shipped packs, each with a box: ticked, the library reads its parties. Unticking one
    /// writes it into the text's `[packs] off` list, to be saved like any other edit.
    fn pack_boxes(&mut self, ui: &mut egui::Ui) {
        use triangulate_core::analysis::lexicon::{packs_off, shipped_packs, with_packs_off};
        ui.label(
            "Beside this file, the parties in the shipped packs are read. A party's generic \
             words (\"the army\", \"regime\") are its only in a report whose places are in its \
             pack's countries. Untick a pack to leave it out of this library, then Save.",
        );
        let off = packs_off(&self.text);
        let mut changed: Option<Vec<String>> = None;
        ui.horizontal_wrapped(|ui| {
            for (name, countries) in shipped_packs() {
                let mut read = !off.contains(&name);
                let label = format!("{name} ({})", countries.join(", "));
                if ui.checkbox(&mut read, label).changed() {
                    let mut now: Vec<String> =
                        off.iter().filter(|o| **o != name).cloned().collect();
                    if !read {
                        now.push(name.clone());
                    }
                    changed = Some(now);
                }
            }
        });
        if let Some(now) = changed {
            self.text = with_packs_off(&self.text, &now);
            self.edited = true;
            self.summary = None;
        }
    }

    /// Draws the view: what the lexicon holds, the editor, and Save, Discard and Reset.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        let library = ctx.library;
        // Re-read after any write, unless the analyst is in the middle of an edit.
        if self.read_at != Some(ctx.generation) && !self.edited {
            match library.lexicon_text() {
                Ok(text) => {
                    self.own = text.is_some();
                    self.text = text.unwrap_or_else(|| DEFAULT_LEXICON.to_string());
                    self.read_at = Some(ctx.generation);
                    self.summary = None;
                }
                Err(e) => return read_error(ui, &e.to_string()),
            }
        }
        ui.heading("Lexicon");
        ui.label(
            "What Compare looks for in each report: every actor with all the names outlets use for \
         it, loaded words, euphemisms, hedges, labels that name no group, and sources with their \
         other names. Changes are kept in this library only.",
        );
        ui.label(if self.own {
            "This library uses its own lexicon."
        } else {
            "This library uses the lexicon shipped with Triangulate."
        });
        self.pack_boxes(ui);
        let check = self
            .summary
            .get_or_insert_with(|| summary(&self.text))
            .clone();
        match &check {
            Ok(text) => {
                ui.label(text);
            }
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, format!("Does not read: {e}"));
            }
        }
        let save_shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
        let mut save = ui.input_mut(|i| i.consume_shortcut(&save_shortcut)) && self.edited;
        let mut revert = false;
        let mut reset = false;
        ui.horizontal(|ui| {
            let can_save = self.edited && check.is_ok();
            save |= ui
                .add_enabled(can_save, egui::Button::new("Save lexicon"))
                .on_hover_text("Ctrl+S")
                .clicked();
            revert = ui
                .add_enabled(self.edited, egui::Button::new("Discard changes"))
                .clicked();
            reset = ui
                .add_enabled(
                    self.own || self.edited,
                    egui::Button::new("Reset to the shipped lexicon"),
                )
                .clicked();
        });
        self.unlisted_section(ui, ctx);
        let caption = ui.weak("Lexicon file (TOML)");
        egui::ScrollArea::vertical()
            .id_salt("lexicon-editor")
            .show(ui, |ui| {
                let editor = egui::TextEdit::multiline(&mut self.text)
                    .code_editor()
                    .desired_width(f32::INFINITY)
                    .desired_rows(30);
                let response = ui.add(editor).labelled_by(caption.id);
                if response.changed() {
                    self.edited = true;
                    self.summary = None;
                }
            });
        let analyst = ctx.analyst.to_string();
        if save && check.is_ok() {
            let text = self.text.clone();
            ctx.send(Command::edit("save the lexicon", move |l| {
                l.set_lexicon_text(Some(&text), &analyst)?;
                Ok(Written::done()
                    .say("Lexicon saved; comparisons use it now.")
                    .then_update(|v| v.lexicon.edited = false))
            }));
        } else if revert {
            self.edited = false;
            self.read_at = None;
        } else if reset {
            ctx.send(Command::edit("reset the lexicon", move |l| {
                l.set_lexicon_text(None, &analyst)?;
                Ok(Written::done()
                    .say("The library uses the shipped lexicon again.")
                    .then_update(|v| v.lexicon.edited = false))
            }));
        }
    }
}
