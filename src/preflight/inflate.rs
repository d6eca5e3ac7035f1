//! Stream data read under a budget: a PDF is untrusted input, and 18 MB of deflate can inflate
//! to 4 GiB (a decompression bomb). Each stream may inflate to `CheckLimits::stream_bytes`
//! (256 MB), a whole file to `total_bytes` (1 GB); past that the stream is not read and the
//! preflight says so, instead of the process aborting on a failed allocation.

use super::Ctx;
use lopdf::{Object, ObjectId, Stream};

/// How much larger than its data a stream in another filter than Flate may become (LZW's
/// worst case is below this), for the budget.
const OTHER_RATIO: usize = 4096;

/// Why a stream was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unread {
    /// It would inflate past the limit left (bytes).
    TooBig(usize),
    /// Its data does not decode.
    Broken,
}

impl Unread {
    /// The finding's text.
    pub(super) fn message(self, what: &str) -> String {
        match self {
            Unread::TooBig(limit) => format!(
                "{what} inflates past {:.1} MB (a decompression bomb?); it was not read, so its colours and fonts are unchecked",
                limit as f64 / 1048576.0
            ),
            Unread::Broken => format!("{what} does not decode; it was not read"),
        }
    }
}

/// The decoded data of `stream`, charged to the file's budget.
pub(super) fn decoded(ctx: &Ctx, stream: &Stream) -> Result<Vec<u8>, Unread> {
    let (stream_bytes, total) = (ctx.limits.stream_bytes, ctx.limits.total_bytes);
    let limit = stream_bytes.min(total.saturating_sub(ctx.inflated.get()));
    let data = decoded_within(stream, limit)?;
    ctx.inflated.set(ctx.inflated.get() + data.len());
    Ok(data)
}

/// The decoded data of `stream` if it is at most `limit` bytes.
pub(super) fn decoded_within(stream: &Stream, limit: usize) -> Result<Vec<u8>, Unread> {
    let filters = stream.filters().unwrap_or_default();
    let predicted = stream.dict.get(b"DecodeParms").is_ok();
    let data = match filters.as_slice() {
        [] => stream.content.clone(),
        [f] if *f == b"FlateDecode" => {
            let inflated =
                miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&stream.content, limit)
                    .map_err(|e| match e.status {
                        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => Unread::TooBig(limit),
                        _ => Unread::Broken,
                    })?;
            if predicted {
                // Within the limit inflated; a PNG predictor only undoes row filters.
                stream.decompressed_content().map_err(|_| Unread::Broken)?
            } else {
                inflated
            }
        }
        _ if stream.content.len().saturating_mul(OTHER_RATIO) > limit => {
            return Err(Unread::TooBig(limit));
        }
        _ => stream.decompressed_content().map_err(|_| Unread::Broken)?,
    };
    if data.len() > limit {
        return Err(Unread::TooBig(limit));
    }
    Ok(data)
}

/// The content of page `id`: its content streams decoded and joined, or why one was not read.
pub(super) fn page_content(ctx: &Ctx, id: ObjectId) -> Result<Vec<u8>, Unread> {
    let page = ctx.doc.get_dictionary(id).map_err(|_| Unread::Broken)?;
    let parts: Vec<&Object> = match ctx.get(page, b"Contents") {
        None => return Ok(Vec::new()),
        Some(Object::Array(a)) => a.iter().collect(),
        Some(o) => vec![o],
    };
    let mut out = Vec::new();
    for part in parts {
        let (_, obj) = ctx.resolve(part);
        let stream = obj.as_stream().map_err(|_| Unread::Broken)?;
        out.extend(decoded(ctx, stream)?);
        out.push(b'\n');
    }
    Ok(out)
}
