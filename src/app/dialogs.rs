//! The file dialogs the app asks through, behind a trait so that UI tests can answer them without
//! a window; [`NativeDialogs`] are rfd's. When the native dialog cannot open (on Linux, no desktop
//! portal and no zenity: rfd then answers as if the analyst had cancelled), the app says so and
//! offers its own path field instead ([`PathPrompt`], drawn by the shell), so the work goes on:
//! [`FileChooser`] tells "could not open" from "cancelled" and keeps the path the field gave
//! until the command that asked for it runs again and takes it.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use triangulate_core::library;

use super::command::Command;

/// Native file dialogs, behind a trait so that tests can answer them.
pub trait Dialogs {
    /// Folders of articles to import; `None` if the analyst cancels.
    fn pick_folders(&self) -> Option<Vec<PathBuf>>;
    /// Article files to import; `None` if the analyst cancels.
    fn pick_article_files(&self) -> Option<Vec<PathBuf>>;
    /// A library to open; `None` if the analyst cancels.
    fn open_library(&self) -> Option<PathBuf>;
    /// Where to make a new library; `None` if the analyst cancels.
    fn new_library(&self) -> Option<PathBuf>;
    /// Where to write a ratings file; `None` if the analyst cancels.
    fn save_ratings(&self) -> Option<PathBuf> {
        None
    }
    /// A ratings file to read; `None` if the analyst cancels.
    fn open_ratings(&self) -> Option<PathBuf> {
        None
    }
    /// A reference list (CSV or TSV of a rater's ratings of outlets) to import; `None` if the
    /// analyst cancels.
    fn open_reference_list(&self) -> Option<PathBuf> {
        None
    }
    /// Where to write a report, suggesting `name`; `None` if the analyst cancels.
    fn save_report(&self, name: &str) -> Option<PathBuf> {
        let _ = name;
        None
    }
    /// Where to write a backup of the library, suggesting `name`; `None` if the analyst cancels.
    fn save_backup(&self, name: &str) -> Option<PathBuf> {
        let _ = name;
        None
    }
    /// Why the native dialogs cannot open here, if they cannot (no desktop portal, say). Asked
    /// before each dialog and again when one comes back with nothing: the app then says why and
    /// offers its own path field. `None`: they can, and nothing back means the analyst cancelled.
    fn unavailable(&self) -> Option<String> {
        None
    }
}

/// Dialogs that are always cancelled: the app without a window (benchmarks, unit tests).
pub struct NoDialogs;

impl Dialogs for NoDialogs {
    fn pick_folders(&self) -> Option<Vec<PathBuf>> {
        None
    }
    fn pick_article_files(&self) -> Option<Vec<PathBuf>> {
        None
    }
    fn open_library(&self) -> Option<PathBuf> {
        None
    }
    fn new_library(&self) -> Option<PathBuf> {
        None
    }
}

/// A dialog that comes back with nothing sooner than this never showed a window: no person
/// cancels that fast. rfd returns `None` both when the analyst cancels and when it could not open.
const AT_ONCE: Duration = Duration::from_millis(50);

/// rfd's native dialogs. They are modal: the window waits while one is open, as on every platform.
#[derive(Default)]
pub struct NativeDialogs {
    /// Set once a dialog came back with nothing at once ([`AT_ONCE`]): it could not open.
    gave_up: Cell<bool>,
}

impl NativeDialogs {
    /// Runs a dialog, noting when it came back with nothing before a window could have shown.
    fn timed<T>(&self, dialog: impl FnOnce() -> Option<T>) -> Option<T> {
        let started = Instant::now();
        let answer = dialog();
        if answer.is_none() && started.elapsed() < AT_ONCE {
            self.gave_up.set(true);
        }
        answer
    }
}

