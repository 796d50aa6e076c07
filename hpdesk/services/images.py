"""Pictures as hpdesk draws them: the one rule for turning any image Pillow reads into pixels fit to show or print.

Thumbnails, the print images of the signed packet and the seal image all go through `normalised`, so a picture
looks the same everywhere: upright (EXIF orientation), at most a given size, and in plain 8-bit RGB on white (or RGBA
where the caller keeps transparency). The branches that matter because real scans and phones produce them:
- 16-bit greyscale (`I;16`, `I`, `F`: document scanners) is scaled down to 8 bits; a plain `convert("RGB")` clips
  every value above 255 to white and the page prints blank;
- CMYK JPEGs (from print shops' and some scanners' software) are converted, not drawn as if RGB;
- transparency (RGBA, LA, palettes or greyscale with a transparent colour) is laid on white: transparent pixels
  print black in some viewers and JPEG has no alpha.
"""

from __future__ import annotations

import math

from PIL import Image

_ORIENTATION_TAG = 0x0112
# EXIF orientation → the transposition that stands the picture upright (as ImageOps.exif_transpose does).
_UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
            5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
            8: Image.Transpose.ROTATE_90}
_SIDEWAYS = (5, 6, 7, 8)  # the orientations whose transposition swaps width and height
_WIDE_GREY = ("I", "I;16", "I;16B", "I;16L", "I;16N", "F")


def normalised(opened: Image.Image, longest: int, *, keep_alpha: bool = False) -> Image.Image:
    """`opened` (as `Image.open` returned it, not yet loaded) upright, shrunk to at most `longest` pixels on its
    longer side, as 8-bit RGB on white — or RGBA with its transparency when `keep_alpha`.

    JPEGs are decoded at reduced scale (Pillow's draft mode), so a 20-megapixel photo never sits whole in memory.
    `opened` itself may be changed (it is shrunk in place); the caller still closes it. Raises whatever Pillow raises
    for a damaged or unsupported file, DecompressionBombError included.
    """
    orientation = opened.getexif().get(_ORIENTATION_TAG)
    _draft(opened, longest)
    image = opened
    if image.mode in _WIDE_GREY:  # Pillow resizes 8-bit pictures only
        image = _eight_bit(image)
    elif image.mode == "P" or image.mode not in ("RGB", "RGBA", "L", "LA"):
        # palettes resize with the nearest pixel only, and CMYK or YCbCr need converting anyway
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    elif "transparency" in image.info and image.mode in ("RGB", "L"):
        image = image.convert("RGBA" if image.mode == "RGB" else "LA")
    image.thumbnail((longest, longest))
    image = image.convert("RGBA") if keep_alpha else _on_white(image)
    transposition = _UPRIGHT.get(orientation or 1)
    if transposition is not None:
        return image.transpose(transposition)
    # closing `opened` must not take the result with it: a new Image on the same pixels (no copy of them)
    if image is opened:
        image.load()  # a picture already small enough is not loaded yet
        return image._new(image.im)
    return image


def normalised_size(opened: Image.Image, longest: int) -> tuple[int, int]:
    """The size `normalised(opened, longest)` gives, read from the file's header: nothing is decoded. `opened` is
    drafted as `normalised` drafts it (JPEGs), so it is not to be decoded afterwards."""
    orientation = opened.getexif().get(_ORIENTATION_TAG)
    _draft(opened, longest)
    width, height = fitted_size(opened.size, longest)
    return (height, width) if orientation in _SIDEWAYS else (width, height)


def fitted_size(size: tuple[int, int], longest: int) -> tuple[int, int]:
    """The size `Image.thumbnail((longest, longest))` gives a picture of `size`: unchanged when it fits, else the
    aspect kept with Pillow's rounding (of floor and ceiling, the one nearer the aspect; at least 1)."""
    width, height = size
    if longest >= width and longest >= height:
        return size
    aspect = width / height
    if aspect <= 1:  # as tall as wide or taller: the height is `longest`
        return max(min(math.floor(longest * aspect), math.ceil(longest * aspect),
                       key=lambda n: abs(aspect - n / longest)), 1), longest
    return longest, max(min(math.floor(longest / aspect), math.ceil(longest / aspect),
                            key=lambda n: 0 if n == 0 else abs(aspect - longest / n)), 1)


def _draft(opened: Image.Image, longest: int) -> None:
    """Ask a JPEG's decoder for the smallest scale still at least `longest` on the longer side (Pillow's draft
    mode: libjpeg decodes at 1/2, 1/4 or 1/8 of the size); other formats are left as they are."""
    width, height = opened.size
    if opened.format == "JPEG" and max(width, height) > longest:
        scale = longest / max(width, height)
        opened.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _eight_bit(image: Image.Image) -> Image.Image:
    """16-bit greyscale (0–65535) scaled into 8 bits: a table lookup for the common `I;16` (it stays two bytes a
    pixel), through 32-bit integers for the rest."""
    if image.mode == "I;16":
        return image.point(lambda value: value / 256, "L").convert("L")
    return image.convert("I").point(lambda value: value / 256).convert("L")


def _on_white(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA"):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, "white")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image if image.mode == "RGB" else image.convert("RGB")
