//! What makes a file PDF/X: the output intent (registered newsprint condition, optionally with
//! an embedded ICC profile), the Info keys and, for PDF/X-4, the XMP packet (ISO 15930-4/-7).

use super::{Intent, PdfOptions};
use pdf_writer::writers::Catalog;
use pdf_writer::{Date, Name, Pdf, Ref, TextStr};

/// The newsprint conditions whose names we can describe in the output intent.
fn describe(condition: &str) -> &'static str {
    match condition {
        "IFRA26" => "Newsprint, ISO 12647-3 coldset offset (IFRA26)",
        "IFRA30" => "Improved newsprint, ISO 12647-3 (IFRA30)",
        _ => "Output condition named by the template",
    }
}

/// The catalog's one `/GTS_PDFX` output intent.
pub(super) fn output_intent(catalog: &mut Catalog, opts: &PdfOptions, profile: Option<Ref>) {
    let mut intents = catalog.output_intents();
    let mut oi = intents.push();
    oi.subtype(pdf_writer::types::OutputIntentSubtype::PDFX)
        .output_condition(TextStr(describe(&opts.output_condition)))
        .output_condition_identifier(TextStr(&opts.output_condition))
        .registry_name(TextStr("http://www.color.org"))
        .info(TextStr(describe(&opts.output_condition)));
    if let Some(p) = profile {
        oi.dest_output_profile(p);
    }
}

/// The output profile stream (4 components: CMYK).
pub(super) fn write_profile(pdf: &mut Pdf, id: Ref, icc: &[u8]) {
    let packed = super::deflate(icc);
    pdf.icc_profile(id, &packed)
        .n(4)
        .filter(pdf_writer::Filter::FlateDecode);
}

/// The Info dictionary: title, producer, edition dates, trapping, and the PDF/X version keys.
pub(super) fn info(pdf: &mut Pdf, id: Ref, opts: &PdfOptions) {
    let (y, m, d) = opts.date;
    let date = Date::new(y)
        .month(m)
        .day(d)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    let mut info = pdf.document_info(id);
    info.title(TextStr(&opts.title))
        .producer(TextStr(producer()))
        .creation_date(date)
        .modified_date(date)
        .trapped(pdf_writer::types::TrappingStatus::NotTrapped);
    match opts.intent {
        Intent::PdfX1a => {
            info.pair(Name(b"GTS_PDFXVersion"), TextStr("PDF/X-1:2003"));
            info.pair(Name(b"GTS_PDFXConformance"), TextStr("PDF/X-1a:2003"));
        }
        Intent::PdfX4 => {
            info.pair(Name(b"GTS_PDFXVersion"), TextStr("PDF/X-4"));
        }
        Intent::Proof => {
            info.subject(TextStr("Proof (校样), not for the plate"));
        }
    }
}

fn producer() -> &'static str {
    concat!("baoban ", env!("CARGO_PKG_VERSION"))
}

/// The XMP packet of a PDF/X-4 file; its dates and ids agree with Info and the trailer.
pub(super) fn xmp(opts: &PdfOptions, id: u128) -> String {
    let (y, m, d) = opts.date;
    let date = format!("{y:04}-{m:02}-{d:02}T00:00:00Z");
    let uuid = format!(
        "uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        id >> 96,
        (id >> 80) & 0xffff,
        (id >> 64) & 0xffff,
        (id >> 48) & 0xffff,
        id & 0xffff_ffff_ffff
    );
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{producer}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}',
        title = xml_escape(&opts.title),
        producer = producer(),
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
