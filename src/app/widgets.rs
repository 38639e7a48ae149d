//! Pieces the views share: a cache of what a view read from the library, and common labels.

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

/// "1 outlet", "3 outlets".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
