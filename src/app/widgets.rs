//! Pieces the views share: a cache of what a view read from the library, common labels, and the
//! word-level diff of two texts as coloured text.

use egui::text::LayoutJob;
use egui::{Color32, FontId, Stroke, TextFormat};

use super::command::Command;
use super::context::ViewContext;
use triangulate_core::analysis::similarity::{DiffPart, DiffSide};

/// A value read from the library, kept until the library changes (its generation moves) or the
/// view asks for something else (its key changes). Immediate mode redraws every frame; this keeps
/// the reads to once per change.
pub struct Cached<K, T> {
    stamp: Option<(u64, K)>,
    value: Result<T, String>,
}

impl<K, T: Default> Default for Cached<K, T> {
    fn default() -> Self {
        Cached {
            stamp: None,
            value: Ok(T::default()),
        }
    }
}

impl<K: PartialEq + Clone, T> Cached<K, T> {
    /// The cached value for `key` at `generation`, loading it when stale.
    pub fn get<E: std::fmt::Display>(
        &mut self,
        generation: u64,
        key: &K,
        load: impl FnOnce() -> Result<T, E>,
    ) -> Result<&T, &str> {
        let fresh = self
            .stamp
            .as_ref()
            .is_some_and(|(g, k)| *g == generation && k == key);
        if !fresh {
            self.value = load().map_err(|e| e.to_string());
            self.stamp = Some((generation, key.clone()));
        }
        self.value.as_ref().map_err(String::as_str)
    }
}

impl<K, T> Cached<K, T> {
    /// The value last loaded, if the load succeeded; stale or not.
    pub fn last(&self) -> Option<&T> {
        self.stamp.as_ref().and(self.value.as_ref().ok())
    }
}

/// The "Analyst" field of a form: who records what the form saves. It edits the analyst's name as
/// Preferences holds it (sending the change) and returns the name as now typed, for the rest of
/// the form to use this frame.
pub fn analyst_field(ui: &mut egui::Ui, ctx: &mut ViewContext) -> String {
    let mut analyst = ctx.analyst.to_string();
    ui.horizontal(|ui| {
        let label = ui.label("Analyst");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut analyst)
                    .hint_text("your name")
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
        if edit.changed() {
            ctx.send(Command::SetAnalyst(analyst.clone()));
        }
    });
    analyst
}

/// A line of explanation where a view has nothing to show yet.
pub fn empty_state(ui: &mut egui::Ui, text: &str) {
    ui.add_space(12.0);
    ui.label(egui::RichText::new(text).italics().weak());
}

/// An error reading the library, shown in place of a view's content.
pub fn read_error(ui: &mut egui::Ui, error: &str) {
    ui.colored_label(
        ui.visuals().error_fg_color,
        format!("Could not read the library: {error}"),
    );
}

/// A date or a dash.
pub fn date_or_dash(date: Option<&str>) -> &str {
    date.unwrap_or("—")
}

/// A table cell's publication date, marked when it is a guess: "≈ 2017-09-05" for a date found
/// in the text, "—" for none; hovering says where the date came from and how to correct it.
pub fn dated_cell(ui: &mut egui::Ui, date: Option<&str>, source: Option<&str>) {
    let (text, hover) = match (date, source) {
        (None, _) => (
            "—".to_string(),
            "No date found: set one with Correct… in the reader".to_string(),
        ),
        (Some(date), Some("text")) => (
            format!("≈ {date}"),
            "Found in the article's text — a guess: check it in the reader".to_string(),
        ),
        (Some(date), source) => (
            date.to_string(),
            match triangulate_core::model::date_source_note(source) {
                Some(note) => format!("Date {note}"),
                None => "Date as the page or file states it".to_string(),
            },
        ),
    };
    ui.add(egui::Label::new(text).selectable(false))
        .on_hover_text(hover);
}

/// `n` with a comma between thousands: 1,000,000.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 outlet", "3 outlets".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "1 row", "12,000 rows": [`plural`] with commas between thousands.
pub fn many(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n as u64))
    }
}