impl Dialogs for NativeDialogs {
    fn pick_folders(&self) -> Option<Vec<PathBuf>> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Import folders of articles")
                .pick_folders()
        })
    }
    fn pick_article_files(&self) -> Option<Vec<PathBuf>> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Import article files")
                .add_filter(
                    "Articles",
                    &["txt", "md", "html", "htm", "json", "jsonl", "csv"],
                )
                .pick_files()
        })
    }
    fn open_library(&self) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Open library")
                .add_filter("Triangulate library", &["sqlite", "db"])
                .pick_file()
        })
    }
    fn new_library(&self) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("New library")
                .set_file_name(library::DEFAULT_FILE_NAME)
                .save_file()
        })
    }
    fn save_ratings(&self) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Export ratings")
                .add_filter("Ratings file", &["json"])
                .set_file_name("ratings.json")
                .save_file()
        })
    }
    fn open_ratings(&self) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Import ratings")
                .add_filter("Ratings file", &["json"])
                .pick_file()
        })
    }
    fn open_reference_list(&self) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Import reference ratings")
                .add_filter("Ratings list", &["csv", "tsv", "txt"])
                .pick_file()
        })
    }
    fn save_report(&self, name: &str) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Export report")
                .add_filter("Web page", &["html"])
                .add_filter("PDF", &["pdf"])
                .add_filter("Markdown", &["md"])
                .add_filter("CSV (claims and reports)", &["csv"])
                .add_filter("JSON", &["json"])
                .set_file_name(name)
                .save_file()
        })
    }
    fn save_backup(&self, name: &str) -> Option<PathBuf> {
        self.timed(|| {
            rfd::FileDialog::new()
                .set_title("Back up library")
                .add_filter("Triangulate library", &["sqlite"])
                .set_file_name(name)
                .save_file()
        })
    }
    fn unavailable(&self) -> Option<String> {
        if self.gave_up.get() {
            return Some(
                "the system's file dialog closed at once, before its window could show".into(),
            );
        }
        no_portal()
    }
}

/// Why rfd's dialogs cannot open on this desktop, when it is plain beforehand: its Linux backend
/// talks to the desktop portal over the D-Bus session bus and falls back to zenity, so with
/// neither there is no dialog. (A portal without a file chooser is caught by [`AT_ONCE`].)
#[cfg(all(unix, not(target_os = "macos")))]
fn no_portal() -> Option<String> {
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("zenity").is_file()));
    (!bus && !zenity).then(|| {
        "no desktop portal can be reached (no D-Bus session bus) and zenity is not installed"
            .to_string()
    })
}

/// Windows and macOS always have their native dialogs.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn no_portal() -> Option<String> {
    None
}

/// What a path is asked for: one of the menu's file dialogs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// File > Import folder….
    ImportFolders,
    /// File > Import files….
    ImportFiles,
    /// File > Open library….
    OpenLibrary,
    /// File > New library….
    NewLibrary,
    /// File > Export ratings….
    SaveRatings,
    /// File > Import ratings….
    OpenRatings,
    /// File > Import reference ratings….
    OpenReferenceList,
    /// File > Export report…, with the file name suggested.
    SaveReport(String),
    /// File > Back up library…, with the file name suggested.
    SaveBackup(String),
}

/// What kind of path a purpose needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wants {
    /// A folder that exists.
    Folder,
    /// A file that exists.
    File,
    /// A file or a folder that exists.
    FileOrFolder,
    /// A file to write, in a folder that exists: replaced when it exists.
    Save,
    /// A file to make, in a folder that exists, where nothing is yet.
    New,
}

