//! Property tests: the progress arithmetic and forecasts over any numbers, and the resolver over
//! any file order.

use goalc::base::date::Date;
use goalc::check::{Checked, check_in_memory};
use goalc::report::{self, Filters};
use goalc::settings::Config;
use proptest::prelude::*;
use serde_json::Value;

fn as_of() -> Date {
    Date::from_ymd(2026, 6, 15).unwrap()
}

fn check(files: Vec<(String, String)>) -> Checked {
    let files = files
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect();
    check_in_memory(files, Config::default(), as_of())
}

/// A plan with one goal and one metric; check-ins as (day of 2026, value).
fn plan(baseline: f64, target: f64, checkins: &[(u32, f64)]) -> String {
    let checkins: Vec<String> = checkins
        .iter()
        .map(|(day, value)| {
            let d = Date::from_ymd(2026, 1, 1).unwrap().add_days(*day as i32);
            format!("{{ date = {d}, value = {value:e} }}")
        })
        .collect();
    format!(
        "[plan]\ntitle = \"p\"\nowner = \"o\"\nstart = 2026-01-01\nend = 2026-12-31\n\n\
         [goals.g]\ntitle = \"t\"\nowner = \"o\"\ndue = 2026-12-31\n\
         [goals.g.metrics.m]\nunit = \"count\"\nbaseline = {baseline:e}\ntarget = {target:e}\n\
         checkins = [{}]\n",
        checkins.join(", ")
    )
}

/// The report's data for one plan, as JSON (serialisation refuses NaN and infinity).
fn report_of(text: String) -> Value {
    let checked = check(vec![("a.plan.toml".into(), text)]);
    let filters = Filters::default();
    let data = report::build(&checked, &filters);
    serde_json::to_value(&data).expect("the report serialises")
}

fn share(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6..1e6f64,
        -1e300..1e300f64,
        Just(0.0),
        Just(-0.0),
        Just(f64::MIN_POSITIVE),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn progress_is_a_share_and_never_nan(
        baseline in finite(),
        target in finite(),
        checkins in prop::collection::vec((0u32..365, finite()), 0..6),
    ) {
        let r = report_of(plan(baseline, target, &checkins));
        let goal = &r["goals"][0];
        let metric = &goal["metrics"][0];
        for v in [&goal["progress"], &metric["progress"], &goal["expected"], &goal["cascade"]] {
            if let Some(p) = share(v) {
                prop_assert!((0.0..=1.0).contains(&p), "{v} not in 0..=1");
            }
        }
        for v in [&goal["progress_raw"], &goal["forecast"], &metric["forecast"]["value"], &metric["forecast"]["progress"]] {
            if let Some(x) = share(v) {
                prop_assert!(x.is_finite());
            }
        }
        // progress is known exactly when there is a check-in by the as-of date and a change
        let counted = checkins.iter().any(|(day, _)| *day <= 165);
        if baseline != target && counted && (target - baseline).is_finite() {
            prop_assert!(metric["current"].is_number());
        }
    }

    #[test]
    fn progress_grows_with_the_value_in_the_metric_s_direction(
        baseline in -1e6..1e6f64,
        change in prop_oneof![1e-3..1e6f64, -1e6..-1e-3f64],
        a in -2e6..2e6f64,
        b in -2e6..2e6f64,
    ) {
        let target = baseline + change;
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let at = |v: f64| {
            let r = report_of(plan(baseline, target, &[(30, v)]));
            share(&r["goals"][0]["metrics"][0]["progress"]).expect("known progress")
        };
        let (p_low, p_high) = (at(low), at(high));
        if change > 0.0 {
            prop_assert!(p_high >= p_low, "increase: {p_low} at {low}, {p_high} at {high}");
        } else {
            prop_assert!(p_low >= p_high, "decrease: {p_low} at {low}, {p_high} at {high}");
        }
        // and equals the clamped share of the planned change
        let expected = ((high - baseline) / (target - baseline)).clamp(0.0, 1.0);
        prop_assert!((p_high - expected).abs() < 1e-9);
    }

    #[test]
    fn any_file_order_gives_the_same_findings(
        parents in prop::collection::vec(prop::option::of(0usize..14), 12),
        order in Just((0..4).collect::<Vec<usize>>()).prop_shuffle(),
    ) {
        // 12 goals over 4 files; a parent index of 12 or 13 names a goal that does not exist
        let mut files = vec![String::new(); 4];
        for (i, f) in files.iter_mut().enumerate() {
            f.push_str(&format!(
                "[plan]\ntitle = \"p{i}\"\nowner = \"o\"\nstart = 2026-01-01\nend = 2026-12-31\n\n"
            ));
        }
        for (g, parent) in parents.iter().enumerate() {
            let f = &mut files[g % 4];
            f.push_str(&format!("[goals.g{g}]\ntitle = \"goal {g}\"\nowner = \"o\"\n"));
            if let Some(p) = parent {
                f.push_str(&format!("aligns_to = \"g{p}\"\n"));
            }
        }
        let named: Vec<(String, String)> = files
            .into_iter()
            .enumerate()
            .map(|(i, text)| (format!("f{i}.plan.toml"), text))
            .collect();
        let findings = |checked: &Checked| {
            let mut out: Vec<String> = checked
                .diagnostics
                .iter()
                .map(|d| {
                    let file = checked.workspace.file(d.file);
                    let related: Vec<String> = d
                        .related
                        .iter()
                        .map(|l| format!("{}@{}", checked.workspace.file(l.file).name, l.span.start))
                        .collect();
                    format!("{} {}@{} {} {:?}", d.rule, file.name, d.span.start, d.message, related)
                })
                .collect();
            out.sort();
            out
        };
        let straight = check(named.clone());
        let shuffled = check(order.iter().map(|&i| named[i].clone()).collect());
        prop_assert_eq!(findings(&straight), findings(&shuffled));
    }
}
