"""Wraps HTJ2K codestreams (made by the test with OpenJPH's encoder) into a DICOM file, with pydicom.

usage: /usr/bin/python3 make_htj2k_dicom.py SOURCE.dcm OUT.dcm PHOTOMETRIC FRAME0.j2c [FRAME1.j2c ...]
The data set is SOURCE's, with the pixel data replaced by the encapsulated codestreams (basic offset table),
Transfer Syntax HTJ2K Lossless (1.2.840.10008.1.2.4.201) and the given Photometric Interpretation.
Prints JSON: {"openjpegIdentical": bool}: whether OpenJPEG (Pillow), an HTJ2K decoder independent of OpenJPH,
decodes every codestream to SOURCE's pixels exactly, so the encoder's output is known to be lossless.
"""
import io
import json
import sys
import warnings

import numpy as np
import pydicom
from PIL import Image
from pydicom.encaps import encapsulate

warnings.filterwarnings("ignore")

HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201"
# pydicom 2.3 predates the HTJ2K syntaxes (2023) and refuses to write an unknown transfer syntax: register it.
pydicom._uid_dict.UID_dictionary.setdefault(
    HTJ2K_LOSSLESS, ("High-Throughput JPEG 2000 Image Compression (Lossless Only)", "Transfer Syntax", "", "", "HTJ2KLossless")
)


def main():
    source, out, photometric, *streams = sys.argv[1:]
    ds = pydicom.dcmread(source)
    original = ds.pixel_array
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    original = original if frames > 1 else original[np.newaxis]
    codestreams = [open(p, "rb").read() for p in streams]
    identical = len(codestreams) == frames
    for i, codestream in enumerate(codestreams):
        image = Image.open(io.BytesIO(codestream))
        image.load()
        decoded = np.asarray(image)
        if ds.PixelRepresentation == 1:
            # Pillow hands signed J2K samples over shifted to unsigned (+2^(precision-1)): undo the shift.
            decoded = decoded.astype(np.int64) - (1 << (ds.BitsStored - 1))
        decoded = decoded.astype(original.dtype)
        identical = identical and decoded.shape == original[i].shape and bool(np.array_equal(decoded, original[i]))
    ds.file_meta.TransferSyntaxUID = HTJ2K_LOSSLESS
    ds.PixelData = encapsulate(codestreams, has_bot=True)
    ds["PixelData"].is_undefined_length = True
    ds["PixelData"].VR = "OB"
    ds.PhotometricInterpretation = photometric
    if "PlanarConfiguration" in ds:
        ds.PlanarConfiguration = 0
    ds.is_implicit_VR = False
    ds.is_little_endian = True
    ds.save_as(out, write_like_original=False)
    json.dump({"openjpegIdentical": identical}, sys.stdout)


main()
