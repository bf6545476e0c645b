//! The floor of issue 6: walk a folder, parse every `*.toml` into a `toml::Table` in parallel,
//! and print how many parsed. goalc's timings are compared with this program's.

use rayon::prelude::*;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let parsed = files
        .par_iter()
        .filter(|p| {
            std::fs::read_to_string(p)
                .ok()
                .and_then(|t| t.parse::<toml::Table>().ok())
                .is_some()
        })
        .count();
    println!("{parsed} of {} files parsed", files.len());
}
