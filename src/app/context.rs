//! What a view may see of the app while it draws: the library to read, how fresh its reads are,
//! who the analyst is, and where to send what it wants done. A view gets this and its own state,
//! never the whole [`TriangulateApp`](super::TriangulateApp): it cannot write the library or
//! reach into another view, so what it does is what it sends.

use triangulate_core::library::Library;
use triangulate_core::model::LibraryCounts;
use triangulate_core::ratings::Criterion;

use super::command::Command;

/// The narrow view of the app a view draws with.
pub struct ViewContext<'a> {
    /// The open library, to read (views never write it: they send [`Command::Edit`]s).
    pub library: &'a Library,
    /// Bumped after every write: a view's cached reads of an older generation are stale.
    pub generation: u64,
    /// How many articles, outlets, incidents and suggestions the library holds.
    pub counts: LibraryCounts,
    /// The analyst's name as typed in Preferences (maybe empty).
    pub analyst: &'a str,
    /// Why the library cannot be changed, when it cannot.
    pub read_only: Option<&'a str>,
    /// The rating checklist of the open library.
    pub criteria: &'a [Criterion],
    /// Whether a background job is finding links now.
    pub linking: bool,
    /// What the view wants done, applied in order once it has drawn.
    pub commands: &'a mut Vec<Command>,
}

impl ViewContext<'_> {
    /// Sends a command to the app.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The name edits and decisions are recorded under: the analyst's, or "unnamed analyst".
    pub fn recorded_name(&self) -> String {
        recorded_name(self.analyst)
    }
}

/// The name edits are recorded under when the analyst typed `name`: "unnamed analyst" for none.
fn recorded_name(name: &str) -> String {
    match name.trim() {
        "" => "unnamed analyst".to_string(),
        name => name.to_string(),
    }
}