impl Purpose {
    /// The window's title.
    pub fn title(&self) -> &'static str {
        match self {
            Purpose::ImportFolders => "Import folder",
            Purpose::ImportFiles => "Import files",
            Purpose::OpenLibrary => "Open library",
            Purpose::NewLibrary => "New library",
            Purpose::SaveRatings => "Export ratings",
            Purpose::OpenRatings => "Import ratings",
            Purpose::OpenReferenceList => "Import reference ratings",
            Purpose::SaveReport(_) => "Export report",
            Purpose::SaveBackup(_) => "Back up library",
        }
    }

    /// The button that takes the path.
    pub fn action(&self) -> &'static str {
        match self {
            Purpose::ImportFolders | Purpose::ImportFiles => "Import",
            Purpose::OpenLibrary | Purpose::OpenRatings | Purpose::OpenReferenceList => "Open",
            Purpose::NewLibrary => "Create",
            Purpose::SaveRatings | Purpose::SaveReport(_) => "Save",
            Purpose::SaveBackup(_) => "Back up",
        }
    }

    /// The command that asked for the path; applied again, it takes the path the field gave.
    pub fn command(&self) -> Command {
        match self {
            Purpose::ImportFolders => Command::ChooseFolders,
            Purpose::ImportFiles => Command::ChooseFiles,
            Purpose::OpenLibrary => Command::ChooseLibrary,
            Purpose::NewLibrary => Command::ChooseNewLibrary,
            Purpose::SaveRatings => Command::ExportRatings,
            Purpose::OpenRatings => Command::ImportRatings,
            Purpose::OpenReferenceList => Command::ImportReferenceList,
            Purpose::SaveReport(_) => Command::ExportReport,
            Purpose::SaveBackup(_) => Command::BackUp,
        }
    }

    fn wants(&self) -> Wants {
        match self {
            Purpose::ImportFolders => Wants::Folder,
            Purpose::ImportFiles => Wants::FileOrFolder,
            Purpose::OpenLibrary | Purpose::OpenRatings | Purpose::OpenReferenceList => Wants::File,
            Purpose::NewLibrary => Wants::New,
            Purpose::SaveRatings | Purpose::SaveReport(_) | Purpose::SaveBackup(_) => Wants::Save,
        }
    }

    /// The file name a save starts with.
    fn suggested_name(&self) -> Option<&str> {
        match self {
            Purpose::NewLibrary => Some(library::DEFAULT_FILE_NAME),
            Purpose::SaveRatings => Some("ratings.json"),
            Purpose::SaveReport(name) | Purpose::SaveBackup(name) => Some(name),
            _ => None,
        }
    }

    /// Asks the native dialog.
    fn ask(&self, dialogs: &dyn Dialogs) -> Option<Vec<PathBuf>> {
        match self {
            Purpose::ImportFolders => dialogs.pick_folders(),
            Purpose::ImportFiles => dialogs.pick_article_files(),
            Purpose::OpenLibrary => dialogs.open_library().map(|p| vec![p]),
            Purpose::NewLibrary => dialogs.new_library().map(|p| vec![p]),
            Purpose::SaveRatings => dialogs.save_ratings().map(|p| vec![p]),
            Purpose::OpenRatings => dialogs.open_ratings().map(|p| vec![p]),
            Purpose::OpenReferenceList => dialogs.open_reference_list().map(|p| vec![p]),
            Purpose::SaveReport(name) => dialogs.save_report(name).map(|p| vec![p]),
            Purpose::SaveBackup(name) => dialogs.save_backup(name).map(|p| vec![p]),
        }
    }

    /// Whether `other` asks for the same thing (a suggested name may differ).
    fn same(&self, other: &Purpose) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// The native dialogs, and the app's own path field when they cannot open.
#[derive(Default)]
pub struct FileChooser {
    /// The path field, while it is open.
    pub prompt: Option<PathPrompt>,
    /// The path the field gave, until the command that asked for it takes it.
    answer: Option<(Purpose, PathBuf)>,
}

impl FileChooser {
    /// The paths chosen for `purpose`: the one the path field gave, else the native dialog's.
    /// `None` when the analyst cancelled, or when the dialog could not open: then the path field
    /// opens in the home folder, saying why, and the command runs again once it gives a path.
    pub fn ask(&mut self, dialogs: &dyn Dialogs, purpose: Purpose) -> Option<Vec<PathBuf>> {
        if let Some((asked, path)) = self.answer.take()
            && asked.same(&purpose)
        {
            return Some(vec![path]);
        }
        let why = match dialogs.unavailable() {
            Some(why) => why,
            None => match purpose.ask(dialogs) {
                Some(paths) => return Some(paths),
                None => dialogs.unavailable()?,
            },
        };
        let start = home().or_else(|| std::env::current_dir().ok());
        self.prompt = Some(PathPrompt::new(purpose, why, &start.unwrap_or_default()));
        None
    }

