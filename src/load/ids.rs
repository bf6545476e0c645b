//! Ids that look like other ids: invisible characters in a table key.

use crate::base::span::Span;
use crate::load::decode::Decoder;

/// Reports (and refuses) an id holding a character that renders as nothing or steers the text
/// around it: format characters (Unicode's Cf: zero-width spaces and joiners, bidi controls,
/// the word joiner, the byte-order mark, the soft hyphen, tag characters), the Hangul fillers
/// and every other default-ignorable code point. `ab` and `a\u{200b}b` would be two goals that
/// look the same in every editor, review and report. True if `name` was refused.
pub(super) fn refuse_invisible(dec: &mut Decoder, name: &str, span: Span, what: &str) -> bool {
    // Unicode 16's Default_Ignorable_Code_Point, with the Cf characters outside it (Arabic and
    // Syriac number signs, interlinear annotation, Egyptian and Kaithi format controls).
    const INVISIBLE: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),
        (0x034F, 0x034F),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x115F, 0x1160),
        (0x17B4, 0x17B5),
        (0x180B, 0x180F),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x206F),
        (0x3164, 0x3164),
        (0xFE00, 0xFE0F),
        (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0),
        (0xFFF0, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1345F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0000, 0xE0FFF),
    ];
    let invisible = |c: char| {
        INVISIBLE
            .iter()
            .any(|&(lo, hi)| (lo..=hi).contains(&u32::from(c)))
    };
    let Some(c) = name.chars().find(|&c| invisible(c)) else {
        return false;
    };
    // Escaped one by one: `escape_debug` leaves some of them (the Hangul fillers) as they are.
    let shown: String = name
        .chars()
        .map(|c| match invisible(c) {
            true => format!("\\u{{{:x}}}", u32::from(c)),
            false => c.escape_debug().to_string(),
        })
        .collect();
    let d = dec.error(
        span,
        format!(
            "{what} id `{shown}` holds an invisible character U+{:04X}",
            u32::from(c)
        ),
    );
    d.label = Some(format!("U+{:04X} here", u32::from(c)));
    d.help = Some(format!(
        "delete the character: an id with it looks the same as the {what} id without it"
    ));
    true
}
