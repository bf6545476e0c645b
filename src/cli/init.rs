//! `goalc init`: create a starter workspace.

use super::Global;
use crate::base::date::Date;
use crate::load::discover::display_name;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(super) struct Args {
    /// Where to create it [default: .]
    dir: Option<PathBuf>,
}

pub(super) fn run(args: Args, global: &Global, cwd: &Path) -> Result<u8, String> {
    let dir = cwd.join(args.dir.unwrap_or_else(|| PathBuf::from(".")));
    let today = global.as_of.unwrap_or_else(Date::today);
    let written = crate::init::init(&dir, today)?;
    if !global.quiet {
        for path in written {
            println!("created {}", display_name(&path, cwd));
        }
        println!("next: run `goalc check` in {}", display_name(&dir, cwd));
    }
    Ok(0)
}