/// `text` cut to at most `max` characters, with "…" where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Red: words only in the first text.
const REMOVED: Color32 = Color32::from_rgb(205, 70, 70);
/// Green: words only in the second text.
const ADDED: Color32 = Color32::from_rgb(50, 155, 80);

/// A word diff as one block of text: shared words plain, words only in the first text red and
/// struck through, words only in the second green and underlined. Colour is not the only cue,
/// so the diff reads in print and for colour-blind analysts too.
pub fn diff_text(ui: &egui::Ui, parts: &[DiffPart]) -> LayoutJob {
    let font = FontId::proportional(14.0);
    let mut job = LayoutJob::default();
    for part in parts {
        let format = match part.side {
            DiffSide::Both => TextFormat {
                font_id: font.clone(),
                color: ui.visuals().text_color(),
                ..Default::default()
            },
            DiffSide::First => TextFormat {
                font_id: font.clone(),
                color: REMOVED,
                strikethrough: Stroke::new(1.0, REMOVED),
                ..Default::default()
            },
            DiffSide::Second => TextFormat {
                font_id: font.clone(),
                color: ADDED,
                underline: Stroke::new(1.0, ADDED),
                ..Default::default()
            },
        };
        job.append(&part.text, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    job
}

/// Words of a diff in both texts, only in the first, only in the second.
pub fn diff_counts(parts: &[DiffPart]) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for part in parts {
        let n = part.text.split_whitespace().count();
        match part.side {
            DiffSide::Both => counts.0 += n,
            DiffSide::First => counts.1 += n,
            DiffSide::Second => counts.2 += n,
        }
    }
    counts
}

/// The legend and word counts above a diff.
pub fn diff_legend(ui: &mut egui::Ui, parts: &[DiffPart]) {
    let (shared, first, second) = diff_counts(parts);
    if first == 0 && second == 0 {
        ui.label("The two texts are word for word the same.");
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{shared} words in both ·"));
        ui.label(
            egui::RichText::new(format!("{first} only in the first"))
                .color(REMOVED)
                .strikethrough(),
        );
        ui.label("·");
        ui.label(
            egui::RichText::new(format!("{second} only in the second"))
                .color(ADDED)
                .underline(),
        );
    });
}

/// A value read from the library on a background thread (with its own read-only connection),
/// for reads too slow for a frame: kept until the generation or the key changes, like [`Cached`].
pub struct Background<K, T> {
    stamp: Option<(u64, K)>,
    value: Option<Result<T, String>>,
    incoming: Option<std::sync::mpsc::Receiver<Result<T, String>>>,
}

impl<K, T> Default for Background<K, T> {
    fn default() -> Self {
        Background {
            stamp: None,
            value: None,
            incoming: None,
        }
    }
}

impl<K: PartialEq + Clone, T: Send + 'static> Background<K, T> {
    /// The value for `key` at `generation`: `None` while the thread reads it (started here when
    /// stale). The window repaints when it arrives.
    pub fn get(
        &mut self,
        generation: u64,
        key: &K,
        path: &std::path::Path,
        ctx: &egui::Context,
        load: impl FnOnce(&triangulate_core::Library) -> triangulate_core::Result<T> + Send + 'static,
    ) -> Option<Result<&T, &str>> {
        let fresh = self
            .stamp
            .as_ref()
            .is_some_and(|(g, k)| *g == generation && k == key);
        if !fresh {
            self.stamp = Some((generation, key.clone()));
            self.value = None;
            let (send, receive) = std::sync::mpsc::channel();
            let path = path.to_path_buf();
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                let value = triangulate_core::Library::open_read_only(&path)
                    .and_then(|library| load(&library))
                    .map_err(|e| e.to_string());
                let _ = send.send(value);
                ctx.request_repaint();
            });
            self.incoming = Some(receive);
        }
        if let Some(incoming) = &self.incoming
            && let Ok(value) = incoming.try_recv()
        {
            self.value = Some(value);
            self.incoming = None;
        }
        self.value
            .as_ref()
            .map(|v| v.as_ref().map_err(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
