//! Decoding a progress file's tree into the raw [`ProgressDoc`](crate::model::ProgressDoc).

use super::plan::decode_checkin;
use crate::load::decode::{Decoder, span_of};
use crate::model::{ProgressDoc, schema};
use toml::de::DeTable;

pub(super) fn decode_progress(dec: &mut Decoder, root: &DeTable<'_>) -> ProgressDoc {
    let mut doc = ProgressDoc::default();
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "$schema" => {
                dec.string("$schema", value);
            }
            "checkin" => {
                if let Some(items) = dec.tables("checkin", value) {
                    doc.checkins = items
                        .into_iter()
                        .map(|(span, t)| decode_checkin(dec, span, t, true))
                        .collect();
                }
            }
            "plan" | "goals" | "people" => {
                let d = dec.error(span_of(key), "progress files hold check-ins only");
                d.label = Some("plan content in a progress file".into());
                d.help = Some("move it to a `*.plan.toml` file".into());
            }
            _ => dec.unknown_field(
                key,
                "a progress file",
                &schema::names(schema::PROGRESS_FILE),
            ),
        }
    }
    doc
}
