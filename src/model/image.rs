//! Photos: JPEG files are kept as they are (the PDF carries them DCT-compressed, so nothing is
//! lost or re-encoded) and only their frame header is read; PNG files are decoded to 8-bit
//! grey or RGB samples, with any transparency flattened onto white paper (PDF/X-1a allows no
//! soft masks).

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The colour space of an image's samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageColor {
    /// One channel: grey (prints on the black plate).
    Gray,
    /// Three channels: RGB (proofs only; print output refuses it).
    Rgb,
    /// Four channels: CMYK.
    Cmyk,
}

impl ImageColor {
    /// Channels per pixel.
    pub fn channels(self) -> usize {
        match self {
            ImageColor::Gray => 1,
            ImageColor::Rgb => 3,
            ImageColor::Cmyk => 4,
        }
    }
}

/// How the samples are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageData {
    /// A JPEG file, passed through. `inverted`: an Adobe CMYK JPEG, whose samples are stored
    /// inverted (the PDF then needs `/Decode [1 0 1 0 1 0 1 0]`).
    Jpeg {
        /// The file's bytes.
        bytes: Vec<u8>,
        /// Adobe-inverted CMYK samples.
        inverted: bool,
    },
    /// Raw 8-bit samples, row by row.
    Pixels(Vec<u8>),
}

/// A loaded photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The file it came from.
    pub path: PathBuf,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Colour space of the samples.
    pub color: ImageColor,
    /// The samples.
    pub data: ImageData,
}

/// Reads a JPEG or PNG photo.
pub(crate) fn load_image(sources: &super::Sources, path: &Path) -> Result<Image> {
    let bytes = sources.read(path)?.into_owned();
    let bad = |why: String| Error::invalid(path, format!("{why}; give a JPEG or PNG photo"));
    if bytes.starts_with(&[0xff, 0xd8]) {
        let h = jpeg_header(&bytes).ok_or_else(|| bad("not a readable JPEG".into()))?;
        if !jpeg_whole(&bytes) {
            return Err(bad(
                "the JPEG ends before its image does (no end-of-image marker after its scan): the file is cut short; copy it again".into(),
            ));
        }
        let color = match h.components {
            1 => ImageColor::Gray,
            3 => ImageColor::Rgb,
            4 => ImageColor::Cmyk,
            n => return Err(bad(format!("a JPEG with {n} colour components"))),
        };
        Ok(Image {
            path: path.to_path_buf(),
            width: h.width,
            height: h.height,
            color,
            data: ImageData::Jpeg {
                inverted: color == ImageColor::Cmyk && h.adobe,
                bytes,
            },
        })
    } else if bytes.starts_with(b"\x89PNG") {
        decode_png(path, &bytes).map_err(|e| bad(format!("not a readable PNG ({e})")))
    } else {
        Err(bad("neither a JPEG nor a PNG file".into()))
    }
}

/// Whether a JPEG holds a whole image: a scan (SOS) and, after it, the end-of-image marker.
/// In the scan's data 0xFF is always followed by 0x00 or a restart marker, so an `FF D9` after
/// the first scan is the image's end; a thumbnail's own end (in APP1) comes before the scan.
fn jpeg_whole(b: &[u8]) -> bool {
    let scan = b.windows(2).position(|w| w == [0xff, 0xda]);
    let end = b.windows(2).rposition(|w| w == [0xff, 0xd9]);
    matches!((scan, end), (Some(s), Some(e)) if e > s)
}

/// What the JPEG frame header says.
struct JpegHeader {
    width: u32,
    height: u32,
    components: u8,
    /// An Adobe APP14 marker (CMYK samples stored inverted by Adobe's encoders).
    adobe: bool,
}

/// Walks the JPEG markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC).
fn jpeg_header(b: &[u8]) -> Option<JpegHeader> {
    let mut i = 2;
    let mut adobe = false;
    while i + 4 <= b.len() {
        if b[i] != 0xff {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xff {
            i += 1; // fill byte
            continue;
        }
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        let seg = b.get(i + 4..i + 2 + len)?;
        match marker {
            0xee if seg.starts_with(b"Adobe") => adobe = true,
            0xc0..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => {
                let height = u16::from_be_bytes([*seg.get(1)?, *seg.get(2)?]) as u32;
                let width = u16::from_be_bytes([*seg.get(3)?, *seg.get(4)?]) as u32;
                let components = *seg.get(5)?;
                return (width > 0 && height > 0).then_some(JpegHeader {
                    width,
                    height,
                    components,
                    adobe,
                });
            }
            0xda | 0xd9 => return None, // scan or end before any frame
            _ => {}
        }
        i += 2 + len;
    }
    None
}

/// Decodes a PNG to 8-bit grey or RGB; alpha is flattened onto white.
fn decode_png(path: &Path, bytes: &[u8]) -> std::result::Result<Image, String> {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "image too large".to_string())?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let (color, pixels) = match info.color_type {
        png::ColorType::Grayscale => (ImageColor::Gray, buf),
        png::ColorType::Rgb => (ImageColor::Rgb, buf),
        png::ColorType::GrayscaleAlpha => (ImageColor::Gray, flatten(&buf, 1)),
        png::ColorType::Rgba => (ImageColor::Rgb, flatten(&buf, 3)),
        png::ColorType::Indexed => return Err("palette not expanded".into()),
    };
    Ok(Image {
        path: path.to_path_buf(),
        width: info.width,
        height: info.height,
        color,
        data: ImageData::Pixels(pixels),
    })
}

/// Composites `channels` + alpha samples onto white paper.
fn flatten(samples: &[u8], channels: usize) -> Vec<u8> {
    samples
        .chunks_exact(channels + 1)
        .flat_map(|px| {
            let a = px[channels] as u32;
            px[..channels]
                .iter()
                .map(move |&c| ((c as u32 * a + 255 * (255 - a) + 127) / 255) as u8)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha_flattens_onto_white() {
        assert_eq!(flatten(&[0, 255, 0, 0, 100, 128], 1), [0, 255, 177]);
    }

    #[test]
    fn jpeg_frame_header_is_found_after_other_segments() {
        // SOI, APP14 "Adobe", SOF0 of a 3×2 CMYK image, EOI.
        let mut b = vec![0xff, 0xd8, 0xff, 0xee, 0x00, 0x07];
        b.extend_from_slice(b"Adobe");
        b.extend_from_slice(&[0xff, 0xc0, 0x00, 0x0b, 8, 0, 2, 0, 3, 4, 0, 0, 0]);
        b.extend_from_slice(&[0xff, 0xd9]);
        let h = jpeg_header(&b).unwrap();
        assert_eq!((h.width, h.height, h.components, h.adobe), (3, 2, 4, true));
        assert!(jpeg_header(&[0xff, 0xd8, 0xff, 0xd9]).is_none());
    }

    #[test]
    fn a_jpeg_is_whole_only_with_its_end_after_its_scan() {
        let scan = [0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x12, 0xff, 0x00, 0x34];
        assert!(!jpeg_whole(&scan), "cut short");
        assert!(jpeg_whole(&[&scan[..], &[0xff, 0xd9]].concat()));
        // A thumbnail's end before the scan does not count.
        assert!(!jpeg_whole(&[0xff, 0xd8, 0xff, 0xd9, 0xff, 0xda, 0x00]));
    }
}
