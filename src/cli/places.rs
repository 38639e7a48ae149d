//! The library's own additions to the gazetteer of place names: `place add` gives a place other
//! names, which linking and comparison then recognise, and `place list` shows them.

use triangulate_core::library::Library;

use super::Outcome;
use super::args::PlaceAction;
use super::common::print_json;

/// `triangulate place add|list`.
pub(super) fn place(mut library: Library, action: PlaceAction) -> anyhow::Result<Outcome> {
    match action {
        PlaceAction::Add { name, also } => {
            let gazetteer =
                triangulate_core::analysis::Gazetteer::with_additions(&library.place_names()?);
            let shown = gazetteer.canonical(&name).unwrap_or(&name).to_string();
            let added = library.add_place_names(&shown, &also)?;
            println!(
                "{shown}: {added} names added. Run `triangulate link --rebuild` to link existing articles with them."
            );
        }
        PlaceAction::List { json } => {
            let names = library.place_names()?;
            if json {
                print_json(&names)?;
            } else {
                for (place, name) in names {
                    println!("{place}\t{name}");
                }
            }
        }
    }
    Ok(Outcome::Exit(0))
}
