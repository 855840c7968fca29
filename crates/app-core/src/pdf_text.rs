//! Owns setting one line of text in an embedded font for the statement's PDF: each character's
//! glyph and advance read from the font's own tables (its character map and horizontal metrics),
//! and the line's width for right-aligned cells.
//!
//! There is no shaping engine (krilla's `simple-text` brings HarfBuzz's Rust port, about half a
//! megabyte of the release binary): the statement's texts are in Latin, Greek or Cyrillic
//! letters, which DejaVu draws one glyph per character. A character the font lacks is drawn as
//! its "missing glyph" box, as a shaper would.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;
use std::sync::Arc;

/// A font as krilla embeds it, and its bytes to read the tables from.
#[derive(Clone)]
pub struct Typeface {
    pub font: Font,
    bytes: Arc<Vec<u8>>,
}

impl Typeface {
    /// The font in `bytes` (a TrueType or OpenType file), or None when it cannot be read.
    pub fn new(bytes: Vec<u8>) -> Option<Typeface> {
        let bytes = Arc::new(bytes);
        skrifa::FontRef::new(&bytes).ok()?;
        let font = Font::new(krilla::Data::from(bytes.clone()), 0)?;
        Some(Typeface { font, bytes })
    }

    /// The glyphs of `text` in order, their advances in ems, each mapped to its character.
    pub fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        let Ok(face) = skrifa::FontRef::new(&self.bytes) else {
            return vec![];
        };
        let charmap = face.charmap();
        let metrics = face.glyph_metrics(Size::unscaled(), LocationRef::default());
        let per_em = f32::from(
            face.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        text.char_indices()
            .map(|(at, c)| {
                let glyph = charmap.map(c).unwrap_or_default();
                let advance = metrics.advance_width(glyph).unwrap_or_default();
                KrillaGlyph::new(
                    GlyphId::new(glyph.to_u32()),
                    advance / per_em,
                    0.0,
                    0.0,
                    0.0,
                    at..at + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }

    /// The width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.glyphs(text).iter().map(|g| g.x_advance * size).sum()
    }

    /// `text` broken into lines no wider than `width` at `size` points, at spaces (a word
    /// wider than the line keeps a line of its own). Runs of spaces become one.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines: Vec<String> = vec![];
        let mut line = String::new();
        for word in text.split_whitespace() {
            let longer = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&longer, size) > width {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = longer;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sans() -> Option<Typeface> {
        let bytes = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").ok()?;
        Typeface::new(bytes)
    }

    #[test]
    fn each_character_is_one_glyph_with_its_own_advance() {
        let sans = sans().expect("DejaVu Sans (fonts-dejavu-core, from scripts/install-deps.sh)");
        let glyphs = sans.glyphs("Ëç €1");
        assert_eq!(glyphs.len(), 5);
        assert!(
            glyphs.iter().all(|g| g.glyph_id.to_u32() != 0),
            "all in DejaVu"
        );
        // Byte ranges follow the UTF-8 text (Ë and ç take two bytes, € three).
        let ranges: Vec<_> = glyphs.iter().map(|g| g.text_range.clone()).collect();
        assert_eq!(ranges, vec![0..2, 2..4, 4..5, 5..8, 8..9]);
        // A space is narrower than a capital, and widths add up.
        assert!(glyphs[2].x_advance < glyphs[0].x_advance);
        let width = sans.width("Ëç €1", 10.0);
        let sum: f32 = glyphs.iter().map(|g| g.x_advance * 10.0).sum();
        assert!((width - sum).abs() < 1e-4 && width > 20.0 && width < 50.0);
    }

    #[test]
    fn a_character_the_font_lacks_is_its_missing_glyph() {
        let sans = sans().expect("DejaVu Sans");
        let glyphs = sans.glyphs("\u{4e2d}");
        assert_eq!(glyphs.len(), 1);
        assert_eq!(glyphs[0].glyph_id.to_u32(), 0);
    }

    #[test]
    fn a_paragraph_wraps_at_spaces_within_the_width() {
        let sans = sans().expect("DejaVu Sans");
        let text = "Në llogarinë demo@jitops.example nuk keni hyrë: shifrat e saj merren nga \
                    kopja e ruajtur në këtë kompjuter.";
        let lines = sans.wrap(text, 9.0, 150.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(
            lines.iter().all(|l| sans.width(l, 9.0) <= 150.0),
            "{lines:?}"
        );
        // Nothing lost or reordered: the words, one space apart.
        assert_eq!(
            lines.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        // A word wider than the line stands alone rather than being cut.
        let long = sans.wrap("a verylongwordthatcannotfit b", 9.0, 30.0);
        assert_eq!(long, vec!["a", "verylongwordthatcannotfit", "b"]);
        assert!(sans.wrap("  ", 9.0, 100.0).is_empty());
    }

    #[test]
    fn bytes_that_are_no_font_are_refused() {
        assert!(Typeface::new(b"not a font".to_vec()).is_none());
    }
}