    /// The one path chosen for `purpose` (see [`FileChooser::ask`]).
    pub fn ask_one(&mut self, dialogs: &dyn Dialogs, purpose: Purpose) -> Option<PathBuf> {
        self.ask(dialogs, purpose)?.into_iter().next()
    }

    /// Keeps the path the field gave, and returns the command to apply again to take it.
    pub fn answered(&mut self, purpose: Purpose, path: PathBuf) -> Command {
        let command = purpose.command();
        self.answer = Some((purpose, path));
        command
    }
}

/// One entry of a folder, as the path field suggests it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its name in the folder.
    pub name: String,
    /// Whether it is a folder.
    pub is_folder: bool,
}

/// The app's own path field, offered when the native dialog cannot open: the analyst types a
/// path, Tab completes it from the folder's entries (listed under the field), Enter takes it.
#[derive(Debug, Clone)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: Purpose,
    /// Why the native dialog could not open.
    pub why: String,
    /// The path as typed.
    pub text: String,
    /// Why the path typed cannot be taken, after the analyst tried to.
    pub problem: Option<String>,
    /// The folder last listed, and its entries (or why it could not be read).
    listed: Option<(PathBuf, Result<Vec<Entry>, String>)>,
}

impl PathPrompt {
    /// The field for `purpose`, starting in the folder `start` (with the suggested file name
    /// when the purpose saves one).
    pub fn new(purpose: Purpose, why: String, start: &Path) -> PathPrompt {
        let mut text = start.to_string_lossy().into_owned();
        if !text.is_empty() && !text.ends_with(std::path::MAIN_SEPARATOR) {
            text.push(std::path::MAIN_SEPARATOR);
        }
        if let Some(name) = purpose.suggested_name() {
            text.push_str(name);
        }
        PathPrompt {
            purpose,
            why,
            text,
            problem: None,
            listed: None,
        }
    }

    /// The folder the text is in and the start of the name typed in it: "/a/b/re" is ("/a/b",
    /// "re"); "/a/b/" is ("/a/b", "").
    fn split(&self) -> (PathBuf, String) {
        let text = expand_home(&self.text);
        if text.as_os_str().is_empty() {
            return (PathBuf::from("."), String::new());
        }
        let typed = self.text.ends_with('/') || self.text.ends_with(std::path::MAIN_SEPARATOR);
        if typed {
            return (text, String::new());
        }
        let name = text
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let folder = match text.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            Some(_) => PathBuf::from("."),
            None => text.clone(),
        };
        (folder, name)
    }

    /// The entries of the folder typed whose names start with the name typed (folders first),
    /// only folders when a folder is wanted; hidden ones only when the name typed starts with a
    /// dot. Or why the folder cannot be read.
    pub fn suggestions(&mut self) -> Result<Vec<Entry>, String> {
        let (folder, start) = self.split();
        if self.listed.as_ref().is_none_or(|(f, _)| *f != folder) {
            self.listed = Some((folder.clone(), list_folder(&folder)));
        }
        let Some((_, listed)) = &self.listed else {
            return Ok(Vec::new());
        };
        let entries = listed.as_ref().map_err(Clone::clone)?;
        let start = start.to_lowercase();
        let folders_only = self.purpose.wants() == Wants::Folder;
        Ok(entries
            .iter()
            .filter(|e| e.is_folder || !folders_only)
            .filter(|e| !e.name.starts_with('.') || start.starts_with('.'))
            .filter(|e| e.name.to_lowercase().starts_with(&start))
            .cloned()
            .collect())
    }

    /// Tab: the name typed completed as far as the matching entries agree; a single folder gets
    /// its separator, so that the next Tab lists what it holds. Returns whether the text changed.
    pub fn complete(&mut self) -> bool {
        let Ok(matches) = self.suggestions() else {
            return false;
        };
        let Some(first) = matches.first() else {
            return false;
        };
        let mut common: String = first.name.clone();
        for m in &matches[1..] {
            let shared = common
                .chars()
                .zip(m.name.chars())
                .take_while(|(a, b)| a == b)
                .count();
            common = common.chars().take(shared).collect();
        }
        let (folder, start) = self.split();
        if common.chars().count() < start.chars().count() {
            // Matched only ignoring case: take the entry's own spelling when it is alone.
            if matches.len() > 1 {
                return false;
            }
            common = first.name.clone();
        }
        let alone = matches.len() == 1;
        self.choose_in(&folder, &common, alone && first.is_folder)
    }

    /// Clicking a suggestion: its path in the text (a folder's with its separator).
    pub fn choose(&mut self, entry: &Entry) {
        let (folder, _) = self.split();
        self.choose_in(&folder, &entry.name, entry.is_folder);
    }

    fn choose_in(&mut self, folder: &Path, name: &str, is_folder: bool) -> bool {
        let mut text = folder.join(name).to_string_lossy().into_owned();
        if is_folder {
            text.push(std::path::MAIN_SEPARATOR);
        }
        let changed = text != self.text;
        self.text = text;
        self.problem = None;
        changed
    }

    /// The path typed, when it can be taken for the purpose; else why not.
    pub fn check(&self) -> Result<PathBuf, String> {
        check(&self.purpose, &self.text)
    }
}

