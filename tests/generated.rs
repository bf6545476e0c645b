//! Generated artefacts stay current: the README's rule table and docs/rules.md come from the
//! registry, and the JSON Schemas in schema/ from `goalc::model::schema`. Run with `GOALC_BLESS=1` to
//! regenerate them.

use std::path::Path;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn check_or_bless(path: &Path, expected: &str) {
    let current = std::fs::read_to_string(path).unwrap_or_default();
    if current == expected {
        return;
    }
    if std::env::var_os("GOALC_BLESS").is_some() {
        std::fs::write(path, expected).unwrap();
    } else {
        panic!(
            "{} is out of date; run `GOALC_BLESS=1 cargo test --test generated`",
            path.display()
        );
    }
}

#[test]
fn readme_rule_table_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the {START:?} .. {END:?} markers");
    };
    let expected = format!(
        "{}{START}{}{}",
        &readme[..start],
        goalc::rules::markdown_table(),
        &readme[end..]
    );
    check_or_bless(&path, &expected);
}

#[test]
fn rule_docs_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    check_or_bless(&path, &goalc::rules::markdown_docs());
}

#[test]
fn json_schemas_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    for (progress, name) in [
        (false, "goalc.plan.schema.json"),
        (true, "goalc.progress.schema.json"),
    ] {
        let mut text =
            serde_json::to_string_pretty(&goalc::model::schema::json_schema(progress)).unwrap();
        text.push('\n');
        check_or_bless(&root.join(name), &text);
    }
    let mut text =
        serde_json::to_string_pretty(&goalc::rules::config_schema::json_schema()).unwrap();
    text.push('\n');
    check_or_bless(&root.join("goalc.config.schema.json"), &text);
}
