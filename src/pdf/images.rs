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

/// Every image placed on `pages`, each file once in order of first placement, with its
/// resource name and object number (allocated now, written by [`write_all`]).
pub(super) fn plan<'p>(
    ids: &mut Ids,
    pages: &'p [Page],
) -> (BTreeMap<PathBuf, EmbeddedImage>, Vec<&'p Image>) {
    let mut out = BTreeMap::new();
    let mut order = Vec::new();
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
        out.insert(image.path.clone(), e);
        order.push(image.as_ref());
    }
    (out, order)
}

/// Writes the images of [`plan`], in its order.
pub(super) fn write_all(
    pdf: &mut Pdf,
    (planned, order): (&BTreeMap<PathBuf, EmbeddedImage>, &[&Image]),
    digest: &mut Fnv,
) {
    for image in order {
        write(pdf, planned[&image.path].id, image);
        // The file id changes with the photo, not only with the layout.
        match &image.data {
            ImageData::Jpeg { bytes, .. } | ImageData::Pixels(bytes) => digest.write(bytes),
        }
    }
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
