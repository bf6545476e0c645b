//! Turns fuzzer bytes into a small workspace: files separated by 0xFF bytes (which UTF-8 text
//! never contains), named as plans and progress files in turn.

use goalc::check::{Checked, check_in_memory};
use goalc::config::Config;
use goalc::date::Date;

pub fn workspace(data: &[u8]) -> Checked {
    let names = ["org.plan.toml", "team.plan.toml", "q1.progress.toml", "me.plan.toml"];
    let files = data
        .split(|b| *b == 0xff)
        .take(names.len())
        .zip(names)
        .map(|(bytes, name)| (name.to_string(), bytes.to_vec()))
        .collect();
    let as_of = Date::from_ymd(2026, 6, 15).unwrap_or_else(Date::today);
    check_in_memory(files, Config::default(), as_of)
}
