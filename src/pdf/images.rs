//! Photos as image XObjects: JPEG passed through (`DCTDecode`), decoded PNG samples deflated.
//! Each file is embedded once however often it is placed.

use super::{Fnv, Ids, deflate};
use crate::display::{Item, Page};
use crate::model::{Image, ImageColor, ImageData};
use pdf_writer::{Filter, Name, Pdf, Ref};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// An embedded image: its resource name and object.
pub(super) struct EmbeddedImage {
    /// Resource name (`/Im1`).
    pub resource: String,
    /// The XObject.
    pub id: Ref,
}

/// Embeds every image placed on `pages`, keyed by file.
pub(super) fn embed(
    pdf: &mut Pdf,
    ids: &mut Ids,
    pages: &[Page],
    digest: &mut Fnv,
) -> BTreeMap<PathBuf, EmbeddedImage> {
    let mut out = BTreeMap::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        let Item::Image { image, .. } = item else {
            continue;
        };
        if out.contains_key(&image.path) {
            continue;
        }
        let e = EmbeddedImage {
            resource: format!("Im{}", out.len() + 1),
            id: ids.next(),
        };
        write(pdf, e.id, image);
        // The file id changes with the photo, not only with the layout.
        match &image.data {
            ImageData::Jpeg { bytes, .. } | ImageData::Pixels(bytes) => digest.write(bytes),
        }
        out.insert(image.path.clone(), e);
    }
    out
}

fn write(pdf: &mut Pdf, id: Ref, img: &Image) {
    let packed;
    let (bytes, filter) = match &img.data {
        ImageData::Jpeg { bytes, .. } => (bytes.as_slice(), Filter::DctDecode),
        ImageData::Pixels(px) => {
            packed = deflate(px);
            (packed.as_slice(), Filter::FlateDecode)
        }
    };
    let mut x = pdf.image_xobject(id, bytes);
    x.filter(filter);
    x.width(img.width as i32).height(img.height as i32);
    x.bits_per_component(8);
    match img.color {
        ImageColor::Gray => x.color_space().device_gray(),
        ImageColor::Rgb => x.color_space().device_rgb(),
        ImageColor::Cmyk => x.color_space().device_cmyk(),
    }
    if let ImageData::Jpeg { inverted: true, .. } = img.data {
        x.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
    }
}

/// The resource name of an image.
pub(super) fn name<'a>(images: &'a BTreeMap<PathBuf, EmbeddedImage>, img: &Image) -> Name<'a> {
    Name(images[&img.path].resource.as_bytes())
}