/// The path typed (`~` for the home folder), when it can be taken for `purpose`; else why not.
fn check(purpose: &Purpose, typed: &str) -> Result<PathBuf, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("Type a path.".into());
    }
    let path = expand_home(typed);
    let shown = path.display();
    let names_folder = typed.ends_with('/') || typed.ends_with(std::path::MAIN_SEPARATOR);
    match purpose.wants() {
        Wants::Folder if !path.exists() => Err(format!("There is no folder {shown}.")),
        Wants::Folder if !path.is_dir() => Err(format!(
            "{shown} is a file, not a folder: type the folder that holds the articles."
        )),
        Wants::File | Wants::FileOrFolder if !path.exists() => {
            Err(format!("There is no file {shown}."))
        }
        Wants::File if path.is_dir() => Err(format!(
            "{shown} is a folder: Tab lists what it holds; type a file in it."
        )),
        Wants::Save | Wants::New => {
            if names_folder || path.is_dir() {
                return Err(format!("{shown} is a folder: add a file name."));
            }
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if !parent.is_dir() {
                return Err(format!(
                    "There is no folder {}: the file must go in a folder that exists.",
                    parent.display()
                ));
            }
            if purpose.wants() == Wants::New && path.exists() {
                return Err(format!(
                    "{shown} already exists: use File > Open library… to open it."
                ));
            }
            Ok(path)
        }
        _ => Ok(path),
    }
}

/// The analyst's home folder, where the path field starts.
fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// A path typed with `~` for the home folder, expanded.
fn expand_home(typed: &str) -> PathBuf {
    if typed == "~" {
        if let Some(home) = home() {
            return home;
        }
    } else if let Some(rest) = typed
        .strip_prefix("~/")
        .or_else(|| typed.strip_prefix("~\\"))
        && let Some(home) = home()
    {
        return Path::new(&home).join(rest);
    }
    PathBuf::from(typed)
}

