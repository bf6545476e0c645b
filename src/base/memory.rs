//! How large a plan file this machine can check: the largest `max_file_bytes` goalc accepts.
//!
//! A plan is read whole and checked in memory. On one large file the peak resident memory of
//! `goalc check` was measured at 29–32 times the file's size (a 3.8 MB, 15 MB and 61 MB plan of
//! goals with a metric each, every goal with findings, JSON and human output; the README's
//! robustness section gives the commands), and about 35 times on a 50 MB plan of another shape.
//! [`PEAK_PER_BYTE`] rounds that up, so a limit this module allows fits in memory.

/// Peak bytes of memory per byte of the largest plan file, measured and rounded up.
pub const PEAK_PER_BYTE: u64 = 36;

/// The limit's ceiling where the machine's memory is unknown, and above any machine's: at 1 GiB
/// a single file needs ~36 GiB.
pub const CEILING: u64 = 1 << 30;

/// The largest `max_file_bytes` that fits in `total` bytes of memory.
pub fn max_file_bytes_for(total: Option<u64>) -> u64 {
    total.map_or(CEILING, |t| (t / PEAK_PER_BYTE).clamp(1, CEILING))
}

/// This machine's memory in bytes, from `/proc/meminfo` (`MemTotal`); `None` elsewhere.
pub fn total() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    mem_total(&info)
}

fn mem_total(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let mut words = line.split_whitespace().skip(1);
    let n: u64 = words.next()?.parse().ok()?;
    match words.next() {
        Some("kB") => n.checked_mul(1024),
        None => Some(n),
        Some(_) => None,
    }
}

/// Bytes in a short human form (`24.0 GiB`, `683.0 MiB`).
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    match UNITS.get(unit) {
        Some(&"bytes") | None => format!("{bytes} bytes"),
        Some(u) => format!("{value:.1} {u}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_mem_total_in_kilobytes() {
        let info = "MemTotal:       24592316 kB\nMemFree:        1000 kB\n";
        assert_eq!(mem_total(info), Some(24592316 * 1024));
        assert_eq!(mem_total("MemFree: 1 kB\n"), None);
        assert_eq!(mem_total("MemTotal: lots kB\n"), None);
        assert_eq!(mem_total("MemTotal: 5 MB\n"), None);
    }

    #[test]
    fn the_limit_is_memory_over_the_peak_per_byte() {
        let gib = 1u64 << 30;
        assert_eq!(max_file_bytes_for(Some(24 * gib)), 24 * gib / 36);
        assert_eq!(max_file_bytes_for(Some(64 * gib)), CEILING);
        assert_eq!(max_file_bytes_for(None), CEILING);
        assert_eq!(max_file_bytes_for(Some(0)), 1);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human(512), "512 bytes");
        assert_eq!(human(24 << 30), "24.0 GiB");
        assert_eq!(human(716 << 20), "716.0 MiB");
    }
}
