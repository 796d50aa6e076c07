"""PDF attachments' pages drawn into the laid-out packet (pypdf), each into the slot the layout reserved for it.

Each attachment page is drawn as a form XObject: its content stream copied as it is (never parsed), its resources
cloned, clipped to its crop box, placed by one `cm` in a small content stream appended to the packet page. pypdf's
`merge_transformed_page` parses both pages' content streams into operators to rename resources and to insert the
transformation, which was most of the merging time (a scanned or text-heavy page has thousands of operators) and
rewrote the packet page's own content uncompressed; drawing a form needs neither, and shows the same. A page with
annotations (web links, notes) still goes through `merge_transformed_page`, which carries them over; links into the
attachment's own pages cannot follow it into the packet and are dropped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from hpdesk.services.progress import CancelToken, check_cancelled

if TYPE_CHECKING:
    from pypdf import PageObject, PdfWriter
    from pypdf.generic import IndirectObject

    from hpdesk.services.exporting.pdf_evidence import PdfSlot


def merge_pdf_pages(packet: Path, slots: list[PdfSlot], out_path: Path, document_id: str,
                    cancel: CancelToken | None = None) -> Path:
    """Draw each slot's attachment page, scaled to fit and centred at the top, into `packet`'s pages; write the
    result to `out_path` with a file identifier derived from `document_id` (so equal content gives equal files).
    A page shown twice (the index thumbnail and its own page) is embedded once."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import ArrayObject, ByteStringObject

    class _StableIdWriter(PdfWriter):
        def generate_file_identifiers(self) -> None:
            identifier = ByteStringObject(hashlib.md5(document_id.encode("utf-8")).digest())
            self._ID = ArrayObject((identifier, identifier))

    writer = _StableIdWriter(clone_from=PdfReader(packet))
    current: tuple[Path, Any] | None = None
    handle = None
    private: set[int] = set()
    forms: dict[tuple[Path, int], IndirectObject] = {}
    try:
        for slot in slots:
            check_cancelled(cancel)
            if current is None or current[0] != slot.source:
                if handle is not None:
                    handle.close()
                handle = open(slot.source, "rb")
                reader = PdfReader(handle, strict=False)
                if reader.is_encrypted:
                    reader.decrypt("")
                current = (slot.source, reader)
            page = current[1].pages[slot.page_index]
            if page.rotation % 360:
                page = _upright(page)
            box = page.cropbox
            left, bottom, width, height = float(box.left), float(box.bottom), float(box.width), float(box.height)
            x, y, slot_width, slot_height = slot.box
            scale = min(slot_width / width, slot_height / height)
            x0 = x + (slot_width - width * scale) / 2
            y0 = y + slot_height - height * scale
            transform = Transformation().translate(-left, -bottom).scale(scale, scale).translate(x0, y0)
            target = writer.pages[slot.page_number]
            first_on_page = slot.page_number not in private
            if first_on_page:
                _private_resources(target)
                private.add(slot.page_number)
            if "/Annots" in page and _keep_outward_annotations(page):
                target.merge_transformed_page(page, transform)
                continue
            key = (slot.source, slot.page_index)
            if key not in forms:
                forms[key] = _form_xobject(writer, page)
            _draw_form(writer, target, forms[key], transform.ctm, isolate=first_on_page)
        writer.add_metadata({"/Producer": "hpdesk"})
        with open(out_path, "wb") as output:
            writer.write(output)
    finally:
        if handle is not None:
            handle.close()
    return out_path


def _keep_outward_annotations(page: PageObject) -> bool:
    """Drop `page`'s links that lead inside its own document or act on the reader's PC (/Dest, GoTo, GoToR,
    Launch, JavaScript …): the attachment's pages are drawn into other pages of the packet, so such a link pointed at
    a page object outside the packet (pypdf copied that whole page along, unseen) or at nothing. Web links (URI) and
    every other kind of annotation stay. Changes the page in memory only; whether any annotation is left."""
    from pypdf.generic import ArrayObject, NameObject

    kept = ArrayObject()
    annotations = page["/Annots"].get_object()  # an array, or nothing usable (mypy: not iterable as a PdfObject)
    for reference in annotations if isinstance(annotations, ArrayObject) else []:
        annotation = reference.get_object()
        action = annotation.get("/A")
        action = action.get_object() if action is not None else None
        inward = annotation.get("/Subtype") == "/Link" and (
            "/Dest" in annotation or (action is not None and action.get("/S") != "/URI"))
        if not inward:
            kept.append(reference)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        del page["/Annots"]
    return bool(kept)