/// A folder's entries, folders first, each group by name; or why it cannot be read.
fn list_folder(folder: &Path) -> Result<Vec<Entry>, String> {
    let read =
        std::fs::read_dir(folder).map_err(|e| format!("Cannot list {}: {e}", folder.display()))?;
    let mut entries: Vec<Entry> = read
        .filter_map(Result::ok)
        .map(|e| Entry {
            name: e.file_name().to_string_lossy().into_owned(),
            // Follows links, so a link to a folder is one.
            is_folder: e.path().is_dir(),
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_folder
            .cmp(&a.is_folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt_in(dir: &Path, purpose: Purpose, typed: &str) -> PathPrompt {
        let mut prompt = PathPrompt::new(purpose, "no portal".into(), dir);
        prompt.text = dir.join(typed).to_string_lossy().into_owned();
        prompt
    }

    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    fn folder_with_articles() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("reports-march")).unwrap();
        std::fs::create_dir(dir.path().join("reports-may")).unwrap();
        std::fs::create_dir(dir.path().join(".cache")).unwrap();
        std::fs::write(dir.path().join("readme.txt"), "x").unwrap();
        dir
    }

    #[test]
    fn suggestions_list_the_folders_entries_that_start_with_what_is_typed() {
        let dir = folder_with_articles();
        let mut files = prompt_in(dir.path(), Purpose::ImportFiles, "re");
        assert_eq!(
            names(&files.suggestions().unwrap()),
            ["reports-march", "reports-may", "readme.txt"]
        );
        let mut folders = prompt_in(dir.path(), Purpose::ImportFolders, "");
        folders.text.push(std::path::MAIN_SEPARATOR);
        assert_eq!(
            names(&folders.suggestions().unwrap()),
            ["reports-march", "reports-may"],
            "only folders, and no hidden ones"
        );
    }

    #[test]
    fn tab_completes_as_far_as_the_entries_agree_then_into_the_one_folder() {
        let dir = folder_with_articles();
        let mut prompt = prompt_in(dir.path(), Purpose::ImportFolders, "rep");
        assert!(prompt.complete());
        assert!(prompt.text.ends_with("reports-ma"), "{}", prompt.text);
        prompt.text.push('r');
        assert!(prompt.complete());
        assert!(
            prompt
                .text
                .ends_with(&format!("reports-march{}", std::path::MAIN_SEPARATOR))
        );
        assert!(!prompt.complete(), "nothing in it to complete");
        assert_eq!(prompt.check().unwrap(), dir.path().join("reports-march"));
    }

    #[test]
    fn a_path_is_checked_against_what_it_is_for() {
        let dir = folder_with_articles();
        let at = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
        assert!(check(&Purpose::ImportFolders, &at("reports-may")).is_ok());
        let file = check(&Purpose::ImportFolders, &at("readme.txt")).unwrap_err();
        assert!(file.contains("not a folder"), "{file}");
        let missing = check(&Purpose::OpenLibrary, &at("nowhere.sqlite")).unwrap_err();
        assert!(missing.starts_with("There is no file"), "{missing}");
        let save = Purpose::SaveReport("r.html".into());
        assert!(check(&save, &at("r.html")).is_ok());
        assert!(check(&save, &at("reports-may")).is_err(), "a folder");
        let parent = check(&save, &at("gone/r.html")).unwrap_err();
        assert!(parent.starts_with("There is no folder"), "{parent}");
        let exists = check(&Purpose::NewLibrary, &at("readme.txt")).unwrap_err();
        assert!(exists.contains("already exists"), "{exists}");
        assert!(check(&Purpose::OpenLibrary, "").is_err());
    }

    /// Dialogs that cannot open, or that the analyst cancels.
    struct Scripted(Option<&'static str>);

    impl Dialogs for Scripted {
        fn pick_folders(&self) -> Option<Vec<PathBuf>> {
            None
        }
        fn pick_article_files(&self) -> Option<Vec<PathBuf>> {
            None
        }
        fn open_library(&self) -> Option<PathBuf> {
            None
        }
        fn new_library(&self) -> Option<PathBuf> {
            None
        }
        fn unavailable(&self) -> Option<String> {
            self.0.map(String::from)
        }
    }

    #[test]
    fn a_dialog_that_cannot_open_opens_the_path_field_and_a_cancelled_one_does_not() {
        let mut chooser = FileChooser::default();
        assert!(chooser.ask(&Scripted(None), Purpose::OpenLibrary).is_none());
        assert!(chooser.prompt.is_none(), "cancelled: nothing more");
        assert!(
            chooser
                .ask(&Scripted(Some("no portal")), Purpose::OpenLibrary)
                .is_none()
        );
        let prompt = chooser.prompt.take().unwrap();
        assert_eq!(prompt.why, "no portal");
        let command = chooser.answered(prompt.purpose, PathBuf::from("/x.sqlite"));
        assert!(matches!(command, Command::ChooseLibrary));
        assert_eq!(
            chooser.ask_one(&Scripted(Some("no portal")), Purpose::OpenLibrary),
            Some(PathBuf::from("/x.sqlite")),
            "the command asks again and takes the path the field gave"
        );
    }
}
