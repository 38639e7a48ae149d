//! The sample library: articles written for this project about invented outlets and incidents,
//! compiled into the binary so that a first run has content in every view wherever the program
//! was installed from.

use std::path::PathBuf;

use include_dir::{Dir, include_dir};

use crate::error::Result;
use crate::import::{self, ImportOptions, ImportReport, Origin, SourceFile};
use crate::jobs::Progress;
use crate::library::{Library, world};

static SAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../assets/sample");

/// The folder of the sample that holds its invented world rather than articles
/// (`library::world`).
const WORLD_FOLDER: &str = "world";

/// The sample's articles as files to import, with their folders' outlet sidecars applied.
/// Files at the top of the sample folder (its README and manifest) are not articles.
pub fn sample_files() -> Vec<SourceFile> {
    let mut files = Vec::new();
    for dir in SAMPLE
        .dirs()
        .filter(|d| d.path().file_name() != Some(std::ffi::OsStr::new(WORLD_FOLDER)))
    {
        collect(dir, None, &mut files);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect(dir: &'static Dir<'static>, inherited: Option<String>, out: &mut Vec<SourceFile>) {
    let sidecar = import::SIDECARS
        .iter()
        .find_map(|name| {
            let file = dir.get_file(dir.path().join(name))?;
            import::outlet_from_sidecar(name, file.contents())
        })
        .or(inherited);
    let folder = dir
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    for file in dir.files() {
        let name = file
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        if name
            .as_deref()
            .is_some_and(|n| import::SIDECARS.contains(&n))
        {
            continue;
        }
        out.push(SourceFile {
            path: PathBuf::from("sample").join(file.path()),
            origin: Origin::Memory(file.contents()),
            sidecar_outlet: sidecar.clone(),
            folder: folder.clone(),
            site_line: None,
        });
    }
    for sub in dir.dirs() {
        collect(sub, sidecar.clone(), out);
    }
}

/// Imports the sample articles into `library`, with the sample's invented world ([`add_world`]).
pub fn load_sample(library: &mut Library, progress: &Progress) -> Result<ImportReport> {
    let report = import::import_sources(
        library,
        &[world::SAMPLE_ROOT.to_string()],
        sample_files(),
        Vec::new(),
        &ImportOptions::default(),
        progress,
    )?;
    add_world(library)?;
    Ok(report)
}

/// Gives a library made from the sample the sample's invented world: its lexicon becomes the
/// shipped one with the invented actors and sources added (unless the analyst already edited
/// it), and the invented places become its own place names. Nothing else ever gets them.
pub fn add_world(library: &mut Library) -> Result<()> {
    if library.lexicon_text()?.is_none() {
        library.set_lexicon_text(Some(&world::world_lexicon()), world::WORLD_EDITOR)?;
    }
    for (place, names) in crate::analysis::gazetteer::entries(world::WORLD_GAZETTEER)? {
        library.add_place_names(&place, &names)?;
    }
    Ok(())
}

/// Opens the library at `path`; when it did not exist yet, creates it with the sample articles.
pub fn open_or_create_with_sample(path: &std::path::Path) -> Result<Library> {
    let existed = path.exists();
    let mut library = Library::open(path)?;
    if !existed {
        load_sample(&mut library, &Progress::new())?;
    }
    Ok(library)
}