def _upright(page: PageObject) -> PageObject:
    """A copy of a page stored sideways (/Rotate), turned upright: its content and boxes by pypdf's
    transfer_rotation_to_content, its annotations' rectangles by the same turn here (pypdf leaves them where they
    were on the unturned page, so a link landed beside its text, or off the page)."""
    from pypdf import PdfWriter, Transformation
    from pypdf.generic import ArrayObject, NameObject, RectangleObject

    page = PdfWriter().add_page(page)  # pypdf rewrites content only on a page owned by a writer; a copy, too
    box = RectangleObject(page.mediabox)
    # the turn transfer_rotation_to_content applies: about the media box's centre, back into positive coordinates
    turn = (Transformation().translate(-float(box.left + box.width / 2), -float(box.bottom + box.height / 2))
            .rotate(-page.rotation))
    corners = (turn.apply_on(box.lower_left), turn.apply_on(box.upper_right))
    turn = turn.translate(-min(corner[0] for corner in corners), -min(corner[1] for corner in corners))
    page.transfer_rotation_to_content()
    for annotation in page.get("/Annots") or []:
        annotation = annotation.get_object()
        if "/Rect" in annotation:
            rect = annotation["/Rect"]
            low, high = turn.apply_on((rect[0], rect[1]), True), turn.apply_on((rect[2], rect[3]), True)
            annotation[NameObject("/Rect")] = RectangleObject((min(low[0], high[0]), min(low[1], high[1]),
                                                               max(low[0], high[0]), max(low[1], high[1])))
        if "/QuadPoints" in annotation:
            quad = annotation["/QuadPoints"]
            annotation[NameObject("/QuadPoints")] = ArrayObject(
                value for index in range(0, len(quad) - 1, 2)
                for value in turn.apply_on((quad[index], quad[index + 1]), True))
    return page


def _form_xobject(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """`page` as a form XObject in `writer`: its content as it is (compressed again), its resources (inherited ones
    included) cloned, its crop box as the form's bounding box (which clips, as a page's crop box does)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    contents = page.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")  # the bytes, not parsed into operators
    box = page.cropbox
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(float(value)) for value in
                                            (box.left, box.bottom, box.right, box.top))
    node: Any = page
    while "/Resources" not in node and "/Parent" in node:  # resources may be inherited from the page tree
        node = node["/Parent"].get_object()
    if "/Resources" in node:
        form[NameObject("/Resources")] = node["/Resources"].get_object().clone(writer)
    return writer._add_object(form.flate_encode())


def _draw_form(writer: PdfWriter, target: PageObject, form: IndirectObject, matrix: tuple[float, ...], *,
               isolate: bool) -> None:
    """Append to `target`'s content a stream that draws `form` through `matrix`. `isolate` (the page's first
    draw): wrap the page's own content in q … Q first, so the form starts from the page's default state."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    def stream(data: bytes) -> IndirectObject:
        added = DecodedStreamObject()
        added.set_data(data)
        return writer._add_object(added)

    resources = cast(DictionaryObject, target["/Resources"])  # the page's own (_private_resources)
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    xobjects = cast(DictionaryObject, resources["/XObject"])
    number = len(xobjects)
    while f"/HpdeskPage{number}" in xobjects:
        number += 1
    name = f"/HpdeskPage{number}"
    xobjects[NameObject(name)] = form
    parts = _content_parts(writer, target)
    if isolate and parts:
        parts = [stream(b"q\n"), *parts, stream(b"\nQ\n")]
    numbers = " ".join(f"{value:.6f}".rstrip("0").rstrip(".") for value in matrix)
    parts.append(stream(f"q {numbers} cm {name} Do Q\n".encode("ascii")))
    target[NameObject("/Contents")] = ArrayObject(parts)


def _content_parts(writer: PdfWriter, page: PageObject) -> list[Any]:
    """The references to `page`'s content streams, in order (a direct stream is added to `writer` first)."""
    from pypdf.generic import ArrayObject, IndirectObject

    raw = page.raw_get("/Contents") if "/Contents" in page else None
    resolved = raw.get_object() if isinstance(raw, IndirectObject) else raw
    if resolved is None:
        return []
    if isinstance(resolved, ArrayObject):
        return list(resolved)
    return [raw if isinstance(raw, IndirectObject) else writer._add_object(resolved)]


def _private_resources(page: PageObject) -> None:
    """Give `page` its own /Resources and sub-dictionaries (shallow copies). reportlab shares one /Font dictionary
    (and one /XObject dictionary) among all pages, and an attachment's fonts and forms go into the page's: without
    this every page of the packet would list every attachment's."""
    from pypdf.generic import DictionaryObject, NameObject

    resources = page.get("/Resources")
    copied = DictionaryObject()
    if resources is not None:
        for key, value in resources.get_object().items():
            value = value.get_object()
            copied[NameObject(key)] = DictionaryObject(value) if isinstance(value, DictionaryObject) else value
    page[NameObject("/Resources")] = copied
